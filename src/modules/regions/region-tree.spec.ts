import { RegionKind } from './region-kind';
import { RegionRecord } from './region.record';
import { RegionTree } from './region-tree';

function region(id: string, parent?: RegionRecord): RegionRecord {
  const path = `${parent ? parent.path : '/'}${id}/`;
  return {
    id,
    name: id,
    slug: id,
    kind: RegionKind.COUNTRY,
    isoCode: null,
    parentId: parent?.id ?? null,
    path,
    depth: parent ? parent.depth + 1 : 0,
    latitude: null,
    longitude: null,
    timeZone: null,
    version: 1,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

describe('RegionTree', () => {
  // Ids that share prefixes ("a" and "ab") must not leak into each other's subtrees.
  const a = region('a');
  const ab = region('ab');
  const a1 = region('a1', a);
  const a2 = region('a2', a);
  const a1x = region('a1x', a1);
  const ab1 = region('ab1', ab);
  const tree = new RegionTree('7', [ab1, a2, a1x, ab, a1, a]);

  it('finds regions by id', () => {
    expect(tree.get('a1x')).toBe(a1x);
    expect(tree.get('nope')).toBeUndefined();
    expect(tree.size).toBe(6);
    expect(tree.version).toBe('7');
  });

  it('gives a subtree in path order, the region first', () => {
    expect(tree.subtree('a')!.map((r) => r.id)).toEqual(['a', 'a1', 'a1x', 'a2']);
    expect(tree.subtree('ab')!.map((r) => r.id)).toEqual(['ab', 'ab1']);
    expect(tree.subtree('a1')!.map((r) => r.id)).toEqual(['a1', 'a1x']);
    expect(tree.subtree('a2')!.map((r) => r.id)).toEqual(['a2']);
  });

  it('gives undefined for an unknown region, and the same array when asked twice', () => {
    expect(tree.subtree('zz')).toBeUndefined();
    expect(tree.subtree('a')).toBe(tree.subtree('a'));
  });

  it('handles an empty tree', () => {
    const empty = new RegionTree(null, []);
    expect(empty.subtree('a')).toBeUndefined();
    expect(empty.size).toBe(0);
  });
});
