import { MikroORM } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { SchemaGenerator } from '@mikro-orm/postgresql';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * The template every spec clones was built by running the checked-in migrations, so comparing it
 * with the entities proves the migrations are complete (`npm run migration:create` when not).
 */
describe('migrations', () => {
  let t: TestApp;
  let orm: MikroORM;
  beforeAll(async () => {
    t = await createTestApp();
    orm = t.app.get(MikroORM);
  });
  afterAll(() => t.close());

  it('produce exactly the schema the entities describe', async () => {
    const generator = orm.getSchemaGenerator() as SchemaGenerator;
    const pending = await generator.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
    expect(pending.trim()).toBe('');
  });

  it('have a snapshot that agrees with the entities', async () => {
    const migrator = orm.getMigrator<Migrator>();
    expect(await migrator.checkMigrationNeeded()).toBe(false);
  });

  it('are all applied and none is missing from the folder', async () => {
    const migrator = orm.getMigrator<Migrator>();
    expect(await migrator.getPendingMigrations()).toEqual([]);
    const executed = (await migrator.getExecutedMigrations()).map((migration) => migration.name);
    expect(executed.length).toBeGreaterThan(0);
  });
});
