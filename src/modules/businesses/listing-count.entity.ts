import { Check, Entity, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

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

/**
 * The count shifts one statement of the current transaction asked for, as
 * `[{ "region_id", "category_id", "listings" }]` (a null category is the region's total). The
 * transaction applies them, all at once, when it commits (a deferred trigger; one transaction at a
 * time), so concurrent writers wait for each other's count rows only then and never deadlock over
 * them. Empty outside a transaction that writes listings.
 */
@Entity({ tableName: 'listing_count_shift' })
@Index({ name: 'listing_count_shift_transaction_index', properties: ['transactionId'] })
export class ListingCountShift {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'bigint' })
  transactionId!: string;

  @Property({ type: 'json' })
  shifts!: { region_id: string; category_id: string | null; listings: number }[];
}
