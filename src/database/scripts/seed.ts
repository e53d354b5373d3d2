import { prepareDatabase } from '../prepare-database';
import { runDatabaseScript } from './run-script';

/** `npm run seed`: loads (or refreshes) the demo data; the database must be migrated. */
runDatabaseScript('seed', async (url, log) => {
  await prepareDatabase(url, { seed: true, log });
});
