import { cutSlug } from '../../core/text/slug';
import { slugify } from '../../database/seeders/demo.seeder';

/** The length of `business.slug`. */
export const MAX_SLUG_LENGTH = 200;
/** Room kept for the `-N` that tells listings of the same name in one region apart. */
const SUFFIX_ROOM = 8;
/** The name's part keeps at least this much, however long the region's slug. */
const MIN_NAME_PART = 40;

/**
 * `mama-ngozi-bakery-yaba-lagos-ng`: the listing's name, then its region's slug, short enough
 * that a `-N` suffix still fits the column. A name can fold into more characters than it has
 * (`ﬃ` → `ffi`) and a region's slug runs to 160 characters, so the name's part is cut to what
 * is left, and a very long region slug too.
 */
export function listingSlugBase(name: string, regionSlug: string): string {
  const room = MAX_SLUG_LENGTH - SUFFIX_ROOM - 1;
  const region = cutSlug(regionSlug, room - MIN_NAME_PART);
  return `${cutSlug(slugify(name) || 'business', room - region.length)}-${region}`;
}
