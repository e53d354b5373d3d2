import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { sql } from '../../utils/graphql-assertions';
import { createTestApp, TestApp } from '../../utils/test-app';
import { buildFixture, Fixture } from './search-fixture';

/** `region:category` (or `region:` for the region's total) → listings, as stored or as recounted. */
type Counts = Record<string, number>;

/**
 * The published-listing counts that facets of a region add up (listing_count_by_region and
 * listing_count_by_category, kept by triggers) must always equal a recount of the listings. The
 * recount here is the test's own, in TypeScript from the raw rows; after every kind of statement
 * that changes listings, their links or the taxonomy, single-row and multi-row, the tables must
 * agree with it.
 */
describe('kept listing counts', () => {
  let t: TestApp;
  let fx: Fixture;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await buildFixture(t);
  });
  afterAll(() => t.close());

  async function stored(): Promise<Counts> {
    const counts: Counts = {};
    for (const row of await sql(t, 'SELECT region_id, listings FROM listing_count_by_region')) counts[`${row.region_id}:`] = row.listings;
    for (const row of await sql(t, 'SELECT region_id, category_id, listings FROM listing_count_by_category'))
      counts[`${row.region_id}:${row.category_id}`] = row.listings;
    return counts;
  }

  /** Counts from the listings: a child category counts its links, a top-level category each listing under it once. */
  async function recounted(): Promise<Counts> {
    const listings = await sql(t, "SELECT id, region_id FROM business WHERE status = 'PUBLISHED' AND deleted_at IS NULL");
    const links = await sql(t, 'SELECT business_id, category_id FROM business_category');
    const parents = new Map(
      (await sql(t, 'SELECT id, parent_id FROM category')).map((row) => [row.id as string, row.parent_id as string | null]),
    );
    const counts: Counts = {};
    const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
    for (const listing of listings) {
      add(`${listing.region_id}:`);
      const under = new Set<string>();
      for (const link of links.filter((l) => l.business_id === listing.id)) {
        const parent = parents.get(link.category_id) ?? null;
        if (parent) under.add(link.category_id);
        under.add(parent ?? link.category_id);
      }
      for (const category of under) add(`${listing.region_id}:${category}`);
    }
    return counts;
  }

  async function expectInStep(): Promise<Counts> {
    const now = await stored();
    expect(now).toEqual(await recounted());
    // Shifts noted by a transaction are applied when it commits: none are left over.
    expect(await sql(t, 'SELECT * FROM listing_count_shift')).toEqual([]);
    return now;
  }

  /** A connection of its own, for transactions that interleave; a statement that waits 5 s fails. */
  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    await client.query("SET statement_timeout = '5s'");
    return client;
  }

  const id = (name: string) => fx.listing(name).id;
  const category = (slug: string) => fx.category(slug).id;
  const region = (slug: string) => fx.region(slug).id;

  it('hold the fixture’s published listings from the start', async () => {
    const counts = await expectInStep();
    expect(Object.keys(counts).length).toBeGreaterThan(10);
    expect(Object.values(counts).every((n) => n > 0)).toBe(true);
  });

  it('follow listings that are published, suspended, deleted, restored and moved, one or many per statement', async () => {
    const before = await expectInStep();
    const draft = id('Alakija Bakery');
    await sql(t, "UPDATE business SET status = 'PUBLISHED' WHERE id = ?", [draft]);
    const afterPublish = await expectInStep();
    expect(afterPublish[`${region('yaba-lagos-ng')}:${category('bakery')}`]).toBe(
      (before[`${region('yaba-lagos-ng')}:${category('bakery')}`] ?? 0) + 1,
    );

    const several = (await sql(t, "SELECT id FROM business WHERE status = 'PUBLISHED' AND deleted_at IS NULL ORDER BY name LIMIT 6")).map(
      (r) => r.id,
    );
    await sql(t, "UPDATE business SET status = 'SUSPENDED' WHERE id IN (?)", [several]);
    await expectInStep();
    await sql(t, 'UPDATE business SET deleted_at = now() WHERE id IN (?)', [several.slice(0, 3)]);
    await expectInStep();
    await sql(t, "UPDATE business SET status = 'PUBLISHED', deleted_at = NULL WHERE id IN (?)", [several]);
    await expectInStep();

    // Moved while published (and one moved while not: nothing to shift), in one statement.
    await sql(t, "UPDATE business SET status = 'PUBLISHED' WHERE id = ?", [id('Ikorodu Market Stall')]);
    await sql(t, 'UPDATE business SET region_id = ? WHERE id IN (?)', [
      region('osu-accra-gh'),
      [...several.slice(0, 2), id('Ajah Braids')],
    ]);
    await expectInStep();
    // Edits that do not touch status, deletion or region change nothing.
    const unchanged = await stored();
    await sql(t, "UPDATE business SET description = description || ' (edited)' WHERE id IN (?)", [several]);
    expect(await stored()).toEqual(unchanged);
  });

  it('follow category links added, removed and changed, one or many per statement', async () => {
    const listing = id('Yaba Tech Hub');
    // Replace all of a listing's links: two children of one parent, then the parent itself too.
    await sql(t, 'DELETE FROM business_category WHERE business_id = ?', [listing]);
    await expectInStep();
    const technology = (await sql(t, 'SELECT id FROM category WHERE parent_id = ? ORDER BY slug LIMIT 2', [category('technology')])).map(
      (r) => r.id,
    );
    await sql(t, 'INSERT INTO business_category (business_id, category_id) VALUES (?, ?), (?, ?)', [
      listing,
      technology[0],
      listing,
      technology[1],
    ]);
    await expectInStep();
    await sql(t, 'INSERT INTO business_category (business_id, category_id) VALUES (?, ?)', [listing, category('technology')]);
    await expectInStep();
    // One child goes: the parent still counts the listing once.
    await sql(t, 'DELETE FROM business_category WHERE business_id = ? AND category_id = ?', [listing, technology[0]]);
    const counts = await expectInStep();
    expect(counts[`${fx.listing('Yaba Tech Hub').region.id}:${category('technology')}`]).toBeGreaterThanOrEqual(1);
    // A link moved to another category.
    await sql(t, 'UPDATE business_category SET category_id = ? WHERE business_id = ? AND category_id = ?', [
      category('bakery'),
      listing,
      technology[1],
    ]);
    await expectInStep();
    // Links of many listings in one statement, in and out.
    const many = (await sql(t, "SELECT id FROM business WHERE status = 'PUBLISHED' ORDER BY name LIMIT 8")).map((r) => r.id);
    await sql(
      t,
      "INSERT INTO business_category (business_id, category_id) SELECT b.id, c.id FROM business b, category c WHERE b.id IN (?) AND c.slug IN ('cafe', 'retail') ON CONFLICT DO NOTHING",
      [many],
    );
    await expectInStep();
    await sql(
      t,
      "DELETE FROM business_category WHERE business_id IN (?) AND category_id IN (SELECT id FROM category WHERE slug IN ('cafe', 'retail'))",
      [many],
    );
    await expectInStep();
    // Links of a listing that is not published count nothing.
    const before = await stored();
    const draft = (await sql(t, "SELECT id FROM business WHERE status <> 'PUBLISHED' LIMIT 1"))[0].id;
    await sql(t, 'INSERT INTO business_category (business_id, category_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [
      draft,
      category('cafe'),
    ]);
    expect(await stored()).toEqual(before);
  });

  it('follow listings inserted with their links in one transaction, and hard deletes', async () => {
    const newId = randomUUID();
    await t.em().transactional(async (em) => {
      const connection = em.getConnection();
      await connection.execute(
        "INSERT INTO business (id, slug, name, status, region_id, time_zone) VALUES (?, ?, 'Counted Corner Shop', 'PUBLISHED', ?, 'Africa/Lagos')",
        [newId, `counted-${newId.slice(0, 8)}`, region('lekki-lagos-ng')],
      );
      await connection.execute('INSERT INTO business_category (business_id, category_id) VALUES (?, ?), (?, ?)', [
        newId,
        category('retail'),
        newId,
        category('clothing'),
      ]);
    });
    await expectInStep();
    // A hard delete takes the listing's links with it.
    await sql(t, 'DELETE FROM business WHERE id = ?', [newId]);
    await expectInStep();
  });

  it('are recounted when the taxonomy changes shape', async () => {
    const [child] = await sql(t, 'SELECT id FROM category WHERE slug = ?', ['bakery']);
    const [{ parent_id: oldParent }] = await sql(t, 'SELECT parent_id FROM category WHERE id = ?', [child.id]);
    await sql(t, 'UPDATE category SET parent_id = ? WHERE id = ?', [category('retail'), child.id]);
    await expectInStep();
    await sql(t, 'UPDATE category SET parent_id = ? WHERE id = ?', [oldParent, child.id]);
    await expectInStep();
    // Renaming changes nothing.
    await sql(t, "UPDATE category SET name = name || ' ' WHERE id = ?", [child.id]);
    await expectInStep();
    // A category deleted takes its links with it.
    await sql(t, 'DELETE FROM category WHERE slug = ?', ['braiding']);
    await expectInStep();
  });

  it('are recounted after the writers in flight when a category moves: their shifts count under the new parent', async () => {
    // A published listing not under Bakery (nor Food & Drink, its parent), linked to Bakery in a
    // transaction still open while an admin moves Bakery under Retail.
    const [listing] = await sql(
      t,
      `SELECT b.id FROM business b WHERE b.status = 'PUBLISHED' AND b.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM business_category bc JOIN category c ON c.id = bc.category_id
                           WHERE bc.business_id = b.id AND (c.id IN (?, ?) OR c.parent_id = ?))
        ORDER BY b.name LIMIT 1`,
      [category('bakery'), category('food-drink'), category('food-drink')],
    );
    expect(listing).toBeDefined();
    await expectInStep();
    const [writer, admin] = [await connect(), await connect()];
    try {
      await writer.query('BEGIN');
      await writer.query('INSERT INTO business_category (business_id, category_id) VALUES ($1, $2)', [listing.id, category('bakery')]);
      // The move waits for the writer (it would otherwise recount without its link, which the
      // writer's commit then adds under Food & Drink).
      const move = admin.query('UPDATE category SET parent_id = $1 WHERE id = $2', [category('retail'), category('bakery')]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await writer.query('COMMIT');
      await move;
      await expectInStep();
      // And the link goes again under the new parent.
      await sql(t, 'DELETE FROM business_category WHERE business_id = ? AND category_id = ?', [listing.id, category('bakery')]);
      await expectInStep();
    } finally {
      await admin.query('UPDATE category SET parent_id = $1 WHERE id = $2', [category('food-drink'), category('bakery')]);
      await Promise.all([writer.end(), admin.end()]);
    }
    await expectInStep();
  });

  it('stay right under concurrent writers in the same region and categories', async () => {
    const drafts = await sql(t, "SELECT id FROM business WHERE status <> 'PUBLISHED' AND deleted_at IS NULL");
    const published = (
      await sql(t, "SELECT id FROM business WHERE status = 'PUBLISHED' AND deleted_at IS NULL ORDER BY name LIMIT 12")
    ).map((r) => r.id);
    // Everyone in Lagos, under Cafe and Retail, so every transaction shifts the same rows.
    const targets = [...drafts.map((r) => r.id), ...published];
    await sql(t, 'UPDATE business SET region_id = ? WHERE id IN (?)', [region('lagos-ng'), targets]);
    await sql(
      t,
      "INSERT INTO business_category (business_id, category_id) SELECT b.id, c.id FROM business b, category c WHERE b.id IN (?) AND c.slug IN ('cafe', 'retail') ON CONFLICT DO NOTHING",
      [targets],
    );
    await expectInStep();
    const clients = await Promise.all(targets.map(() => connect()));
    try {
      await Promise.all(
        targets.map(async (target, i) => {
          const client = clients[i];
          await client.query('BEGIN');
          await client.query(`UPDATE business SET status = '${i % 2 ? 'PUBLISHED' : 'SUSPENDED'}' WHERE id = $1`, [target]);
          await client.query('SELECT pg_sleep(0.05)');
          await client.query(
            "DELETE FROM business_category WHERE business_id = $1 AND category_id = (SELECT id FROM category WHERE slug = 'retail')",
            [target],
          );
          await client.query('COMMIT');
        }),
      );
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    await expectInStep();
  });

  it('are shifted when a transaction commits, so transactions that touch the same counts in opposite orders do not deadlock', async () => {
    // Two published listings of one region, neither under Retail nor under Technology.
    const [a, b] = await sql(
      t,
      `SELECT b.id FROM business b WHERE b.status = 'PUBLISHED' AND b.deleted_at IS NULL AND b.region_id = ?
          AND NOT EXISTS (SELECT 1 FROM business_category bc JOIN category c ON c.id = bc.category_id
                           WHERE bc.business_id = b.id AND (c.slug IN ('retail', 'technology') OR c.parent_id IN (?, ?)))
        ORDER BY b.name LIMIT 2`,
      [region('lagos-ng'), category('retail'), category('technology')],
    );
    expect(b).toBeDefined();
    const before = await expectInStep();
    const [first, second] = [await connect(), await connect()];
    const link = (client: Client, business: string, slug: string) =>
      client.query('INSERT INTO business_category (business_id, category_id) SELECT $1, id FROM category WHERE slug = $2', [
        business,
        slug,
      ]);
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await link(first, a.id, 'retail');
      await link(second, b.id, 'technology');
      // Had each statement shifted the counts at once, each would now wait for the other's row.
      await Promise.all([link(first, a.id, 'technology'), link(second, b.id, 'retail')]);
      // Not applied before the commit; a rolled-back transaction shifts nothing.
      expect(await stored()).toEqual(before);
      await Promise.all([first.query('COMMIT'), second.query('ROLLBACK')]);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    const after = await expectInStep();
    const key = (slug: string) => `${region('lagos-ng')}:${category(slug)}`;
    expect(after[key('retail')]).toBe((before[key('retail')] ?? 0) + 1);
    expect(after[key('technology')]).toBe((before[key('technology')] ?? 0) + 1);
  });

  it('are recounted after a TRUNCATE', async () => {
    await sql(t, 'TRUNCATE business_category');
    const counts = await expectInStep();
    expect(Object.keys(counts).every((key) => key.endsWith(':'))).toBe(true);
  });
});
