import { expectOk, sql } from '../../utils/graphql-assertions';
import { createTestApp, TestApp } from '../../utils/test-app';
import { seeded } from './listings-fixture';

/** The category taxonomy as the API serves it: top-level categories, each with its children. */

const CATEGORIES = `{ categories { id slug name children { id slug name } } }`;

interface CategoryNode {
  id: string;
  slug: string;
  name: string;
}
type TopNode = CategoryNode & { children: CategoryNode[] };

describe('categories', () => {
  let t: TestApp;
  let tree: TopNode[];

  beforeAll(async () => {
    t = await createTestApp();
    await seeded(t);
    tree = expectOk(await t.expectUnchanged(() => t.gql(CATEGORIES))).categories;
  });
  afterAll(() => t.close());

  it('is a two-level tree with at least 30 leaf categories, every category of the taxonomy in it once', async () => {
    const leaves = tree.flatMap((top) => top.children);
    expect(tree.length).toBeGreaterThan(1);
    expect(leaves.length).toBeGreaterThanOrEqual(30);

    // Every stored category appears exactly once: none is left out for sitting deeper than two levels.
    const stored = await sql<{ id: string }>(t, 'SELECT id FROM category');
    const served = [...tree, ...leaves].map((category) => category.id);
    expect(new Set(served).size).toBe(served.length);
    expect([...served].sort()).toEqual(stored.map((row) => row.id).sort());
  });

  it('gives every category a unique, URL-friendly slug and a name', () => {
    const all = [...tree, ...tree.flatMap((top) => top.children)];
    const slugs = all.map((category) => category.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const category of all) {
      expect(category.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(category.name.trim()).not.toBe('');
    }
  });

  it('files each child under its parent, and every parent is a top-level category', async () => {
    const parents = new Map(
      (await sql<{ id: string; parent_id: string | null }>(t, 'SELECT id, parent_id FROM category')).map((row) => [row.id, row.parent_id]),
    );
    for (const top of tree) {
      expect(parents.get(top.id)).toBeNull();
      for (const child of top.children) expect(parents.get(child.id)).toBe(top.id);
    }
  });
});
