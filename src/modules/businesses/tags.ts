export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 30;

/** A tag must keep something when normalised: a letter or a digit. */
export const TAG_TEXT = /[\p{L}\p{N}]/u;

/** `"  Vegan Food! "` → `"vegan-food"`: lower case, letters and digits joined by single dashes. */
export function normaliseTag(tag: string): string {
  return tag
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_TAG_LENGTH)
    .replace(/-+$/, '');
}

/** Normalised, without duplicates or empties, in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normaliseTag).filter(Boolean))];
}
