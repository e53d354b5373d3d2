import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { createApp } from './app.factory';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { DatabaseHandle, openDatabase } from './database/open-database';
import { prepareDatabase } from './database/prepare-database';

/**
 * Starts Hometown: validates the configuration, opens the database (the embedded PostgreSQL when
 * DATABASE_URL is unset: migrated, and seeded with demo data on its first run), serves the API,
 * and on SIGINT/SIGTERM finishes in-flight requests, closes the pool and stops the database.
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const log = pino({ level: config.logLevel, base: { component: 'startup' } });
  let database: DatabaseHandle | undefined;
  let app: NestFastifyApplication | undefined;
  let stopping = false;

  const shutdown = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
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

  try {
    database = await openDatabase(config, (message) => log.info(message));
    const embedded = database.embedded !== undefined;
    await prepareDatabase(database.url, {
      migrate: embedded || config.migrateOnStart,
      seedIfEmpty: embedded,
      log: (message) => log.info(message),
    });
    if (stopping) return;
    app = await createApp({ ...config, databaseUrl: database.url });
    await app.listen({ port: config.port, host: config.host });
    log.info({ url: `http://localhost:${config.port}/graphql` }, 'Hometown API ready');
  } catch (error) {
    log.fatal({ err: error }, 'could not start');
    await shutdown('start-up failed', 1);
  }
}

void main();
