/**
 * `npm run seed:bench`: loads the benchmark data set — 100,000 businesses and 50,000 members over
 * the demo regions — into the bench database (see bench-database.ts), the same on every run.
 *
 * The database is migrated and the demo regions and categories seeded first; bench rows from an
 * earlier run are removed, then everything is generated from a fixed seed and bulk-inserted with
 * multi-row INSERTs in one transaction, and the tables are vacuumed and analysed.
 */
import argon2 from 'argon2';
import { SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { slugify } from '../src/database/seeders/demo.seeder';
import { prepareDatabase } from '../src/database/prepare-database';
import { ARGON2_OPTIONS } from '../src/modules/accounts/password-hasher.service';
import { redactUrl, runBenchScript } from './bench-database';
import { Random, WeightedPicker } from './random';
import {
  ADJECTIVES,
  DESCRIPTION_OPENERS,
  FIRST_NAMES,
  LAST_NAMES,
  NOUNS_BY_CATEGORY,
  PITCHES_BY_TOP_CATEGORY,
  STREETS,
  TAG_VOCABULARY,
  TOP_CATEGORY_WEIGHTS,
} from './vocabulary';

const BENCH_SEED = 20261126;
const BENCH_BUSINESSES = Number(process.env.BENCH_BUSINESSES ?? 100_000);
const BENCH_ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 50_000);
/** Every bench member signs in with this password (one hash, computed once). */
const BENCH_PASSWORD = 'bench-password-2026';
/** Bench members' e-mail domain and the slug marker of bench listings: how re-runs find the rows to replace. */
const BENCH_EMAIL_DOMAIN = 'bench.hometown.test';
const BENCH_SLUG_MARKER = '-bench-';

/** Rows per multi-row INSERT (kept under PostgreSQL's 65,535 parameters per statement). */
const BATCH_ROWS = 2_000;
/** Timestamps end here, so the data does not depend on the day it is generated. */
const EPOCH_END = Date.UTC(2026, 0, 1);
const THREE_YEARS_MS = 3 * 365 * 24 * 3600 * 1000;

interface RegionRow {
  id: string;
  slug: string;
  name: string;
  kind: 'COUNTRY' | 'STATE' | 'CITY' | 'NEIGHBOURHOOD';
  parent_id: string | null;
  latitude: number | null;
  longitude: number | null;
  time_zone: string | null;
}

interface CategoryRow {
  id: string;
  slug: string;
  name: string;
  parent_id: string | null;
}

interface Place extends RegionRow {
  zone: string;
  centre: { lat: number; lng: number } | null;
}

/** How many businesses and members each kind of region attracts (cities and neighbourhoods most). */
const REGION_WEIGHTS: Record<RegionRow['kind'], number> = { COUNTRY: 0.3, STATE: 1, CITY: 3, NEIGHBOURHOOD: 3 };
/** How far from the region's centroid its businesses are scattered, in km. */
const SCATTER_KM: Record<RegionRow['kind'], number> = { COUNTRY: 60, STATE: 25, CITY: 5, NEIGHBOURHOOD: 2 };

const OPENING_PATTERNS: readonly (readonly { day: string; opens: string; closes: string }[])[] = [
  [],
  days(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], '09:00', '17:00'),
  days(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'], '09:00', '18:00'),
  days(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'], '07:30', '22:00'),
  days(['WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'], '18:00', '02:00'),
  [
    ...days(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], '08:00', '12:00'),
    ...days(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], '13:00', '17:30'),
  ],
  days(['TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'], '10:00', '24:00'),
];

function days(names: string[], opens: string, closes: string) {
  return names.map((day) => ({ day, opens, closes }));
}

const STATUSES = new WeightedPicker(
  [
    ['PUBLISHED', 90],
    ['DRAFT', 4],
    ['PENDING_REVIEW', 3],
    ['REJECTED', 1],
    ['SUSPENDED', 2],
  ] as const,
  ([, weight]) => weight,
);

runBenchScript('seed:bench', async (database, log) => {
  const started = Date.now();
  // The embedded bench database is the benchmark's own: it is emptied and refilled whole. A
  // database given by DATABASE_URL keeps its other rows: only earlier bench rows are replaced.
  const dedicated = database.embedded !== undefined;
  log(`bench database: ${redactUrl(database.url)}${dedicated ? '' : ' (from DATABASE_URL)'}`);
  await prepareDatabase(database.url, { migrate: true, log });

  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    if (dedicated) await client.query('TRUNCATE business, business_category, business_owner, business_claim, account CASCADE');
    await prepareDatabase(database.url, { seed: true, log });
    const counts = await load(client, log, { removeEarlierRows: !dedicated });
    await vacuum(client, log);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const summary = Object.entries(counts)
      .map(([table, n]) => `${n.toLocaleString('en')} ${table}`)
      .join(', ');
    console.log(`\nseeded ${summary} in ${seconds} s (members sign in with the password "${BENCH_PASSWORD}")`);
  } finally {
    await client.end();
  }
});

async function load(
  client: Client,
  log: (message: string) => void,
  options: { removeEarlierRows: boolean },
): Promise<Record<string, number>> {
  const regions = (
    await client.query<RegionRow>('SELECT id, slug, name, kind, parent_id, latitude, longitude, time_zone FROM region ORDER BY slug')
  ).rows;
  const categories = (await client.query<CategoryRow>('SELECT id, slug, name, parent_id FROM category ORDER BY slug')).rows;
  if (regions.length === 0 || categories.length === 0) throw new Error('the demo regions and categories are missing');
  const places = placesOf(regions);
  const random = new Random(BENCH_SEED);

  log('hashing the bench password (once)');
  const passwordHash = await argon2.hash(BENCH_PASSWORD, ARGON2_OPTIONS);

  const accounts = generateAccounts(random, places, passwordHash);
  const { businesses, links, owners } = generateBusinesses(random, places, categories, accounts);

  const bar = new SingleBar({
    format: '{stage} [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted} elapsed, ETA {eta_formatted}',
    hideCursor: true,
  });
  const total = accounts.length + businesses.length + links.length + owners.length;
  bar.start(total, 0, { stage: 'removing earlier bench rows'.padEnd(27) });
  await client.query('BEGIN');
  try {
    if (options.removeEarlierRows) await removeBenchRows(client);
    const insert = async (stage: string, table: string, columns: string[], rows: unknown[][]) => {
      bar.update({ stage: stage.padEnd(27) });
      for (let start = 0; start < rows.length; start += BATCH_ROWS) {
        const batch = rows.slice(start, start + BATCH_ROWS);
        const values: unknown[] = [];
        const tuples = batch.map((row) => `(${row.map((value) => `$${values.push(value)}`).join(', ')})`);
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
        bar.increment(batch.length);
      }
    };
    await insert('members', 'account', ACCOUNT_COLUMNS, accounts.map(accountValues));
    await insert('businesses', 'business', BUSINESS_COLUMNS, businesses.map(businessValues));
    await insert('business categories', 'business_category', ['business_id', 'category_id'], links);
    await insert('business owners', 'business_owner', ['business_id', 'account_id', 'role', 'created_at'], owners);
    bar.update({ stage: 'committing'.padEnd(27) });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    bar.stop();
  }
  return {
    regions: regions.length,
    categories: categories.length,
    members: accounts.length,
    businesses: businesses.length,
    'business categories': links.length,
    'business owners': owners.length,
  };
}

/**
 * VACUUM (ANALYZE) once no other session of this database holds a snapshot older than the load
 * (an autovacuum worker that started during it would): only then does VACUUM mark the pages
 * all-visible, as they are on a settled production database, so that index-only scans need no
 * heap fetches.
 */
async function vacuum(client: Client, log: (message: string) => void): Promise<void> {
  const tables = ['region', 'category', 'account', 'business', 'business_category', 'business_owner'];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xmin IS NOT NULL',
    );
    if (Number(rows[0].n) === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  log('vacuuming and analysing');
  await client.query(`VACUUM (ANALYZE) ${tables.join(', ')}`);
  const { rows } = await client.query<{ relname: string; relpages: number; relallvisible: number }>(
    'SELECT relname, relpages, relallvisible FROM pg_class WHERE relname = ANY ($1) AND relpages > 0',
    [tables],
  );
  const partly = rows.filter((row) => row.relallvisible < row.relpages * 0.95).map((row) => row.relname);
  if (partly.length)
    log(`some pages are not all-visible yet (${partly.join(', ')}): index-only scans will visit the heap until autovacuum runs`);
}

/** Removes the rows an earlier run loaded into a shared database, by their e-mail domain and slug marker. */
async function removeBenchRows(client: Client): Promise<void> {
  await client.query("DELETE FROM business WHERE slug LIKE '%' || $1 || '%'", [BENCH_SLUG_MARKER]);
  // Audit events keep their actor (the foreign key restricts deletes): drop those of bench members first.
  await client.query("DELETE FROM audit_event WHERE actor_id IN (SELECT id FROM account WHERE email LIKE '%@' || $1)", [
    BENCH_EMAIL_DOMAIN,
  ]);
  await client.query("DELETE FROM account WHERE email LIKE '%@' || $1", [BENCH_EMAIL_DOMAIN]);
}

/** Regions with their effective time zone and the nearest centroid up the tree. */
function placesOf(regions: RegionRow[]): Place[] {
  const byId = new Map(regions.map((region) => [region.id, region]));
  const up = <T>(region: RegionRow, read: (r: RegionRow) => T | null): T | null => {
    for (let current: RegionRow | undefined = region; current; current = current.parent_id ? byId.get(current.parent_id) : undefined) {
      const value = read(current);
      if (value !== null) return value;
    }
    return null;
  };
  return regions.map((region) => ({
    ...region,
    zone: up(region, (r) => r.time_zone) ?? 'UTC',
    centre: up(region, (r) => (r.latitude === null || r.longitude === null ? null : { lat: Number(r.latitude), lng: Number(r.longitude) })),
  }));
}

interface AccountSeed {
  id: string;
  email: string;
  emailVerifiedAt: Date | null;
  passwordHash: string;
  displayName: string;
  homeRegionId: string;
  publicProfile: boolean;
  createdAt: Date;
}

const ACCOUNT_COLUMNS = [
  'id',
  'email',
  'email_verified_at',
  'password_hash',
  'display_name',
  'home_region_id',
  'public_profile',
  'created_at',
  'updated_at',
];

function accountValues(account: AccountSeed): unknown[] {
  return [
    account.id,
    account.email,
    account.emailVerifiedAt,
    account.passwordHash,
    account.displayName,
    account.homeRegionId,
    account.publicProfile,
    account.createdAt,
    account.createdAt,
  ];
}

function generateAccounts(random: Random, places: Place[], passwordHash: string): AccountSeed[] {
  const homes = new WeightedPicker(places, (place) => REGION_WEIGHTS[place.kind]);
  const accounts: AccountSeed[] = [];
  for (let i = 0; i < BENCH_ACCOUNTS; i += 1) {
    const createdAt = new Date(EPOCH_END - Math.floor(random.next() * THREE_YEARS_MS));
    accounts.push({
      id: random.uuid(),
      email: `member${i}@${BENCH_EMAIL_DOMAIN}`,
      emailVerifiedAt: random.chance(0.85) ? new Date(createdAt.getTime() + random.int(60, 86_400) * 1000) : null,
      passwordHash,
      displayName: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
      homeRegionId: homes.pick(random).id,
      publicProfile: random.chance(0.3),
      createdAt,
    });
  }
  return accounts;
}

interface BusinessSeed {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: string;
  statusReason: string | null;
  regionId: string;
  streetAddress: string | null;
  latitude: number | null;
  longitude: number | null;
  timeZone: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  openingHours: string;
  tags: string[];
  memberOwned: boolean;
  memberOwnedVerifiedAt: Date | null;
  submittedAt: Date | null;
  publishedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const BUSINESS_COLUMNS = [
  'id',
  'slug',
  'name',
  'description',
  'status',
  'status_reason',
  'region_id',
  'street_address',
  'latitude',
  'longitude',
  'time_zone',
  'website',
  'email',
  'phone',
  'opening_hours',
  'tags',
  'member_owned',
  'member_owned_verified_at',
  'submitted_at',
  'published_at',
  'deleted_at',
  'created_at',
  'updated_at',
];

function businessValues(b: BusinessSeed): unknown[] {
  return [
    b.id,
    b.slug,
    b.name,
    b.description,
    b.status,
    b.statusReason,
    b.regionId,
    b.streetAddress,
    b.latitude,
    b.longitude,
    b.timeZone,
    b.website,
    b.email,
    b.phone,
    b.openingHours,
    b.tags,
    b.memberOwned,
    b.memberOwnedVerifiedAt,
    b.submittedAt,
    b.publishedAt,
    b.deletedAt,
    b.createdAt,
    b.updatedAt,
  ];
}

function generateBusinesses(random: Random, places: Place[], categories: CategoryRow[], accounts: AccountSeed[]) {
  const regionPicker = new WeightedPicker(places, (place) => REGION_WEIGHTS[place.kind]);
  const tops = categories.filter((category) => category.parent_id === null);
  const leavesOf = new Map(tops.map((top) => [top.id, categories.filter((category) => category.parent_id === top.id)]));
  const topPicker = new WeightedPicker(
    tops.filter((top) => leavesOf.get(top.id)!.length > 0),
    (top) => TOP_CATEGORY_WEIGHTS[top.name] ?? 3,
  );
  const allLeaves = categories.filter((category) => category.parent_id !== null);
  const topById = new Map(tops.map((top) => [top.id, top]));
  const accountsByRegion = new Map<string, AccountSeed[]>();
  for (const account of accounts) {
    const locals = accountsByRegion.get(account.homeRegionId);
    if (locals) locals.push(account);
    else accountsByRegion.set(account.homeRegionId, [account]);
  }

  const businesses: BusinessSeed[] = [];
  const links: unknown[][] = [];
  const owners: unknown[][] = [];
  for (let i = 0; i < BENCH_BUSINESSES; i += 1) {
    const place = regionPicker.pick(random);
    const top = topPicker.pick(random);
    const first = random.pick(leavesOf.get(top.id)!);
    const leaves = [first];
    const extra = random.chance(0.6) ? 0 : random.chance(0.75) ? 1 : 2;
    for (let n = 0; n < extra; n += 1) {
      const candidate = random.chance(0.7) ? random.pick(leavesOf.get(top.id)!) : random.pick(allLeaves);
      if (!leaves.includes(candidate)) leaves.push(candidate);
    }

    const name = businessName(random, first.name, place.name);
    const tags = random.sample(TAG_VOCABULARY, random.pick([0, 0, 1, 1, 2, 2, 3, 4]));
    const pitch = random.pick(PITCHES_BY_TOP_CATEGORY[topById.get(first.parent_id!)!.name] ?? ['A local business.']);
    const description =
      `${random.pick(DESCRIPTION_OPENERS)} ${first.name.toLowerCase()} in ${place.name}. ${pitch}` +
      (tags.length ? ` ${tags.map((tag) => tag.replace(/-/g, ' ')).join(', ')}.` : '');

    const createdAt = new Date(EPOCH_END - Math.floor(random.next() * THREE_YEARS_MS));
    const later = (from: Date) => new Date(Math.min(EPOCH_END, from.getTime() + random.int(60, 30 * 86_400) * 1000));
    const [status] = STATUSES.pick(random);
    const submittedAt = status === 'DRAFT' ? null : later(createdAt);
    const publishedAt = status === 'PUBLISHED' || status === 'SUSPENDED' ? later(submittedAt!) : null;
    const updatedAt = later(publishedAt ?? submittedAt ?? createdAt);
    const location = scatter(random, place);
    const memberOwned = random.chance(0.6);
    const handle = slugify(name).slice(0, 40);

    const id = random.uuid();
    businesses.push({
      id,
      slug: `${slugify(name)}-${place.slug}${BENCH_SLUG_MARKER}${i}`.slice(0, 200),
      name,
      description,
      status,
      statusReason:
        status === 'SUSPENDED'
          ? 'Reported as closed; suspended until the owners confirm.'
          : status === 'REJECTED'
            ? 'Please add opening hours.'
            : null,
      regionId: place.id,
      streetAddress: random.chance(0.8) ? `${random.int(1, 250)} ${random.pick(STREETS)} Street` : null,
      latitude: location?.lat ?? null,
      longitude: location?.lng ?? null,
      timeZone: place.zone,
      website: random.chance(0.4) ? `https://${handle}.example.com` : null,
      email: random.chance(0.5) ? `hello@${handle}.example.com` : null,
      phone: random.chance(0.6) ? `+1 555 ${String(random.int(0, 9999)).padStart(4, '0')}` : null,
      openingHours: JSON.stringify(random.pick(OPENING_PATTERNS)),
      tags,
      memberOwned,
      memberOwnedVerifiedAt: memberOwned && random.chance(0.25) ? updatedAt : null,
      submittedAt,
      publishedAt,
      deletedAt: random.chance(0.01) ? updatedAt : null,
      createdAt,
      updatedAt,
    });
    for (const leaf of leaves) links.push([id, leaf.id]);

    const locals = accountsByRegion.get(place.id);
    const owner = locals && random.chance(0.7) ? random.pick(locals) : random.pick(accounts);
    owners.push([id, owner.id, 'OWNER', createdAt]);
    if (random.chance(0.3)) {
      const second = random.pick(accounts);
      if (second.id !== owner.id) owners.push([id, second.id, random.chance(0.5) ? 'OWNER' : 'EDITOR', later(createdAt)]);
    }
  }
  return { businesses, links, owners };
}

function businessName(random: Random, leafName: string, placeName: string): string {
  const noun = random.pick(NOUNS_BY_CATEGORY[leafName] ?? [leafName]);
  switch (random.int(0, 5)) {
    case 0:
      return `${random.pick(FIRST_NAMES)}'s ${noun}`;
    case 1:
      return `${random.pick(ADJECTIVES)} ${noun}`;
    case 2:
      return `${placeName} ${noun}`;
    case 3:
      return `${random.pick(ADJECTIVES)} ${random.pick(FIRST_NAMES)} ${noun}`;
    case 4:
      return `The ${random.pick(ADJECTIVES)} ${noun}`;
    default:
      return `${random.pick(LAST_NAMES)} & ${random.pick(LAST_NAMES)} ${noun}`;
  }
}

/** A point within the region's scatter radius of its centroid (3% of listings have no location). */
function scatter(random: Random, place: Place): { lat: number; lng: number } | null {
  if (!place.centre || random.chance(0.03)) return null;
  const distanceKm = SCATTER_KM[place.kind] * Math.sqrt(random.next());
  const bearing = random.next() * 2 * Math.PI;
  const lat = place.centre.lat + (distanceKm * Math.cos(bearing)) / 111.32;
  const lng = place.centre.lng + (distanceKm * Math.sin(bearing)) / (111.32 * Math.cos((place.centre.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}
