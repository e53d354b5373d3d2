/**
 * The data set shared by the search-*.e2e-spec.ts files, and the brute-force answers the tests
 * compare the API with. Nothing here asks the API (or the database) what the answer should be:
 * every expectation is computed in TypeScript from the fixture list below.
 */
import { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../../src/modules/accounts/account.entity';
import { BusinessStatus } from '../../../src/modules/businesses/business-status';
import { Business } from '../../../src/modules/businesses/business.entity';
import { Category } from '../../../src/modules/businesses/category.entity';
import { isOpenAt, OpeningSpan, WEEKDAYS } from '../../../src/modules/businesses/opening-hours';
import { Region } from '../../../src/modules/regions/region.entity';
import { createAccount, signIn } from '../../factories/account.factory';
import { categoriesBySlug, createBusiness } from '../../factories/business.factory';
import { expectError } from '../../utils/graphql-assertions';
import { seedDemo } from '../../utils/seed';
import { GraphQLResponse, TestApp } from '../../utils/test-app';

export type Who = 'alice' | 'bob' | 'carol' | 'dave';
export const PEOPLE: readonly Who[] = ['alice', 'bob', 'carol', 'dave'];

/**
 * Opening hours. Most listings are `always` (00:00–24:00 every day) or `never` (no spans), so their
 * answer cannot change while a test runs; `office` and `evening` depend on the time of day, and
 * `window` is open from two hours before to two hours after the moment the fixture was built, on
 * the wall clock of Lagos, every day.
 */
export type Hours = 'always' | 'never' | 'office' | 'evening' | 'window';

export interface ListingSpec {
  readonly name: string;
  readonly region: string;
  readonly categories: readonly string[];
  readonly tags?: readonly string[];
  readonly description?: string;
  /** Offset from the region's centroid in km, [north, east]; null for no location. Default: a small offset by index. */
  readonly at?: readonly [number, number] | null;
  readonly hours?: Hours;
  readonly memberOwned?: boolean;
  readonly verified?: boolean;
  readonly status?: BusinessStatus;
  /** Default for published listings: by index (alice, bob, carol, dave, nobody). */
  readonly owner?: Who | null;
  readonly editors?: readonly Who[];
  /** Soft-deleted after creation (deletedAt set directly). */
  readonly deleted?: boolean;
}

const { DRAFT, PENDING_REVIEW, PUBLISHED, REJECTED, SUSPENDED } = BusinessStatus;

/** 73 listings in 6 countries: 64 published and not deleted, 6 unpublished (drafts, pending, rejected, suspended), 3 deleted. */
export const LISTINGS: readonly ListingSpec[] = [
  // Nigeria: Lagos neighbourhoods, the city, the state and the country itself; Abuja; Ibadan.
  {
    name: 'Adunni Bakery',
    region: 'yaba-lagos-ng',
    categories: ['bakery'],
    tags: ['fresh-bread', 'family-run'],
    description: 'Sourdough and agege loaves baked before dawn.',
    memberOwned: true,
    verified: true,
  },
  {
    name: 'Yaba Tech Hub',
    region: 'yaba-lagos-ng',
    categories: ['coworking-space', 'software-development'],
    tags: ['wifi', 'startups'],
    description: 'Desks, meeting rooms and fast internet near the university.',
    hours: 'office',
    memberOwned: true,
  },
  {
    name: 'Mama Tolu Kitchen',
    region: 'yaba-lagos-ng',
    categories: ['restaurant'],
    tags: ['jollof', 'lunch'],
    description: 'Jollof rice, ofada stew and fresh bread rolls every afternoon.',
  },
  { name: 'Sabo Cuts', region: 'yaba-lagos-ng', categories: ['barber'], tags: ['fades'], hours: 'never' },
  {
    name: 'Iya Basira Buka',
    region: 'yaba-lagos-ng',
    categories: ['restaurant'],
    tags: ['amala', 'lunch'],
    description: 'Amala, ewedu and gbegiri served hot.',
  },
  {
    name: 'Herbert Macaulay Prints',
    region: 'yaba-lagos-ng',
    categories: ['print-shop', 'graphic-design'],
    tags: ['banners'],
    description: 'Banners, flyers and business cards while you wait.',
  },
  {
    name: 'Tejuosho Night Owl',
    region: 'yaba-lagos-ng',
    categories: ['restaurant'],
    tags: ['late-night'],
    description: 'Suya and pepper soup.',
    hours: 'window',
  },
  {
    name: 'Computer Village Repairs',
    region: 'ikeja-lagos-ng',
    categories: ['repair-shop', 'electronics'],
    tags: ['phones', 'laptops'],
    description: 'Screens, batteries and charging ports fixed the same day.',
  },
  {
    name: 'Ola Accountants',
    region: 'ikeja-lagos-ng',
    categories: ['accountant'],
    tags: ['tax', 'payroll'],
    description: 'Bookkeeping and tax returns for small firms.',
    hours: 'office',
  },
  {
    name: 'Kunle Photography',
    region: 'ikeja-lagos-ng',
    categories: ['photographer'],
    tags: ['weddings'],
    hours: 'never',
    memberOwned: true,
  },
  {
    name: 'Allen Avenue Software',
    region: 'ikeja-lagos-ng',
    categories: ['software-development', 'it-support'],
    tags: ['startups'],
    description: 'Mobile apps and payment integrations.',
    memberOwned: true,
    verified: true,
  },
  {
    name: 'Lekki Café',
    region: 'lekki-lagos-ng',
    categories: ['cafe'],
    tags: ['coffee', 'wifi'],
    description: 'Espresso, pastries and a quiet terrace.',
    memberOwned: true,
    verified: true,
  },
  { name: 'Zuma Spa', region: 'lekki-lagos-ng', categories: ['spa'], tags: ['massage'], hours: 'never' },
  { name: 'Chioma Pharmacy', region: 'lekki-lagos-ng', categories: ['pharmacy'], description: 'Prescriptions and baby care.' },
  { name: 'Admiralty Fitness', region: 'lekki-lagos-ng', categories: ['fitness-studio'], tags: ['boxing'], hours: 'evening' },
  {
    name: 'Chevron Drive Bakery & Café',
    region: 'lekki-lagos-ng',
    categories: ['bakery', 'cafe'],
    tags: ['fresh-bread', 'coffee'],
    description: 'Croissants in the morning, small chops in the evening.',
  },
  {
    name: 'Surulere Braids',
    region: 'surulere-lagos-ng',
    categories: ['braiding'],
    tags: ['braids', 'natural-hair'],
    description: 'Box braids and cornrows for every length.',
  },
  {
    name: 'Eko Legal Chambers',
    region: 'victoria-island-lagos-ng',
    categories: ['lawyer'],
    tags: ['contracts'],
    description: 'Company registration and contracts.',
    hours: 'office',
  },
  {
    name: 'Lagos Code School',
    region: 'lagos-ng',
    categories: ['coding-school'],
    tags: ['bootcamp', 'javascript'],
    description: 'Evening classes in JavaScript and Python.',
    hours: 'evening',
  },
  { name: 'Balogun Fabrics', region: 'lagos-ng', categories: ['clothing'], tags: ['ankara'], memberOwned: true },
  { name: 'Epe Fish Market', region: 'ng-la', categories: ['grocery'], tags: ['seafood'], description: 'Smoked and fresh fish.' },
  {
    name: 'Naija Couriers',
    region: 'nigeria',
    categories: ['courier'],
    tags: ['delivery'],
    description: 'Parcels to every state within two days.',
    at: null,
    memberOwned: true,
    verified: true,
  },
  {
    name: 'Wuse Bakery',
    region: 'wuse-abuja-ng',
    categories: ['bakery'],
    tags: ['pastries'],
    description: 'Gluten-free loaves and meat pies.',
  },
  { name: 'Aso Rock Consulting', region: 'abuja-ng', categories: ['consultant'], hours: 'office' },
  { name: 'Dugbe Books', region: 'ibadan-ng', categories: ['bookshop'], tags: ['secondhand'], hours: 'never' },

  // Ghana.
  {
    name: 'Oxford Street Café',
    region: 'osu-accra-gh',
    categories: ['cafe'],
    tags: ['coffee'],
    description: 'Ghanaian coffee, waakye breakfast and pastries from the bakery next door.',
  },
  {
    name: 'Kente Threads',
    region: 'osu-accra-gh',
    categories: ['clothing'],
    tags: ['kente', 'tailoring'],
    memberOwned: true,
    verified: true,
  },
  {
    name: 'Labadi Beach Grill',
    region: 'osu-accra-gh',
    categories: ['restaurant'],
    tags: ['grill', 'seafood'],
    description: 'Grilled tilapia and banku by the sea.',
    memberOwned: true,
  },
  { name: 'Legon Dental Clinic', region: 'east-legon-accra-gh', categories: ['dentist'], hours: 'office' },
  {
    name: 'Golden Crust Bakery',
    region: 'east-legon-accra-gh',
    categories: ['bakery'],
    tags: ['fresh-bread'],
    description: 'Tea bread and sugar bread from a wood oven.',
  },
  { name: 'Makola Electronics', region: 'accra-gh', categories: ['electronics'], tags: ['phones'], hours: 'never' },
  { name: 'Jamestown Art Gallery', region: 'accra-gh', categories: ['art-crafts'], description: 'Paintings and carvings.' },
  { name: 'Kejetia Tailors', region: 'kumasi-gh', categories: ['clothing'], tags: ['tailoring'], hours: 'evening' },
  { name: 'Tema Port Movers', region: 'gh-aa', categories: ['moving'], description: 'Containers and house moves.' },
  { name: 'Volta Rides', region: 'ghana', categories: ['taxi-rides'], memberOwned: true },

  // United States.
  {
    name: 'Brooklyn Jerk Spot',
    region: 'brooklyn-new-york-city-us',
    categories: ['restaurant'],
    tags: ['caribbean', 'jerk-chicken'],
    description: 'Jerk chicken, rice and peas, festival.',
    memberOwned: true,
    verified: true,
  },
  {
    name: 'Flatbush Natural Hair',
    region: 'brooklyn-new-york-city-us',
    categories: ['hair-salon'],
    tags: ['natural-hair', 'braids'],
    hours: 'never',
  },
  {
    name: 'Bed Stuy Bookstore',
    region: 'brooklyn-new-york-city-us',
    categories: ['bookshop'],
    tags: ['poetry'],
    description: 'Black authors, poetry readings and a small café corner.',
  },
  { name: 'Fulton Street Tutors', region: 'brooklyn-new-york-city-us', categories: ['tutoring'], hours: 'never' },
  {
    name: 'Nostrand Night Owl',
    region: 'brooklyn-new-york-city-us',
    categories: ['restaurant'],
    tags: ['late-night'],
    description: 'Oxtail and curry goat.',
    hours: 'window',
  },
  {
    name: 'Harlem Soul Kitchen',
    region: 'harlem-new-york-city-us',
    categories: ['restaurant'],
    tags: ['soul-food'],
    description: 'Fried chicken, collard greens and cornbread.',
    hours: 'evening',
  },
  {
    name: 'Lenox Bakery',
    region: 'harlem-new-york-city-us',
    categories: ['bakery'],
    tags: ['pastries'],
    description: 'Sweet potato pie and red velvet.',
    hours: 'office',
    memberOwned: true,
  },
  { name: 'Gotham Web Studio', region: 'new-york-city-us', categories: ['web-design'], tags: ['wordpress'] },
  { name: 'Empire State Movers', region: 'us-ny', categories: ['moving'], hours: 'never' },
  {
    name: 'Peachtree Barbers',
    region: 'midtown-atlanta-us',
    categories: ['barber'],
    tags: ['fades'],
    memberOwned: true,
    verified: true,
  },
  {
    name: 'Sweet Auburn Café',
    region: 'midtown-atlanta-us',
    categories: ['cafe'],
    tags: ['coffee', 'wifi'],
    description: 'Cold brew and peach cobbler.',
  },
  { name: 'Underground Code Lab', region: 'atlanta-us', categories: ['coding-school'], tags: ['bootcamp'] },
  {
    name: 'Kenwood Bakery',
    region: 'hyde-park-chicago-us',
    categories: ['bakery'],
    tags: ['fresh-bread', 'pastries'],
    description: 'Fresh bread daily, gluten-free on Fridays.',
  },
  { name: 'Bronzeville Law Office', region: 'chicago-us', categories: ['lawyer'], hours: 'office' },

  // United Kingdom.
  {
    name: 'Brixton Village Café',
    region: 'brixton-london-gb',
    categories: ['cafe'],
    tags: ['coffee'],
    description: 'Flat whites and plantain cake.',
  },
  {
    name: 'Electric Avenue Records',
    region: 'brixton-london-gb',
    categories: ['recording-studio'],
    tags: ['reggae'],
    hours: 'evening',
  },
  {
    name: 'Peckham Braiding Studio',
    region: 'peckham-london-gb',
    categories: ['braiding'],
    tags: ['braids'],
    description: 'Knotless braids, locs and weave installs.',
  },
  {
    name: 'Rye Lane Grocers',
    region: 'peckham-london-gb',
    categories: ['grocery'],
    tags: ['plantain', 'yam'],
    memberOwned: true,
    verified: true,
  },
  { name: 'Thames Accountancy', region: 'london-gb', categories: ['accountant'], tags: ['tax'], hours: 'office' },
  {
    name: 'Handsworth Patties',
    region: 'birmingham-gb',
    categories: ['restaurant'],
    tags: ['patties', 'caribbean'],
    description: 'Jamaican patties, fresh fruit juice and hard dough bread.',
  },
  { name: 'Albion IT Support', region: 'gb-eng', categories: ['it-support'], at: null },
  { name: 'Windrush Taxis', region: 'united-kingdom', categories: ['taxi-rides'], memberOwned: true },

  // Kenya: only in neighbourhoods and a city (so no listing's row brings the country along).
  {
    name: 'Westlands Coffee House',
    region: 'westlands-nairobi-ke',
    categories: ['cafe'],
    tags: ['coffee', 'wifi'],
    description: 'Kenyan beans roasted in house.',
  },
  { name: 'Sarit Tech Repairs', region: 'westlands-nairobi-ke', categories: ['repair-shop'], hours: 'never' },
  { name: 'Kilimani Café', region: 'kilimani-nairobi-ke', categories: ['cafe'], tags: ['brunch'], memberOwned: true },
  { name: 'Yaya Fitness', region: 'kilimani-nairobi-ke', categories: ['fitness-studio'], hours: 'office' },
  {
    name: 'Nyama Choma Grill',
    region: 'nairobi-ke',
    categories: ['restaurant'],
    tags: ['grill'],
    hours: 'evening',
    memberOwned: true,
    verified: true,
  },

  // South Africa.
  { name: 'Vilakazi Street Eatery', region: 'soweto-johannesburg-za', categories: ['restaurant'], tags: ['kota'] },
  { name: 'Orlando Hair Studio', region: 'soweto-johannesburg-za', categories: ['hair-salon'], hours: 'never' },

  // Not published, or deleted: only their owners and editors may see the live ones; nobody the deleted ones.
  { name: 'Alakija Bakery', region: 'yaba-lagos-ng', categories: ['bakery'], tags: ['fresh-bread'], status: DRAFT, owner: 'alice' },
  { name: 'Queens Road Café', region: 'peckham-london-gb', categories: ['cafe'], tags: ['coffee'], status: SUSPENDED, owner: 'alice' },
  { name: 'Ngong Road Bakery', region: 'kilimani-nairobi-ke', categories: ['bakery'], status: PENDING_REVIEW, owner: 'bob' },
  { name: 'Dekalb Café', region: 'brooklyn-new-york-city-us', categories: ['cafe'], status: REJECTED, owner: 'bob' },
  { name: 'Ajah Braids', region: 'lekki-lagos-ng', categories: ['braiding'], status: DRAFT, owner: 'bob', editors: ['alice'] },
  // Filed directly under a top-level category (the API accepts any category id).
  { name: 'Ikorodu Market Stall', region: 'lagos-ng', categories: ['retail', 'clothing'], status: DRAFT, owner: 'bob' },
  {
    name: 'Zaria Bakery',
    region: 'yaba-lagos-ng',
    categories: ['bakery'],
    tags: ['fresh-bread'],
    description: 'Fresh bread and coffee.',
    owner: 'alice',
    deleted: true,
  },
  { name: 'Danquah Café', region: 'osu-accra-gh', categories: ['cafe'], tags: ['coffee'], status: DRAFT, owner: 'alice', deleted: true },
  { name: 'Sugar Hill Bakery', region: 'harlem-new-york-city-us', categories: ['bakery'], owner: 'bob', deleted: true },
];

export interface Listing {
  readonly id: string;
  readonly name: string;
  readonly region: Region;
  readonly categoryIds: readonly string[];
  readonly tags: readonly string[];
  readonly description: string;
  readonly location: { lat: number; lng: number } | null;
  readonly openingHours: readonly OpeningSpan[];
  readonly timeZone: string;
  readonly memberOwned: boolean;
  readonly memberOwnedVerified: boolean;
  readonly status: BusinessStatus;
  /** Owner and editors. */
  readonly maintainers: readonly Who[];
  readonly deleted: boolean;
  readonly createdAt: Date;
}

export interface Fixture {
  readonly regions: Map<string, Region>;
  readonly regionsById: Map<string, Region>;
  readonly categories: Map<string, Category>;
  readonly accounts: Record<Who, Account>;
  readonly tokens: Record<Who, string>;
  readonly listings: readonly Listing[];
  /** The instant the `window` opening hours were built around. */
  readonly builtAt: Date;
  region(slug: string): Region;
  category(slug: string): Category;
  listing(name: string): Listing;
}

// ---------------------------------------------------------------------------------------------
// Opening hours

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const everyDay = (opens: string, closes: string): OpeningSpan[] => WEEKDAYS.map((day) => ({ day, opens, closes }));

/** Open every day from two hours before to two hours after `at`, on the wall clock of Lagos (UTC+1, no DST). */
export function lagosWindow(at: Date): OpeningSpan[] {
  const minute = (at.getUTCHours() * 60 + at.getUTCMinutes() + 60) % 1440;
  const opens = (minute - 120 + 1440) % 1440;
  const closes = (minute + 120) % 1440;
  return everyDay(hhmm(opens), closes === 0 ? '24:00' : hhmm(closes));
}

function openingHours(hours: Hours, builtAt: Date): OpeningSpan[] {
  switch (hours) {
    case 'always':
      return everyDay('00:00', '24:00');
    case 'never':
      return [];
    case 'office':
      return WEEKDAYS.slice(0, 5).map((day) => ({ day, opens: '09:00', closes: '17:00' }));
    case 'evening':
      return everyDay('18:00', '02:00');
    case 'window':
      return lagosWindow(builtAt);
  }
}

// ---------------------------------------------------------------------------------------------
// Building

/** The zone a listing in this region keeps its opening hours in: the nearest zone up the tree. */
export function zoneOf(region: Region, regionsById: Map<string, Region>): string {
  const chain = region.path.split('/').filter(Boolean).reverse();
  for (const id of chain) {
    const zone = regionsById.get(id)?.timeZone;
    if (zone) return zone;
  }
  return 'UTC';
}

function locate(region: Region, index: number, at: readonly [number, number] | null | undefined): { lat: number; lng: number } | null {
  if (at === null) return null;
  const [north, east] = at ?? [(((index * 7) % 11) - 5) * 0.12, (((index * 5) % 13) - 6) * 0.12];
  const lat = region.latitude! + north / 111.2;
  const lng = region.longitude! + east / (111.2 * Math.cos((lat * Math.PI) / 180));
  return { lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) };
}

/** Seeds the demo regions and categories, four members, and the listings of {@link LISTINGS}. */
export async function buildFixture(t: TestApp, specs: readonly ListingSpec[] = LISTINGS): Promise<Fixture> {
  const em: EntityManager = t.em();
  const regions = await seedDemo(em);
  const regionsById = new Map([...regions.values()].map((region) => [region.id, region]));
  const categories = await categoriesBySlug(em);
  const region = (slug: string) => regions.get(slug) ?? fail(`no demo region ${slug}`);
  const category = (slug: string) => categories.get(slug) ?? fail(`no demo category ${slug}`);
  const home = region('lagos-ng');
  const accounts = {
    alice: await createAccount(em, { displayName: 'Alice Adeyemi', homeRegion: home, publicProfile: true }),
    bob: await createAccount(em, { displayName: 'Bob Mensah', homeRegion: home, publicProfile: true }),
    carol: await createAccount(em, { displayName: 'Carol Otieno', homeRegion: home, publicProfile: true }),
    dave: await createAccount(em, { displayName: 'Dave Private', homeRegion: home, publicProfile: false }),
  };
  const builtAt = new Date();
  const defaultOwners: (Who | null)[] = ['alice', 'bob', 'carol', 'dave', null];
  const listings: Listing[] = [];
  for (const [index, spec] of specs.entries()) {
    const place = region(spec.region);
    const status = spec.status ?? PUBLISHED;
    const owner = spec.owner !== undefined ? spec.owner : status === PUBLISHED ? defaultOwners[index % defaultOwners.length] : null;
    const location = locate(place, index, spec.at);
    const hours = openingHours(spec.hours ?? 'always', builtAt);
    const timeZone = zoneOf(place, regionsById);
    // Distinct creation instants, not in the order of the list.
    const createdAt = new Date(Date.UTC(2026, 0, 1) + ((index * 37) % 97) * 3_600_000 + index);
    const business = await createBusiness(em, {
      region: place,
      owner: owner ? accounts[owner] : undefined,
      editors: (spec.editors ?? []).map((who) => accounts[who]),
      name: spec.name,
      status,
      categories: spec.categories.map(category),
      tags: [...(spec.tags ?? [])],
      description: spec.description ?? '',
      location,
      openingHours: hours,
      timeZone,
      memberOwned: spec.memberOwned ?? false,
      memberOwnedVerified: spec.verified ?? false,
      createdAt,
    });
    if (spec.deleted) {
      business.deletedAt = new Date();
      await em.flush();
    }
    listings.push({
      id: business.id,
      name: spec.name,
      region: place,
      categoryIds: spec.categories.map((slug) => category(slug).id),
      tags: spec.tags ?? [],
      description: spec.description ?? '',
      location,
      openingHours: hours,
      timeZone,
      memberOwned: spec.memberOwned ?? false,
      memberOwnedVerified: spec.verified ?? false,
      status,
      maintainers: [...(owner ? [owner] : []), ...(spec.editors ?? [])],
      deleted: spec.deleted ?? false,
      createdAt,
    });
  }
  // What the factory wrote is what the tests assume.
  const stored = await em.fork().find(Business, {}, { orderBy: { name: 'asc' } });
  if (stored.length !== listings.length) throw new Error('fixture: not every listing was stored');
  const tokens = {} as Record<Who, string>;
  for (const who of PEOPLE) tokens[who] = (await signIn(t, accounts[who].email!)).accessToken;
  const byName = new Map(listings.map((listing) => [listing.name, listing]));
  return {
    regions,
    regionsById,
    categories,
    accounts,
    tokens,
    listings,
    builtAt,
    region,
    category,
    listing: (name) => byName.get(name) ?? fail(`no listing ${name}`),
  };
}

function fail(message: string): never {
  throw new Error(message);
}

// ---------------------------------------------------------------------------------------------
// Brute force: visibility and filters

export interface Near {
  lat: number;
  lng: number;
  radiusKm: number;
}

export interface Bbox {
  north: number;
  south: number;
  east: number;
  west: number;
}

export interface Filter {
  regionId?: string;
  categoryIds?: string[];
  tags?: string[];
  text?: string;
  near?: Near;
  bbox?: Bbox;
  memberOwned?: boolean;
  memberOwnedVerified?: boolean;
  openNow?: boolean;
}

/** What a viewer may find in search: published listings, and their own in any state; never a deleted one. */
export function visibleTo(listing: Listing, viewer: Who | null): boolean {
  if (listing.deleted) return false;
  return listing.status === PUBLISHED || (viewer !== null && listing.maintainers.includes(viewer));
}

/** earthdistance's sphere. */
export const EARTH_RADIUS_M = 6378168;

/** Great-circle distance in km (haversine) on earthdistance's sphere. */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return (2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))) / 1000;
}

/** `'  Fresh Bread! '` → `'fresh-bread'` (how tags are stored). */
export function tagOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export function matches(fx: Fixture, listing: Listing, filter: Filter, now: Date): boolean {
  if (filter.regionId !== undefined) {
    const root = fx.regionsById.get(filter.regionId);
    if (!root || !listing.region.path.startsWith(root.path)) return false;
  }
  if (filter.categoryIds?.length) {
    const wanted = new Set(filter.categoryIds);
    const inWanted = listing.categoryIds.some((id) => wanted.has(id) || wanted.has(parentOf(fx, id) ?? ''));
    if (!inWanted) return false;
  }
  if (filter.tags?.length && !filter.tags.map(tagOf).every((tag) => listing.tags.includes(tag))) return false;
  if (filter.text !== undefined && !textMatches(filter.text, listing)) return false;
  if (filter.near) {
    if (!listing.location || haversineKm(filter.near, listing.location) > filter.near.radiusKm) return false;
  }
  if (filter.bbox) {
    const { north, south, east, west } = filter.bbox;
    const at = listing.location;
    if (!at || at.lat < south || at.lat > north) return false;
    if (west <= east ? at.lng < west || at.lng > east : at.lng < west && at.lng > east) return false;
  }
  if (filter.memberOwned !== undefined && listing.memberOwned !== filter.memberOwned) return false;
  if (filter.memberOwnedVerified !== undefined && listing.memberOwnedVerified !== filter.memberOwnedVerified) return false;
  if (filter.openNow !== undefined && isOpenAt(listing.openingHours, listing.timeZone, now) !== filter.openNow) return false;
  return true;
}

export function parentOf(fx: Fixture, categoryId: string): string | null {
  const category = [...fx.categories.values()].find((c) => c.id === categoryId);
  return category?.parent?.id ?? null;
}

/** The listings a viewer should find with this filter, in no particular order. */
export function expected(fx: Fixture, filter: Filter, viewer: Who | null = null, now = new Date()): Listing[] {
  return fx.listings.filter((listing) => visibleTo(listing, viewer) && matches(fx, listing, filter, now));
}

// ---------------------------------------------------------------------------------------------
// Brute force: text search

/** Accents folded, lower case (hometown_unaccent, and the lower-casing of the parser and of pg_trgm). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Lexeme {
  readonly word: string;
  readonly position: number;
}

/**
 * Words as PostgreSQL's default parser gives them to the `simple` configuration, for the plain prose
 * of this fixture: runs of letters and digits; a hyphenated word gives the whole word, then its parts.
 */
function lexemes(text: string, first = 1): Lexeme[] {
  const out: Lexeme[] = [];
  let position = first;
  for (const chunk of fold(text).match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []) {
    const parts = chunk.split('-');
    if (parts.length > 1) out.push({ word: chunk, position: position++ });
    for (const part of parts) out.push({ word: part, position: position++ });
  }
  return out;
}

/** The listing's search document: name, then tags, then description, positions running on. */
function documentOf(listing: Listing): Lexeme[] {
  const name = lexemes(listing.name);
  const tags = lexemes(listing.tags.join(' '), name.length + 1);
  const description = lexemes(listing.description, name.length + tags.length + 1);
  return [...name, ...tags, ...description];
}

interface Term {
  readonly words: readonly string[];
  readonly negated: boolean;
}

/** websearch_to_tsquery for the queries of these tests: words, "quoted phrases", -exclusions, `or`. */
export function parseWebsearch(text: string): Term[][] {
  const groups: Term[][] = [[]];
  for (const match of text.matchAll(/(-?)"([^"]*)"|(\S+)/g)) {
    const [, minus, quoted, bare] = match;
    if (bare !== undefined && bare.toLowerCase() === 'or') {
      groups.push([]);
      continue;
    }
    const negated = quoted !== undefined ? minus === '-' : bare.startsWith('-');
    const words = lexemes(quoted ?? bare.replace(/^-/, '')).map((lexeme) => lexeme.word);
    if (words.length) groups[groups.length - 1].push({ words, negated });
  }
  return groups.filter((group) => group.length > 0);
}

function containsPhrase(document: readonly Lexeme[], words: readonly string[]): boolean {
  return document.some(
    (start) =>
      start.word === words[0] &&
      words.every((word, offset) => document.some((lexeme) => lexeme.word === word && lexeme.position === start.position + offset)),
  );
}

/** Full-text match of the search document alone (no typo tolerance). */
export function fullTextMatches(text: string, listing: Listing, document = documentOf(listing)): boolean {
  return parseWebsearch(text).some((group) =>
    group.every((term) => (term.negated ? !containsPhrase(document, term.words) : containsPhrase(document, term.words))),
  );
}

/** True when the document carries a word the query excludes (`-word`): such a listing never matches. */
export function excludedByText(text: string, listing: Listing): boolean {
  const document = documentOf(listing);
  return parseWebsearch(text).some((group) => group.some((term) => term.negated && containsPhrase(document, term.words)));
}

/** Typo tolerance: the name looks like the text (pg_trgm word similarity at the 0.5 threshold the pool sets). */
export const NAME_SIMILARITY_THRESHOLD = 0.5;

/** Typo tolerance looks at the searched words only (no excluded words, no OR), and not at all for a quoted phrase. */
export function nameLooksLike(text: string, listing: Listing): boolean {
  // Worked out here, not with the reader's own helper, so that a mistake there shows.
  if (text.includes('"')) return false;
  const positive = parseWebsearch(text)
    .flatMap((group) => group.filter((term) => !term.negated))
    .flatMap((term) => term.words)
    .join(' ');
  if (!positive) return false;
  return wordSimilarity(fold(positive), fold(listing.name)) >= NAME_SIMILARITY_THRESHOLD;
}

/**
 * The text filter as specified: full text over name, tags and description, or a name that looks
 * like the text (typos) — and never a listing carrying an excluded word.
 */
export function textMatches(text: string, listing: Listing): boolean {
  if (excludedByText(text, listing)) return false;
  return fullTextMatches(text, listing) || nameLooksLike(text, listing);
}

/** The text's positive words all occur in the name (or the name looks like the text). */
export function nameMatches(text: string, listing: Listing): boolean {
  const name = lexemes(listing.name);
  const positive = parseWebsearch(text).flatMap((group) => group.filter((term) => !term.negated));
  return positive.some((term) => containsPhrase(name, term.words)) || nameLooksLike(text, listing);
}

/** Only the description carries the text's words: not the name, not the tags, nor a similar name. */
export function onlyDescriptionMatches(text: string, listing: Listing): boolean {
  const nameAndTags = lexemes(`${listing.name} ${listing.tags.join(' ')}`);
  const positive = parseWebsearch(text).flatMap((group) => group.filter((term) => !term.negated));
  return (
    textMatches(text, listing) &&
    !positive.some((term) => term.words.some((word) => nameAndTags.some((l) => l.word === word))) &&
    !nameLooksLike(text, listing)
  );
}

/** Trigrams of each word (letters and digits), padded with two blanks before and one after, in order, duplicates kept. */
function trigramsInOrder(text: string): string[] {
  const out: string[] = [];
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) out.push(padded.slice(i, i + 3));
  }
  return out;
}

/**
 * pg_trgm's word_similarity(query, text): the greatest similarity between the trigram set of the
 * query and a continuous extent of the text's trigrams, found the way pg_trgm searches
 * (calc_word_similarity / iterate_word_similarity), as float4.
 */
export function wordSimilarity(query: string, text: string): number {
  const wanted = new Set(trigramsInOrder(query));
  const haystack = trigramsInOrder(text);
  if (wanted.size === 0 || haystack.length === 0) return 0;
  const ids = new Map<string, number>();
  const indexes = haystack.map((trigram) => {
    if (!ids.has(trigram)) ids.set(trigram, ids.size);
    return ids.get(trigram)!;
  });
  const found = [...ids.keys()].map((trigram) => wanted.has(trigram));
  const similarity = (count: number, uniqueInExtent: number) => Math.fround(count / (wanted.size + uniqueInExtent - count));
  const lastPosition = new Array<number>(ids.size).fill(-1);
  let uniqueInExtent = 0;
  let count = 0;
  let lower = -1;
  let best = 0;
  for (let i = 0; i < indexes.length; i += 1) {
    const trigram = indexes[i];
    if (lower >= 0 || found[trigram]) {
      if (lastPosition[trigram] < 0) {
        uniqueInExtent += 1;
        if (found[trigram]) count += 1;
      }
      lastPosition[trigram] = i;
    }
    if (!found[trigram]) continue;
    const upper = i;
    if (lower === -1) {
      lower = i;
      uniqueInExtent = 1;
    }
    let current = similarity(count, uniqueInExtent);
    let tryCount = count;
    let tryUnique = uniqueInExtent;
    const previousLower = lower;
    for (let tryLower = lower; tryLower <= upper; tryLower += 1) {
      const candidate = similarity(tryCount, tryUnique);
      if (candidate > current) {
        current = candidate;
        uniqueInExtent = tryUnique;
        lower = tryLower;
        count = tryCount;
      }
      const dropped = indexes[tryLower];
      if (lastPosition[dropped] === tryLower) {
        tryUnique -= 1;
        if (found[dropped]) tryCount -= 1;
      }
    }
    best = Math.max(best, current);
    for (let drop = previousLower; drop < lower; drop += 1) {
      const dropped = indexes[drop];
      if (lastPosition[dropped] === drop) lastPosition[dropped] = -1;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Brute force: orderings and facets

const collator = new Intl.Collator('und');
const byId = (a: Listing, b: Listing) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** By name as the database's ICU root collation orders it, then id. */
export const byName = (a: Listing, b: Listing) => collator.compare(a.name, b.name) || byId(a, b);
/** Newest first, then id descending. */
export const byNewest = (a: Listing, b: Listing) => b.createdAt.getTime() - a.createdAt.getTime() || byId(b, a);
/** Nearest to a point first, then id. */
export const byDistanceFrom = (point: { lat: number; lng: number }) => (a: Listing, b: Listing) =>
  haversineKm(point, a.location!) - haversineKm(point, b.location!) || byId(a, b);

export interface FacetCounts {
  categories: Record<string, number>;
  regions: Record<string, number>;
}

/**
 * Facets of a set of listings: per category (a top-level category counts a listing once, whether it
 * is filed under it or under one or more of its children), and per region one level below
 * `regionId` (countries without it); a listing placed in `regionId` itself counts under it.
 */
export function facetsOf(fx: Fixture, listings: readonly Listing[], regionId?: string): FacetCounts {
  const categories: Record<string, number> = {};
  const regions: Record<string, number> = {};
  const depth = regionId ? fx.regionsById.get(regionId)!.depth : -1;
  for (const listing of listings) {
    const own = new Set<string>();
    for (const id of listing.categoryIds) {
      own.add(id);
      const parent = parentOf(fx, id);
      if (parent) own.add(parent);
    }
    for (const id of own) categories[id] = (categories[id] ?? 0) + 1;
    const path = listing.region.path.split('/').filter(Boolean);
    const bucket = path[depth + 1] ?? listing.region.id;
    regions[bucket] = (regions[bucket] ?? 0) + 1;
  }
  return { categories, regions };
}

// ---------------------------------------------------------------------------------------------
// GraphQL

export const SEARCH = `
  query Search($first: Int!, $after: String, $filter: BusinessFilter, $orderBy: BusinessOrder) {
    businesses(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges { cursor node { id name distanceKm isOpenNow timeZone status } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

export interface Node {
  id: string;
  name: string;
  distanceKm: number | null;
  isOpenNow: boolean;
  timeZone: string;
  status: BusinessStatus;
}

export interface SearchArgs {
  filter?: Filter;
  orderBy?: string;
  first?: number;
}

export interface Walk {
  nodes: Node[];
  pages: number;
  totalCounts: number[];
  cursors: string[];
}

/** Every node of a search, page by page, checking each page's shape on the way. */
export async function searchAll(t: TestApp, args: SearchArgs, token?: string): Promise<Walk> {
  const first = args.first ?? 100;
  const walk: Walk = { nodes: [], pages: 0, totalCounts: [], cursors: [] };
  let after: string | null = null;
  for (;;) {
    const res: GraphQLResponse = await t.gql(SEARCH, { first, after, filter: args.filter, orderBy: args.orderBy }, token);
    if (res.errors) throw new Error(`search failed: ${JSON.stringify(res.errors)}`);
    const page = res.data!.businesses;
    expect(page.edges.length).toBeLessThanOrEqual(first);
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    if (page.pageInfo.hasNextPage) expect(page.edges).toHaveLength(first);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]?.cursor ?? null);
    walk.nodes.push(...page.edges.map((edge: { node: Node }) => edge.node));
    walk.cursors.push(...page.edges.map((edge: { cursor: string }) => edge.cursor));
    walk.totalCounts.push(page.totalCount);
    walk.pages += 1;
    if (!page.pageInfo.hasNextPage) return walk;
    if (walk.pages > 200) throw new Error('search: more than 200 pages');
    after = page.pageInfo.endCursor;
  }
}

export const names = (items: readonly { name: string }[]) => items.map((item) => item.name);
export const sortedNames = (items: readonly { name: string }[]) => names(items).sort();

/**
 * Runs `request`, computing the expectation just before and just after it; when the two differ (a
 * listing opened or closed meanwhile), tries once more.
 */
export async function stableExpectation<E, R>(compute: (now: Date) => E, request: () => Promise<R>): Promise<{ expected: E; result: R }> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const before = compute(new Date());
    const result = await request();
    const after = compute(new Date());
    if (JSON.stringify(before) === JSON.stringify(after)) return { expected: before, result };
  }
  throw new Error('the expectation changed during the request twice in a row');
}

/** A refusal: BAD_USER_INPUT naming exactly these field paths, and no data (null, or a null field). */
export function expectBadUserInput(res: GraphQLResponse, paths: string[]): void {
  expectError(res, 'BAD_USER_INPUT', paths);
}
