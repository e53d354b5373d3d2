/**
 * Shared by duplicates, listings-update, opening-hours, nested-visibility and lookup specs: the demo
 * regions and categories, GraphQL documents for the listing mutations, points a given number of
 * metres apart, and a listing taken through the API from draft to published.
 */
import { Category } from '../../../src/modules/businesses/category.entity';
import { Region } from '../../../src/modules/regions/region.entity';
import { categoriesBySlug } from '../../factories/business.factory';
import { expectOk, sql } from '../../utils/graphql-assertions';
import { seedDemo } from '../../utils/seed';
import { TestApp } from '../../utils/test-app';

export const LISTING_FIELDS = `id name slug status version tags timeZone location { lat lng } openingHours { day opens closes }
  region { id slug } categories { id slug } viewerCan { edit }`;
export const CREATE = `mutation ($input: CreateBusinessInput!) { createBusiness(input: $input) { business { ${LISTING_FIELDS} } } }`;
export const UPDATE = `mutation ($input: UpdateBusinessInput!) { updateBusiness(input: $input) { business { ${LISTING_FIELDS} } } }`;
export const DELETE = `mutation ($input: BusinessIdInput!) { deleteBusiness(input: $input) { deletedBusinessId } }`;
export const SUBMIT = `mutation ($input: BusinessIdInput!) { submitBusiness(input: $input) { business { id status } } }`;
export const PUBLISH = `mutation ($input: BusinessNoteInput!) { publishBusiness(input: $input) { business { id status } } }`;
export const SUSPEND = `mutation ($input: BusinessDecisionInput!) { suspendBusiness(input: $input) { business { id status } } }`;

/** Metres per degree of latitude on earthdistance's sphere (radius 6,378,168 m), which the duplicate check measures on. */
export const METRES_PER_DEGREE = (2 * Math.PI * 6_378_168) / 360;

export interface Point {
  lat: number;
  lng: number;
}

/** The point `metres` north of `point` (south when negative), as earth_distance measures it. */
export const north = (point: Point, metres: number): Point => ({ lat: point.lat + metres / METRES_PER_DEGREE, lng: point.lng });

export interface Seeded {
  readonly region: (slug: string) => Region;
  readonly category: (slug: string) => Category;
}

/** Seeds the demo regions and categories and looks them up by slug (failing loudly on a typo). */
export async function seeded(t: TestApp): Promise<Seeded> {
  const regions = await seedDemo(t.em());
  const categories = await categoriesBySlug(t.em());
  return {
    region: (slug) => regions.get(slug) ?? fail(`no demo region ${slug}`),
    category: (slug) => categories.get(slug) ?? fail(`no demo category ${slug}`),
  };
}

function fail(message: string): never {
  throw new Error(message);
}

/** Creates a listing through the API (a DRAFT owned by `token`'s member) and returns it. */
export async function createListing(t: TestApp, token: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await t.gql(CREATE, { input }, token);
  if (res.errors) throw new Error(`createBusiness failed: ${JSON.stringify(res.errors)}`);
  return res.data!.createBusiness.business;
}

/** Submits a draft as its owner and publishes it as an admin, through the API. */
export async function publishListing(t: TestApp, ownerToken: string, adminToken: string, id: string): Promise<void> {
  expect(expectOk(await t.gql(SUBMIT, { input: { id } }, ownerToken)).submitBusiness.business.status).toBe('PENDING_REVIEW');
  expect(expectOk(await t.gql(PUBLISH, { input: { id } }, adminToken)).publishBusiness.business.status).toBe('PUBLISHED');
}

/** pg_trgm similarity of two names, exactly as the duplicate check computes it (accents folded). */
export async function nameSimilarity(t: TestApp, a: string, b: string): Promise<number> {
  const [row] = await sql<{ similarity: number }>(t, 'SELECT similarity(hometown_unaccent(?), hometown_unaccent(?)) AS similarity', [a, b]);
  return Number(row.similarity);
}
