import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Ref, ref } from '@mikro-orm/core';
import { canContain, isTimeZone, RegionKind } from './region-kind';

export interface RegionProps {
  name: string;
  slug: string;
  kind: RegionKind;
  parent?: Region;
  isoCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  timeZone?: string | null;
}

/** Separator of the materialised path: `/<country id>/<state id>/<city id>/`. */
export const PATH_SEPARATOR = '/';

/**
 * A place in the tree country > state > city > neighbourhood. `path` lists the ids from the root
 * down to this region, so "this region and everything below it" is the single indexed predicate
 * `path LIKE '<path>%'`.
 */
@Entity({ tableName: 'region' })
@Index({ name: 'region_path_index', expression: 'create index "region_path_index" on "region" ("path" text_pattern_ops)' })
// Written as PostgreSQL prints them back, so the schema diff sees no change.
@Check({ name: 'region_latitude_check', expression: 'abs(latitude) <= 90::double precision' })
@Check({ name: 'region_longitude_check', expression: 'abs(longitude) <= 180::double precision' })
@Check({ name: 'region_centroid_check', expression: '(latitude is null) = (longitude is null)' })
export class Region {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ length: 120 })
  name!: string;

  @Property({ length: 160, unique: true })
  slug!: string;

  @Enum({ items: () => RegionKind, nativeEnumName: 'region_kind' })
  kind!: RegionKind;

  @Property({ length: 6, nullable: true, unique: true })
  isoCode: string | null = null;

  @ManyToOne(() => Region, { ref: true, nullable: true, deleteRule: 'restrict', index: true })
  parent: Ref<Region> | null = null;

  @Property({ type: 'text' })
  path!: string;

  @Property({ type: 'smallint', runtimeType: 'number' })
  depth!: number;

  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  latitude: number | null = null;

  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  longitude: number | null = null;

  /** Own IANA zone; `null` means "as the parent" (a country spanning zones has none). */
  @Property({ length: 64, nullable: true })
  timeZone: string | null = null;

  @Property({ version: true })
  version: number = 1;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(props: RegionProps) {
    this.name = props.name;
    this.slug = props.slug;
    this.kind = props.kind;
    this.isoCode = props.isoCode ?? null;
    this.latitude = props.latitude ?? null;
    this.longitude = props.longitude ?? null;
    this.timeZone = props.timeZone ?? null;
    this.placeUnder(props.parent);
    Region.assertValid(this);
  }

  /** Puts this region under `parent` (or at the top), recomputing its own path and depth. */
  placeUnder(parent: Region | undefined): void {
    if (!canContain(parent?.kind, this.kind)) {
      throw new RangeError(`A ${this.kind} cannot be placed ${parent ? `under a ${parent.kind}` : 'at the top of the tree'}`);
    }
    this.parent = parent ? ref(parent) : null;
    this.path = `${parent ? parent.path : PATH_SEPARATOR}${this.id}${PATH_SEPARATOR}`;
    this.depth = parent ? parent.depth + 1 : 0;
  }

  private static assertValid(region: Region): void {
    if ((region.latitude === null) !== (region.longitude === null)) {
      throw new RangeError('A centroid needs both latitude and longitude');
    }
    if (region.timeZone !== null && !isTimeZone(region.timeZone)) {
      throw new RangeError(`Unknown time zone ${region.timeZone}`);
    }
  }
}
