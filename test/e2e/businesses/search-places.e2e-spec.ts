import { isOpenAt } from '../../../src/modules/businesses/opening-hours';
import { Region } from '../../../src/modules/regions/region.entity';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { buildFixture, expectBadUserInput, Fixture, haversineKm, stableExpectation } from './search-fixture';

const SUGGEST = `query Suggest($lat: Float!, $lng: Float!) { suggestRegion(lat: $lat, lng: $lng) { id slug kind } }`;

const LATE_NIGHT = `
  query LateNight($filter: BusinessFilter) {
    businesses(first: 10, filter: $filter) {
      totalCount
      edges { node { id name isOpenNow timeZone openingHours { day opens closes } } }
    }
  }`;

const LOOKUP = `query Lookup($id: ID) { business(id: $id) { name isOpenNow } }`;

/** suggestRegion, and isOpenNow read in each listing's own time zone. */
describe('business search: places and time zones', () => {
  let t: TestApp;
  let fx: Fixture;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await buildFixture(t);
  });
  afterAll(() => t.close());

  describe('suggestRegion', () => {
    /** The most specific region whose centroid lies within 50 km; among equally specific ones the nearest. */
    function suggestion(lat: number, lng: number): Region | null {
      const candidates = [...fx.regions.values()]
        .filter((region) => region.latitude !== null && region.longitude !== null)
        .map((region) => ({ region, km: haversineKm({ lat, lng }, { lat: region.latitude!, lng: region.longitude! }) }))
        .filter((candidate) => candidate.km <= 50)
        .sort((a, b) => b.region.depth - a.region.depth || a.km - b.km);
      return candidates[0]?.region ?? null;
    }

    async function suggest(lat: number, lng: number) {
      const res: GraphQLResponse = await t.expectUnchanged(() => t.gql(SUGGEST, { lat, lng }));
      expect(res.errors).toBeUndefined();
      return res.data!.suggestRegion as { id: string; slug: string; kind: string } | null;
    }

    it('a point in Yaba: the Yaba neighbourhood', async () => {
      const want = suggestion(6.5101, 3.3718);
      expect(want?.slug).toBe('yaba-lagos-ng');
      expect(await suggest(6.5101, 3.3718)).toEqual({ id: want!.id, slug: 'yaba-lagos-ng', kind: 'NEIGHBOURHOOD' });
    });

    it('the centre of Lagos: a neighbourhood nearby, not the city whose centroid it is (most specific first)', async () => {
      const lagos = fx.region('lagos-ng');
      const want = suggestion(lagos.latitude!, lagos.longitude!);
      expect(want?.kind).toBe('NEIGHBOURHOOD');
      expect((await suggest(lagos.latitude!, lagos.longitude!))?.id).toBe(want!.id);
    });

    it('a point more than 50 km from every neighbourhood but within 50 km of a city centre: the city', async () => {
      // No such point exists around Lagos: its five neighbourhoods surround the city centre within
      // 15 km, so every point within 50 km of the centre is within 50 km of one of them. Abuja has
      // one neighbourhood, Wuse, 8 km east of the centre: 45 km west of the centre is the place.
      const abuja = fx.region('abuja-ng');
      const point = { lat: abuja.latitude!, lng: abuja.longitude! - 45 / (111.2 * Math.cos((abuja.latitude! * Math.PI) / 180)) };
      const wuse = fx.region('wuse-abuja-ng');
      expect(haversineKm(point, { lat: wuse.latitude!, lng: wuse.longitude! })).toBeGreaterThan(50);
      expect(haversineKm(point, { lat: abuja.latitude!, lng: abuja.longitude! })).toBeLessThan(50);
      const want = suggestion(point.lat, point.lng);
      expect(want?.slug).toBe('abuja-ng');
      expect(await suggest(point.lat, point.lng)).toEqual({ id: abuja.id, slug: 'abuja-ng', kind: 'CITY' });
    });

    it('mid-ocean: null', async () => {
      expect(suggestion(-30, -20)).toBeNull();
      expect(await suggest(-30, -20)).toBeNull();
    });

    it.each<[string, number, number, string]>([
      ['latitude 91', 91, 3, 'lat'],
      ['longitude 181', 6, 181, 'lng'],
    ])('refuses %s', async (_label, lat, lng, path) => {
      expectBadUserInput(await t.expectUnchanged(() => t.gql(SUGGEST, { lat, lng })), [path]);
    });
  });

  describe('isOpenNow', () => {
    it('reads the same schedule in each listing’s zone: open now in Lagos, closed now in New York', async () => {
      const lagos = fx.listing('Tejuosho Night Owl');
      const newYork = fx.listing('Nostrand Night Owl');
      expect(lagos.openingHours).toEqual(newYork.openingHours);
      expect([lagos.timeZone, newYork.timeZone]).toEqual(['Africa/Lagos', 'America/New_York']);

      const { expected, result } = await stableExpectation(
        (now) => ({
          'Nostrand Night Owl': isOpenAt(newYork.openingHours, newYork.timeZone, now),
          'Tejuosho Night Owl': isOpenAt(lagos.openingHours, lagos.timeZone, now),
        }),
        () => t.gql(LATE_NIGHT, { filter: { tags: ['late-night'] } }),
      );
      // The schedule was built around the present moment in Lagos, five or six hours ahead of New York.
      expect(expected).toEqual({ 'Nostrand Night Owl': false, 'Tejuosho Night Owl': true });
      expect(result.errors).toBeUndefined();
      const nodes = result.data!.businesses.edges.map((edge: { node: Record<string, any> }) => edge.node);
      expect(Object.fromEntries(nodes.map((node: Record<string, any>) => [node.name, node.isOpenNow]))).toEqual(expected);
      expect(nodes.map((node: Record<string, any>) => node.openingHours)).toEqual([lagos.openingHours, lagos.openingHours]);
    });

    it('the openNow filter agrees: the Lagos listing is open, the New York one closed', async () => {
      for (const openNow of [true, false]) {
        const { expected, result } = await stableExpectation(
          (now) =>
            [fx.listing('Tejuosho Night Owl'), fx.listing('Nostrand Night Owl')]
              .filter((listing) => isOpenAt(listing.openingHours, listing.timeZone, now) === openNow)
              .map((listing) => listing.name),
          () => t.gql(LATE_NIGHT, { filter: { tags: ['late-night'], openNow } }),
        );
        expect(expected).toEqual([openNow ? 'Tejuosho Night Owl' : 'Nostrand Night Owl']);
        expect(result.data!.businesses.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(expected);
        expect(result.data!.businesses.totalCount).toBe(1);
      }
    });

    it('a lookup by id answers the same', async () => {
      for (const name of ['Tejuosho Night Owl', 'Nostrand Night Owl', 'Harlem Soul Kitchen', 'Ola Accountants']) {
        const listing = fx.listing(name);
        const { expected, result } = await stableExpectation(
          (now) => isOpenAt(listing.openingHours, listing.timeZone, now),
          () => t.gql(LOOKUP, { id: listing.id }),
        );
        expect(result.data!.business).toEqual({ name, isOpenNow: expected });
      }
    });
  });
});
