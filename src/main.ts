import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { createApp } from './app.factory';
import { loadConfigOrExit } from './config/load-config-or-exit';
import { DatabaseHandle, openDatabase } from './database/open-database';
import { prepareDatabase } from './database/prepare-database';

/**
 * Starts Hometown: validates the configuration, opens the database (the embedded PostgreSQL when
 * DATABASE_URL is unset: migrated, and seeded with demo data on its first run), serves the API,
 * and on SIGINT/SIGTERM finishes in-flight requests, closes the pool and stops the database.
 */
function main(): void {
  const config = loadConfigOrExit();
  // Synchronous so the last lines before process.exit() are never lost or reordered.
  const log = pino({ level: config.logLevel, base: { component: 'startup' } }, pino.destination({ sync: true }));
  let database: DatabaseHandle | undefined;
  let app: NestFastifyApplication | undefined;
  let stopping = false;

  const start = async () => {
    database = await openDatabase(config, (message) => log.info(message));
    if (stopping) return;
    const embedded = database.embedded !== undefined;
    await prepareDatabase(database.url, {
      migrate: embedded || config.migrateOnStart,
      seedIfEmpty: embedded,
      log: (message) => log.info(message),
    });
    if (stopping) return;
    app = await createApp({ ...config, databaseUrl: database.url });
    if (stopping) return;
    await app.listen({ port: config.port, host: config.host });
    log.info({ url: `http://localhost:${config.port}/graphql` }, 'Hometown API ready');
  };

  let startup: Promise<void> = Promise.resolve();
  const shutdown = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    // A signal during start-up lets the current step finish, so whatever it started is stopped below.
    await startup.catch(() => undefined);
    try {
      // Stops accepting connections, waits for in-flight requests, then closes the pool.
      await app?.close();
      await database?.stop();
      log.info('stopped');
    } catch (error) {
      log.error({ err: error }, 'error while shutting down');
      exitCode = 1;
    }
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void shutdown(signal, 0));
  }

  startup = start().catch((error: unknown) => {
    log.fatal({ err: error }, 'could not start');
    void shutdown('start-up failed', 1);
  });
}

main();
