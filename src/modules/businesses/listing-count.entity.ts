import { Check, Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/*
 * Published listings counted per region, and per region and category, kept by triggers on
 * `business`, `business_category` and `category` (migration Migration20261126103110). Facets of a
 * search filtered by region alone add these up over the region's subtree instead of counting the
 * listings themselves. Never written by the application. Counts are of the listings filed in the
 * region itself (not below it); a row whose count drops to zero is removed in the statement that drops it.
 */

/** Published listings filed in one region. */
@Entity({ tableName: 'listing_count_by_region' })
@Check({ name: 'listing_count_by_region_listings_check', expression: 'listings >= 0' })
export class ListingCountByRegion {
  @PrimaryKey({ type: 'uuid' })
  regionId!: string;

  @Property({ type: 'integer' })
  listings!: number;
}

/**
 * Published listings filed in one region under one category: a child category counts the listings
 * linked to it, a top-level category each listing linked to it or to any of its children once.
 */
@Entity({ tableName: 'listing_count_by_category' })
@Check({ name: 'listing_count_by_category_listings_check', expression: 'listings >= 0' })
export class ListingCountByCategory {
  [PrimaryKeyProp]?: ['regionId', 'categoryId'];

  @PrimaryKey({ type: 'uuid' })
  regionId!: string;

  @PrimaryKey({ type: 'uuid' })
  categoryId!: string;

  @Property({ type: 'integer' })
  listings!: number;
}
