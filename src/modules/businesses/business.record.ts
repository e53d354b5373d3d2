import { RegionRecord, regionRecordFromRow } from '../regions/region.record';
import { BusinessRole } from './business-owner.entity';

export interface CategoryRecord {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly parentId: string | null;
}

/** An owner or editor as a listing shows them; the display name is masked by the reader for private profiles. */
export interface OwnerRecord {
  readonly accountId: string;
  readonly displayName: string;
  readonly publicProfile: boolean;
  readonly role: BusinessRole;
}

/**
 * A listing's row as read for the API: `business` columns by their SQL names (`region_id`,
 * `created_at`…), plus `viewer_role` and the computed `rank` / `distance_km` when the query
 * computed them. A row read for a GraphQL selection holds the columns that selection needs
 * (`businessColumns`); `BusinessNode` converts a column when a field reads it, so a page costs
 * no conversion of what the query did not ask for.
 */
export type BusinessRow = Readonly<Record<string, unknown>>;

/** Relations read with the rows (joined, or named from the process's taxonomy), when the query selected them. */
export interface BusinessRelations {
  readonly region?: RegionRecord;
  readonly categories?: readonly CategoryRecord[];
  readonly owners?: readonly OwnerRecord[];
}

/** Columns of `business` (aliased `b`) that make a record. */
export const BUSINESS_COLUMNS = [
  'b.id',
  'b.slug',
  'b.name',
  'b.description',
  'b.status',
  'b.status_reason',
  'b.region_id',
  'b.street_address',
  'b.latitude',
  'b.longitude',
  'b.time_zone',
  'b.website',
  'b.email',
  'b.phone',
  'b.social_links',
  'b.image_urls',
  'b.opening_hours',
  'b.tags',
  'b.member_owned',
  'b.member_owned_verified_at',
  'b.submitted_at',
  'b.published_at',
  'b.deleted_at',
  'b.version',
  'b.created_at',
  'b.updated_at',
].join(', ');

/**
 * Columns every read includes: the key, and what permissions and the region relation use. The
 * columns of the page's ordering (its cursor) are added by the reader.
 */
const ALWAYS_READ = ['id', 'status', 'region_id'];

/** What the fields of the Business type read beyond {@link ALWAYS_READ}. */
export const FIELD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  status: [],
  viewerCan: [],
  // Relations and computed columns, which the plan reads by other means.
  region: [],
  categories: [],
  owners: [],
  distanceKm: [],
  upcomingEvents: [],
  slug: ['slug'],
  name: ['name'],
  version: ['version'],
  memberOwned: ['member_owned'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
  submittedAt: ['submitted_at'],
  description: ['description'],
  streetAddress: ['street_address'],
  timeZone: ['time_zone'],
  website: ['website'],
  tags: ['tags'],
  imageUrls: ['image_urls'],
  socialLinks: ['social_links'],
  openingHours: ['opening_hours'],
  memberOwnedVerifiedAt: ['member_owned_verified_at'],
  publishedAt: ['published_at'],
  email: ['email'],
  phone: ['phone'],
  statusReason: ['status_reason'],
  location: ['latitude', 'longitude'],
  isOpenNow: ['opening_hours', 'time_zone'],
};

/**
 * The columns the given fields of Business need; undefined (read them all) when a field is not
 * known here, so a field added to the type without an entry is still served correctly.
 */
export function businessColumns(fields: readonly string[]): string[] | undefined {
  const columns = new Set(ALWAYS_READ);
  for (const field of fields) {
    const needed = Object.hasOwn(FIELD_COLUMNS, field) ? FIELD_COLUMNS[field] : undefined;
    if (!needed) return undefined;
    for (const column of needed) columns.add(column);
  }
  return [...columns];
}

const REGION_FIELDS = [
  'id',
  'name',
  'slug',
  'kind',
  'iso_code',
  'parent_id',
  'path',
  'depth',
  'latitude',
  'longitude',
  'time_zone',
  'version',
  'created_at',
  'updated_at',
];

/** `r.id AS region__id, …`: a joined region's columns under a prefix, read back by {@link regionFromPrefixedRow}. */
export function prefixedRegionColumns(alias: string, prefix: string): string {
  return REGION_FIELDS.map((field) => `${alias}.${field} AS ${prefix}__${field}`).join(', ');
}

export function regionFromPrefixedRow(row: Record<string, unknown>, prefix: string): RegionRecord | undefined {
  if (row[`${prefix}__id`] === null || row[`${prefix}__id`] === undefined) return undefined;
  return regionRecordFromRow(Object.fromEntries(REGION_FIELDS.map((field) => [field, row[`${prefix}__${field}`]])));
}
