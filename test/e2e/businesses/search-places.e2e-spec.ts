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
    /** The region whose centroid is nearest, within 50 km; among equally near ones the most specific. */
    function suggestion(lat: number, lng: number): Region | null {
      const candidates = [...fx.regions.values()]
        .filter((region) => region.latitude !== null && region.longitude !== null)
        .map((region) => ({ region, km: haversineKm({ lat, lng }, { lat: region.latitude!, lng: region.longitude! }) }))
        .filter((candidate) => candidate.km <= 50)
        .sort((a, b) => a.km - b.km || b.region.depth - a.region.depth);
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

    it('the centre of Lagos: the city whose centroid it is, not one of its neighbourhoods a few km away', async () => {
      const lagos = fx.region('lagos-ng');
      expect(suggestion(lagos.latitude!, lagos.longitude!)?.slug).toBe('lagos-ng');
      expect(await suggest(lagos.latitude!, lagos.longitude!)).toEqual({ id: lagos.id, slug: 'lagos-ng', kind: 'CITY' });
    });

    it.each<[string, string]>([
      ['pretoria-za', 'sandton-johannesburg-za'],
      ['tema-gh', 'east-legon-accra-gh'],
    ])('the centre of %s: that city, not a neighbourhood of another city within 50 km (%s)', async (city, neighbour) => {
      const { latitude, longitude, id } = fx.region(city);
      const other = fx.region(neighbour);
      expect(haversineKm({ lat: latitude!, lng: longitude! }, { lat: other.latitude!, lng: other.longitude! })).toBeLessThan(50);
      expect(suggestion(latitude!, longitude!)?.id).toBe(id);
      expect((await suggest(latitude!, longitude!))?.slug).toBe(city);
    });

    it('45 km west of the centre of Abuja, nearer the centre of its territory than of any city: the territory', async () => {
      // Abuja has one neighbourhood, Wuse, 8 km east of the centre; 45 km west of the centre is
      // more than 50 km from it and nearer the Federal Capital Territory's centre than Abuja's.
      const abuja = fx.region('abuja-ng');
      const territory = fx.region('ng-fc');
      const point = { lat: abuja.latitude!, lng: abuja.longitude! - 45 / (111.2 * Math.cos((abuja.latitude! * Math.PI) / 180)) };
      const km = (region: Region) => haversineKm(point, { lat: region.latitude!, lng: region.longitude! });
      expect(km(fx.region('wuse-abuja-ng'))).toBeGreaterThan(50);
      expect(km(territory)).toBeLessThan(km(abuja));
      expect(suggestion(point.lat, point.lng)?.slug).toBe('ng-fc');
      expect(await suggest(point.lat, point.lng)).toEqual({ id: territory.id, slug: 'ng-fc', kind: 'STATE' });
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
