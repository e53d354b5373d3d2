import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { readVersion, VersionedCopy, versionColumn } from '../../core/cache/versioned-copy';
import { RequestContext } from '../../core/context/request-context';
import { BadUserInputError, NotFoundError } from '../../core/errors/domain-errors';
import { Connection } from '../../core/pagination/connection.types';
import { afterCursorCondition, decodeCursor, KeysetOrder, orderByClause, SqlFragment } from '../../core/pagination/keyset';
import { and, countStatement, PageQuery, paginate, SqlRunner, sqlRunner, toConnection } from '../../core/pagination/paginate';
import { RegionChildrenArgs, RegionLookupArgs, RegionOrder, RegionsArgs } from './dto/regions.args';
import { ancestorIdsOf, REGION_COLUMNS, RegionRecord, regionRecordFromRow } from './region.record';
import { RegionTree } from './region-tree';

/**
 * The region table's current version (`region_tree_version`), as a column of a statement that
 * filters by a subtree of the in-memory tree (see `RegionsService.withSubtree`).
 */
export const REGION_TREE_VERSION_COLUMN = versionColumn('region_tree_version');

/** What a statement run by `RegionsService.withSubtree` reports back. */
export interface SubtreeStatement<T> {
  readonly result: T;
  /** Whether a statement ran (a query for facets alone reads no page, say). */
  readonly ran: boolean;
  /** `region_tree_version` of its first row; undefined when it returned no rows. */
  readonly treeVersion?: string | null;
}

const id = { sql: 'r.id', direction: 'asc', type: 'uuid', value: (r: RegionRecord) => r.id } as const;
const name = { sql: 'r.name', direction: 'asc', type: 'string', value: (r: RegionRecord) => r.name } as const;
const depth = { sql: 'r.depth', direction: 'asc', type: 'number', value: (r: RegionRecord) => r.depth } as const;

const ORDERS: Readonly<Record<RegionOrder, KeysetOrder<RegionRecord>>> = {
  [RegionOrder.HIERARCHY]: { name: 'hierarchy', keys: [depth, name, id] },
  [RegionOrder.NAME]: { name: 'name', keys: [name, id] },
};

const regionsById = Symbol('regions by id');
const subtreesById = Symbol('subtrees by region id');
const regionsRead = Symbol('regions read in this request');
const treeConfirmed = Symbol('region tree confirmed current in this request');

/** `%text%` for ILIKE, with the pattern characters of the text escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Reads the region tree. */
@Injectable()
export class RegionsService {
  constructor(private readonly em: EntityManager) {}

  private readonly run = sqlRunner(this.em);

  /** The region tree as last read, shared by every request of this process. */
  private readonly tree = new VersionedCopy(
    () => this.readTree(),
    () => readVersion(this.em, 'region_tree_version'),
  );

  async findOne(ctx: RequestContext, lookup: RegionLookupArgs): Promise<RegionRecord> {
    if ((lookup.id === undefined) === (lookup.slug === undefined)) {
      throw new BadUserInputError([{ path: 'id', message: 'give exactly one of id and slug' }]);
    }
    const [row] = await this.run(`SELECT ${REGION_COLUMNS} FROM region r WHERE ${lookup.id !== undefined ? 'r.id' : 'r.slug'} = ?`, [
      lookup.id ?? lookup.slug,
    ]);
    if (!row) throw new NotFoundError('Region');
    return this.prime(ctx, regionRecordFromRow(row));
  }

  list(ctx: RequestContext, args: RegionsArgs): Promise<Connection<RegionRecord>> {
    const filter = args.filter ?? {};
    const where: SqlFragment[] = [];
    if (filter.parentId) where.push({ sql: 'r.parent_id = ?', params: [filter.parentId] });
    if (filter.kind) where.push({ sql: 'r.kind = ?', params: [filter.kind] });
    if (filter.text) {
      const pattern = containsPattern(filter.text);
      where.push({
        sql: 'unaccent(r.name) ILIKE unaccent(?) OR r.slug ILIKE ? OR r.iso_code ILIKE ?',
        params: [pattern, pattern, pattern],
      });
    }
    const query = (conditions: SqlFragment[]): PageQuery<RegionRecord> => ({
      select: REGION_COLUMNS,
      from: 'region r',
      where: conditions,
      order: ORDERS[args.orderBy],
    });
    const toNode = (row: Record<string, unknown>) => this.prime(ctx, regionRecordFromRow(row));
    if (!filter.regionId) return paginate(this.run, query(where), args, toNode);
    return this.pageWithin(ctx, filter.regionId, 'filter.regionId', 'r.id', (within) => query([...where, within]), args, toNode);
  }

  /**
   * The region and every region below it read from the database (in the request's transaction,
   * when there is one) once per request, and primed into the request's region lookups;
   * BAD_USER_INPUT at `path` when no region has this id. What `withSubtree` uses when it cannot
   * rely on the tree in memory.
   */
  private async subtree(ctx: RequestContext, regionId: string, path: string): Promise<RegionRecord[]> {
    const loader = ctx.loader(
      subtreesById,
      () =>
        new DataLoader<string, RegionRecord[]>(async (ids) => {
          const rows = await this.run(
            `SELECT ${REGION_COLUMNS}, fr.id AS subtree_of FROM region fr JOIN region r ON r.path LIKE fr.path || '%'
             WHERE fr.id IN (?) ORDER BY r.path`,
            [ids],
          );
          const subtrees = new Map<string, RegionRecord[]>(ids.map((id) => [id, []]));
          for (const row of rows) subtrees.get(row.subtree_of as string)!.push(this.prime(ctx, regionRecordFromRow(row)));
          return ids.map((id) => subtrees.get(id)!);
        }),
    );
    const regions = await loader.load(regionId);
    if (regions.length === 0) throw BadUserInputError.field(path, 'no region has this id');
    return regions;
  }

  /**
   * Runs `statement` with the subtree of `regionId` (the region and everything below it) from the
   * in-memory region tree, so a listing filtered by region costs one statement instead of two.
   * Statements filter on the ids as values (`region_id IN (…)`): the planner then knows how many
   * regions, and so how many rows, the filter keeps, and plans a country as well as a neighbourhood.
   * The statement selects {@link REGION_TREE_VERSION_COLUMN}: when the version it read is not the
   * tree's (regions changed, here or in another process), the tree is read again and the statement
   * runs again with the new subtree; after three misses it falls back to reading the subtree in the
   * statement's own request. BAD_USER_INPUT at `path` for an unknown region. In a transaction the
   * subtree is read from the database (the transaction may have changed regions) and nothing is
   * checked. After the check, the request's region lookups answer from the tree.
   */
  async withSubtree<T>(
    ctx: RequestContext,
    regionId: string,
    path: string,
    statement: (subtree: readonly RegionRecord[]) => Promise<SubtreeStatement<T>>,
  ): Promise<T> {
    if (this.em.getTransactionContext()) return (await statement(await this.subtree(ctx, regionId, path))).result;
    let tree = await this.tree.current();
    for (let attempt = 0; attempt < 3; attempt++) {
      const subtree = tree.subtree(regionId);
      if (!subtree) {
        // A region added since the tree was read, or none at all: the table's version tells.
        const current = await this.tree.at(await this.tree.readVersion());
        if (current.version === tree.version) throw BadUserInputError.field(path, 'no region has this id');
        tree = current;
        continue;
      }
      const outcome = await statement(subtree);
      if (!outcome.ran) return outcome.result;
      const version = outcome.treeVersion === undefined ? await this.tree.readVersion() : outcome.treeVersion;
      if (version === tree.version) {
        this.confirmed(ctx).tree = tree;
        return outcome.result;
      }
      tree = await this.tree.at(version);
    }
    return (await statement(await this.subtree(ctx, regionId, path))).result;
  }

  /**
   * A page of the list `build` describes, filtered to rows whose `column` is a region of the
   * subtree of `regionId` (`build` gets that condition): the page, and the count when asked for,
   * are each one statement checked against the region tree (see {@link withSubtree}).
   */
  pageWithin<Row>(
    ctx: RequestContext,
    regionId: string,
    path: string,
    column: string,
    build: (within: SqlFragment) => PageQuery<Row>,
    args: { first: number; after?: string | null },
    toNode: (row: Record<string, unknown>) => Row,
  ): Promise<Connection<Row>> {
    const within = (subtree: readonly RegionRecord[]): SqlFragment => ({
      sql: `${column} IN (?)`,
      params: [subtree.map((region) => region.id)],
    });
    const count = () =>
      this.withSubtree(ctx, regionId, path, async (subtree) => {
        const [row] = await this.run<{ count: string; region_tree_version: string | null }>(
          ...countStatement(build(within(subtree)), REGION_TREE_VERSION_COLUMN),
        );
        return { result: Number(row.count), ran: true, treeVersion: row.region_tree_version };
      });
    return this.withSubtree(ctx, regionId, path, async (subtree) => {
      const query = build(within(subtree));
      let treeVersion: string | null | undefined;
      const run: SqlRunner = async (sql, params) => {
        const rows = await this.run<Record<string, unknown>>(sql, params);
        treeVersion = rows.length ? (rows[0].region_tree_version as string | null) : undefined;
        for (const row of rows) delete row.region_tree_version;
        return rows as never[];
      };
      const connection = await paginate(run, { ...query, select: `${query.select}, ${REGION_TREE_VERSION_COLUMN}` }, args, toNode, count);
      return { result: connection, ran: true, treeVersion };
    });
  }

  /** Every region and the version they belong to, in one statement outside any transaction (the tree is shared). */
  private async readTree(): Promise<RegionTree> {
    const rows = await this.em.getConnection().execute<Record<string, unknown>[]>(
      `SELECT v.region_tree_version, ${REGION_COLUMNS}
       FROM (SELECT ${REGION_TREE_VERSION_COLUMN}) v LEFT JOIN region r ON TRUE`,
    );
    const version = (rows[0]?.region_tree_version as string | null | undefined) ?? null;
    return new RegionTree(version, rows.filter((row) => row.id !== null).map(regionRecordFromRow));
  }

  private confirmed(ctx: RequestContext): { tree?: RegionTree } {
    return ctx.memo(treeConfirmed, () => ({}));
  }

  /** A region by id, batched with every other region asked for in the same request. */
  byId(ctx: RequestContext, regionId: string): Promise<RegionRecord | null> {
    const known = this.known(ctx, regionId);
    return known ? Promise.resolve(known) : this.loader(ctx).load(regionId);
  }

  /** Makes regions read by another query (a join) available to the request's other lookups. */
  prime(ctx: RequestContext, region: RegionRecord): RegionRecord {
    // The latest read wins: a region read again after a change in this request shows the change.
    this.read(ctx).set(region.id, region);
    this.loader(ctx).clear(region.id).prime(region.id, region);
    return region;
  }

  /** A region this request has read already (primed), without a lookup; undefined otherwise. */
  known(ctx: RequestContext, regionId: string): RegionRecord | undefined {
    return this.read(ctx).get(regionId) ?? this.confirmed(ctx).tree?.get(regionId);
  }

  private read(ctx: RequestContext): Map<string, RegionRecord> {
    return ctx.memo(regionsRead, () => new Map<string, RegionRecord>());
  }

  parent(ctx: RequestContext, region: RegionRecord): Promise<RegionRecord | null> {
    return region.parentId ? this.byId(ctx, region.parentId) : Promise.resolve(null);
  }

  /** Ancestors from the country down to the parent, batched per request. */
  async ancestors(ctx: RequestContext, region: RegionRecord): Promise<RegionRecord[]> {
    const loaded = await Promise.all(ancestorIdsOf(region).map((id) => this.byId(ctx, id)));
    return loaded.filter((ancestor) => ancestor !== null);
  }

  /** The region's own time zone, else the nearest ancestor's. */
  async effectiveTimeZone(ctx: RequestContext, region: RegionRecord): Promise<string | null> {
    if (region.timeZone) return region.timeZone;
    const ancestors = await this.ancestors(ctx, region);
    return ancestors.reverse().find((ancestor) => ancestor.timeZone)?.timeZone ?? null;
  }

  private loader(ctx: RequestContext): DataLoader<string, RegionRecord | null> {
    return ctx.loader(
      regionsById,
      () =>
        new DataLoader<string, RegionRecord | null>(async (ids) => {
          const rows = await this.run(`SELECT ${REGION_COLUMNS} FROM region r WHERE r.id IN (?)`, [ids]);
          const byId = new Map(rows.map((row) => [row.id as string, regionRecordFromRow(row)]));
          const read = this.read(ctx);
          for (const region of byId.values()) read.set(region.id, region);
          return ids.map((regionId) => byId.get(regionId) ?? null);
        }),
    );
  }

  /**
   * A page of a region's children. All the children pages requested in one GraphQL request (one
   * per parent in a list) are read with one windowed query per distinct set of arguments.
   */
  children(ctx: RequestContext, region: RegionRecord, args: RegionChildrenArgs): Promise<Connection<RegionRecord>> {
    const order = ORDERS[args.orderBy];
    const after = args.after ? decodeCursor(order, args.after) : undefined;
    const loader = ctx.loader(childrenPages, () => new DataLoader(this.loadChildPages.bind(this, ctx), { cacheKeyFn: pageKey }));
    return loader.load({
      parentId: region.id,
      first: args.first,
      orderBy: args.orderBy,
      after: args.after ?? undefined,
      afterValues: after,
    });
  }

  private async loadChildPages(ctx: RequestContext, keys: readonly ChildPageKey[]): Promise<Connection<RegionRecord>[]> {
    const groups = new Map<string, ChildPageKey[]>();
    for (const key of keys) {
      const group = `${key.first}|${key.orderBy}|${key.after ?? ''}`;
      groups.set(group, [...(groups.get(group) ?? []), key]);
    }
    const pages = new Map<ChildPageKey, Connection<RegionRecord>>();
    for (const group of groups.values()) {
      const { first, orderBy, afterValues } = group[0];
      const order = ORDERS[orderBy];
      const conditions: SqlFragment[] = [{ sql: 'r.parent_id IN (?)', params: [group.map((key) => key.parentId)] }];
      if (afterValues) conditions.push(afterCursorCondition(order, afterValues));
      const where = and(conditions);
      const rows = await this.run(
        `SELECT * FROM (
           SELECT ${REGION_COLUMNS}, row_number() OVER (PARTITION BY r.parent_id ORDER BY ${orderByClause(order)}) AS page_row
           FROM region r WHERE ${where.sql}
         ) ranked WHERE page_row <= ? ORDER BY page_row`,
        [...where.params, first + 1],
      );
      const byParent = new Map<string, RegionRecord[]>();
      for (const row of rows) {
        const child = this.prime(ctx, regionRecordFromRow(row));
        byParent.set(child.parentId!, [...(byParent.get(child.parentId!) ?? []), child]);
      }
      for (const key of group) {
        const children = byParent.get(key.parentId) ?? [];
        pages.set(
          key,
          toConnection(children.slice(0, first), children.length > first, Boolean(key.after), order, () =>
            this.childCount(ctx, key.parentId),
          ),
        );
      }
    }
    return keys.map((key) => pages.get(key)!);
  }

  /** Number of children, batched per request. */
  private childCount(ctx: RequestContext, parentId: string): Promise<number> {
    const loader = ctx.loader(
      childCounts,
      () =>
        new DataLoader<string, number>(async (parentIds) => {
          const rows = await this.run<{ parent_id: string; count: string }>(
            'SELECT parent_id, count(*) AS count FROM region WHERE parent_id IN (?) GROUP BY parent_id',
            [parentIds],
          );
          const counts = new Map(rows.map((row) => [row.parent_id, Number(row.count)]));
          return parentIds.map((parent) => counts.get(parent) ?? 0);
        }),
    );
    return loader.load(parentId);
  }
}

interface ChildPageKey {
  parentId: string;
  first: number;
  orderBy: RegionOrder;
  after: string | undefined;
  afterValues: (string | number)[] | undefined;
}

const childrenPages = Symbol('region children pages');
const childCounts = Symbol('region child counts');
const pageKey = (key: ChildPageKey) => `${key.parentId}|${key.first}|${key.orderBy}|${key.after ?? ''}`;
