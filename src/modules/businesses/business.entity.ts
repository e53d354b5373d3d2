import { randomUUID } from 'node:crypto';
import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, OneToMany, PrimaryKey, Property, Ref, ref } from '@mikro-orm/core';
import { Region } from '../regions/region.entity';
import { BusinessCategory } from './business-category.entity';
import { BusinessOwner } from './business-owner.entity';
import { BusinessStatus } from './business-status';
import { Category } from './category.entity';
import type { OpeningSpan } from './opening-hours';

export interface SocialLink {
  readonly label: string;
  readonly url: string;
}

/**
 * A local business, listed and maintained by its owners. Only PUBLISHED listings are shown to
 * everyone; a deleted listing is kept (soft delete) but shown to no one.
 *
 * `search` is a generated tsvector (name > tags > description, accents folded); `time_zone` is
 * the region's zone at the last write, so "open now" needs no walk up the region tree.
 */
@Entity({ tableName: 'business' })
@Index({
  name: 'business_search_index',
  expression: 'create index "business_search_index" on "business" using gin ("search")',
})
@Index({
  name: 'business_name_trgm_index',
  expression: 'create index "business_name_trgm_index" on "business" using gin (hometown_unaccent("name") gin_trgm_ops)',
})
@Index({
  name: 'business_location_index',
  expression:
    'create index "business_location_index" on "business" using gist (ll_to_earth("latitude", "longitude")) where "latitude" is not null',
})
@Index({
  name: 'business_listed_name_index',
  expression:
    'create index "business_listed_name_index" on "business" ("name", "id") where "status" = \'PUBLISHED\' and "deleted_at" is null',
})
@Index({ name: 'business_region_index', properties: ['region', 'status'] })
// Listed businesses of a set of regions, read from the index alone (region filters and facets).
@Index({
  name: 'business_listed_region_index',
  expression:
    'create index "business_listed_region_index" on "business" ("region_id") include ("id") where "status" = \'PUBLISHED\' and "deleted_at" is null',
})
@Index({
  name: 'business_listed_newest_index',
  expression:
    'create index "business_listed_newest_index" on "business" ("created_at" desc, "id" desc) where "status" = \'PUBLISHED\' and "deleted_at" is null',
})
@Index({ name: 'business_submitted_index', properties: ['status', 'submittedAt'] })
@Index({ name: 'business_tags_index', expression: 'create index "business_tags_index" on "business" using gin ("tags")' })
export class Business {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ length: 200, unique: true })
  slug!: string;

  @Property({ length: 160 })
  name!: string;

  @Property({ type: 'text', default: '' })
  description: string = '';

  @Enum({ items: () => BusinessStatus, nativeEnumName: 'business_status', default: BusinessStatus.DRAFT })
  status: BusinessStatus = BusinessStatus.DRAFT;

  /** Why it was rejected or suspended; shown to its owners. */
  @Property({ type: 'text', nullable: true })
  statusReason: string | null = null;

  @ManyToOne(() => Region, { ref: true, deleteRule: 'restrict' })
  region!: Ref<Region>;

  @Property({ type: 'text', nullable: true })
  streetAddress: string | null = null;

  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  latitude: number | null = null;

  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  longitude: number | null = null;

  @Property({ length: 64 })
  timeZone!: string;

  @Property({ length: 500, nullable: true })
  website: string | null = null;

  @Property({ length: 254, nullable: true })
  email: string | null = null;

  @Property({ length: 40, nullable: true })
  phone: string | null = null;

  @Property({ type: 'json', default: '[]' })
  socialLinks: SocialLink[] = [];

  @Property({ type: 'json', default: '[]' })
  imageUrls: string[] = [];

  @Property({ type: 'json', default: '[]' })
  openingHours: OpeningSpan[] = [];

  /** Normalised (lower-case, single dashes), at most 10. */
  @Property({ type: 'text[]', default: '{}' })
  tags: string[] = [];

  /** Declared by an owner. */
  @Property({ default: false })
  memberOwned: boolean = false;

  /** When an admin confirmed the declaration; cleared if the declaration is withdrawn. */
  @Property({ type: 'datetime', nullable: true })
  memberOwnedVerifiedAt: Date | null = null;

  @ManyToMany({ entity: () => Category, pivotEntity: () => BusinessCategory, owner: true })
  categories = new Collection<Category>(this);

  @OneToMany(() => BusinessOwner, (owner) => owner.business)
  owners = new Collection<BusinessOwner>(this);

  /** Last submission for review: the moderation queue is oldest first. */
  @Property({ type: 'datetime', nullable: true })
  submittedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  @Property({
    type: 'tsvector',
    lazy: true,
    hidden: true,
    // Written as PostgreSQL prints it back, so the schema diff sees no change.
    generated:
      "((setweight(to_tsvector('simple'::regconfig, hometown_unaccent((name)::text)), 'A'::\"char\") || setweight(to_tsvector('simple'::regconfig, hometown_unaccent(hometown_tags_text(tags))), 'B'::\"char\")) || setweight(to_tsvector('simple'::regconfig, hometown_unaccent(description)), 'C'::\"char\")) stored",
  })
  search?: string;

  @Property({ version: true })
  version: number = 1;

  /** Millisecond precision, as a JavaScript Date: NEWEST pages by this instant exactly. */
  @Property({ type: 'datetime', length: 3, defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(props: { name: string; slug: string; region: Region; timeZone: string }) {
    this.name = props.name;
    this.slug = props.slug;
    this.region = ref(props.region);
    this.timeZone = props.timeZone;
  }

  get isDeleted(): boolean {
    return this.deletedAt !== null;
  }
}
