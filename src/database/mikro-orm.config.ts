import { ormOptions } from './orm-options';

/**
 * Configuration read by the MikroORM CLI (`npm run orm -- migration:create`). The wrapper script
 * starts the embedded database and sets DATABASE_URL when it is not given.
 */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is not set: run the CLI through `npm run orm -- <command>`');

export default ormOptions({ databaseUrl });
