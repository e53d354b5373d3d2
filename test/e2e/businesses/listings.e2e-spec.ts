import { randomUUID } from 'node:crypto';
import { AccountRole } from '../../../src/modules/accounts/account-role';
import { BusinessStatus } from '../../../src/modules/businesses/business-status';
import { Category } from '../../../src/modules/businesses/category.entity';
import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { auditOf, expectError, expectOk, ISO_INSTANT, SignedIn, sql } from '../../utils/graphql-assertions';
import { createTestApp, TestApp } from '../../utils/test-app';
import { north, seeded } from './listings-fixture';

/** Listings maintained by their owners: creating, duplicates, editing and deleting them. */

const FIELDS = `id name slug status statusReason version tags description website email phone imageUrls memberOwned memberOwnedVerifiedAt
  submittedAt publishedAt timeZone location { lat lng } openingHours { day opens closes } region { slug } categories { slug }
  owners { accountId displayName role } viewerCan { edit manageOwners delete claim }`;
const CREATE = `mutation ($input: CreateBusinessInput!) { createBusiness(input: $input) { business { ${FIELDS} } } }`;
const UPDATE = `mutation ($input: UpdateBusinessInput!) { updateBusiness(input: $input) { business { ${FIELDS} } } }`;
const DELETE = `mutation ($input: BusinessIdInput!) { deleteBusiness(input: $input) { deletedBusinessId } }`;
const BUSINESS = `query ($id: ID!) { business(id: $id) { ${FIELDS} } }`;
const SEARCH = `query ($filter: BusinessFilter) { businesses(filter: $filter, first: 100) { totalCount edges { node { id } } } }`;
const MINE = `{ myBusinesses(first: 100) { totalCount edges { node { id status } } } }`;
const SUGGEST = `query ($lat: Float!, $lng: Float!) { suggestRegion(lat: $lat, lng: $lng) { slug } }`;

/** The centroid of Yaba (a demo neighbourhood of Lagos). */
const YABA = { lat: 6.5095, lng: 3.3711 };
describe('createBusiness', () => {
  let t: TestApp;
  let region: (slug: string) => Region;
  let category: (slug: string) => Category;
  let valid: () => Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp();
    ({ region, category } = await seeded(t));
    valid = () => ({ name: 'Valid Bakery', regionId: region('yaba-lagos-ng').id, categoryIds: [category('bakery').id] });
  });
  afterAll(() => t.close());

  it('lists a DRAFT owned by the viewer, with tags and opening hours normalised', async () => {
    const { account, token } = await signedInAccount(t, { homeRegion: region('yaba-lagos-ng'), publicProfile: true });
    const input = {
      name: '  Mama Put Kitchen ',
      regionId: region('yaba-lagos-ng').id,
      categoryIds: [category('restaurant').id, category('bakery').id],
      description: 'Jollof, fried plantain and fresh bread every morning.',
      tags: ['Fresh Bread', 'fresh bread', ' FRESH-BREAD! ', 'Jollof Rice', 'jollof-rice'],
      openingHours: [
        { day: 'SUNDAY', opens: '12:00', closes: '20:00' },
        { day: 'MONDAY', opens: '18:00', closes: '02:00' },
        { day: 'WEDNESDAY', opens: '08:00', closes: '24:00' },
        { day: 'MONDAY', opens: '08:00', closes: '12:00' },
      ],
      website: 'https://mamaput.example.org',
      email: 'hello@mamaput.example.org',
      phone: '+234 803 123 4567',
      imageUrls: ['https://images.example.org/kitchen.jpg'],
      location: north(YABA, 300),
      memberOwned: true,
    };
    const res = await t.gql(CREATE, { input }, token);
    const business = expectOk(res).createBusiness.business;
    expect(business).toMatchObject({
      name: 'Mama Put Kitchen',
      slug: 'mama-put-kitchen-yaba-lagos-ng',
      status: 'DRAFT',
      statusReason: null,
      version: 1,
      tags: ['fresh-bread', 'jollof-rice'],
      openingHours: [
        { day: 'MONDAY', opens: '08:00', closes: '12:00' },
        { day: 'MONDAY', opens: '18:00', closes: '02:00' },
        { day: 'WEDNESDAY', opens: '08:00', closes: '24:00' },
        { day: 'SUNDAY', opens: '12:00', closes: '20:00' },
      ],
      website: input.website,
      email: input.email,
      phone: input.phone,
      imageUrls: input.imageUrls,
      location: input.location,
      memberOwned: true,
      memberOwnedVerifiedAt: null,
      submittedAt: null,
      publishedAt: null,
      timeZone: 'Africa/Lagos',
      region: { slug: 'yaba-lagos-ng' },
      owners: [{ accountId: account.id, displayName: account.displayName, role: 'OWNER' }],
      viewerCan: { edit: true, manageOwners: true, delete: true, claim: false },
    });
    expect(business.categories.map((c: { slug: string }) => c.slug).sort()).toEqual(['bakery', 'restaurant']);

    const [row] = await sql(t, 'SELECT status, tags, deleted_at FROM business WHERE id = ?', [business.id]);
    expect(row).toEqual({ status: 'DRAFT', tags: ['fresh-bread', 'jollof-rice'], deleted_at: null });
    expect(await sql(t, 'SELECT account_id, role FROM business_owner WHERE business_id = ?', [business.id])).toEqual([
      { account_id: account.id, role: 'OWNER' },
    ]);
    // A draft is its owners' only: nobody else sees it.
    const { token: other } = await signedInAccount(t);
    expectError(await t.gql(BUSINESS, { id: business.id }), 'NOT_FOUND');
    expectError(await t.gql(BUSINESS, { id: business.id }, other), 'NOT_FOUND');
    expect(expectOk(await t.gql(SEARCH, { filter: { text: 'Mama Put Kitchen' } }, other)).businesses.totalCount).toBe(0);
    expect(expectOk(await t.gql(SEARCH, { filter: { text: 'Mama Put Kitchen' } }, token)).businesses.edges).toEqual([
      { node: { id: business.id } },
    ]);
  });

  it('places a listing given only a location in the most specific region whose centre is within 50 km', async () => {
    const { token } = await signedInAccount(t);
    expect(expectOk(await t.gql(SUGGEST, YABA)).suggestRegion).toEqual({ slug: 'yaba-lagos-ng' });
    expect(expectOk(await t.gql(SUGGEST, { lat: 6.499, lng: 3.354 })).suggestRegion).toEqual({ slug: 'surulere-lagos-ng' });
    expect(expectOk(await t.gql(SUGGEST, { lat: 0, lng: -30 })).suggestRegion).toBeNull();

    const input = { ...valid(), name: 'Sabo Market Bakery', regionId: undefined, location: north(YABA, 200) };
    const business = expectOk(await t.gql(CREATE, { input }, token)).createBusiness.business;
    expect(business.region).toEqual({ slug: 'yaba-lagos-ng' });
    expect(business.timeZone).toBe('Africa/Lagos');
    expect((await sql(t, 'SELECT region_id FROM business WHERE id = ?', [business.id]))[0].region_id).toBe(region('yaba-lagos-ng').id);
  });

  it('refuses an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
    const res = await t.expectUnchanged(() => t.gql(CREATE, { input: valid() }));
    expectError(res, 'UNAUTHENTICATED');
  });

  const span = (day: string, opens: string, closes: string) => ({ day, opens, closes });
  const badInputs: [string, (input: Record<string, unknown>) => Record<string, unknown>, string[]][] = [
    ['an empty name', (input) => ({ ...input, name: '   ' }), ['input.name']],
    [
      'six categories',
      (input) => ({ ...input, categoryIds: ['restaurant', 'cafe', 'bakery', 'barber', 'accountant', 'bar'].map((s) => category(s).id) }),
      ['input.categoryIds'],
    ],
    ['no category', (input) => ({ ...input, categoryIds: undefined }), ['input.categoryIds']],
    ['an unknown category id', (input) => ({ ...input, categoryIds: [category('bakery').id, randomUUID()] }), ['input.categoryIds']],
    ['an unknown region', (input) => ({ ...input, regionId: randomUUID() }), ['input.regionId']],
    ['neither a region nor a location', (input) => ({ ...input, regionId: undefined }), ['input.regionId']],
    [
      'a location more than 50 km from every region centre',
      (input) => ({ ...input, regionId: undefined, location: { lat: 0, lng: -30 } }),
      ['input.location'],
    ],
    ['eleven tags', (input) => ({ ...input, tags: Array.from({ length: 11 }, (_, i) => `tag ${i}`) }), ['input.tags']],
    ['a tag without a letter or digit', (input) => ({ ...input, tags: ['jollof', '-- !!'] }), ['input.tags']],
    ['a website that is not an address', (input) => ({ ...input, website: 'mama put dot com' }), ['input.website']],
    ['an ftp website', (input) => ({ ...input, website: 'ftp://files.example.org' }), ['input.website']],
    ['a bad e-mail address', (input) => ({ ...input, email: 'hello-at-example.org' }), ['input.email']],
    ['a bad phone number', (input) => ({ ...input, phone: 'call me maybe' }), ['input.phone']],
    [
      'an http image address',
      (input) => ({ ...input, imageUrls: ['https://images.example.org/a.jpg', 'http://images.example.org/b.jpg'] }),
      ['input.imageUrls'],
    ],
    [
      'overlapping opening hours',
      (input) => ({ ...input, openingHours: [span('MONDAY', '09:00', '17:00'), span('MONDAY', '12:00', '18:00')] }),
      ['input.openingHours.1.opens'],
    ],
    [
      'a closing time of 25:00',
      (input) => ({ ...input, openingHours: [span('TUESDAY', '09:00', '25:00')] }),
      ['input.openingHours.0.closes'],
    ],
  ];

  it.each(badInputs)('refuses %s (BAD_USER_INPUT on the field), changing nothing', async (_, change, paths) => {
    const { token } = await signedInAccount(t);
    const res = await t.expectUnchanged(() => t.gql(CREATE, { input: change(valid()) }, token));
    expectError(res, 'BAD_USER_INPUT', paths);
    for (const error of res.errors![0].extensions!.fieldErrors) expect(error.message).toEqual(expect.any(String));
  });

  it('accepts the same input once the fields are fixed (the refusals above are about those fields only)', async () => {
    const { token } = await signedInAccount(t);
    const input = {
      ...valid(),
      name: 'Fixed Bakery',
      tags: Array.from({ length: 10 }, (_, i) => `tag ${i}`),
      openingHours: [span('MONDAY', '09:00', '12:00'), span('MONDAY', '12:00', '18:00'), span('TUESDAY', '09:00', '24:00')],
      imageUrls: ['https://images.example.org/a.jpg'],
    };
    const business = expectOk(await t.gql(CREATE, { input }, token)).createBusiness.business;
    expect(business.tags).toHaveLength(10);
    expect(business.openingHours).toHaveLength(3);
  });
});

describe('slugs', () => {
  let t: TestApp;
  let regionId: string;
  let categoryId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const { region, category } = await seeded(t);
    regionId = region('yaba-lagos-ng').id;
    categoryId = category('bakery').id;
  });
  afterAll(() => t.close());

  it('gives listings of one name in one region, created at the same moment, each a slug of its own', async () => {
    const members = await Promise.all(Array.from({ length: 6 }, () => signedInAccount(t)));
    const created = await Promise.all(
      members.map(({ token }) => t.gql(CREATE, { input: { name: 'Twin Bakery', regionId, categoryIds: [categoryId] } }, token)),
    );
    const slugs = created.map((res) => expectOk(res).createBusiness.business.slug as string).sort();
    expect(new Set(slugs).size).toBe(6);
    for (const slug of slugs) expect(slug).toMatch(/^twin-bakery-yaba-lagos-ng(-[2-9])?$/);
  });

  it('keeps the slug within its column for a name that folds into three times its length', async () => {
    const { token } = await signedInAccount(t);
    const name = 'ﬃ'.repeat(160);
    const business = expectOk(await t.gql(CREATE, { input: { name, regionId, categoryIds: [categoryId] } }, token)).createBusiness.business;
    expect(business.name).toBe(name);
    expect(business.slug.length).toBeLessThanOrEqual(200);
    expect(business.slug).toMatch(/^(ffi)+f?f?-yaba-lagos-ng$/);
  });
});

describe('duplicates', () => {
  let t: TestApp;
  let yaba: Region;
  let bakery: Category;
  let first: { id: string; slug: string };
  let member: { token: string };
  const SPOT = { lat: 6.515, lng: 3.375 };

  beforeAll(async () => {
    t = await createTestApp();
    const { region, category } = await seeded(t);
    yaba = region('yaba-lagos-ng');
    bakery = category('bakery');
    const owner = await signedInAccount(t, { homeRegion: yaba });
    first = await createBusiness(t.em(), {
      region: yaba,
      owner: owner.account,
      name: "Mama Ngozi's Bakery",
      location: SPOT,
      categories: [bakery],
    });
    member = await signedInAccount(t, { homeRegion: yaba });
  });
  afterAll(() => t.close());

  const input = (name: string, location: { lat: number; lng: number }, extra: Record<string, unknown> = {}) => ({
    input: { name, regionId: yaba.id, categoryIds: [bakery.id], location, ...extra },
  });

  it('refuses a similar name within 200 m (CONFLICT naming the candidate), changing nothing', async () => {
    const res = await t.expectUnchanged(() => t.gql(CREATE, input('Mama Ngozis Bakery', north(SPOT, 50)), member.token));
    expectError(res, 'CONFLICT');
    expect(res.errors![0].message).toMatch(/confirmNotDuplicate/);
    const candidates = res.errors![0].extensions!.candidates;
    expect(candidates).toEqual([
      { id: first.id, name: "Mama Ngozi's Bakery", slug: first.slug, distanceMeters: expect.any(Number), similarity: expect.any(Number) },
    ]);
    expect(Math.abs(candidates[0].distanceMeters - 50)).toBeLessThanOrEqual(1);
    expect(candidates[0].similarity).toBeGreaterThanOrEqual(0.6);
    expect(candidates[0].similarity).toBeLessThan(1);
  });

  it('creates the same name 500 m away', async () => {
    const business = expectOk(await t.gql(CREATE, input('Mama Ngozis Bakery', north(SPOT, 500)), member.token)).createBusiness.business;
    expect(business).toMatchObject({ name: 'Mama Ngozis Bakery', status: 'DRAFT' });
  });

  it('creates it anyway when the caller confirms it is another business', async () => {
    const res = await t.gql(CREATE, input('Mama Ngozis Bakery', north(SPOT, 50), { confirmNotDuplicate: true }), member.token);
    expect(expectOk(res).createBusiness.business).toMatchObject({ name: 'Mama Ngozis Bakery', status: 'DRAFT' });
    expect(await sql(t, 'SELECT count(*)::int AS n FROM business WHERE name = ?', ['Mama Ngozis Bakery'])).toEqual([{ n: 2 }]);
  });

  it('creates a dissimilar name at the very same spot', async () => {
    const res = await t.gql(CREATE, input('Yaba Phone Repairs', SPOT), member.token);
    expect(expectOk(res).createBusiness.business.name).toBe('Yaba Phone Repairs');
  });

  it.each<[BusinessStatus, number]>([
    [BusinessStatus.DRAFT, 5_000],
    [BusinessStatus.PENDING_REVIEW, 6_000],
    [BusinessStatus.SUSPENDED, 7_000],
  ])("ignores other people's listings the viewer may not see (%s): the answer must not reveal them", async (status, metres) => {
    const stranger = await signedInAccount(t, { homeRegion: yaba });
    const spot = north(SPOT, metres);
    await createBusiness(t.em(), { region: yaba, owner: stranger.account, name: 'Iya Basira Canteen', location: spot, status });
    const res = await t.gql(CREATE, input("Iya Basira's Canteen", north(spot, 30)), member.token);
    expect(expectOk(res).createBusiness.business.name).toBe("Iya Basira's Canteen");
  });

  it('refuses moving a listing next to a similar one (CONFLICT), changing nothing; moves it once confirmed', async () => {
    const far = north(SPOT, 20_000);
    const moving = expectOk(await t.gql(CREATE, input('Mama Ngozi Bakery', far), member.token)).createBusiness.business;

    const move = (extra: Record<string, unknown> = {}) =>
      t.gql(UPDATE, { input: { id: moving.id, location: north(SPOT, -20), ...extra } }, member.token);
    const res = await t.expectUnchanged(() => move());
    expectError(res, 'CONFLICT');
    const candidates: { id: string; distanceMeters: number; similarity: number }[] = res.errors![0].extensions!.candidates;
    expect(candidates.map((c) => c.id)).toContain(first.id);
    expect(candidates.map((c) => c.id)).not.toContain(moving.id);
    const firstCandidate = candidates.find((c) => c.id === first.id)!;
    expect(Math.abs(firstCandidate.distanceMeters - 20)).toBeLessThanOrEqual(1);
    expect(firstCandidate.similarity).toBeGreaterThanOrEqual(0.6);

    // Editing something else leaves the location alone: no check.
    expect(
      expectOk(await t.gql(UPDATE, { input: { id: moving.id, description: 'Bread' } }, member.token)).updateBusiness.business.location,
    ).toEqual(far);
    const moved = expectOk(await move({ confirmNotDuplicate: true })).updateBusiness.business;
    expect(moved.location).toEqual(north(SPOT, -20));
  });
});

describe('updateBusiness', () => {
  let t: TestApp;
  let yaba: Region;
  let owner: SignedIn;
  let editor: SignedIn;
  let outsider: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    yaba = (await seeded(t)).region('yaba-lagos-ng');
    owner = await signedInAccount(t, { homeRegion: yaba });
    editor = await signedInAccount(t, { homeRegion: yaba });
    outsider = await signedInAccount(t, { homeRegion: yaba });
  });
  afterAll(() => t.close());

  const listing = (props: Partial<Parameters<typeof createBusiness>[1]> = {}) =>
    createBusiness(t.em(), { region: yaba, owner: owner.account, editors: [editor.account], ...props });

  it('lets the owner and an editor edit; a published listing stays published and its version goes up', async () => {
    const business = await listing({ name: 'Chop Bar One' });
    const byOwner = await t.gql(
      UPDATE,
      {
        input: { id: business.id, expectedVersion: 1, name: 'Chop Bar Uno', website: 'https://chopbar.example.org', tags: ['Pepper Soup'] },
      },
      owner.token,
    );
    expect(expectOk(byOwner).updateBusiness.business).toMatchObject({
      name: 'Chop Bar Uno',
      status: 'PUBLISHED',
      version: 2,
      website: 'https://chopbar.example.org',
      tags: ['pepper-soup'],
    });

    const byEditor = await t.gql(
      UPDATE,
      { input: { id: business.id, expectedVersion: 2, description: 'Pepper soup all day' } },
      editor.token,
    );
    expect(expectOk(byEditor).updateBusiness.business).toMatchObject({
      name: 'Chop Bar Uno',
      description: 'Pepper soup all day',
      status: 'PUBLISHED',
      version: 3,
      viewerCan: { edit: true, manageOwners: false, delete: false, claim: false },
    });
    expect(await sql(t, 'SELECT name, status, version FROM business WHERE id = ?', [business.id])).toEqual([
      { name: 'Chop Bar Uno', status: 'PUBLISHED', version: 3 },
    ]);
  });

  it('refuses a stale expectedVersion (CONFLICT), changing nothing', async () => {
    const business = await listing();
    expectOk(await t.gql(UPDATE, { input: { id: business.id, description: 'First edit' } }, owner.token));
    const res = await t.expectUnchanged(() =>
      t.gql(UPDATE, { input: { id: business.id, expectedVersion: 1, description: 'Lost edit' } }, editor.token),
    );
    expectError(res, 'CONFLICT');
    expect(res.errors![0].extensions!.currentVersion).toBe(2);
  });

  it('lets only one of two simultaneous edits based on the same version through; the other gets CONFLICT', async () => {
    const business = await listing();
    const results = await Promise.all([
      t.gql(UPDATE, { input: { id: business.id, expectedVersion: 1, description: 'By the owner' } }, owner.token),
      t.gql(UPDATE, { input: { id: business.id, expectedVersion: 1, description: 'By the editor' } }, editor.token),
    ]);
    const won = results.filter((res) => res.errors === undefined);
    expect(won).toHaveLength(1);
    expect(results.filter((res) => res.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(1);
    const [row] = await sql(t, 'SELECT description, version FROM business WHERE id = ?', [business.id]);
    expect(row).toEqual({ description: won[0].data!.updateBusiness.business.description, version: 2 });
  });

  it('refuses a member who does not maintain it: FORBIDDEN for a published listing, NOT_FOUND for a draft, changing nothing', async () => {
    const published = await listing();
    const draft = await listing({ status: BusinessStatus.DRAFT });
    const forbidden = await t.expectUnchanged(() => t.gql(UPDATE, { input: { id: published.id, name: 'Hijacked' } }, outsider.token));
    expectError(forbidden, 'FORBIDDEN');
    const hidden = await t.expectUnchanged(() => t.gql(UPDATE, { input: { id: draft.id, name: 'Hijacked' } }, outsider.token));
    expectError(hidden, 'NOT_FOUND');
    // Exactly what an id that does not exist gets: the draft's existence is not revealed.
    const unknown = await t.gql(UPDATE, { input: { id: randomUUID(), name: 'Hijacked' } }, outsider.token);
    expect(hidden.errors![0].message).toBe(unknown.errors![0].message);
    expect(unknown.errors![0].extensions).toEqual(hidden.errors![0].extensions);

    const anonymous = await t.expectUnchanged(() => t.gql(UPDATE, { input: { id: published.id, name: 'Hijacked' } }));
    expectError(anonymous, 'UNAUTHENTICATED');
  });

  it('clears the website, e-mail and location with null', async () => {
    const business = await listing({ location: YABA });
    expectOk(await t.gql(UPDATE, { input: { id: business.id, website: 'https://clear.example.org' } }, owner.token));
    const res = await t.gql(UPDATE, { input: { id: business.id, website: null, email: null, location: null } }, owner.token);
    expect(expectOk(res).updateBusiness.business).toMatchObject({ website: null, email: null, location: null, phone: '+234 800 000 0000' });
    expect(await sql(t, 'SELECT website, email, latitude FROM business WHERE id = ?', [business.id])).toEqual([
      { website: null, email: null, latitude: null },
    ]);
  });

  it('clears the verification when the owners withdraw the member-owned declaration', async () => {
    const business = await listing({ memberOwned: true, memberOwnedVerified: true });
    const before = expectOk(await t.gql(BUSINESS, { id: business.id }, owner.token)).business;
    expect(before.memberOwnedVerifiedAt).toMatch(ISO_INSTANT);

    const withdrawn = expectOk(await t.gql(UPDATE, { input: { id: business.id, memberOwned: false } }, owner.token)).updateBusiness
      .business;
    expect(withdrawn).toMatchObject({ memberOwned: false, memberOwnedVerifiedAt: null });
    // Declaring it again needs an admin's confirmation again.
    const again = expectOk(await t.gql(UPDATE, { input: { id: business.id, memberOwned: true } }, owner.token)).updateBusiness.business;
    expect(again).toMatchObject({ memberOwned: true, memberOwnedVerifiedAt: null });
  });

  it('refuses a null for a field that cannot be removed (name), changing nothing', async () => {
    const business = await listing();
    const res = await t.expectUnchanged(() => t.gql(UPDATE, { input: { id: business.id, name: null } }, owner.token));
    expectError(res, 'BAD_USER_INPUT', ['input.name']);
  });
});

describe('deleteBusiness', () => {
  let t: TestApp;
  let yaba: Region;

  beforeAll(async () => {
    t = await createTestApp();
    yaba = (await seeded(t)).region('yaba-lagos-ng');
  });
  afterAll(() => t.close());

  it('refuses an editor and a member who does not maintain it (FORBIDDEN), and an anonymous caller, changing nothing', async () => {
    const owner = await signedInAccount(t, { homeRegion: yaba });
    const editor = await signedInAccount(t, { homeRegion: yaba });
    const outsider = await signedInAccount(t, { homeRegion: yaba });
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, editors: [editor.account] });
    expectError(await t.expectUnchanged(() => t.gql(DELETE, { input: { id: business.id } }, editor.token)), 'FORBIDDEN');
    expectError(await t.expectUnchanged(() => t.gql(DELETE, { input: { id: business.id } }, outsider.token)), 'FORBIDDEN');
    expectError(await t.expectUnchanged(() => t.gql(DELETE, { input: { id: business.id } })), 'UNAUTHENTICATED');
  });

  it('deletes it for its owner: gone from businesses, business(id) and myBusinesses, for everyone; audited once', async () => {
    const owner = await signedInAccount(t, { homeRegion: yaba });
    const admin = await signedInAccount(t, { role: AccountRole.ADMIN });
    const member = await signedInAccount(t, { homeRegion: yaba });
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, name: 'Doomed Dry Cleaners' });
    const kept = await createBusiness(t.em(), { region: yaba, owner: owner.account, name: 'Kept Dry Cleaners' });
    const filter = { text: 'Dry Cleaners' };
    expect(expectOk(await t.gql(SEARCH, { filter })).businesses.totalCount).toBe(2);

    const res = await t.gql(DELETE, { input: { id: business.id } }, owner.token);
    expect(expectOk(res).deleteBusiness).toEqual({ deletedBusinessId: business.id });

    for (const token of [undefined, member.token, owner.token, admin.token]) {
      expect(expectOk(await t.gql(SEARCH, { filter }, token)).businesses.edges).toEqual([{ node: { id: kept.id } }]);
      expectError(await t.gql(BUSINESS, { id: business.id }, token), 'NOT_FOUND');
    }
    expect(expectOk(await t.gql(MINE, {}, owner.token)).myBusinesses.edges).toEqual([{ node: { id: kept.id, status: 'PUBLISHED' } }]);

    expect(await auditOf(t, business.id)).toEqual([
      {
        action: 'business.deleted',
        actor_id: owner.account.id,
        subject_type: 'Business',
        before: expect.objectContaining({ status: 'PUBLISHED' }),
        after: null,
      },
    ]);
    // Soft: the row stays, marked deleted; deleting it again finds nothing.
    expect(await sql(t, 'SELECT deleted_at IS NOT NULL AS deleted FROM business WHERE id = ?', [business.id])).toEqual([{ deleted: true }]);
    expectError(await t.expectUnchanged(() => t.gql(DELETE, { input: { id: business.id } }, owner.token)), 'NOT_FOUND');
    expectError(await t.expectUnchanged(() => t.gql(UPDATE, { input: { id: business.id, name: 'Back' } }, owner.token)), 'NOT_FOUND');
  });

  it('deletes a draft too', async () => {
    const owner = await signedInAccount(t, { homeRegion: yaba });
    const draft = await createBusiness(t.em(), { region: yaba, owner: owner.account, status: BusinessStatus.DRAFT });
    expect(expectOk(await t.gql(DELETE, { input: { id: draft.id } }, owner.token)).deleteBusiness.deletedBusinessId).toBe(draft.id);
    expect(expectOk(await t.gql(MINE, {}, owner.token)).myBusinesses.totalCount).toBe(0);
  });
});
