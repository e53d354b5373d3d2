import pino from 'pino';
import { loadConfigOrExit } from '../../config/load-config-or-exit';
import { DatabaseHandle, openDatabase } from '../open-database';

/**
 * Runs a database command against the configured database (starting the embedded one when
 * DATABASE_URL is unset) and exits with its status; configuration errors print one line.
 */
export function runDatabaseScript(name: string, task: (url: string, log: (message: string) => void) => Promise<number | void>): void {
  const config = loadConfigOrExit();
  const logger = pino({ level: config.logLevel === 'silent' ? 'silent' : 'info', base: { component: name } });
  const log = (message: string) => logger.info(message);
  let database: DatabaseHandle | undefined;
  (async () => {
    database = await openDatabase(config, log);
    const code = (await task(database.url, log)) ?? 0;
    await database.stop();
    process.exit(code);
  })().catch(async (error: unknown) => {
    logger.fatal({ err: error }, `${name} failed`);
    await database?.stop().catch(() => undefined);
    process.exit(1);
  });
}
