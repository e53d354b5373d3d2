import { randomUUID } from 'node:crypto';
import { Business } from '../../../src/modules/businesses/business.entity';
import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { expectError, expectOk, SignedIn, sql } from '../../utils/graphql-assertions';
import { createTestApp, TestApp } from '../../utils/test-app';
import { Seeded, seeded, UPDATE } from './listings-fixture';

/** updateBusiness: input it refuses field by field, and moving a listing to another region or set of categories. */

const SEARCH = `query ($filter: BusinessFilter) { businesses(filter: $filter, first: 100) { edges { node { id } } } }`;

describe('updateBusiness', () => {
  let t: TestApp;
  let seed: Seeded;
  let yaba: Region;
  let owner: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seeded(t);
    yaba = seed.region('yaba-lagos-ng');
    owner = await signedInAccount(t, { homeRegion: yaba });
  });
  afterAll(() => t.close());

  /** A published listing of the owner's in Yaba (Africa/Lagos), a bakery and café, open Monday 09:00–17:00. */
  const listing = (name?: string): Promise<Business> =>
    createBusiness(t.em(), {
      region: yaba,
      owner: owner.account,
      name,
      timeZone: 'Africa/Lagos',
      categories: [seed.category('bakery'), seed.category('cafe')],
      tags: ['fresh-bread'],
      openingHours: [{ day: 'MONDAY', opens: '09:00', closes: '17:00' }],
      location: { lat: 6.5095, lng: 3.3711 },
    });
  const span = (day: string, opens: string, closes: string) => ({ day, opens, closes });

  describe('refuses bad input (BAD_USER_INPUT naming the field), changing nothing', () => {
    const cases: [string, () => Record<string, unknown>, string[]][] = [
      [
        'overlapping opening hours',
        () => ({ openingHours: [span('MONDAY', '09:00', '17:00'), span('MONDAY', '12:00', '18:00')] }),
        ['input.openingHours.1.opens'],
      ],
      [
        'an overnight span running into the next day’s span',
        () => ({ openingHours: [span('FRIDAY', '22:00', '03:00'), span('SATURDAY', '02:00', '06:00')] }),
        ['input.openingHours.1.opens'],
      ],
      ['a closing time of 25:00', () => ({ openingHours: [span('TUESDAY', '09:00', '25:00')] }), ['input.openingHours.0.closes']],
      [
        'an opening time equal to the closing time',
        () => ({ openingHours: [span('TUESDAY', '09:00', '09:00')] }),
        ['input.openingHours.0.closes'],
      ],
      ['eleven tags', () => ({ tags: Array.from({ length: 11 }, (_, i) => `tag ${i}`) }), ['input.tags']],
      ['no categories (categoryIds: [])', () => ({ categoryIds: [] }), ['input.categoryIds']],
      ['an unknown region id', () => ({ regionId: randomUUID() }), ['input.regionId']],
      ['an unknown category id', () => ({ categoryIds: [seed.category('bakery').id, randomUUID()] }), ['input.categoryIds']],
      ['regionId: null (a listing always has a region)', () => ({ regionId: null }), ['input.regionId']],
      [
        'a move, with its opening hours, to a country spanning several time zones',
        () => ({ regionId: seed.region('united-states').id }),
        ['input.openingHours'],
      ],
    ];

    it.each(cases)('%s', async (_, change, paths) => {
      const business = await listing();
      const res = await t.expectUnchanged(() => t.gql(UPDATE, { input: { id: business.id, ...change() } }, owner.token));
      expectError(res, 'BAD_USER_INPUT', paths);
    });

    it('accepts the same kinds of change when they are valid (the refusals are about the values only)', async () => {
      const business = await listing();
      const res = await t.gql(
        UPDATE,
        {
          input: {
            id: business.id,
            openingHours: [span('FRIDAY', '22:00', '02:00'), span('SATURDAY', '02:00', '06:00')],
            tags: Array.from({ length: 10 }, (_, i) => `tag ${i}`),
            categoryIds: [seed.category('bakery').id],
            regionId: yaba.id,
          },
        },
        owner.token,
      );
      const updated = expectOk(res).updateBusiness.business;
      expect(updated.openingHours).toEqual([span('FRIDAY', '22:00', '02:00'), span('SATURDAY', '02:00', '06:00')]);
      expect(updated.tags).toHaveLength(10);
      expect(updated.version).toBe(2);
    });
  });

  it('moves a listing to another region with regionId: its region, time zone and searches follow', async () => {
    const business = await listing('Moving Bakery');
    const osu = seed.region('osu-accra-gh');
    const res = await t.gql(UPDATE, { input: { id: business.id, expectedVersion: 1, regionId: osu.id } }, owner.token);
    expect(expectOk(res).updateBusiness.business).toMatchObject({
      region: { id: osu.id, slug: 'osu-accra-gh' },
      timeZone: 'Africa/Accra',
      version: 2,
    });
    expect(await sql(t, 'SELECT region_id, time_zone, version FROM business WHERE id = ?', [business.id])).toEqual([
      { region_id: osu.id, time_zone: 'Africa/Accra', version: 2 },
    ]);

    const inRegion = async (slug: string) =>
      expectOk(await t.gql(SEARCH, { filter: { regionId: seed.region(slug).id, text: 'Moving Bakery' } })).businesses.edges;
    expect(await inRegion('ghana')).toEqual([{ node: { id: business.id } }]);
    expect(await inRegion('osu-accra-gh')).toEqual([{ node: { id: business.id } }]);
    expect(await inRegion('nigeria')).toEqual([]);
    expect(await inRegion('yaba-lagos-ng')).toEqual([]);

    // And to a region of another zone again (Nairobi), from the business(id) read of it too.
    const westlands = seed.region('westlands-nairobi-ke');
    const again = await t.gql(UPDATE, { input: { id: business.id, regionId: westlands.id } }, owner.token);
    expect(expectOk(again).updateBusiness.business).toMatchObject({ region: { slug: 'westlands-nairobi-ke' }, timeZone: 'Africa/Nairobi' });
  });

  it('replaces the category links with categoryIds and bumps the version; the old version is then stale', async () => {
    const business = await listing('Recategorised Bakery');
    const restaurant = seed.category('restaurant');
    const bar = seed.category('bar');
    const res = await t.gql(UPDATE, { input: { id: business.id, expectedVersion: 1, categoryIds: [restaurant.id, bar.id] } }, owner.token);
    const updated = expectOk(res).updateBusiness.business;
    expect(updated.version).toBe(2);
    expect(updated.categories.map((c: { slug: string }) => c.slug).sort()).toEqual(['bar', 'restaurant']);
    expect(
      (await sql(t, 'SELECT category_id FROM business_category WHERE business_id = ?', [business.id])).map((row) => row.category_id).sort(),
    ).toEqual([restaurant.id, bar.id].sort());

    // The search by category follows the links.
    const byCategory = async (slug: string) =>
      expectOk(await t.gql(SEARCH, { filter: { categoryIds: [seed.category(slug).id], text: 'Recategorised Bakery' } })).businesses.edges;
    expect(await byCategory('restaurant')).toEqual([{ node: { id: business.id } }]);
    expect(await byCategory('bakery')).toEqual([]);
    expect(await byCategory('cafe')).toEqual([]);

    // An edit made against version 1 no longer goes through.
    const stale = await t.expectUnchanged(() =>
      t.gql(UPDATE, { input: { id: business.id, expectedVersion: 1, categoryIds: [seed.category('bakery').id] } }, owner.token),
    );
    expectError(stale, 'CONFLICT');
    expect(stale.errors![0].extensions!.currentVersion).toBe(2);
  });

  describe('a region spanning several time zones (a country without one)', () => {
    const CREATE = `mutation ($input: CreateBusinessInput!) { createBusiness(input: $input) { business { id timeZone openingHours { day } } } }`;
    const input = (extra: Record<string, unknown> = {}) => ({
      name: 'Coast to Coast Consulting',
      regionId: seed.region('united-states').id,
      categoryIds: [seed.category('bakery').id],
      ...extra,
    });

    it('holds a listing without opening hours, and refuses hours for it, changing nothing', async () => {
      const hours = [span('MONDAY', '09:00', '17:00')];
      const refused = await t.expectUnchanged(() => t.gql(CREATE, { input: input({ openingHours: hours }) }, owner.token));
      expectError(refused, 'BAD_USER_INPUT', ['input.openingHours']);
      expect(refused.errors![0].extensions!.fieldErrors[0].message).toMatch(/United States spans several time zones/);

      const created = expectOk(await t.gql(CREATE, { input: input() }, owner.token)).createBusiness.business;
      expect(created).toMatchObject({ timeZone: 'UTC', openingHours: [] });
      const later = await t.expectUnchanged(() => t.gql(UPDATE, { input: { id: created.id, openingHours: hours } }, owner.token));
      expectError(later, 'BAD_USER_INPUT', ['input.openingHours']);
      // In a state with a zone of its own, the hours are welcome.
      const moved = await t.gql(UPDATE, { input: { id: created.id, regionId: seed.region('us-ny').id, openingHours: hours } }, owner.token);
      expect(expectOk(moved).updateBusiness.business).toMatchObject({
        timeZone: 'America/New_York',
        openingHours: [span('MONDAY', '09:00', '17:00')],
      });
    });
  });
});
