import { MikroORM } from '@mikro-orm/postgresql';
import { Region } from '../modules/regions/region.entity';
import { ormOptions } from './orm-options';
import { seedDemoData } from './seeders/demo.seeder';

export interface PrepareOptions {
  readonly migrate?: boolean;
  /** Seed demo data when the database holds no regions yet (a first run). */
  readonly seedIfEmpty?: boolean;
  /** Seed (or refresh) demo data whatever the database holds. */
  readonly seed?: boolean;
  readonly log?: (message: string) => void;
}

export interface PrepareResult {
  readonly migrationsApplied: string[];
  readonly seeded: boolean;
}

/** Applies pending migrations and seeds demo data, before the API starts serving. */
export async function prepareDatabase(databaseUrl: string, options: PrepareOptions): Promise<PrepareResult> {
  const log = options.log ?? (() => undefined);
  // The migrator would print to the console; what it did is logged below instead.
  const orm = await MikroORM.init({ ...ormOptions({ databaseUrl, poolMax: 2 }), allowGlobalContext: true, logger: () => undefined });
  try {
    let migrationsApplied: string[] = [];
    if (options.migrate) {
      const applied = await orm.getMigrator().up();
      migrationsApplied = applied.map((migration) => migration.name);
      if (migrationsApplied.length > 0) log(`applied ${migrationsApplied.length} migration(s): ${migrationsApplied.join(', ')}`);
    }
    const em = orm.em.fork();
    const seed = options.seed || (options.seedIfEmpty && (await em.count(Region)) === 0);
    if (seed) {
      const counts = await seedDemoData(em);
      log(
        `seeded demo data: ${Object.entries(counts)
          .map(([what, n]) => `${n} ${what}`)
          .join(', ')}`,
      );
    }
    return { migrationsApplied, seeded: Boolean(seed) };
  } finally {
    await orm.close();
  }
}
