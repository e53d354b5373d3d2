import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlConnection } from '@mikro-orm/postgresql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import supertest from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { BackgroundTasks } from '../../src/core/background/background-tasks.service';
import type { OutboxMessage } from '../../src/core/mail/mailer.service';
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
  /** E-mails written so far (after background sends have finished), oldest first. */
  outbox(): Promise<OutboxMessage[]>;
  /** Every row of every table (but rate-limit counters and migration bookkeeping), to compare before and after. */
  snapshot(): Promise<Record<string, unknown[]>>;
  /** Runs `work` and asserts that it changed nothing in the database. */
  expectUnchanged<T>(work: () => Promise<T>): Promise<T>;
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
  const outboxDir = await mkdtemp(join(tmpdir(), 'hometown-outbox-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_POOL_MAX: '4',
    MAIL_OUTBOX_DIR: outboxDir,
    // Every request of a test comes from 127.0.0.1: the per-address limit is tested on its own.
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000',
    ...env,
    DATABASE_URL: database.url,
  });
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
    async outbox() {
      await app.get(BackgroundTasks).idle();
      const files = (await readdir(outboxDir)).filter((file) => file.endsWith('.json')).sort();
      return Promise.all(files.map(async (file) => JSON.parse(await readFile(join(outboxDir, file), 'utf8')) as OutboxMessage));
    },
    snapshot: () => snapshotDatabase(orm),
    async expectUnchanged(work) {
      const before = await snapshotDatabase(orm);
      const result = await work();
      await app.get(BackgroundTasks).idle();
      expect(await snapshotDatabase(orm)).toEqual(before);
      return result;
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
      await rm(outboxDir, { recursive: true, force: true });
    },
  };
}

const UNSNAPSHOTTED = new Set(['rate_limit_counter', 'mikro_orm_migrations']);

async function snapshotDatabase(orm: MikroORM): Promise<Record<string, unknown[]>> {
  const connection = orm.em.getConnection();
  const tables = await connection.execute<{ tablename: string }[]>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const { tablename } of tables) {
    if (UNSNAPSHOTTED.has(tablename)) continue;
    // The whole row as text orders every table fully, composite keys included.
    snapshot[tablename] = await connection.execute(`SELECT * FROM "${tablename}" AS row ORDER BY row::text COLLATE "C"`);
  }
  return snapshot;
}
