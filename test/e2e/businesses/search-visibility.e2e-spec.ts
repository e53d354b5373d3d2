import { BusinessStatus } from '../../../src/modules/businesses/business-status';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { buildFixture, byName, expected, facetsOf, Filter, Fixture, names, PEOPLE, searchAll, sortedNames, Who } from './search-fixture';

const MINE = `
  query Mine($first: Int!, $after: String) {
    myBusinesses(first: $first, after: $after) {
      totalCount
      edges { cursor node { id name status } }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }`;

const LOOKUP = `query Lookup($id: ID) { business(id: $id) { id name } }`;

/**
 * Who finds what: anonymous callers and members find published listings; owners and editors also
 * their own in any state (in search and in myBusinesses); nobody finds a deleted listing.
 */
describe('business search: visibility', () => {
  let t: TestApp;
  let fx: Fixture;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await buildFixture(t);
  });
  afterAll(() => t.close());

  const token = (viewer: Who | null) => (viewer ? fx.tokens[viewer] : undefined);
  const hidden = () => fx.listings.filter((listing) => listing.status !== BusinessStatus.PUBLISHED || listing.deleted).map((l) => l.name);
  const deleted = () => fx.listings.filter((listing) => listing.deleted).map((listing) => listing.name);

  async function expectSearch(filter: Filter, viewer: Who | null) {
    const want = expected(fx, filter, viewer).sort(byName);
    const walk = await searchAll(t, { filter, orderBy: 'NAME', first: 7 }, token(viewer));
    expect(names(walk.nodes)).toEqual(names(want));
    for (const count of walk.totalCounts) expect(count).toBe(want.length);
    return walk;
  }

  it('anonymous callers find only published listings that are not deleted', async () => {
    const walk = await expectSearch({}, null);
    expect(walk.nodes.every((node) => node.status === BusinessStatus.PUBLISHED)).toBe(true);
    for (const name of hidden()) expect(names(walk.nodes)).not.toContain(name);
  });

  it.each<[string, () => Filter]>([
    ['text', () => ({ text: 'bakery' })],
    ['a neighbourhood', () => ({ regionId: fx.region('yaba-lagos-ng').id })],
    ['a category', () => ({ categoryIds: [fx.category('cafe').id] })],
    ['a tag', () => ({ tags: ['fresh-bread'] })],
  ])('anonymous callers find no unpublished or deleted listing by %s either', async (_label, filter) => {
    const walk = await expectSearch(filter(), null);
    expect(walk.nodes.length).toBeGreaterThan(0);
    for (const name of hidden()) expect(names(walk.nodes)).not.toContain(name);
  });

  it('a member finds what anonymous callers find, plus nothing of other people’s drafts', async () => {
    const anonymous = await expectSearch({}, null);
    const carol = await expectSearch({}, 'carol');
    expect(names(carol.nodes)).toEqual(names(anonymous.nodes));
  });

  it('an owner also finds their own draft and suspended listings, and the draft they edit — not other people’s', async () => {
    const walk = await expectSearch({}, 'alice');
    const found = names(walk.nodes);
    expect(found).toEqual(expect.arrayContaining(['Alakija Bakery', 'Queens Road Café', 'Ajah Braids']));
    for (const name of ['Ngong Road Bakery', 'Dekalb Café', 'Ikorodu Market Stall', 'Zaria Bakery', 'Danquah Café']) {
      expect(found).not.toContain(name);
    }
    const statuses = Object.fromEntries(walk.nodes.map((node) => [node.name, node.status]));
    expect(statuses['Alakija Bakery']).toBe(BusinessStatus.DRAFT);
    expect(statuses['Queens Road Café']).toBe(BusinessStatus.SUSPENDED);

    const bob = names((await expectSearch({}, 'bob')).nodes);
    expect(bob).toEqual(expect.arrayContaining(['Ngong Road Bakery', 'Dekalb Café', 'Ikorodu Market Stall', 'Ajah Braids']));
    expect(bob).not.toContain('Alakija Bakery');
    expect(bob).not.toContain('Queens Road Café');
  });

  it.each<[string, () => Filter, Who, string]>([
    ['text', () => ({ text: 'bakery' }), 'alice', 'Alakija Bakery'],
    ['a neighbourhood', () => ({ regionId: fx.region('yaba-lagos-ng').id }), 'alice', 'Alakija Bakery'],
    ['a tag and opening hours', () => ({ tags: ['coffee'], openNow: true }), 'alice', 'Queens Road Café'],
    ['text and a country', () => ({ text: 'bakery', regionId: fx.region('kenya').id }), 'bob', 'Ngong Road Bakery'],
    ['a top-level category', () => ({ categoryIds: [fx.category('retail').id] }), 'bob', 'Ikorodu Market Stall'],
  ])("filters by %s apply to an owner's own unpublished listings too", async (_label, filter, viewer, name) => {
    const walk = await expectSearch(filter(), viewer);
    expect(names(walk.nodes)).toContain(name);
    const anonymous = await expectSearch(filter(), null);
    expect(names(anonymous.nodes)).not.toContain(name);
  });

  it('nobody finds a deleted listing, not even its owner', async () => {
    const filters: Filter[] = [
      {},
      { text: 'bakery' },
      { text: 'Zaria' },
      { regionId: fx.region('yaba-lagos-ng').id },
      { tags: ['coffee'] },
    ];
    for (const viewer of [null, ...PEOPLE]) {
      for (const filter of filters) {
        const walk = await expectSearch(filter, viewer);
        for (const name of deleted()) expect(names(walk.nodes)).not.toContain(name);
      }
    }
    for (const [name, viewer] of [
      ['Zaria Bakery', 'alice'],
      ['Danquah Café', 'alice'],
      ['Sugar Hill Bakery', 'bob'],
      ['Zaria Bakery', null],
    ] as const) {
      const res: GraphQLResponse = await t.expectUnchanged(() => t.gql(LOOKUP, { id: fx.listing(name).id }, token(viewer)));
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(res.data?.business ?? null).toBeNull();
    }
  });

  describe('myBusinesses', () => {
    async function mine(viewer: Who, first = 3) {
      const nodes: { id: string; name: string; status: string }[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 50; pages += 1) {
        const res: GraphQLResponse = await t.gql(MINE, { first, after }, fx.tokens[viewer]);
        expect(res.errors).toBeUndefined();
        const page = res.data!.myBusinesses;
        expect(page.totalCount).toBe(expectedMine(viewer).length);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        nodes.push(...page.edges.map((edge: { node: { id: string; name: string; status: string } }) => edge.node));
        if (!page.pageInfo.hasNextPage) return nodes;
        after = page.pageInfo.endCursor;
      }
      throw new Error('myBusinesses: too many pages');
    }

    const expectedMine = (viewer: Who) =>
      fx.listings.filter((listing) => !listing.deleted && listing.maintainers.includes(viewer)).sort(byName);

    it.each<Who>(['alice', 'bob', 'carol'])('lists what %s owns or edits, in any state, by name, page by page', async (viewer) => {
      const nodes = await mine(viewer);
      expect(names(nodes)).toEqual(names(expectedMine(viewer)));
      expect(new Set(nodes.map((node) => node.id)).size).toBe(nodes.length);
    });

    it("includes an owner's drafts and suspended listings and the drafts they edit, never a deleted one", async () => {
      const alice = names(await mine('alice', 100));
      expect(alice).toEqual(expect.arrayContaining(['Alakija Bakery', 'Queens Road Café', 'Ajah Braids']));
      expect(alice).not.toContain('Zaria Bakery');
      expect(alice).not.toContain('Danquah Café');
      expect(alice).not.toContain('Ngong Road Bakery');
      // Published listings of hers are there too: myBusinesses is not search.
      expect(alice.length).toBeGreaterThan(3);
      expect(sortedNames(expected(fx, {}, 'alice').filter((l) => l.maintainers.includes('alice')))).toEqual([...alice].sort());
    });

    it("answers facets (BusinessConnection's field) over the viewer's own listings", async () => {
      const res: GraphQLResponse = await t.gql(
        `{ myBusinesses(first: 2) { totalCount facets { categories { category { id } count } regions { region { id } count } } } }`,
        {},
        fx.tokens.alice,
      );
      expect(res.errors).toBeUndefined();
      const counts = facetsOf(fx, expectedMine('alice'));
      const facets = res.data!.myBusinesses.facets;
      expect(facets.categories.map((f: { category: { id: string }; count: number }) => [f.category.id, f.count]).sort()).toEqual(
        Object.entries(counts.categories).sort(),
      );
      expect(facets.regions.map((f: { region: { id: string }; count: number }) => [f.region.id, f.count]).sort()).toEqual(
        Object.entries(counts.regions).sort(),
      );
    });

    it('refuses anonymous callers', async () => {
      const res: GraphQLResponse = await t.expectUnchanged(() => t.gql(MINE, { first: 5 }));
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
    });
  });
});
