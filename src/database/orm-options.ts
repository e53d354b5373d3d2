import { join } from 'node:path';
import { DataloaderType } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, Options } from '@mikro-orm/postgresql';
import { ENTITIES } from './entities';

const PROJECT_ROOT = join(__dirname, '..', '..');
// Compiled code lives in dist/src/database; sources in src/database.
const RUNNING_TYPESCRIPT = __filename.endsWith('.ts');
const ROOT = RUNNING_TYPESCRIPT ? PROJECT_ROOT : join(PROJECT_ROOT, '..');

export interface OrmSettings {
  readonly databaseUrl: string;
  readonly poolMax?: number;
  readonly debug?: boolean;
}

/** MikroORM options for the app, the CLI and the tests alike. */
export function ormOptions({ databaseUrl, poolMax = 10, debug = false }: OrmSettings): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    // Relations requested by many parents in one GraphQL query load in one batch per request.
    dataloader: DataloaderType.ALL,
    // Every request works in its own EntityManager fork; touching the global one is a bug.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    discovery: { requireEntitiesArray: true },
    pool: {
      min: 0,
      max: poolMax,
      // Typo-tolerant name search matches words at least this similar (pg_trgm's default, 0.6,
      // misses one-letter typos in short words such as "bakry").
      afterCreate: (
        connection: { query: (sql: string, done: (error: Error | null) => void) => void },
        done: (error: Error | null, connection: unknown) => void,
      ) => connection.query('SET pg_trgm.word_similarity_threshold = 0.5', (error) => done(error, connection)),
    },
    debug,
    preferTs: RUNNING_TYPESCRIPT,
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: join(ROOT, 'dist', 'migrations'),
      pathTs: join(ROOT, 'migrations'),
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot: true,
      snapshotName: '.snapshot-hometown',
      emit: 'ts',
      fileName: (timestamp, name) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
  });
}
