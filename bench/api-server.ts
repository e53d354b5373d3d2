/**
 * The Hometown API for the benchmark: built by `createApp` as in production, in a child process of
 * its own (started by bench.ts with NODE_ENV=production in its environment, as a production
 * process is), so the API, the bare route and the load generator each have a process, and neither
 * server shares one with the load. It reports its port over IPC, then answers bench.ts's questions
 * over IPC (see {@link ApiQuestion}): the SQL statements it has sent and the HTTP requests it has
 * answered, what is still in flight, the statements sent between a start and a stop of recording,
 * and the plan of a statement through its own connection pool (so with its session settings).
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/app-config';

/** What bench.ts asks, with an id its answer carries back. */
export type ApiQuestion = { id: number } & (
  { op: 'counters' } | { op: 'record-start' } | { op: 'record-stop' } | { op: 'explain'; sql: string }
);

export interface ApiCounters {
  /** SQL statements sent and HTTP requests answered since the start. */
  statements: number;
  served: number;
  /** HTTP requests and SQL statements not finished yet. */
  inFlight: number;
  sqlInFlight: number;
}

export type ApiAnswer = { id: number } & ({ result: unknown } | { error: string });

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) throw new Error('BENCH_DATABASE_URL is not set');
  const outboxDir = await mkdtemp(join(os.tmpdir(), 'hometown-bench-outbox-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-'.padEnd(40, 'x'),
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: '10',
    HOST: '127.0.0.1',
    MAIL_OUTBOX_DIR: outboxDir,
  });
  const app = await createApp({ ...config, databaseUrl });
  await app.listen(0, '127.0.0.1');

  const counters: ApiCounters = { statements: 0, served: 0, inFlight: 0, sqlInFlight: 0 };
  let recording: string[] | undefined;
  // A listener of its own beside Fastify's (the app is ready: Fastify takes no more hooks). A
  // response closes when it is sent, or when the client gives up on it.
  app.getHttpServer().on('request', (_request: unknown, response: { once(event: 'close', listener: () => void): void }) => {
    counters.inFlight += 1;
    response.once('close', () => {
      counters.inFlight -= 1;
      counters.served += 1;
    });
  });
  const connection = app.get(MikroORM).em.getConnection() as PostgreSqlConnection;
  const knex = connection.getKnex();
  knex.on('query', (query: { sql: string }) => {
    counters.statements += 1;
    counters.sqlInFlight += 1;
    recording?.push(query.sql);
  });
  knex.on('query-response', () => (counters.sqlInFlight -= 1));
  knex.on('query-error', () => (counters.sqlInFlight -= 1));

  const answer = async (question: ApiQuestion): Promise<unknown> => {
    switch (question.op) {
      case 'counters':
        return { ...counters };
      case 'record-start':
        recording = [];
        return null;
      case 'record-stop': {
        const statements = recording ?? [];
        recording = undefined;
        return statements;
      }
      case 'explain': {
        const rows = await connection.execute<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${question.sql}`);
        return rows.map((row) => row['QUERY PLAN']);
      }
    }
  };
  process.on('message', (question: ApiQuestion) => {
    answer(question).then(
      (result) => process.send?.({ id: question.id, result } satisfies ApiAnswer),
      (error: unknown) => process.send?.({ id: question.id, error: String(error) } satisfies ApiAnswer),
    );
  });

  const shutdown = async () => {
    await app.close();
    await rm(outboxDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('disconnect', () => void shutdown());

  const address = app.getHttpServer().address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
}

main().catch((error: unknown) => {
  console.error('the API failed to start', error);
  process.exit(1);
});
