import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlConnection } from '@mikro-orm/postgresql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import supertest from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { cloneTemplateDatabase } from './test-database';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly http: ReturnType<typeof supertest>;
  readonly databaseUrl: string;
  /** An EntityManager of its own, for arranging and inspecting data directly. */
  em(): EntityManager;
  /** POSTs a GraphQL operation; `token` becomes a Bearer authorization. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Runs `work` and returns its result with the SQL statements the database received meanwhile. */
  countSql<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  close(): Promise<void>;
}

/**
 * The whole application over HTTP on a database of its own, cloned from the migrated template.
 * `env` overrides configuration variables (e.g. `{ NODE_ENV: 'production', JWT_SECRET: … }`).
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await cloneTemplateDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_POOL_MAX: '4', ...env, DATABASE_URL: database.url });
  let app: NestFastifyApplication;
  try {
    app = await createApp({ ...config, databaseUrl: database.url });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const orm = app.get(MikroORM);
  const http = supertest(app.getHttpServer());
  const recorded: string[][] = [];
  (orm.em.getConnection() as PostgreSqlConnection)
    .getKnex()
    .on('query', (query: { sql: string }) => recorded.forEach((statements) => statements.push(query.sql)));

  return {
    app,
    http,
    databaseUrl: database.url,
    em: () => orm.em.fork() as EntityManager,
    async gql(query, variables, token) {
      const request = http.post('/graphql').set('content-type', 'application/json');
      if (token) request.set('authorization', `Bearer ${token}`);
      const response = await request.send({ query, variables });
      return response.body;
    },
    async countSql(work) {
      const statements: string[] = [];
      recorded.push(statements);
      try {
        return { result: await work(), statements };
      } finally {
        recorded.splice(recorded.indexOf(statements), 1);
      }
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
