import { RegionRecord, regionRecordFromRow } from '../regions/region.record';
import { BusinessRole } from './business-owner.entity';
import { BusinessStatus } from './business-status';
import type { SocialLink } from './business.entity';
import type { OpeningSpan } from './opening-hours';
import { toDate, toDateOrNull } from '../../core/sql/row-values';

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
 * A listing as read for the API: a plain row of one SQL statement, with the relations the query
 * selected already attached (DESIGN.md §4). Entities serve the writes. A record read for a
 * GraphQL selection holds the columns that selection needs (`businessColumns`); the others are
 * left undefined, and nothing but the selected fields reads them.
 */
export interface BusinessRecord {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly status: BusinessStatus;
  readonly statusReason: string | null;
  readonly regionId: string;
  readonly streetAddress: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly timeZone: string;
  readonly website: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly socialLinks: readonly SocialLink[];
  readonly imageUrls: readonly string[];
  readonly openingHours: readonly OpeningSpan[];
  readonly tags: readonly string[];
  readonly memberOwned: boolean;
  readonly memberOwnedVerifiedAt: Date | null;
  readonly submittedAt: Date | null;
  readonly publishedAt: Date | null;
  readonly deletedAt: Date | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The viewer's role on this listing; null when the viewer is neither owner nor editor. */
  readonly viewerRole: BusinessRole | null;
  /** Present when the query selected them. */
  readonly region?: RegionRecord;
  readonly categories?: readonly CategoryRecord[];
  readonly owners?: readonly OwnerRecord[];
  /** Present when the query asked for businesses near a point. */
  readonly distanceKm?: number | null;
  readonly rank?: number;
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

/** Columns every read includes: the key, and what orderings, cursors and permissions use. */
const ALWAYS_READ = ['id', 'slug', 'name', 'status', 'region_id', 'version', 'member_owned', 'created_at', 'updated_at', 'submitted_at'];

/** What the fields of the Business type read beyond {@link ALWAYS_READ}. */
export const FIELD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  slug: [],
  name: [],
  status: [],
  version: [],
  memberOwned: [],
  createdAt: [],
  updatedAt: [],
  submittedAt: [],
  viewerCan: [],
  // Relations and computed columns, which the plan reads by other means.
  region: [],
  categories: [],
  owners: [],
  distanceKm: [],
  upcomingEvents: [],
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

export function businessRecordFromRow(row: Record<string, unknown>): BusinessRecord {
  return {
    id: row.id as string,
    slug: row.slug as string,
    name: row.name as string,
    description: row.description as string,
    status: row.status as BusinessStatus,
    statusReason: (row.status_reason as string | null) ?? null,
    regionId: row.region_id as string,
    streetAddress: (row.street_address as string | null) ?? null,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    timeZone: row.time_zone as string,
    website: (row.website as string | null) ?? null,
    email: (row.email as string | null) ?? null,
    phone: (row.phone as string | null) ?? null,
    socialLinks: row.social_links as SocialLink[],
    imageUrls: row.image_urls as string[],
    openingHours: row.opening_hours as OpeningSpan[],
    tags: row.tags as string[],
    memberOwned: row.member_owned as boolean,
    memberOwnedVerifiedAt: toDateOrNull(row.member_owned_verified_at),
    submittedAt: toDateOrNull(row.submitted_at),
    publishedAt: toDateOrNull(row.published_at),
    deletedAt: toDateOrNull(row.deleted_at),
    version: Number(row.version),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    viewerRole: (row.viewer_role as BusinessRole | null | undefined) ?? null,
    region: regionFromPrefixedRow(row, 'region'),
    categories: row.categories as CategoryRecord[] | undefined,
    owners: row.owners as OwnerRecord[] | undefined,
    distanceKm: row.distance_km === undefined ? undefined : row.distance_km === null ? null : Number(row.distance_km),
    rank: row.rank === undefined ? undefined : Number(row.rank),
  };
}
