import { AccountRole } from '../../../src/modules/accounts/account-role';
import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { expectError, expectOk, SignedIn } from '../../utils/graphql-assertions';
import { createTestApp, TestApp } from '../../utils/test-app';
import { createListing, DELETE, seeded } from './listings-fixture';

/** business(slug:): the same listing as business(id:), under the same visibility rules. */

const BY_SLUG = `query ($slug: String!) { business(slug: $slug) { id slug name status } }`;
const BY_ID = `query ($id: ID!) { business(id: $id) { id slug name status } }`;
const BY_BOTH = `query ($id: ID, $slug: String) { business(id: $id, slug: $slug) { id } }`;

describe('business(slug:)', () => {
  let t: TestApp;
  let yaba: Region;
  let bakeryId: string;
  let owner: SignedIn;
  let member: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    const seed = await seeded(t);
    yaba = seed.region('yaba-lagos-ng');
    bakeryId = seed.category('bakery').id;
    owner = await signedInAccount(t, { homeRegion: yaba });
    member = await signedInAccount(t, { homeRegion: yaba });
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });
  });
  afterAll(() => t.close());

  it('finds a published listing by its slug, for anyone: the same listing as by id', async () => {
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, name: 'Slug Street Bakery' });
    await createBusiness(t.em(), { region: yaba, owner: owner.account, name: 'Another Bakery' });
    for (const token of [undefined, member.token, owner.token]) {
      const bySlug = expectOk(await t.expectUnchanged(() => t.gql(BY_SLUG, { slug: business.slug }, token))).business;
      expect(bySlug).toEqual({ id: business.id, slug: business.slug, name: 'Slug Street Bakery', status: 'PUBLISHED' });
      expect(expectOk(await t.gql(BY_ID, { id: business.id }, token)).business).toEqual(bySlug);
    }
  });

  it('answers NOT_FOUND for a slug nobody has', async () => {
    expectError(await t.gql(BY_SLUG, { slug: 'no-such-listing-yaba-lagos-ng' }), 'NOT_FOUND');
    expectError(await t.gql(BY_SLUG, { slug: 'no-such-listing-yaba-lagos-ng' }, member.token), 'NOT_FOUND');
  });

  it("keeps a draft's slug to its owners (and admins): NOT_FOUND to other members and anonymous callers, as for an unknown slug", async () => {
    const draft = await createListing(t, owner.token, { name: 'Secret Draft Kitchen', regionId: yaba.id, categoryIds: [bakeryId] });
    expect(draft).toMatchObject({ status: 'DRAFT', slug: 'secret-draft-kitchen-yaba-lagos-ng' });

    const unknown = await t.gql(BY_SLUG, { slug: 'no-such-listing-yaba-lagos-ng' }, member.token);
    for (const token of [undefined, member.token]) {
      const res = await t.gql(BY_SLUG, { slug: draft.slug }, token);
      expectError(res, 'NOT_FOUND');
      // Nothing tells it apart from a slug that does not exist.
      expect(res.errors![0].message).toBe(unknown.errors![0].message);
      expect(res.errors![0].extensions).toEqual(unknown.errors![0].extensions);
    }
    expect(expectOk(await t.gql(BY_SLUG, { slug: draft.slug }, owner.token)).business).toEqual({
      id: draft.id,
      slug: draft.slug,
      name: 'Secret Draft Kitchen',
      status: 'DRAFT',
    });
    expect(expectOk(await t.gql(BY_SLUG, { slug: draft.slug }, admin.token)).business.id).toBe(draft.id);
  });

  it("answers NOT_FOUND for a deleted listing's slug, even to its owner", async () => {
    const doomed = await createBusiness(t.em(), { region: yaba, owner: owner.account, name: 'Gone Tomorrow' });
    expect(expectOk(await t.gql(BY_SLUG, { slug: doomed.slug })).business.id).toBe(doomed.id);
    expectOk(await t.gql(DELETE, { input: { id: doomed.id } }, owner.token));
    for (const token of [undefined, owner.token, admin.token]) expectError(await t.gql(BY_SLUG, { slug: doomed.slug }, token), 'NOT_FOUND');
  });

  it('refuses both id and slug at once (BAD_USER_INPUT), even when they name the same listing, changing nothing', async () => {
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account });
    for (const variables of [
      { id: business.id, slug: business.slug },
      { id: business.id, slug: 'some-other-slug' },
    ]) {
      const res = await t.expectUnchanged(() => t.gql(BY_BOTH, variables, member.token));
      expectError(res, 'BAD_USER_INPUT');
      expect(res.errors![0].extensions!.fieldErrors.length).toBeGreaterThan(0);
    }
    // Nor neither of them.
    expectError(await t.gql(BY_BOTH, {}), 'BAD_USER_INPUT');
  });
});
