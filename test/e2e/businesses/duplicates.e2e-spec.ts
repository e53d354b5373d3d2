import { Category } from '../../../src/modules/businesses/category.entity';
import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { expectError, expectOk, SignedIn, sql } from '../../utils/graphql-assertions';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { CREATE, createListing, DELETE, nameSimilarity, north, Point, seeded, UPDATE } from './listings-fixture';

/**
 * Where the duplicate check draws its lines: a listing whose name has trigram similarity >= 0.6 to
 * another listing within 200 m is refused with CONFLICT (listing the candidates) unless the caller
 * confirms it is another business. Each test works at a spot of its own, kilometres from the others.
 */

interface Candidate {
  id: string;
  name: string;
  slug: string;
  distanceMeters: number;
  similarity: number;
}

/** A point in Yaba; test n works around `spot(n)`, 3 km north of the previous one. */
const ORIGIN = { lat: 6.5095, lng: 3.3711 };
const spot = (n: number): Point => north(ORIGIN, n * 3_000);

describe('duplicate detection thresholds', () => {
  let t: TestApp;
  let yaba: Region;
  let bakery: Category;
  let owner: SignedIn;
  let member: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    const seed = await seeded(t);
    yaba = seed.region('yaba-lagos-ng');
    bakery = seed.category('bakery');
    owner = await signedInAccount(t, { homeRegion: yaba });
    member = await signedInAccount(t, { homeRegion: yaba });
  });
  afterAll(() => t.close());

  /** A published listing of someone else's, stored directly. */
  const existing = (name: string, location: Point) => createBusiness(t.em(), { region: yaba, owner: owner.account, name, location });
  const createInput = (name: string, location: Point, extra: Record<string, unknown> = {}) => ({
    input: { name, regionId: yaba.id, categoryIds: [bakery.id], location, ...extra },
  });

  /** A CONFLICT that changed nothing; returns its candidates. */
  async function refused(work: () => Promise<GraphQLResponse>): Promise<Candidate[]> {
    const res = await t.expectUnchanged(work);
    expectError(res, 'CONFLICT');
    expect(res.errors![0].message).toMatch(/confirmNotDuplicate/);
    return res.errors![0].extensions!.candidates;
  }

  describe('distance: 200 m', () => {
    it('refuses the same name 190 m away, naming the listing about 190 m off; creates it 210 m away', async () => {
      const at = spot(1);
      const first = await existing('Chukwuma Auto Parts', at);

      const candidates = await refused(() => t.gql(CREATE, createInput('Chukwuma Auto Parts', north(at, 190)), member.token));
      expect(candidates).toEqual([
        { id: first.id, name: 'Chukwuma Auto Parts', slug: first.slug, distanceMeters: expect.any(Number), similarity: 1 },
      ]);
      expect(Math.abs(candidates[0].distanceMeters - 190)).toBeLessThanOrEqual(1);

      // The other way round (south), just outside: no candidate, a new draft.
      const created = expectOk(await t.gql(CREATE, createInput('Chukwuma Auto Parts', north(at, -210)), member.token)).createBusiness
        .business;
      expect(created).toMatchObject({ name: 'Chukwuma Auto Parts', status: 'DRAFT', location: north(at, -210) });
    });

    it('refuses moving a listing to 190 m from one with the same name; moves it to 210 m', async () => {
      const at = spot(2);
      const first = await existing('Ngozi Fabrics', at);
      const moving = await createListing(t, member.token, createInput('Ngozi Fabrics', north(at, 2_000)).input);

      const candidates = await refused(() => t.gql(UPDATE, { input: { id: moving.id, location: north(at, 190) } }, member.token));
      expect(candidates.map((c) => c.id)).toEqual([first.id]);
      expect(Math.abs(candidates[0].distanceMeters - 190)).toBeLessThanOrEqual(1);

      const moved = expectOk(await t.gql(UPDATE, { input: { id: moving.id, location: north(at, 210) } }, member.token)).updateBusiness
        .business;
      expect(moved.location).toEqual(north(at, 210));
      // Stored, not just answered.
      const [row] = await sql(t, 'SELECT latitude FROM business WHERE id = ?', [moving.id]);
      expect(Number(row.latitude)).toBeCloseTo(north(at, 210).lat, 10);
    });
  });

  describe('similarity: 0.6', () => {
    const BASE = 'Chukwuma Auto Parts';
    /** Similarity 15/24 = 0.625: just above the threshold. */
    const ABOVE = 'Chukwuma Bus Parts';
    /** Similarity 13/22 ≈ 0.591: just below it. */
    const BELOW = 'Chukwuma Autos';

    it('keeps the pair honest: one name just above 0.6, the other just below (pg_trgm, accents folded)', async () => {
      const above = await nameSimilarity(t, BASE, ABOVE);
      const below = await nameSimilarity(t, BASE, BELOW);
      expect(above).toBeGreaterThanOrEqual(0.6);
      expect(above).toBeLessThan(0.65);
      expect(below).toBeLessThan(0.6);
      expect(below).toBeGreaterThan(0.55);
    });

    it('refuses a name just above 0.6 at 50 m, reporting its similarity; creates one just below 0.6 at the same spot', async () => {
      const at = spot(3);
      const first = await existing(BASE, at);
      const above = await nameSimilarity(t, BASE, ABOVE);
      expect(above).toBeGreaterThanOrEqual(0.6);

      const candidates = await refused(() => t.gql(CREATE, createInput(ABOVE, north(at, 50)), member.token));
      expect(candidates).toEqual([
        { id: first.id, name: BASE, slug: first.slug, distanceMeters: expect.any(Number), similarity: Math.round(above * 100) / 100 },
      ]);
      expect(Math.abs(candidates[0].distanceMeters - 50)).toBeLessThanOrEqual(1);

      const below = await nameSimilarity(t, BASE, BELOW);
      expect(below).toBeLessThan(0.6);
      const created = expectOk(await t.gql(CREATE, createInput(BELOW, north(at, 50)), member.token)).createBusiness.business;
      expect(created).toMatchObject({ name: BELOW, status: 'DRAFT' });
    });

    it('creates the name just above 0.6 once the caller confirms it is another business', async () => {
      const at = spot(4);
      await existing(BASE, at);
      const res = await t.gql(CREATE, createInput(ABOVE, north(at, 50), { confirmNotDuplicate: true }), member.token);
      expect(expectOk(res).createBusiness.business).toMatchObject({ name: ABOVE, status: 'DRAFT' });
    });
  });

  describe('renaming without moving', () => {
    it('refuses renaming a listing into a duplicate of one nearby (CONFLICT), changing nothing; renames it once confirmed', async () => {
      const at = spot(5);
      const other = await existing('Adebayo Tailoring Studio', at);
      const mine = await createListing(t, member.token, createInput('Kemi Shoe Repairs', north(at, 40)).input);

      const candidates = await refused(() => t.gql(UPDATE, { input: { id: mine.id, name: 'Adebayo Tailoring' } }, member.token));
      expect(candidates.map((c) => c.id)).toEqual([other.id]);
      expect(Math.abs(candidates[0].distanceMeters - 40)).toBeLessThanOrEqual(1);
      expect(candidates[0].similarity).toBeGreaterThanOrEqual(0.6);
      expect(candidates[0].similarity).toBeLessThan(1);

      // A rename to a dissimilar name goes through; so does the duplicate name, confirmed.
      const renamed = expectOk(await t.gql(UPDATE, { input: { id: mine.id, name: 'Kemi Shoes' } }, member.token)).updateBusiness.business;
      expect(renamed).toMatchObject({ name: 'Kemi Shoes', location: north(at, 40) });
      const confirmed = expectOk(
        await t.gql(UPDATE, { input: { id: mine.id, name: 'Adebayo Tailoring', confirmNotDuplicate: true } }, member.token),
      ).updateBusiness.business;
      expect(confirmed).toMatchObject({ name: 'Adebayo Tailoring', location: north(at, 40) });

      // Sending the name it already has is no rename: no check, nothing to confirm.
      const same = await t.gql(UPDATE, { input: { id: mine.id, name: 'Adebayo Tailoring', description: 'Shoes' } }, member.token);
      expect(expectOk(same).updateBusiness.business.name).toBe('Adebayo Tailoring');
    });
  });

  describe('which listings are candidates', () => {
    it('a deleted listing is not: the same name next to it is created once its owner deleted it', async () => {
      const at = spot(6);
      const seller = await signedInAccount(t, { homeRegion: yaba });
      const doomed = await createBusiness(t.em(), { region: yaba, owner: seller.account, name: 'Bisi Fabrics', location: at });

      // While it exists, it is a candidate.
      const candidates = await refused(() => t.gql(CREATE, createInput('Bisi Fabrics', north(at, 20)), member.token));
      expect(candidates.map((c) => c.id)).toEqual([doomed.id]);

      expect(expectOk(await t.gql(DELETE, { input: { id: doomed.id } }, seller.token)).deleteBusiness.deletedBusinessId).toBe(doomed.id);
      const created = expectOk(await t.gql(CREATE, createInput('Bisi Fabrics', north(at, 20)), member.token)).createBusiness.business;
      expect(created).toMatchObject({ name: 'Bisi Fabrics', status: 'DRAFT' });
    });

    it("the caller's own draft is: CONFLICT naming it; another member creating the same is not refused because of it", async () => {
      const at = spot(7);
      const draft = await createListing(t, member.token, createInput('Tunde Electronics', at).input);
      expect(draft.status).toBe('DRAFT');

      const candidates = await refused(() => t.gql(CREATE, createInput('Tunde Electronic', north(at, 30)), member.token));
      expect(candidates).toEqual([
        {
          id: draft.id,
          name: 'Tunde Electronics',
          slug: draft.slug,
          distanceMeters: expect.any(Number),
          similarity: Math.round((await nameSimilarity(t, 'Tunde Electronics', 'Tunde Electronic')) * 100) / 100,
        },
      ]);
      expect(Math.abs(candidates[0].distanceMeters - 30)).toBeLessThanOrEqual(1);

      // Moving another of the caller's listings next to the draft is refused too.
      const elsewhere = await createListing(t, member.token, createInput('Tunde Electronic', north(at, 2_000)).input);
      const moving = await refused(() => t.gql(UPDATE, { input: { id: elsewhere.id, location: north(at, -30) } }, member.token));
      expect(moving.map((c) => c.id)).toEqual([draft.id]);

      // Someone else cannot see the draft, so it is no candidate for them.
      const stranger = await signedInAccount(t, { homeRegion: yaba });
      const theirs = expectOk(await t.gql(CREATE, createInput('Tunde Electronic', north(at, 30)), stranger.token)).createBusiness.business;
      expect(theirs).toMatchObject({ name: 'Tunde Electronic', status: 'DRAFT' });
    });
  });
});
