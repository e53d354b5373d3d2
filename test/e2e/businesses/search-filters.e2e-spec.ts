import { randomUUID } from 'node:crypto';
import { isOpenAt } from '../../../src/modules/businesses/opening-hours';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import {
  buildFixture,
  expectBadUserInput,
  expected,
  Filter,
  Fixture,
  haversineKm,
  Listing,
  Near,
  SEARCH,
  searchAll,
  sortedNames,
  stableExpectation,
  Who,
} from './search-fixture';

/**
 * `businesses(filter)`: each filter alone and in combinations, against answers computed by brute
 * force from the fixture list (search-fixture.ts).
 */
describe('business search: filters', () => {
  let t: TestApp;
  let fx: Fixture;
  let everyone: Listing[];

  beforeAll(async () => {
    t = await createTestApp();
    fx = await buildFixture(t);
    everyone = expected(fx, {});
  });
  afterAll(() => t.close());

  const regionId = (slug: string) => fx.region(slug).id;
  const categoryId = (slug: string) => fx.category(slug).id;
  const centroid = (slug: string) => ({ lat: fx.region(slug).latitude!, lng: fx.region(slug).longitude! });

  /** Searches (all pages) and compares with the brute-force answer; returns both. */
  async function expectSearch(filter: Filter, viewer: Who | null = null) {
    const want = expected(fx, filter, viewer);
    const walk = await searchAll(t, { filter }, viewer ? fx.tokens[viewer] : undefined);
    expect(sortedNames(walk.nodes)).toEqual(sortedNames(want));
    expect(new Set(walk.nodes.map((node) => node.id)).size).toBe(walk.nodes.length);
    for (const count of walk.totalCounts) expect(count).toBe(want.length);
    return { walk, want };
  }

  /** A filter worth testing selects some listings, but not all of them. */
  function expectSelective(want: readonly Listing[]) {
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(everyone.length);
  }

  /** The radius does not pass within `marginKm` of any listing, so rounding cannot decide the answer. */
  function expectClearOfEdge(near: Near, marginKm = 0.02) {
    for (const listing of fx.listings) {
      if (!listing.location) continue;
      expect({ listing: listing.name, gap: Math.abs(haversineKm(near, listing.location) - near.radiusKm) > marginKm }).toEqual({
        listing: listing.name,
        gap: true,
      });
    }
  }

  it('finds every published listing without a filter, and the fixture has enough of them', async () => {
    const { want } = await expectSearch({});
    expect(want.length).toBeGreaterThanOrEqual(60);
    expect(want.length).toBeLessThan(fx.listings.length);
  });

  describe('regionId', () => {
    it('a country includes its states, cities and neighbourhoods, and listings placed in the country itself', async () => {
      const { want } = await expectSearch({ regionId: regionId('nigeria') });
      expectSelective(want);
      expect(sortedNames(want)).toEqual(
        expect.arrayContaining(['Adunni Bakery', 'Naija Couriers', 'Epe Fish Market', 'Dugbe Books', 'Wuse Bakery']),
      );
    });

    it('a state includes its cities and neighbourhoods, even listings without a location', async () => {
      const { want } = await expectSearch({ regionId: regionId('gb-eng') });
      expectSelective(want);
      expect(sortedNames(want)).toEqual(expect.arrayContaining(['Albion IT Support', 'Handsworth Patties', 'Brixton Village Café']));
      expect(sortedNames(want)).not.toContain('Windrush Taxis');
    });

    it('a city includes its neighbourhoods but nothing placed higher up', async () => {
      const { want } = await expectSearch({ regionId: regionId('lagos-ng') });
      expectSelective(want);
      expect(sortedNames(want)).toEqual(expect.arrayContaining(['Balogun Fabrics', 'Lekki Café', 'Adunni Bakery']));
      expect(sortedNames(want)).not.toContain('Epe Fish Market');
      expect(sortedNames(want)).not.toContain('Naija Couriers');
    });

    it('a neighbourhood includes only its own listings', async () => {
      const { want } = await expectSearch({ regionId: regionId('yaba-lagos-ng') });
      expectSelective(want);
      expect(want.every((listing) => listing.region.slug === 'yaba-lagos-ng')).toBe(true);
    });

    it('a region without listings finds nothing', async () => {
      const { want } = await expectSearch({ regionId: regionId('barbados') });
      expect(want).toEqual([]);
    });
  });

  describe('categoryIds', () => {
    it("a top-level category includes its children's listings", async () => {
      const { want } = await expectSearch({ categoryIds: [categoryId('food-drink')] });
      expectSelective(want);
      expect(sortedNames(want)).toEqual(expect.arrayContaining(['Adunni Bakery', 'Lekki Café', 'Mama Tolu Kitchen', 'Rye Lane Grocers']));
    });

    it('a leaf category includes only its own listings', async () => {
      const { want } = await expectSearch({ categoryIds: [categoryId('bakery')] });
      expectSelective(want);
      expect(sortedNames(want)).not.toContain('Lekki Café');
    });

    it('several categories: listings in any of them', async () => {
      const { want } = await expectSearch({ categoryIds: [categoryId('barber'), categoryId('accountant')] });
      expect(sortedNames(want)).toEqual(['Ola Accountants', 'Peachtree Barbers', 'Sabo Cuts', 'Thames Accountancy']);
    });

    it('a listing in two children of a top-level category is found once', async () => {
      const { walk } = await expectSearch({ categoryIds: [categoryId('technology'), categoryId('it-support')] });
      expect(walk.nodes.filter((node) => node.name === 'Allen Avenue Software')).toHaveLength(1);
    });
  });

  describe('tags', () => {
    it('finds the listings carrying a tag', async () => {
      const { want } = await expectSearch({ tags: ['fresh-bread'] });
      expectSelective(want);
    });

    it('normalises the given tags: "Fresh Bread" matches fresh-bread', async () => {
      const plain = await expectSearch({ tags: ['fresh-bread'] });
      const spoken = await expectSearch({ tags: ['Fresh Bread'] });
      expect(sortedNames(spoken.walk.nodes)).toEqual(sortedNames(plain.walk.nodes));
      const shouted = await expectSearch({ tags: ['  COFFEE! '] });
      expectSelective(shouted.want);
    });

    it('requires all the given tags', async () => {
      const { want } = await expectSearch({ tags: ['coffee', 'wifi'] });
      expect(sortedNames(want)).toEqual(['Lekki Café', 'Sweet Auburn Café', 'Westlands Coffee House']);
      expect(expected(fx, { tags: ['coffee'] }).length).toBeGreaterThan(want.length);
    });

    it('finds nothing for a tag nobody carries', async () => {
      const { want } = await expectSearch({ tags: ['no-such-tag'] });
      expect(want).toEqual([]);
    });
  });

  describe('text', () => {
    it('searches names, tags and descriptions', async () => {
      const { want } = await expectSearch({ text: 'bakery' });
      expectSelective(want);
      // In the description only.
      expect(sortedNames(want)).toContain('Oxford Street Café');
      // In the tags only.
      expect(sortedNames((await expectSearch({ text: 'jollof' })).want)).toEqual(['Mama Tolu Kitchen']);
    });

    it('ignores accents and case: cafe, Café and CAFE find the same listings, Café among them', async () => {
      const { walk, want } = await expectSearch({ text: 'cafe' });
      expectSelective(want);
      expect(sortedNames(want)).toEqual(expect.arrayContaining(['Lekki Café', 'Kilimani Café', 'Bed Stuy Bookstore']));
      for (const text of ['Café', 'CAFE'])
        expect(sortedNames((await searchAll(t, { filter: { text } })).nodes)).toEqual(sortedNames(walk.nodes));
    });

    it('tolerates a typo in a name: bakry finds the bakeries', async () => {
      const { want } = await expectSearch({ text: 'bakry' });
      expect(sortedNames(want)).toEqual(
        expect.arrayContaining(['Adunni Bakery', 'Chevron Drive Bakery & Café', 'Golden Crust Bakery', 'Kenwood Bakery', 'Lenox Bakery']),
      );
    });

    it('matches a quoted phrase only where its words are adjacent', async () => {
      const phrase = await expectSearch({ text: '"fresh bread"' });
      const words = await expectSearch({ text: 'fresh bread' });
      // "fresh fruit juice and hard dough bread": both words, not together.
      expect(sortedNames(phrase.want)).not.toContain('Handsworth Patties');
      expect(sortedNames(words.want)).toContain('Handsworth Patties');
      // In a description, and in a tag (fresh-bread).
      expect(sortedNames(phrase.want)).toEqual(expect.arrayContaining(['Mama Tolu Kitchen', 'Adunni Bakery']));
    });

    it('leaves out listings carrying an -excluded word: bakery -gluten', async () => {
      const { walk } = await expectSearch({ text: 'bakery -gluten' });
      expect(sortedNames(walk.nodes)).not.toContain('Wuse Bakery');
      expect(sortedNames(walk.nodes)).not.toContain('Kenwood Bakery');
      expect(sortedNames(walk.nodes)).toContain('Adunni Bakery');
    });

    it('leaves out listings carrying an -excluded word: braiding -weave', async () => {
      const { walk } = await expectSearch({ text: 'braiding -weave' });
      expect(sortedNames(walk.nodes)).not.toContain('Peckham Braiding Studio');
    });

    it.each(['bakery & | ! :* (', 'café:*', "'", "o'reilly", '(cafe'])(
      'reads tsquery syntax in %p as plain text, without an error',
      async (text) => {
        await expectSearch({ text });
      },
    );

    it('accepts "or" between words', async () => {
      const { want } = await expectSearch({ text: 'jollof or kente' });
      expect(sortedNames(want)).toEqual(expect.arrayContaining(['Kente Threads', 'Mama Tolu Kitchen']));
    });
  });

  describe('near', () => {
    it.each<[string, string, number]>([
      ['Yaba, 3 km', 'yaba-lagos-ng', 3],
      ['Lagos, 25 km', 'lagos-ng', 25],
      ['Brooklyn, 10 km', 'brooklyn-new-york-city-us', 10],
      ['Westlands, 1.5 km', 'westlands-nairobi-ke', 1.5],
    ])('finds exactly the listings within the radius (%s), with their distance', async (_label, slug, radiusKm) => {
      const near = { ...centroid(slug), radiusKm };
      expectClearOfEdge(near);
      const { walk, want } = await expectSearch({ near });
      expectSelective(want);
      for (const node of walk.nodes) {
        const listing = fx.listing(node.name);
        expect(node.distanceKm).not.toBeNull();
        expect(Math.abs(node.distanceKm! - haversineKm(near, listing.location!))).toBeLessThanOrEqual(0.001);
      }
    });

    it('gives no distance without near', async () => {
      const walk = await searchAll(t, { filter: { regionId: regionId('yaba-lagos-ng') } });
      expect(walk.nodes.length).toBeGreaterThan(0);
      expect(walk.nodes.every((node) => node.distanceKm === null)).toBe(true);
    });
  });

  describe('bbox', () => {
    it('finds the listings inside a box (never one without a location)', async () => {
      const { want } = await expectSearch({ bbox: { south: 6.4, north: 6.65, west: 3.3, east: 3.5 } });
      expectSelective(want);
      expect(sortedNames(want)).not.toContain('Naija Couriers');
      await expectSearch({ bbox: { south: -5, north: 15, west: -20, east: 45 } });
    });

    it('reads west > east as a box across the antimeridian', async () => {
      // Longitudes from 0° east all the way round to 60° west: Africa east of Greenwich, the Americas.
      const { want } = await expectSearch({ bbox: { south: -40, north: 60, west: 0, east: -60 } });
      expectSelective(want);
      expect(sortedNames(want)).toEqual(expect.arrayContaining(['Adunni Bakery', 'Brooklyn Jerk Spot', 'Tema Port Movers']));
      expect(sortedNames(want)).not.toContain('Brixton Village Café');
      expect(sortedNames(want)).not.toContain('Oxford Street Café');
    });
  });

  describe('member ownership and opening hours', () => {
    it.each([true, false])('memberOwned: %s', async (memberOwned) => {
      expectSelective((await expectSearch({ memberOwned })).want);
    });

    it.each([true, false])('memberOwnedVerified: %s', async (memberOwnedVerified) => {
      expectSelective((await expectSearch({ memberOwnedVerified })).want);
    });

    it.each([true, false])('openNow: %s, by each listing’s opening hours in its own time zone', async (openNow) => {
      const { expected: want, result: walk } = await stableExpectation(
        (now) => sortedNames(expected(fx, { openNow }, null, now)),
        () => searchAll(t, { filter: { openNow } }),
      );
      expect(sortedNames(walk.nodes)).toEqual(want);
      expect(walk.totalCounts[0]).toBe(want.length);
      expect(want.length).toBeGreaterThan(0);
      expect(want).toContain(openNow ? 'Adunni Bakery' : 'Sabo Cuts');
      expect(want).not.toContain(openNow ? 'Sabo Cuts' : 'Adunni Bakery');
    });
  });

  describe('combinations', () => {
    const cases: [string, () => Filter][] = [
      ['country + top-level category', () => ({ regionId: regionId('nigeria'), categoryIds: [categoryId('food-drink')] })],
      ['city + member-owned', () => ({ regionId: regionId('lagos-ng'), memberOwned: true })],
      ['category + tag', () => ({ categoryIds: [categoryId('cafe')], tags: ['wifi'] })],
      ['text + country', () => ({ text: 'coffee', regionId: regionId('kenya') })],
      [
        'near + two categories',
        () => ({ near: { ...centroid('lagos-ng'), radiusKm: 20 }, categoryIds: [categoryId('bakery'), categoryId('cafe')] }),
      ],
      ['bbox + verified', () => ({ bbox: { south: 4, north: 13, west: -4, east: 10 }, memberOwnedVerified: true })],
      ['tag + country', () => ({ tags: ['natural-hair'], regionId: regionId('united-states') })],
      ['text + member-owned + bbox', () => ({ text: 'bakery', memberOwned: true, bbox: { south: 6.3, north: 6.7, west: 3.2, east: 3.6 } })],
      [
        'top-level category + country + not verified',
        () => ({ categoryIds: [categoryId('technology')], regionId: regionId('nigeria'), memberOwnedVerified: false }),
      ],
      ['text + not member-owned', () => ({ text: 'cafe', memberOwned: false })],
      ['country + tag + near', () => ({ regionId: regionId('ghana'), tags: ['coffee'], near: { ...centroid('accra-gh'), radiusKm: 30 } })],
      ['text phrase + category', () => ({ text: '"fresh bread"', categoryIds: [categoryId('bakery')] })],
      ['neighbourhood + tag + member-owned', () => ({ regionId: regionId('yaba-lagos-ng'), tags: ['fresh-bread'], memberOwned: true })],
      [
        'state + text + near',
        () => ({ regionId: regionId('us-ny'), text: 'kitchen', near: { ...centroid('new-york-city-us'), radiusKm: 30 } }),
      ],
    ];

    it.each(cases)('%s', async (_label, build) => {
      const filter = build();
      const { want } = await expectSearch(filter);
      expect(want.length).toBeGreaterThan(0);
    });

    it('a combination that excludes everything: a category in a region where nobody practises it', async () => {
      const { want } = await expectSearch({ categoryIds: [categoryId('dentist')], regionId: regionId('kenya') });
      expect(want).toEqual([]);
    });

    it.each([true, false])('openNow: %s + country + category', async (openNow) => {
      const filter = (): Filter => ({ openNow, regionId: regionId('united-kingdom'), categoryIds: [categoryId('food-drink')] });
      const { expected: want, result: walk } = await stableExpectation(
        (now) => sortedNames(expected(fx, filter(), null, now)),
        () => searchAll(t, { filter: filter() }),
      );
      expect(sortedNames(walk.nodes)).toEqual(want);
    });
  });

  describe('validation', () => {
    const query =
      (filter: unknown, first = 10) =>
      () =>
        t.gql(SEARCH, { first, filter });
    const yaba = () => centroid('yaba-lagos-ng');

    it.each<[string, () => unknown, string[]]>([
      ['radiusKm 0', () => ({ near: { ...yaba(), radiusKm: 0 } }), ['filter.near.radiusKm']],
      ['radiusKm 101', () => ({ near: { ...yaba(), radiusKm: 101 } }), ['filter.near.radiusKm']],
      ['a negative radius', () => ({ near: { ...yaba(), radiusKm: -1 } }), ['filter.near.radiusKm']],
      ['latitude 91', () => ({ near: { lat: 91, lng: 3, radiusKm: 5 } }), ['filter.near.lat']],
      ['longitude -181', () => ({ near: { lat: 6, lng: -181, radiusKm: 5 } }), ['filter.near.lng']],
      ['a bbox whose south is north of its north', () => ({ bbox: { south: 7, north: 6, west: 3, east: 4 } }), ['filter.bbox.south']],
      ['a bbox edge beyond 90°', () => ({ bbox: { south: 6, north: 91, west: 3, east: 4 } }), ['filter.bbox.north']],
      ['21 categoryIds', () => ({ categoryIds: Array.from({ length: 21 }, () => randomUUID()) }), ['filter.categoryIds']],
      ['a category id that is not a UUID', () => ({ categoryIds: ['bakery'] }), ['filter.categoryIds']],
      ['a region id that is not a UUID', () => ({ regionId: 'nigeria' }), ['filter.regionId']],
      ['an unknown region', () => ({ regionId: randomUUID() }), ['filter.regionId']],
      ['11 tags', () => ({ tags: Array.from({ length: 11 }, (_, i) => `tag-${i}`) }), ['filter.tags']],
      ['a tag without a letter or digit (it would match every listing)', () => ({ tags: ['coffee', '!!!'] }), ['filter.tags']],
      ['a text of 201 characters', () => ({ text: 'a'.repeat(201) }), ['filter.text']],
      ['an empty text', () => ({ text: '' }), ['filter.text']],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_label, filter, paths) => {
      const res: GraphQLResponse = await t.expectUnchanged(query(filter()));
      expectBadUserInput(res, paths);
    });

    it.each([0, 101])('refuses first: %i', async (first) => {
      expectBadUserInput(await t.expectUnchanged(query({}, first)), ['first']);
    });

    it('accepts the limits themselves: radiusKm 100, a text of 200 characters, 20 categoryIds, 10 tags, first 100', async () => {
      const ids: string[] = Array.from({ length: 20 }, () => randomUUID());
      ids[0] = categoryId('bakery');
      const res = await t.gql(SEARCH, {
        first: 100,
        filter: { near: { ...yaba(), radiusKm: 100 }, categoryIds: ids, tags: Array.from({ length: 10 }, (_, i) => `tag-${i}`) },
      });
      expect(res.errors).toBeUndefined();
      const text = await t.gql(SEARCH, { first: 1, filter: { text: `bakery ${'b'.repeat(193)}` } });
      expect(text.errors).toBeUndefined();
    });
  });

  it('isOpenNow of every node agrees with isOpenAt in the listing’s time zone', async () => {
    const { expected: want, result: walk } = await stableExpectation(
      (now) => everyone.map((listing) => [listing.name, isOpenAt(listing.openingHours, listing.timeZone, now)] as const).sort(),
      () => searchAll(t, {}),
    );
    expect(walk.nodes.map((node) => [node.name, node.isOpenNow] as const).sort()).toEqual(want);
    for (const node of walk.nodes) expect(node.timeZone).toBe(fx.listing(node.name).timeZone);
  });
});
