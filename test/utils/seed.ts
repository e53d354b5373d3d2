import { EntityManager } from '@mikro-orm/postgresql';
import { seedBusinesses, seedCategories, seedRegions } from '../../src/database/seeders/demo.seeder';
import { Region } from '../../src/modules/regions/region.entity';

/**
 * Loads the demo regions and categories (and, when asked, the demo listings with their owners)
 * and returns the regions by slug.
 */
export async function seedDemo(em: EntityManager, { businesses = false } = {}): Promise<Map<string, Region>> {
  await seedRegions(em);
  await seedCategories(em);
  if (businesses) await seedBusinesses(em);
  return new Map((await em.find(Region, {})).map((region) => [region.slug, region]));
}
