import { createBusiness } from '../../factories/business.factory';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import {
  buildFixture,
  byDistanceFrom,
  byName,
  byNewest,
  expectBadUserInput,
  expected,
  Filter,
  Fixture,
  haversineKm,
  Listing,
  names,
  nameMatches,
  onlyDescriptionMatches,
  SEARCH,
  searchAll,
  sortedNames,
  Walk,
} from './search-fixture';

/**
 * `businesses(orderBy, first, after)`: every ordering against a brute-force ordering of the
 * fixture, walked three at a time; defaults; and cursors that belong to another ordering.
 */
describe('business search: orderings and pagination', () => {
  let t: TestApp;
  let fx: Fixture;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await buildFixture(t);
  });
  afterAll(() => t.close());

  const regionId = (slug: string) => fx.region(slug).id;
  const categoryId = (slug: string) => fx.category(slug).id;
  const centroid = (slug: string) => ({ lat: fx.region(slug).latitude!, lng: fx.region(slug).longitude! });

  /** A walk three at a time: no duplicates, no gaps, the count on every page, the last page the only short one. */
  async function walkBy3(filter: Filter, orderBy: string | undefined, want: readonly Listing[]): Promise<Walk> {
    const walk = await searchAll(t, { filter, orderBy, first: 3 });
    expect(new Set(walk.nodes.map((node) => node.id)).size).toBe(walk.nodes.length);
    expect(walk.pages).toBe(Math.max(1, Math.ceil(want.length / 3)));
    for (const count of walk.totalCounts) expect(count).toBe(want.length);
    return walk;
  }

  describe('NAME', () => {
    it.each<[string, () => Filter]>([
      ['everything', () => ({})],
      ['a country', () => ({ regionId: regionId('nigeria') })],
      ['a top-level category', () => ({ categoryIds: [categoryId('food-drink')] })],
    ])('pages through %s A to Z', async (_label, filter) => {
      const want = expected(fx, filter()).sort(byName);
      expect(want.length).toBeGreaterThan(6);
      const walk = await walkBy3(filter(), 'NAME', want);
      expect(names(walk.nodes)).toEqual(names(want));
    });
  });

  describe('NEWEST', () => {
    it.each<[string, () => Filter]>([
      ['everything', () => ({})],
      ['a city', () => ({ regionId: regionId('lagos-ng') })],
      ['member-owned listings', () => ({ memberOwned: true })],
    ])('pages through %s, most recently listed first', async (_label, filter) => {
      const want = expected(fx, filter()).sort(byNewest);
      expect(want.length).toBeGreaterThan(6);
      const walk = await walkBy3(filter(), 'NEWEST', want);
      expect(names(walk.nodes)).toEqual(names(want));
    });

    it('orders by the listing instant, not by the order the rows were written', async () => {
      const written = expected(fx, {}).map((listing) => listing.name);
      const newest = expected(fx, {})
        .sort(byNewest)
        .map((listing) => listing.name);
      expect(newest).not.toEqual(written);
      expect(newest).not.toEqual([...written].reverse());
    });
  });

  describe('DISTANCE', () => {
    it.each<[string, string, number]>([
      ['Lagos', 'lagos-ng', 40],
      ['New York City', 'new-york-city-us', 30],
      ['Accra', 'accra-gh', 100],
    ])('pages through the listings near %s, nearest first, with their distance', async (_label, slug, radiusKm) => {
      const near = { ...centroid(slug), radiusKm };
      const want = expected(fx, { near }).sort(byDistanceFrom(near));
      expect(want.length).toBeGreaterThan(3);
      // Distances at least 2 m apart, so the order cannot hang on rounding.
      const distances = want.map((listing) => haversineKm(near, listing.location!));
      distances.slice(1).forEach((distance, i) => expect(distance - distances[i]).toBeGreaterThan(0.002));
      const walk = await walkBy3({ near }, 'DISTANCE', want);
      expect(names(walk.nodes)).toEqual(names(want));
      walk.nodes.forEach((node, i) => expect(Math.abs(node.distanceKm! - distances[i])).toBeLessThanOrEqual(0.001));
    });

    it('breaks ties by id: listings at the very same spot, paged two at a time across the tie', async () => {
      // A spot far from every fixture listing (the Gulf of Guinea), with five listings at one point
      // (a market hall) and two a little farther; soft-deleted afterwards so the other tests keep their fixture.
      const spot = { lat: 0.5, lng: 0.5 };
      const region = fx.region('lagos-ng');
      const em = t.em();
      const hall = await Promise.all(
        Array.from({ length: 5 }, (_, i) => createBusiness(em, { region, name: `Market Hall Stall ${i}`, location: spot })),
      );
      const farther = [
        await createBusiness(em, { region, name: 'Across the Road', location: { lat: 0.501, lng: 0.5 } }),
        await createBusiness(em, { region, name: 'Down the Street', location: { lat: 0.503, lng: 0.5 } }),
      ];
      try {
        const walk = await searchAll(t, { filter: { near: { ...spot, radiusKm: 2 } }, orderBy: 'DISTANCE', first: 2 });
        const want = [...hall.map((b) => b.id).sort(), ...farther.map((b) => b.id)];
        expect(walk.nodes.map((node) => node.id)).toEqual(want);
        expect(walk.pages).toBe(4);
        expect(walk.nodes.slice(0, 5).map((node) => node.distanceKm)).toEqual([0, 0, 0, 0, 0]);
      } finally {
        await em
          .getConnection()
          .execute('UPDATE business SET deleted_at = now() WHERE id IN (?)', [[...hall, ...farther].map((b) => b.id)]);
      }
    });

    it('pages with other filters too', async () => {
      const filter = { near: { ...centroid('lagos-ng'), radiusKm: 40 }, categoryIds: [categoryId('food-drink')] };
      const want = expected(fx, filter).sort(byDistanceFrom(filter.near));
      const walk = await walkBy3(filter, 'DISTANCE', want);
      expect(names(walk.nodes)).toEqual(names(want));
    });
  });

  describe('RELEVANCE', () => {
    it.each<[string, () => Filter]>([
      ['bakery', () => ({ text: 'bakery' })],
      ['cafe', () => ({ text: 'cafe' })],
      ['coffee', () => ({ text: 'coffee' })],
      ['bakery in Food & drink', () => ({ text: 'bakery', categoryIds: [categoryId('food-drink')] })],
    ])('pages through the matches for "%s", name matches above description-only ones', async (_label, filter) => {
      const want = expected(fx, filter());
      expect(want.length).toBeGreaterThan(3);
      const whole = await searchAll(t, { filter: filter(), orderBy: 'RELEVANCE', first: 100 });
      expect(whole.pages).toBe(1);
      expect(sortedNames(whole.nodes)).toEqual(sortedNames(want));
      const walk = await walkBy3(filter(), 'RELEVANCE', want);
      expect(names(walk.nodes)).toEqual(names(whole.nodes));

      const text = filter().text!;
      const order = names(walk.nodes);
      const byTheName = want.filter((listing) => nameMatches(text, listing)).map((listing) => order.indexOf(listing.name));
      const byTheDescription = want
        .filter((listing) => onlyDescriptionMatches(text, listing))
        .map((listing) => order.indexOf(listing.name));
      expect(byTheName.length).toBeGreaterThan(0);
      if (byTheDescription.length) expect(Math.max(...byTheName)).toBeLessThan(Math.min(...byTheDescription));
    });

    it('the fixture has description-only matches to rank below name matches', () => {
      expect(names(expected(fx, { text: 'bakery' }).filter((listing) => onlyDescriptionMatches('bakery', listing)))).toEqual([
        'Oxford Street Café',
      ]);
      expect(names(expected(fx, { text: 'cafe' }).filter((listing) => onlyDescriptionMatches('cafe', listing)))).toEqual([
        'Bed Stuy Bookstore',
      ]);
    });
  });

  describe('defaults', () => {
    async function sameOrder(filter: Filter, orderBy: string) {
      const implicit = await searchAll(t, { filter });
      const explicit = await searchAll(t, { filter, orderBy });
      expect(names(implicit.nodes)).toEqual(names(explicit.nodes));
      return names(implicit.nodes);
    }

    it('is NAME without text or near', async () => {
      expect(await sameOrder({ regionId: regionId('nigeria') }, 'NAME')).toEqual(
        names(expected(fx, { regionId: regionId('nigeria') }).sort(byName)),
      );
    });

    it('is RELEVANCE with text', async () => {
      const order = await sameOrder({ text: 'bakery' }, 'RELEVANCE');
      expect(order).not.toEqual(names(expected(fx, { text: 'bakery' }).sort(byName)));
    });

    it('is DISTANCE with near', async () => {
      const near = { ...centroid('lagos-ng'), radiusKm: 40 };
      expect(await sameOrder({ near }, 'DISTANCE')).toEqual(names(expected(fx, { near }).sort(byDistanceFrom(near))));
    });

    it('is RELEVANCE with both text and near', async () => {
      const near = { ...centroid('lagos-ng'), radiusKm: 40 };
      await sameOrder({ near, text: 'bakery' }, 'RELEVANCE');
    });
  });

  describe('refusals', () => {
    it('refuses RELEVANCE without text', async () => {
      const res: GraphQLResponse = await t.expectUnchanged(() =>
        t.gql(SEARCH, { first: 5, orderBy: 'RELEVANCE', filter: { near: { ...centroid('lagos-ng'), radiusKm: 10 } } }),
      );
      expectBadUserInput(res, ['orderBy']);
    });

    it('refuses DISTANCE without near', async () => {
      const res: GraphQLResponse = await t.expectUnchanged(() =>
        t.gql(SEARCH, { first: 5, orderBy: 'DISTANCE', filter: { text: 'bakery' } }),
      );
      expectBadUserInput(res, ['orderBy']);
    });

    it.each<[string, string]>([
      ['NAME', 'NEWEST'],
      ['NEWEST', 'NAME'],
      ['DISTANCE', 'RELEVANCE'],
      ['RELEVANCE', 'DISTANCE'],
      ['NAME', 'RELEVANCE'],
    ])('refuses a %s cursor given to %s', async (from, to) => {
      const filter = { text: 'bakery', near: { ...centroid('lagos-ng'), radiusKm: 100 } };
      const first = await t.gql(SEARCH, { first: 1, filter, orderBy: from });
      expect(first.errors).toBeUndefined();
      const cursor = first.data!.businesses.pageInfo.endCursor;
      expect(cursor).toEqual(expect.any(String));
      const res: GraphQLResponse = await t.expectUnchanged(() => t.gql(SEARCH, { first: 1, filter, orderBy: to, after: cursor }));
      expectBadUserInput(res, ['after']);
    });

    it('refuses a cursor that was never issued', async () => {
      const res: GraphQLResponse = await t.expectUnchanged(() => t.gql(SEARCH, { first: 1, after: 'not-a-cursor' }));
      expectBadUserInput(res, ['after']);
    });

    const forged = (...payload: unknown[]) => Buffer.from(JSON.stringify([1, ...payload])).toString('base64url');
    it.each<[string, string, string]>([
      ['an id that is not a uuid', 'NAME', forged('name', 'Abebe', 'x')],
      ['a NUL character in a name', 'NAME', forged('name', 'Ab\u0000ebe', '0b6c2d4e-1f00-4a4a-9c1e-1d2f3a4b5c6d')],
      ['a creation time that is not a date', 'NEWEST', forged('newest', 'yesterday', '0b6c2d4e-1f00-4a4a-9c1e-1d2f3a4b5c6d')],
    ])('refuses a hand-made cursor with %s (BAD_USER_INPUT, not a database error)', async (_label, orderBy, after) => {
      const res: GraphQLResponse = await t.expectUnchanged(() => t.gql(SEARCH, { first: 1, orderBy, after }));
      expectBadUserInput(res, ['after']);
    });

    const near = (slug: string) => ({ near: { ...centroid(slug), radiusKm: 100 } });
    it.each<[string, () => Record<string, unknown>, () => Record<string, unknown>]>([
      ['RELEVANCE', () => ({ text: 'bakery' }), () => ({ text: 'repairs' })],
      ['DISTANCE', () => near('lagos-ng'), () => near('abuja-ng')],
    ])('refuses a %s cursor given to a search measured from other words or another point', async (orderBy, searched, other) => {
      const filter = searched();
      const first = await t.gql(SEARCH, { first: 1, filter, orderBy });
      expect(first.errors).toBeUndefined();
      const after = first.data!.businesses.pageInfo.endCursor as string;
      const next: GraphQLResponse = await t.gql(SEARCH, { first: 1, filter, orderBy, after });
      expect(next.errors).toBeUndefined();
      const res: GraphQLResponse = await t.expectUnchanged(() => t.gql(SEARCH, { first: 1, filter: other(), orderBy, after }));
      expectBadUserInput(res, ['after']);
    });
  });
});
