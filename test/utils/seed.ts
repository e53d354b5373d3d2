import { EntityManager } from '@mikro-orm/postgresql';
import { seedDemoData } from '../../src/database/seeders/demo.seeder';
import { Region } from '../../src/modules/regions/region.entity';

/** Loads the demo data and returns the regions by slug. */
export async function seedDemo(em: EntityManager): Promise<Map<string, Region>> {
  await seedDemoData(em);
  return new Map((await em.find(Region, {})).map((region) => [region.slug, region]));
}
