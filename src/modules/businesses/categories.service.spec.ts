import { CategoryCatalogue } from './categories.service';

describe('CategoryCatalogue', () => {
  const food = { id: 'food', slug: 'food-drink', name: 'Food & drink', parentId: null };
  const bakery = { id: 'bakery', slug: 'bakery', name: 'Bakery', parentId: 'food' };
  const cafe = { id: 'cafe', slug: 'cafe', name: 'Café', parentId: 'food' };
  const catalogue = new CategoryCatalogue('4', [food, bakery, cafe]);

  it('names ids in display order, whatever order they come in', () => {
    expect(catalogue.named(['cafe', 'food', 'bakery'])).toEqual([food, bakery, cafe]);
    expect(catalogue.named(['cafe', 'bakery'])).toEqual([bakery, cafe]);
    expect(catalogue.named([])).toEqual([]);
  });

  it('expands categories to themselves and their children, ignoring ids it does not know', () => {
    expect(catalogue.withChildren(['food']).sort()).toEqual(['bakery', 'cafe', 'food']);
    expect(catalogue.withChildren(['bakery', 'nope'])).toEqual(['bakery']);
    expect(catalogue.withChildren(['nope'])).toEqual([]);
  });

  it('leaves out ids it does not know, and says which it knows', () => {
    expect(catalogue.named(['nope', 'bakery'])).toEqual([bakery]);
    expect(catalogue.has('bakery')).toBe(true);
    expect(catalogue.has('nope')).toBe(false);
    expect(catalogue.version).toBe('4');
  });
});
