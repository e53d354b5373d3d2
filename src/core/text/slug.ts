import { slugify } from '../../database/seeders/demo.seeder';

/** At most `length` characters of a slug, without a dash at the end. */
export function cutSlug(slug: string, length: number): string {
  return slug.slice(0, length).replace(/-+$/, '');
}

/**
 * The slug of a name, cut to fit a column of `length` characters: a name can fold into more
 * characters than it has (`ﬃ` → `ffi`), so a name of valid length can make a slug too long.
 */
export function slugOfName(name: string, length: number): string {
  return cutSlug(slugify(name), length);
}
