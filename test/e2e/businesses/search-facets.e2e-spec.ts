import { randomUUID } from 'node:crypto';
import { PRIVATE_MEMBER_NAME } from '../../../src/modules/accounts/account.entity';
import { sql } from '../../utils/graphql-assertions';
import { createTestApp, TestApp } from '../../utils/test-app';
import { buildFixture, byName, expected, FacetCounts, facetsOf, Filter, Fixture, Listing, Who } from './search-fixture';

const FACETS = `
  query Facets($first: Int!, $filter: BusinessFilter) {
    businesses(first: $first, filter: $filter) {
      totalCount
      edges { node { id } }
      facets {
        categories { category { id slug } count }
        regions { region { id } count }
      }
    }
  }`;

interface Facets {
  categories: { category: { id: string; slug: string }; count: number }[];
  regions: { region: { id: string }; count: number }[];
}

/** `businesses(first: N)` with the relations of every node: the N+1 probe. */
const RELATIONS = `
  query Relations($first: Int!) {
    businesses(first: $first) {
      edges { node { name region { name parent { name } } categories { name } owners { displayName } } }
    }
  }`;

/** Facets alone: no page is read. */
const FACETS_ONLY = `
  query FacetsOnly($filter: BusinessFilter) {
    businesses(first: 1, filter: $filter) {
      facets { categories { category { id slug } count } regions { region { id name } count } }
    }
  }`;

const RELATIONS_IN_REGION = `
  query RelationsInRegion($first: Int!, $filter: BusinessFilter) {
    businesses(first: $first, filter: $filter) {
      edges { node { name region { name parent { name } } categories { name } owners { displayName } } }
    }
  }`;

const RELATIONS_WITH_TOTALS = `
  query RelationsWithTotals($first: Int!, $filter: BusinessFilter) {
    businesses(first: $first, filter: $filter) {
      totalCount
      edges { node { name region { name parent { name } } categories { name } owners { displayName } } }
      facets { categories { category { id slug } count } regions { region { id name } count } }
    }
  }`;

/**
 * Facets over the whole filtered set, compared with brute-force counts; and the number of SQL
 * statements a page with its relations costs, for 5 and for 50 listings.
 */
describe('business search: facets and SQL statements', () => {
  let t: TestApp;
  let fx: Fixture;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await buildFixture(t);
  });
  afterAll(() => t.close());

  const regionId = (slug: string) => fx.region(slug).id;
  const categoryId = (slug: string) => fx.category(slug).id;

  async function facets(filter: Filter, first = 100, viewer: Who | null = null): Promise<{ facets: Facets; totalCount: number }> {
    const res = await t.gql(FACETS, { first, filter }, viewer ? fx.tokens[viewer] : undefined);
    expect(res.errors).toBeUndefined();
    return res.data!.businesses;
  }

  /** Facets as sorted [id, count] pairs: a category or region listed twice shows up as two pairs. */
  function pairs(actual: Facets) {
    return {
      categories: actual.categories.map((facet) => [facet.category.id, facet.count] as [string, number]).sort(),
      regions: actual.regions.map((facet) => [facet.region.id, facet.count] as [string, number]).sort(),
    };
  }

  function expectedPairs(counts: FacetCounts) {
    return {
      categories: Object.entries(counts.categories).sort(),
      regions: Object.entries(counts.regions).sort(),
    };
  }

  /** Compares the facets with the brute-force counts over every listing the filter matches, and checks "most first". */
  async function expectFacets(filter: Filter, viewer: Who | null = null): Promise<{ actual: Facets; want: Listing[] }> {
    const want = expected(fx, filter, viewer);
    const { facets: actual, totalCount } = await facets(filter, 100, viewer);
    expect(totalCount).toBe(want.length);
    expect(pairs(actual)).toEqual(expectedPairs(facetsOf(fx, want, filter.regionId)));
    for (const facet of actual.categories)
      expect(facet.category.slug).toBe([...fx.categories.values()].find((c) => c.id === facet.category.id)!.slug);
    for (const list of [actual.categories, actual.regions]) {
      list.slice(1).forEach((facet, i) => expect(facet.count).toBeLessThanOrEqual(list[i].count));
    }
    return { actual, want };
  }

  describe('facets', () => {
    it('without a filter: per category, and per country', async () => {
      const { actual } = await expectFacets({});
      const countries = [...fx.regions.values()].filter((region) => region.depth === 0).map((region) => region.id);
      expect(actual.regions.every((facet) => countries.includes(facet.region.id))).toBe(true);
      expect(actual.regions.length).toBe(6);
    });

    it('count the whole filtered set, not the page', async () => {
      const small = await facets({}, 1);
      const large = await facets({}, 100);
      expect(pairs(small.facets)).toEqual(pairs(large.facets));
      expect(small.facets.regions.reduce((sum, facet) => sum + facet.count, 0)).toBe(expected(fx, {}).length);
    });

    it('count the whole filtered set on a later page too, as does totalCount', async () => {
      const query = `query ($first: Int!, $after: String, $filter: BusinessFilter) {
        businesses(first: $first, after: $after, filter: $filter) {
          totalCount
          pageInfo { endCursor }
          facets { categories { category { id slug } count } regions { region { id } count } }
        }
      }`;
      const filter = { categoryIds: [categoryId('food-drink')] };
      const first = await t.gql(query, { first: 4, filter });
      const second = await t.gql(query, { first: 4, filter, after: first.data!.businesses.pageInfo.endCursor });
      expect(second.errors).toBeUndefined();
      const want = expected(fx, filter);
      expect(second.data!.businesses.totalCount).toBe(want.length);
      expect(pairs(second.data!.businesses.facets)).toEqual(expectedPairs(facetsOf(fx, want)));
    });

    it('within a country: per state, with listings placed in the country itself under the country', async () => {
      const { actual } = await expectFacets({ regionId: regionId('nigeria') });
      const byRegion = new Map(actual.regions.map((facet) => [facet.region.id, facet.count]));
      expect(byRegion.get(regionId('nigeria'))).toBe(1);
      expect(byRegion.has(regionId('ng-la'))).toBe(true);
      expect(byRegion.has(regionId('lagos-ng'))).toBe(false);
    });

    it('within a city: per neighbourhood, with listings placed in the city itself under the city', async () => {
      const { actual } = await expectFacets({ regionId: regionId('lagos-ng') });
      expect(actual.regions.map((facet) => facet.region.id)).toContain(regionId('lagos-ng'));
      expect(actual.regions.map((facet) => facet.region.id)).toContain(regionId('yaba-lagos-ng'));
    });

    it('within a neighbourhood: the neighbourhood itself', async () => {
      const { actual } = await expectFacets({ regionId: regionId('yaba-lagos-ng') });
      expect(actual.regions.map((facet) => facet.region.id)).toEqual([regionId('yaba-lagos-ng')]);
    });

    it.each<[string, () => Filter]>([
      ['text', () => ({ text: 'bakery' })],
      ['text and a country', () => ({ text: 'cafe', regionId: regionId('united-states') })],
      [
        'text, member-owned and a top-level category',
        () => ({ text: 'coffee', memberOwned: false, categoryIds: [categoryId('food-drink')] }),
      ],
      ['near and a tag', () => ({ near: { lat: 6.5244, lng: 3.3792, radiusKm: 30 }, tags: ['startups'] })],
    ])('with %s', async (_label, filter) => {
      const { want } = await expectFacets(filter());
      expect(want.length).toBeGreaterThan(0);
    });

    it('a top-level category counts a listing once even when it is in two of its children', async () => {
      const { actual, want } = await expectFacets({ regionId: regionId('nigeria') });
      const technology = actual.categories.filter((facet) => facet.category.slug === 'technology');
      const inTechnology = want.filter((listing) =>
        listing.categoryIds.some((id) => fx.category('technology').id === id || categoryParent(id) === 'technology'),
      );
      expect(technology).toEqual([{ category: { id: categoryId('technology'), slug: 'technology' }, count: inTechnology.length }]);
      // Yaba Tech Hub and Allen Avenue Software are each in two children of Technology.
      expect(inTechnology.map((listing) => listing.name).sort()).toEqual([
        'Allen Avenue Software',
        'Computer Village Repairs',
        'Yaba Tech Hub',
      ]);
    });

    it("lists a top-level category once when a listing is filed under it and under one of its children (an owner's view)", async () => {
      // Bob's draft Ikorodu Market Stall is filed under Retail and under Clothing, a child of Retail.
      const { actual } = await expectFacets({}, 'bob');
      const retail = actual.categories.filter((facet) => facet.category.slug === 'retail');
      expect(retail).toHaveLength(1);
    });

    it('filtered by region alone, add up the kept counts without reading the listings, and count the viewer’s own drafts too', async () => {
      // Alice owns a draft in Yaba and edits Bob's draft in Lekki; Bob owns that one and one in Lagos itself.
      for (const viewer of [null, 'alice', 'bob', 'carol'] as const) {
        for (const slug of ['nigeria', 'lagos-ng', 'yaba-lagos-ng', 'united-states'])
          await expectFacets({ regionId: regionId(slug) }, viewer);
        await expectFacets({}, viewer);
      }
      const anonymous = await expectFacets({ regionId: regionId('lagos-ng') });
      const alice = await expectFacets({ regionId: regionId('lagos-ng') }, 'alice');
      const total = (facets: Facets) => facets.regions.reduce((sum, facet) => sum + facet.count, 0);
      expect(total(alice.actual)).toBe(total(anonymous.actual) + 2);

      const filter = { regionId: regionId('nigeria') };
      await t.gql(FACETS_ONLY, { filter });
      const { result, statements } = await t.countSql(() => t.gql(FACETS_ONLY, { filter }));
      expect(result.errors).toBeUndefined();
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/listing_count_by_category/);
      expect(statements[0]).not.toMatch(/\bbusiness b\b/);
      // Any other filter counts the listings themselves.
      const narrower = await t.countSql(() => t.gql(FACETS_ONLY, { filter: { ...filter, memberOwned: true } }));
      expect(narrower.statements.join('\n')).not.toMatch(/listing_count_by/);
    });

    it('totalCount by region and one category adds up the kept counts too, the viewer’s own drafts included', async () => {
      const cases: [string | undefined, string][] = [
        ['nigeria', 'food-drink'],
        ['lagos-ng', 'bakery'],
        ['lagos-ng', 'beauty-wellness'],
        [undefined, 'technology'],
        ['united-states', 'cafe'],
      ];
      for (const viewer of [null, 'alice', 'bob'] as const) {
        for (const [slug, category] of cases) {
          await expectFacets({ ...(slug ? { regionId: regionId(slug) } : {}), categoryIds: [categoryId(category)] }, viewer);
        }
      }
      const total = `query Total($filter: BusinessFilter) { businesses(first: 1, filter: $filter) { totalCount } }`;
      const filter = { regionId: regionId('lagos-ng'), categoryIds: [categoryId('bakery')] };
      await t.gql(total, { filter });
      const { result, statements } = await t.countSql(() => t.gql(total, { filter }));
      expect(result.data!.businesses.totalCount).toBe(expected(fx, filter).length);
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/listing_count_by_category/);
      expect(statements[0]).not.toMatch(/\bbusiness b\b/);
      // Two categories (either of them) count the listings themselves.
      const two = await t.countSql(() => t.gql(total, { filter: { ...filter, categoryIds: [categoryId('bakery'), categoryId('cafe')] } }));
      expect(two.result.data!.businesses.totalCount).toBe(
        expected(fx, { ...filter, categoryIds: [categoryId('bakery'), categoryId('cafe')] }).length,
      );
      expect(two.statements.join('\n')).not.toMatch(/listing_count_by/);
    });

    it('count what the viewer may see: an owner’s drafts count for the owner only', async () => {
      const anonymous = await expectFacets({ categoryIds: [categoryId('bakery')] });
      const alice = await expectFacets({ categoryIds: [categoryId('bakery')] }, 'alice');
      const bakery = (list: Facets) => list.categories.find((facet) => facet.category.slug === 'bakery')!.count;
      expect(bakery(alice.actual)).toBe(bakery(anonymous.actual) + 1);
    });
  });

  describe('SQL statements per page', () => {
    /**
     * The statements one request costs once the process holds the region tree and the taxonomy
     * (a first request reads them: `warmUp` sends the request once beforehand, uncounted).
     */
    async function statementsFor(query: string, variables: Record<string, unknown>, token?: string, { warmUp = true } = {}) {
      if (warmUp) await t.gql(query, variables, token);
      const { result, statements } = await t.countSql(() => t.gql(query, variables, token));
      expect(result.errors).toBeUndefined();
      return { data: result.data!, count: statements.length };
    }

    it('reads a page with regions, parents, categories and owners in one statement for an anonymous caller, whatever its size', async () => {
      const five = await statementsFor(RELATIONS, { first: 5 });
      const fifty = await statementsFor(RELATIONS, { first: 50 });
      expect(five.data.businesses.edges).toHaveLength(5);
      expect(fifty.data.businesses.edges).toHaveLength(50);
      expect(fifty.count).toBe(five.count);
      expect(five.count).toBeLessThanOrEqual(2);

      // And what the statement read is right.
      const want = expected(fx, {}).sort(byName).slice(0, 50);
      const owners = new Map<string, string[]>();
      fifty.data.businesses.edges.forEach((edge: { node: Record<string, any> }, i: number) => {
        const listing = want[i];
        const { node } = edge;
        expect(node.name).toBe(listing.name);
        expect(node.region.name).toBe(listing.region.name);
        const parent = listing.region.parent ? fx.regionsById.get(listing.region.parent.id)!.name : null;
        expect(node.region.parent?.name ?? null).toBe(parent);
        const categoryNames = listing.categoryIds.map((id) => [...fx.categories.values()].find((c) => c.id === id)!.name).sort();
        expect(node.categories.map((c: { name: string }) => c.name).sort()).toEqual(categoryNames);
        owners.set(
          listing.name,
          node.owners.map((o: { displayName: string }) => o.displayName),
        );
        const names = listing.maintainers.map((who) => (who === 'dave' ? PRIVATE_MEMBER_NAME : fx.accounts[who].displayName));
        expect(node.owners.map((o: { displayName: string }) => o.displayName).sort()).toEqual(names.sort());
      });
      expect([...owners.values()].flat()).toContain(PRIVATE_MEMBER_NAME);
    });

    it('costs the same number of statements for 5 and for 50 listings for a signed-in member', async () => {
      const five = await statementsFor(RELATIONS, { first: 5 }, fx.tokens.carol);
      const fifty = await statementsFor(RELATIONS, { first: 50 }, fx.tokens.carol);
      expect(fifty.data.businesses.edges).toHaveLength(50);
      expect(fifty.count).toBe(five.count);
    });

    it.each<[string, () => Filter | undefined, Who | null]>([
      ['no filter', () => undefined, null],
      ['text', () => ({ text: 'cafe' }), null],
      ['no filter, signed in', () => undefined, 'carol'],
    ])('costs the same number of statements for 5 and for 50 listings with totalCount and facets (%s)', async (_label, filter, viewer) => {
      const token = viewer ? fx.tokens[viewer] : undefined;
      const five = await statementsFor(RELATIONS_WITH_TOTALS, { first: 5, filter: filter() }, token);
      const fifty = await statementsFor(RELATIONS_WITH_TOTALS, { first: 50, filter: filter() }, token);
      expect(fifty.data.businesses.edges.length).toBe(Math.min(50, expected(fx, filter() ?? {}, viewer).length));
      expect(fifty.count).toBe(five.count);
      expect(fifty.data.businesses.totalCount).toBe(expected(fx, filter() ?? {}, viewer).length);
    });

    it('with a region filter: one statement for the page, whatever its size (the region tree is held in memory)', async () => {
      const filter = { regionId: regionId('nigeria') };
      const five = await statementsFor(RELATIONS_IN_REGION, { first: 5, filter });
      const fifty = await statementsFor(RELATIONS_IN_REGION, { first: 50, filter });
      expect(five.count).toBe(1);
      expect(fifty.count).toBe(1);
      const want = expected(fx, filter).sort(byName).slice(0, 50);
      expect(fifty.data.businesses.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(want.map((l) => l.name));
    });

    it('notices a region tree changed by another process in the same statement, and answers with the new tree', async () => {
      const filter = { regionId: regionId('nigeria') };
      const before = await statementsFor(RELATIONS_IN_REGION, { first: 50, filter });
      expect(before.count).toBe(1);
      const inLagos = expected(fx, { regionId: regionId('lagos-ng') });
      expect(inLagos.length).toBeGreaterThan(0);
      // Another process moves Lagos (and all below it) from Nigeria to Ghana, behind this one's back.
      const [{ path: ghana }] = await sql<{ path: string }>(t, "SELECT path FROM region WHERE slug = 'ghana'");
      const [lagos] = await sql<{ path: string; parent_id: string }>(t, "SELECT path, parent_id FROM region WHERE slug = 'lagos-ng'");
      const [{ path: nigeria }] = await sql<{ path: string }>(t, 'SELECT path FROM region WHERE id = ?', [lagos.parent_id]);
      const moved = `${ghana}${lagos.path.slice(nigeria.length)}`;
      const move = (from: string, to: string, parentId: string) =>
        sql(
          t,
          "UPDATE region SET path = ? || substr(path, length(?) + 1), parent_id = CASE WHEN slug = 'lagos-ng' THEN ?::uuid ELSE parent_id END WHERE path LIKE ? || '%'",
          [to, from, parentId, from],
        );
      await move(lagos.path, moved, regionId('ghana'));
      try {
        const after = await statementsFor(RELATIONS_IN_REGION, { first: 50, filter }, undefined, { warmUp: false });
        // The page (stale tree), the tree read again, the page again.
        expect(after.count).toBe(3);
        const names = (data: typeof after.data) => data.businesses.edges.map((edge: { node: { name: string } }) => edge.node.name);
        const lagosNames = new Set(inLagos.map((l) => l.name));
        expect(names(after.data)).toEqual(names(before.data).filter((name: string) => !lagosNames.has(name)));
        const inGhana = await statementsFor(RELATIONS_IN_REGION, { first: 50, filter: { regionId: regionId('ghana') } });
        expect(inGhana.count).toBe(1);
        expect(names(inGhana.data)).toEqual(expect.arrayContaining([...lagosNames]));
      } finally {
        await move(moved, lagos.path, lagos.parent_id);
        // Read the restored tree now, so the next tests count their own statements only.
        expect((await statementsFor(RELATIONS_IN_REGION, { first: 5, filter }, undefined, { warmUp: false })).count).toBe(3);
      }
    });

    it('finds a region another process just added (checking the version once), and still refuses an unknown one', async () => {
      const warm = await statementsFor(RELATIONS_IN_REGION, { first: 5, filter: { regionId: regionId('nigeria') } });
      expect(warm.count).toBe(1);
      const id = randomUUID();
      await sql(
        t,
        "INSERT INTO region (id, name, slug, kind, parent_id, path, depth) SELECT ?, 'Yaba', 'yaba-tree-test', 'NEIGHBOURHOOD', r.id, r.path || ? || '/', r.depth + 1 FROM region r WHERE r.slug = 'lagos-ng'",
        [id, id],
      );
      try {
        // The version (it moved), the tree, the page (empty: nothing is listed there), the version (an empty page carries none).
        const added = await statementsFor(RELATIONS_IN_REGION, { first: 5, filter: { regionId: id } }, undefined, { warmUp: false });
        expect(added.data.businesses.edges).toEqual([]);
        expect(added.count).toBe(4);
        const unknown = await t.countSql(() => t.gql(RELATIONS_IN_REGION, { first: 5, filter: { regionId: randomUUID() } }));
        expect(unknown.result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ path: 'filter.regionId' }] });
        // Only the version is read for an unknown id: the tree is not read again.
        expect(unknown.statements).toHaveLength(1);
      } finally {
        await sql(t, 'DELETE FROM region WHERE id = ?', [id]);
      }
    });

    it('names categories from the taxonomy as it is: a category renamed by another process shows its new name at once', async () => {
      const page = () => statementsFor(RELATIONS, { first: 50 }, undefined, { warmUp: false });
      const before = await statementsFor(RELATIONS, { first: 50 });
      expect(before.count).toBe(1);
      const names = (data: typeof before.data) =>
        data.businesses.edges.flatMap((edge: { node: { categories: { name: string }[] } }) => edge.node.categories.map((c) => c.name));
      expect(names(before.data)).toContain('Bakery');
      await sql(t, "UPDATE category SET name = 'Bakeries & patisseries' WHERE slug = 'bakery'");
      try {
        const after = await page();
        // The page, and the taxonomy read again (its version moved on).
        expect(after.count).toBe(2);
        expect(names(after.data)).not.toContain('Bakery');
        expect(names(after.data)).toContain('Bakeries & patisseries');
        expect(names(after.data).length).toBe(names(before.data).length);
      } finally {
        await sql(t, "UPDATE category SET name = 'Bakery' WHERE slug = 'bakery'");
        expect((await page()).count).toBe(2);
      }
    });

    it("expands a category with a child another process just added: the statement sees the taxonomy's new version and runs again", async () => {
      const filter = { categoryIds: [categoryId('food-drink')] };
      const names = (data: Record<string, any>) => data.businesses.edges.map((edge: { node: { name: string } }) => edge.node.name);
      const before = await statementsFor(RELATIONS_IN_REGION, { first: 50, filter });
      expect(before.count).toBe(1);
      const inFood = new Set(expected(fx, filter).map((listing) => listing.id));
      const outside = expected(fx, {}).find((listing) => !inFood.has(listing.id))!;
      const juiceBar = randomUUID();
      await sql(t, "INSERT INTO category (id, slug, name, parent_id, position) VALUES (?, 'juice-bar', 'Juice bar', ?, 99)", [
        juiceBar,
        categoryId('food-drink'),
      ]);
      await sql(t, 'INSERT INTO business_category (business_id, category_id) VALUES (?, ?)', [outside.id, juiceBar]);
      try {
        const after = await statementsFor(RELATIONS_IN_REGION, { first: 50, filter }, undefined, { warmUp: false });
        // The page (expanded with the old taxonomy), the taxonomy read again, the page again.
        expect(after.count).toBe(3);
        expect(names(after.data)).toEqual([...names(before.data), outside.name].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, 50));
        const node = after.data.businesses.edges.find((edge: { node: { name: string } }) => edge.node.name === outside.name).node;
        expect(node.categories.map((category: { name: string }) => category.name)).toContain('Juice bar');
      } finally {
        await sql(t, 'DELETE FROM business_category WHERE category_id = ?', [juiceBar]);
        await sql(t, 'DELETE FROM category WHERE id = ?', [juiceBar]);
      }
    });

    it('with a country filter, totalCount and facets: the same statements for 50 listings as for 5', async () => {
      const filter = { regionId: regionId('nigeria') };
      const five = await statementsFor(RELATIONS_WITH_TOTALS, { first: 5, filter });
      const fifty = await statementsFor(RELATIONS_WITH_TOTALS, { first: 50, filter });
      expect(fifty.count).toBe(five.count);
      expect(five.count).toBeLessThanOrEqual(3);
      expect(fifty.data.businesses.totalCount).toBe(expected(fx, filter).length);
    });

    it.each<[string, number, () => Filter | undefined]>([
      ['no filter', 1, () => undefined],
      ['a country', 1, () => ({ regionId: regionId('nigeria') })],
      ['a city and a category', 1, () => ({ regionId: regionId('lagos-ng'), categoryIds: [categoryId('food-drink')] })],
    ])('facets alone read no page: %s costs %i statement(s), regions and their names included', async (_label, statements, filter) => {
      const { data, count } = await statementsFor(FACETS_ONLY, { filter: filter() });
      expect(count).toBe(statements);
      const got = data.businesses.facets as Facets & { regions: { region: { id: string; name: string } }[] };
      expect(pairs(got)).toEqual(expectedPairs(facetsOf(fx, expected(fx, filter() ?? {}), filter()?.regionId)));
      for (const { region } of got.regions) expect(region.name).toBe(fx.regionsById.get(region.id)!.name);
    });
  });

  function categoryParent(id: string): string | undefined {
    const category = [...fx.categories.values()].find((c) => c.id === id);
    return category?.parent ? [...fx.categories.values()].find((c) => c.id === category.parent!.id)?.slug : undefined;
  }
});
