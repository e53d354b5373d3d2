import pino from 'pino';
import { loadConfigOrExit } from '../src/config/load-config-or-exit';
import { DatabaseHandle, openDatabase } from '../src/database/open-database';

/** The database the benchmark uses on the embedded cluster, beside (never instead of) the demo one. */
export const BENCH_DATABASE_NAME = 'hometown_bench';

/**
 * The benchmark's database: DATABASE_URL as is when it is set; otherwise the `hometown_bench`
 * database on the embedded cluster (started here when it is not running), so the demo data in
 * `hometown` stays untouched.
 */
export async function openBenchDatabase(log: (message: string) => void): Promise<DatabaseHandle> {
  const database = await openDatabase(loadConfigOrExit(), log);
  if (!database.embedded) return database;
  try {
    if (await database.embedded.ensureDatabase(BENCH_DATABASE_NAME)) log(`created the database ${BENCH_DATABASE_NAME}`);
  } catch (error) {
    await database.stop();
    throw error;
  }
  return { url: database.embedded.url(BENCH_DATABASE_NAME), embedded: database.embedded, stop: () => database.stop() };
}

/**
 * Runs a benchmark script against the bench database and exits with its status, stopping the
 * embedded cluster when this process started it. Like `runDatabaseScript`
 * (src/database/scripts/run-script.ts), which cannot be reused as is: it hands its task the URL
 * of the `hometown` database only.
 */
export function runBenchScript(
  name: string,
  task: (database: DatabaseHandle, log: (message: string) => void) => Promise<number | void>,
): void {
  const logger = pino({ base: { component: name } });
  const log = (message: string) => logger.info(message);
  let database: DatabaseHandle | undefined;
  (async () => {
    database = await openBenchDatabase(log);
    const code = (await task(database, log)) ?? 0;
    await database.stop();
    process.exit(code);
  })().catch(async (error: unknown) => {
    logger.fatal({ err: error }, `${name} failed`);
    await database?.stop().catch(() => undefined);
    process.exit(1);
  });
}

/** A hidden password is shown as `***` in a connection string printed to the console. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
