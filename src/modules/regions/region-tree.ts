import { RegionRecord } from './region.record';

/**
 * The whole region tree as of one version of the `region` table (`region_tree_version`, bumped by
 * a trigger on every change). Regions are few and rarely change, so the process keeps the tree in
 * memory and statements that filter by a subtree carry its ids as values; each such statement also
 * reads the current version back, so a tree that another request or instance changed is noticed
 * in the same statement (see `RegionsService.withSubtree`).
 */
export class RegionTree {
  private readonly byId = new Map<string, RegionRecord>();
  /** Every region, ordered by path: a subtree is a contiguous run. */
  private readonly ordered: RegionRecord[];
  private readonly subtrees = new Map<string, readonly RegionRecord[]>();

  constructor(
    /** `region_tree_version.version` as read with these regions; null when the table has no row. */
    readonly version: string | null,
    regions: readonly RegionRecord[],
  ) {
    this.ordered = [...regions].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const region of this.ordered) this.byId.set(region.id, region);
  }

  get size(): number {
    return this.ordered.length;
  }

  get(id: string): RegionRecord | undefined {
    return this.byId.get(id);
  }

  /** The region and everything below it, in path order (the region first); undefined for an unknown id. */
  subtree(id: string): readonly RegionRecord[] | undefined {
    const cached = this.subtrees.get(id);
    if (cached) return cached;
    const root = this.byId.get(id);
    if (!root) return undefined;
    const start = this.ordered.indexOf(root);
    let end = start + 1;
    while (end < this.ordered.length && this.ordered[end].path.startsWith(root.path)) end++;
    const subtree = Object.freeze(this.ordered.slice(start, end));
    this.subtrees.set(id, subtree);
    return subtree;
  }
}
