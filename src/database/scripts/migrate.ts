import { prepareDatabase } from '../prepare-database';
import { runDatabaseScript } from './run-script';

/** `npm run migrate`: applies pending migrations. */
runDatabaseScript('migrate', async (url, log) => {
  const { migrationsApplied } = await prepareDatabase(url, { migrate: true, log });
  if (migrationsApplied.length === 0) log('the database is up to date');
});
