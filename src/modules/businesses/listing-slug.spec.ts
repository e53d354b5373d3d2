import { listingSlugBase, MAX_SLUG_LENGTH } from './listing-slug';

describe('listingSlugBase', () => {
  it('joins the folded name and the region slug', () => {
    expect(listingSlugBase("Mama Ngozi's Bakery", 'yaba-lagos-ng')).toBe('mama-ngozi-s-bakery-yaba-lagos-ng');
    expect(listingSlugBase('Café Crème', 'osu-accra-gh')).toBe('cafe-creme-osu-accra-gh');
  });

  it('names a listing whose name has no letters or digits "business"', () => {
    expect(listingSlugBase('!!!', 'yaba-lagos-ng')).toBe('business-yaba-lagos-ng');
  });

  it.each<[string, string, string]>([
    ['a name that folds into three times its length', 'ﬃ'.repeat(160), 'yaba-lagos-ng'],
    ['the longest name in a region with the longest slug', 'a'.repeat(160), `r${'-x'.repeat(79)}`],
    ['a long name of words, cut after a dash', 'word '.repeat(32), 'ikeja-lagos-ng'],
  ])('leaves room for a "-N" suffix within the column: %s', (_label, name, regionSlug) => {
    const base = listingSlugBase(name, regionSlug);
    expect(base.length + '-9999999'.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(base).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('keeps a region slug of up to 151 characters whole, and at least 40 characters of the name', () => {
    const region = 'r'.repeat(151);
    const base = listingSlugBase('n'.repeat(100), region);
    expect(base).toBe(`${'n'.repeat(40)}-${region}`);
    expect(listingSlugBase('n'.repeat(100), 'r'.repeat(160))).toBe(`${'n'.repeat(40)}-${'r'.repeat(151)}`);
  });
});
