import { RegionKind } from './region-kind';
import { PATH_SEPARATOR, Region } from './region.entity';
import { toDate, toNumberOrNull } from '../../core/sql/row-values';

/**
 * A region as read for the API: a plain row, never a managed entity (DESIGN.md §4: hot reads
 * skip entity hydration). The entity serves writes.
 */
export interface RegionRecord {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly kind: RegionKind;
  readonly isoCode: string | null;
  readonly parentId: string | null;
  readonly path: string;
  readonly depth: number;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly timeZone: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The columns of `region` (aliased `r`) that make a record. */
export const REGION_COLUMNS =
  'r.id, r.name, r.slug, r.kind, r.iso_code, r.parent_id, r.path, r.depth, r.latitude, r.longitude, r.time_zone, r.version, r.created_at, r.updated_at';

/** A `region` row (snake_case columns, or a row of the same shape built with json_build_object). */
export function regionRecordFromRow(row: Record<string, unknown>): RegionRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    slug: row.slug as string,
    kind: row.kind as RegionKind,
    isoCode: (row.iso_code as string | null) ?? null,
    parentId: (row.parent_id as string | null) ?? null,
    path: row.path as string,
    depth: Number(row.depth),
    latitude: toNumberOrNull(row.latitude),
    longitude: toNumberOrNull(row.longitude),
    timeZone: (row.time_zone as string | null) ?? null,
    version: Number(row.version),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export function regionRecordOf(region: Region): RegionRecord {
  return {
    id: region.id,
    name: region.name,
    slug: region.slug,
    kind: region.kind,
    isoCode: region.isoCode,
    parentId: region.parent?.id ?? null,
    path: region.path,
    depth: region.depth,
    latitude: region.latitude,
    longitude: region.longitude,
    timeZone: region.timeZone,
    version: region.version,
    createdAt: region.createdAt,
    updatedAt: region.updatedAt,
  };
}

/** Ids from the root down to the parent, read from the materialised path. */
export function ancestorIdsOf(region: Pick<RegionRecord, 'path'>): string[] {
  return region.path.split(PATH_SEPARATOR).filter(Boolean).slice(0, -1);
}
