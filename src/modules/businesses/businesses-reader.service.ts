import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { isAdmin, Viewer } from '../../core/auth/viewer';
import { RequestContext } from '../../core/context/request-context';
import { BadUserInputError, NotFoundError } from '../../core/errors/domain-errors';
import { ConnectionArgs } from '../../core/pagination/connection.args';
import { Connection } from '../../core/pagination/connection.types';
import { afterCursorCondition, decodeCursor, KeysetOrder, orderByClause, SqlFragment } from '../../core/pagination/keyset';
import { and, countStatement, sqlRunner, toConnection } from '../../core/pagination/paginate';
import { RegionRecord } from '../regions/region.record';
import { REGION_TREE_VERSION_COLUMN, RegionsService } from '../regions/regions.service';
import { BusinessNode, NodeScope } from './business.node';
import { BusinessStatus } from './business-status';
import { CATEGORY_VERSION_COLUMN, CategoriesService, CategoryCatalogue } from './categories.service';
import {
  BUSINESS_COLUMNS,
  businessColumns,
  CategoryRecord,
  OwnerRecord,
  prefixedRegionColumns,
  regionFromPrefixedRow,
} from './business.record';
import { BusinessesArgs, BusinessFilter, BusinessOrder } from './dto/businesses.args';
import { ClaimStatus } from './business-claim.entity';
import { normaliseTags } from './tags';
import {
  columnsOf,
  HERE,
  NearFilter,
  nearestFirst,
  radiusCondition,
  searchTerms,
  selectList,
  TEXT_QUERY,
  textCondition,
} from './business-search.sql';
import { GraphQLResolveInfo } from 'graphql';
import { selectedPaths } from '../../core/graphql/selection';

/** Which columns and relations one query will ask for, so the one statement that reads the page reads just those. */
export interface ReadPlan {
  /** Whether the page itself (edges or pageInfo) is asked for: a query for facets or totalCount alone reads no page. */
  readonly page: boolean;
  /** The columns of `business` to read (see {@link businessColumns}); undefined: all of them. */
  readonly columns?: readonly string[];
  readonly region: boolean;
  readonly regionParent: boolean;
  readonly categories: boolean;
  readonly owners: boolean;
  /** Whether `viewerCan.claim` is asked for: it reads whether the viewer has a claim pending. */
  readonly viewerClaim?: boolean;
}

export const EMPTY_PLAN: ReadPlan = { page: true, region: false, regionParent: false, categories: false, owners: false };

/** The plan for the fields selected under `prefix` (e.g. `edges.node.`). */
export function readPlan(paths: ReadonlySet<string>, prefix = ''): ReadPlan {
  const fields = [...paths]
    .filter((path) => path.startsWith(prefix) && !path.includes('.', prefix.length))
    .map((path) => path.slice(prefix.length));
  return {
    page: prefix === 'edges.node.' ? paths.has('edges') || paths.has('pageInfo') : true,
    columns: businessColumns(fields),
    region: paths.has(`${prefix}region`),
    regionParent: paths.has(`${prefix}region.parent`),
    categories: paths.has(`${prefix}categories`),
    owners: paths.has(`${prefix}owners`),
    viewerClaim: paths.has(`${prefix}viewerCan.claim`),
  };
}

export interface CategoryFacet {
  readonly category: CategoryRecord;
  readonly count: number;
}

export interface RegionFacet {
  readonly regionId: string;
  readonly count: number;
}

export interface BusinessFacets {
  readonly categories: CategoryFacet[];
  readonly regions: RegionFacet[];
}

export type BusinessConnection = Connection<BusinessNode> & { facets: () => Promise<BusinessFacets> };

/** What a search's statements take from the process's copies of reference data. */
interface References {
  /** The subtree of `filter.regionId`, from the region tree. */
  readonly subtree?: readonly RegionRecord[];
  /** The taxonomy that expands `filter.categoryIds` to their children. */
  readonly taxonomy?: CategoryCatalogue;
}

/** What a statement run with references reports: its result, whether it ran, and its first row (with the versions it read). */
interface Checked<T> {
  readonly result: T;
  readonly ran: boolean;
  readonly row?: Record<string, unknown>;
}

/** The version columns a statement selects for the references it used. */
function versionColumns(refs: References): string[] {
  return [...(refs.subtree ? [REGION_TREE_VERSION_COLUMN] : []), ...(refs.taxonomy ? [CATEGORY_VERSION_COLUMN] : [])];
}

const id = (direction: 'asc' | 'desc') => ({ sql: 'b.id', direction, type: 'uuid', value: (b: BusinessNode) => b.id }) as const;

const ORDERS = {
  [BusinessOrder.NAME]: { name: 'name', keys: [{ sql: 'b.name', direction: 'asc', type: 'string', value: (b) => b.name }, id('asc')] },
  [BusinessOrder.NEWEST]: {
    name: 'newest',
    keys: [{ sql: 'b.created_at', direction: 'desc', type: 'instant', value: (b) => b.createdAt.toISOString() }, id('desc')],
  },
  [BusinessOrder.RELEVANCE]: {
    name: 'relevance',
    keys: [{ sql: 'rank', direction: 'desc', type: 'number', value: (b) => b.rank ?? 0 }, id('asc')],
  },
  [BusinessOrder.DISTANCE]: {
    name: 'distance',
    keys: [{ sql: 'distance_km', direction: 'asc', type: 'number', value: (b) => b.distanceKm ?? 0 }, id('asc')],
  },
} satisfies Record<BusinessOrder, KeysetOrder<BusinessNode>>;

/**
 * The ordering of a search. Relevance and distance are measured from the search's text and point,
 * so their name (which travels inside every cursor) carries a digest of them: a cursor from a
 * search for other words or around another point starts nowhere meaningful and is refused.
 */
function orderFor(orderBy: BusinessOrder, filter: BusinessFilter): KeysetOrder<BusinessNode> {
  const order = ORDERS[orderBy];
  const measuredFrom =
    orderBy === BusinessOrder.RELEVANCE
      ? filter.text
      : orderBy === BusinessOrder.DISTANCE && filter.near
        ? `${filter.near.lat},${filter.near.lng}`
        : undefined;
  if (measuredFrom === undefined) return order;
  return { ...order, name: `${order.name}:${createHash('sha256').update(measuredFrom).digest('base64url').slice(0, 11)}` };
}

const businessesById = Symbol('businesses by id');
const categoriesByBusiness = Symbol('categories by business');
const ownersByBusiness = Symbol('owners by business');

/**
 * Reads listings for the API with one hand-written SQL statement per page, joining exactly the
 * relations the query selected and returning plain rows (DESIGN.md §4). Who sees what: everyone
 * sees PUBLISHED listings; owners and editors also their own in any state; admins, looking one
 * up by id or slug, any listing; nobody a deleted one.
 */
@Injectable()
export class BusinessesReader {
  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionsService,
    private readonly categoryNames: CategoriesService,
  ) {}

  private readonly run = sqlRunner(this.em);

  async search(ctx: RequestContext, args: BusinessesArgs, plan: ReadPlan): Promise<BusinessConnection> {
    const filter = args.filter ?? {};
    const orderBy = args.orderBy ?? (filter.text ? BusinessOrder.RELEVANCE : filter.near ? BusinessOrder.DISTANCE : BusinessOrder.NAME);
    if (orderBy === BusinessOrder.RELEVANCE && !filter.text) throw BadUserInputError.field('orderBy', 'RELEVANCE needs filter.text');
    if (orderBy === BusinessOrder.DISTANCE && !filter.near) throw BadUserInputError.field('orderBy', 'DISTANCE needs filter.near');
    if (filter.bbox && filter.bbox.south > filter.bbox.north)
      throw BadUserInputError.field('filter.bbox.south', 'must not be north of filter.bbox.north');

    const radius = filter.near ? radiusCondition(filter.near) : undefined;
    const query = {
      computed: this.computedColumns(filter),
      order: orderFor(orderBy, filter),
      near:
        orderBy === BusinessOrder.DISTANCE && filter.near && radius ? { lat: filter.near.lat, lng: filter.near.lng, radius } : undefined,
    };
    const where = (refs: References) => [
      this.visibleTo(ctx.viewer, false),
      ...this.filterConditions(filter, refs),
      ...(radius ? [radius] : []),
    ];
    // The listings' regions are all in the filter's subtree, which the request's lookups know: no join.
    const rowPlan = filter.regionId && !plan.regionParent ? { ...plan, region: false } : plan;
    // The page, the count and the facets each take what they need from memory and check it (withReferences).
    // Filtered by region alone, the count and the facets add up the kept counts
    // (listing-count.entity.ts); so does the count filtered by region and one category.
    const count = () =>
      this.withReferences(ctx, filter, async (refs) => {
        const [row] = narrowsOnlyBy(filter, 1)
          ? await this.run(...summedCount(ctx.viewer, refs.subtree, filter.categoryIds?.[0], versionColumns(refs)))
          : await this.countRows(where(refs), versionColumns(refs));
        return { result: Number(row.count), ran: true, row };
      });
    const connection = await this.withReferences(ctx, filter, async (refs) => {
      const page = await this.page(ctx, { ...query, where: where(refs), plan: rowPlan, checks: versionColumns(refs) }, args, count);
      return { result: page.connection, ran: page.ran, row: page.firstRow };
    });
    return Object.assign(connection, {
      facets: () =>
        this.withReferences(ctx, filter, async (refs) => {
          const counts = narrowsOnlyBy(filter, 0) ? summedFacetCounts(ctx.viewer, refs.subtree) : countedFacetCounts(where(refs));
          const { firstRow, ...facets } = await this.facets(ctx, counts, refs.subtree?.[0], versionColumns(refs));
          return { result: facets, ran: true, row: firstRow };
        }),
    });
  }

  /**
   * Runs a statement of a search with what it takes from the process's copies of reference data:
   * the subtree of `filter.regionId` from the region tree (see `RegionsService.withSubtree`) and,
   * with `filter.categoryIds`, the taxonomy that expands a category to its children. The
   * statement selects the versions of what it used ({@link versionColumns}); a copy found stale
   * is read again and the statement rerun. When the taxonomy keeps changing, the categories are
   * expanded in SQL instead.
   */
  private withReferences<T>(ctx: RequestContext, filter: BusinessFilter, statement: (refs: References) => Promise<Checked<T>>): Promise<T> {
    const byTaxonomy = async (subtree?: readonly RegionRecord[]): Promise<Checked<T>> => {
      if (!filter.categoryIds?.length) return statement({ subtree });
      let taxonomy = await this.categoryNames.taxonomy();
      for (let attempt = 0; attempt < 3; attempt++) {
        const outcome = await statement({ subtree, taxonomy });
        if (!outcome.ran) return outcome;
        const version = outcome.row ? (outcome.row.category_version as string | null) : await this.categoryNames.readVersion();
        if (version === taxonomy.version) return outcome;
        taxonomy = await this.categoryNames.taxonomyAt(version);
      }
      return statement({ subtree });
    };
    const regionId = filter.regionId;
    if (!regionId) return byTaxonomy().then((outcome) => outcome.result);
    return this.regions.withSubtree(ctx, regionId, 'filter.regionId', async (subtree) => {
      const outcome = await byTaxonomy(subtree);
      const treeVersion = outcome.row ? (outcome.row.region_tree_version as string | null | undefined) : undefined;
      return { result: outcome.result, ran: outcome.ran, treeVersion };
    });
  }

  /** One listing by id or slug, if the viewer may see it; else NOT_FOUND. */
  async findOne(ctx: RequestContext, lookup: { id?: string; slug?: string }, plan: ReadPlan = EMPTY_PLAN): Promise<BusinessNode> {
    if ((lookup.id === undefined) === (lookup.slug === undefined)) {
      throw new BadUserInputError([{ path: 'id', message: 'give exactly one of id and slug' }]);
    }
    const where = [this.visibleTo(ctx.viewer, true), { sql: lookup.id ? 'b.id = ?' : 'b.slug = ?', params: [lookup.id ?? lookup.slug] }];
    const {
      nodes: [record],
    } = await this.rows(ctx, { where, computed: [], plan, orderBy: 'b.id', limit: 1 });
    if (!record) throw new NotFoundError('Business');
    return record;
  }

  /**
   * The payload of a mutation that changed a listing: the listing as it is now, read with what the
   * payload's `business { … }` selects (`info` of the mutation field).
   */
  async payload(ctx: RequestContext, id: string, info: GraphQLResolveInfo): Promise<{ business: BusinessNode }> {
    return { business: await this.findOne(ctx, { id }, readPlan(selectedPaths(info), 'business.')) };
  }

  /** A page of listings matching `where` (on top of what the viewer may see), in one of the orderings. */
  async list(
    ctx: RequestContext,
    where: SqlFragment[],
    order: BusinessOrder.NAME | BusinessOrder.NEWEST | KeysetOrder<BusinessNode>,
    args: ConnectionArgs,
    plan: ReadPlan,
    { includeAll = false } = {},
  ): Promise<BusinessConnection> {
    const keyset = typeof order === 'string' ? ORDERS[order] : order;
    const conditions = [this.visibleTo(ctx.viewer, includeAll), ...where];
    const { connection } = await this.page(ctx, { where: conditions, computed: [], order: keyset, plan }, args);
    return Object.assign(connection, { facets: () => this.facets(ctx, countedFacetCounts(conditions)) });
  }

  /**
   * A listing by id as the viewer may see it (null otherwise), with its region; every listing
   * asked for in one request is read in one statement (events' venues, for instance).
   */
  byId(ctx: RequestContext, id: string): Promise<BusinessNode | null> {
    const loader = ctx.loader(
      businessesById,
      () =>
        new DataLoader<string, BusinessNode | null>(async (ids) => {
          const { nodes: records } = await this.rows(ctx, {
            where: [this.visibleTo(ctx.viewer, true), { sql: 'b.id IN (?)', params: [ids] }],
            computed: [],
            plan: { ...EMPTY_PLAN, region: true },
            orderBy: 'b.id',
            limit: ids.length,
          });
          return ids.map((key) => records.find((record) => record.id === key) ?? null);
        }),
    );
    return loader.load(id);
  }

  /** Categories of a listing, batched per request (for listings read without them). */
  categories(ctx: RequestContext, businessId: string): Promise<CategoryRecord[]> {
    const loader = ctx.loader(
      categoriesByBusiness,
      () =>
        new DataLoader<string, CategoryRecord[]>(async (ids) => {
          const rows = await this.run<CategoryRecord & { businessId: string }>(
            `SELECT bc.business_id AS "businessId", c.id, c.slug, c.name, c.parent_id AS "parentId"
             FROM business_category bc JOIN category c ON c.id = bc.category_id
             WHERE bc.business_id IN (?) ORDER BY c.position, c.name`,
            [ids],
          );
          return ids.map((businessId) =>
            rows.filter((row) => row.businessId === businessId).map(({ businessId: _, ...category }) => category),
          );
        }),
    );
    return loader.load(businessId);
  }

  /** Owners and editors of a listing, batched per request. */
  owners(ctx: RequestContext, businessId: string): Promise<OwnerRecord[]> {
    const loader = ctx.loader(
      ownersByBusiness,
      () =>
        new DataLoader<string, OwnerRecord[]>(async (ids) => {
          const rows = await this.run<OwnerRecord & { businessId: string }>(
            `SELECT o.business_id AS "businessId", a.id AS "accountId", a.display_name AS "displayName", a.public_profile AS "publicProfile", o.role
             FROM business_owner o JOIN account a ON a.id = o.account_id
             WHERE o.business_id IN (?) ORDER BY o.role, o.created_at, a.id`,
            [ids],
          );
          return ids.map((businessId) => rows.filter((row) => row.businessId === businessId).map(({ businessId: _, ...owner }) => owner));
        }),
    );
    return loader.load(businessId);
  }

  /**
   * What a viewer may see. Searches show PUBLISHED listings and the viewer's own; a lookup by id
   * (`includeAll`) also shows admins any listing. Deleted listings are shown to nobody.
   */
  private visibleTo(viewer: Viewer | null, includeAll: boolean): SqlFragment {
    if (includeAll && isAdmin(viewer)) return { sql: 'b.deleted_at IS NULL', params: [] };
    if (!viewer) return { sql: `b.deleted_at IS NULL AND b.status = '${BusinessStatus.PUBLISHED}'`, params: [] };
    return {
      sql: `b.deleted_at IS NULL AND (b.status = '${BusinessStatus.PUBLISHED}' OR EXISTS (SELECT 1 FROM business_owner vo WHERE vo.business_id = b.id AND vo.account_id = ?))`,
      params: [viewer.account.id],
    };
  }

  /**
   * The filter as conditions: the region filter as the ids of the region's subtree, the category
   * filter as the categories and their children from the taxonomy (in SQL without one); the radius
   * of `near` apart (see `radiusCondition`).
   */
  private filterConditions(filter: BusinessFilter, { subtree, taxonomy }: References): SqlFragment[] {
    const where: SqlFragment[] = [];
    if (subtree) where.push({ sql: 'b.region_id IN (?)', params: [subtree.map((region) => region.id)] });
    if (filter.categoryIds?.length && taxonomy) {
      const categories = taxonomy.withChildren(filter.categoryIds);
      where.push(
        categories.length
          ? {
              sql: 'EXISTS (SELECT 1 FROM business_category fc WHERE fc.business_id = b.id AND fc.category_id IN (?))',
              params: [categories],
            }
          : { sql: 'FALSE', params: [] },
      );
    } else if (filter.categoryIds?.length) {
      where.push({
        sql: 'EXISTS (SELECT 1 FROM business_category fc WHERE fc.business_id = b.id AND fc.category_id IN (SELECT fcat.id FROM category fcat WHERE fcat.id IN (?) OR fcat.parent_id IN (?)))',
        params: [filter.categoryIds, filter.categoryIds],
      });
    }
    const tags = normaliseTags(filter.tags ?? []);
    if (tags.length) where.push({ sql: 'b.tags @> ARRAY[?]::text[]', params: [tags] });
    if (filter.text) where.push(textCondition(filter.text));
    if (filter.bbox) {
      const { north, south, east, west } = filter.bbox;
      const longitude = west <= east ? 'b.longitude BETWEEN ? AND ?' : '(b.longitude >= ? OR b.longitude <= ?)';
      where.push({ sql: `b.latitude BETWEEN ? AND ? AND ${longitude}`, params: [south, north, west, east] });
    }
    if (filter.memberOwned !== undefined && filter.memberOwned !== null)
      where.push({ sql: 'b.member_owned = ?', params: [filter.memberOwned] });
    if (filter.memberOwnedVerified !== undefined && filter.memberOwnedVerified !== null) {
      where.push({ sql: `b.member_owned_verified_at IS ${filter.memberOwnedVerified ? 'NOT ' : ''}NULL`, params: [] });
    }
    if (filter.openNow !== undefined && filter.openNow !== null) {
      where.push({ sql: `${filter.openNow ? '' : 'NOT '}hometown_is_open_at(b.opening_hours, b.time_zone, now())`, params: [] });
    }
    return where;
  }

  /** `rank` and `distance_km`, computed when the filter makes them meaningful. */
  private computedColumns(filter: BusinessFilter): SqlFragment[] {
    const columns: SqlFragment[] = [];
    if (filter.text) {
      const { positive } = searchTerms(filter.text);
      columns.push({
        sql: `(ts_rank_cd(b.search, ${TEXT_QUERY}) + word_similarity(hometown_unaccent(?), hometown_unaccent(b.name)))::float8 AS rank`,
        params: [filter.text, positive],
      });
    }
    if (filter.near) {
      columns.push({
        sql: `earth_distance(${HERE}, ll_to_earth(b.latitude, b.longitude)) / 1000.0 AS distance_km`,
        params: [filter.near.lat, filter.near.lng],
      });
    }
    return columns;
  }

  private async page(
    ctx: RequestContext,
    query: {
      where: SqlFragment[];
      computed: SqlFragment[];
      order: KeysetOrder<BusinessNode>;
      plan: ReadPlan;
      near?: NearFilter;
      /** Version columns to select with the rows ({@link versionColumns}). */
      checks?: readonly string[];
    },
    args: ConnectionArgs,
    count?: () => Promise<number>,
  ): Promise<{ connection: Connection<BusinessNode>; ran: boolean; firstRow?: Record<string, unknown> }> {
    const after = args.after ? decodeCursor(query.order, args.after) : undefined;
    const read = query.plan.page
      ? await this.rows(ctx, {
          where: query.where,
          computed: query.computed,
          plan: query.plan,
          orderBy: orderByClause(query.order),
          orderColumns: columnsOf(query.order),
          limit: args.first + 1,
          after: after ? afterCursorCondition(query.order, after) : undefined,
          near: query.near,
          checks: query.checks,
        })
      : undefined;
    const nodes = read?.nodes ?? [];
    const connection = toConnection(
      nodes.slice(0, args.first),
      nodes.length > args.first,
      Boolean(args.after),
      query.order,
      count ?? (async () => Number((await this.countRows(query.where))[0].count)),
    );
    return { connection, ran: read !== undefined, firstRow: read?.firstRow };
  }

  private countRows(where: SqlFragment[], checks: readonly string[] = []): Promise<Record<string, unknown>[]> {
    return this.run(...countStatement({ from: 'business b', where }, checks.join(', ')));
  }

  /** The statement behind every read. */
  private async rows(
    ctx: RequestContext,
    query: {
      where: SqlFragment[];
      computed: SqlFragment[];
      plan: ReadPlan;
      orderBy: string;
      /** Columns of `business` the ordering and its cursor read (with a plan that names its columns). */
      orderColumns?: readonly string[];
      limit: number;
      after?: SqlFragment;
      /** Ordered by distance from this point: read nearest first through the location index (its radius is among `where`). */
      near?: NearFilter;
      /** Version columns to select with the rows ({@link versionColumns}). */
      checks?: readonly string[];
    },
  ): Promise<{ nodes: BusinessNode[]; firstRow?: Record<string, unknown> }> {
    const viewerId = ctx.viewer?.account.id ?? null;
    const { plan } = query;
    const columns: SqlFragment[] = [
      { sql: plan.columns ? selectList(plan.columns, query.orderColumns) : BUSINESS_COLUMNS, params: [] },
      viewerId
        ? {
            sql: '(SELECT vr.role FROM business_owner vr WHERE vr.business_id = b.id AND vr.account_id = ?) AS viewer_role',
            params: [viewerId],
          }
        : { sql: 'NULL AS viewer_role', params: [] },
      ...query.computed,
    ];
    if (viewerId && (plan.viewerClaim || !plan.columns)) {
      columns.push({
        sql: `EXISTS (SELECT 1 FROM business_claim vc WHERE vc.business_id = b.id AND vc.claimant_id = ? AND vc.status = '${ClaimStatus.PENDING}') AS viewer_claim_pending`,
        params: [viewerId],
      });
    }
    const checks = new Set(query.checks);
    if (plan.categories) checks.add(CATEGORY_VERSION_COLUMN);
    for (const check of checks) columns.push({ sql: check, params: [] });
    let joins = '';
    if (plan.region || plan.regionParent) {
      joins += ' JOIN region r ON r.id = b.region_id';
      columns.push({ sql: prefixedRegionColumns('r', 'region'), params: [] });
      if (plan.regionParent) {
        joins += ' LEFT JOIN region rp ON rp.id = r.parent_id';
        columns.push({ sql: prefixedRegionColumns('rp', 'region_parent'), params: [] });
      }
    }
    if (plan.categories) {
      // Ids only (an index-only read); the process names them from its copy of the taxonomy.
      columns.push({
        sql: 'ARRAY(SELECT bc.category_id FROM business_category bc WHERE bc.business_id = b.id) AS category_ids',
        params: [],
      });
    }
    if (plan.owners) {
      columns.push({
        sql: `(SELECT coalesce(json_agg(json_build_object('accountId', a.id, 'displayName', a.display_name, 'publicProfile', a.public_profile, 'role', o.role) ORDER BY o.role, o.created_at, a.id), '[]')
               FROM business_owner o JOIN account a ON a.id = o.account_id WHERE o.business_id = b.id) AS owners`,
        params: [],
      });
    }
    const where = and(query.where);
    const params = [...columns.flatMap((c) => c.params), ...where.params];
    // PostgreSQL flattens the sub-select, so wrapping costs nothing and lets the cursor condition
    // and the ordering name the computed columns.
    const onPage = (text: string) => text.replace(/\bb\./g, 'page.');
    const afterCondition = query.after ? ` WHERE ${onPage(query.after.sql)}` : '';
    const afterParams = query.after?.params ?? [];
    const selectWhere = (condition: SqlFragment) =>
      `SELECT ${columns.map((c) => c.sql).join(', ')} FROM business b${joins} WHERE ${condition.sql}`;
    const select = selectWhere(where);
    const sql = `SELECT * FROM (${select}) page${afterCondition} ORDER BY ${onPage(query.orderBy)} LIMIT ?`;
    // Nearest first, the second step needs no radius: it keeps what is no farther than the
    // farthest of the nearest, all of which lie within it (and a redundant box slows the index scan).
    const reachWhere = and(query.where.filter((condition) => condition !== query.near?.radius));
    const rows = query.near
      ? await this.run(
          ...nearestFirst(query.near, {
            select: selectWhere(reachWhere),
            params: [...columns.flatMap((c) => c.params), ...reachWhere.params],
            where,
            afterCondition,
            afterParams,
            orderBy: onPage(query.orderBy),
            limit: query.limit,
          }),
        )
      : await this.run(sql, [...params, ...afterParams, query.limit]);
    const categories =
      plan.categories && rows.length
        ? await this.categoryNames.named(
            rows.map((row) => row.category_ids as string[]),
            rows[0].category_version as string | null,
          )
        : undefined;
    const scope = this.scope(ctx);
    const nodes = rows.map((row, index) => {
      const region = plan.region || plan.regionParent ? regionFromPrefixedRow(row, 'region') : undefined;
      if (region) this.regions.prime(ctx, region);
      const parent = plan.regionParent ? regionFromPrefixedRow(row, 'region_parent') : undefined;
      if (parent) this.regions.prime(ctx, parent);
      return new BusinessNode(row, scope, { region, categories: categories?.[index], owners: row.owners as OwnerRecord[] | undefined });
    });
    return { nodes, firstRow: rows[0] };
  }

  /** Where the request's nodes load what their rows lack, in per-request batches. */
  private scope(ctx: RequestContext): NodeScope {
    return {
      ctx,
      region: (id) => this.regions.known(ctx, id) ?? this.regions.byId(ctx, id).then((region) => region!),
      categories: (businessId) => this.categories(ctx, businessId),
      owners: (businessId) => this.owners(ctx, businessId),
    };
  }

  /**
   * Counts per category (a top-level category counts each listing under it once) and per region
   * one level below the filter's region (`root`; countries without one) over the whole filtered
   * set, in one statement that also returns the regions, for the request's region lookups.
   * `counts` defines the CTEs `per_category (id, n)` and `per_region (region_id, n)`, whose rows
   * are added up here: counted from the listings ({@link countedFacetCounts}) or from the kept
   * counts ({@link summedFacetCounts}).
   */
  private async facets(
    ctx: RequestContext,
    counts: SqlFragment,
    root?: RegionRecord,
    checks: readonly string[] = [],
  ): Promise<BusinessFacets & { firstRow?: Record<string, unknown> }> {
    // Path segments: '/country/state/city/' splits into '', country, state, city, '' — the child of
    // a region at depth d is segment d + 3.
    const segment = root ? root.depth + 3 : 2;
    const rows = await this.run(
      `WITH ${counts.sql},
       counts AS (
         SELECT 'category' AS kind, id, sum(n) AS n FROM per_category GROUP BY id
         UNION ALL
         SELECT 'region', coalesce(nullif(split_part(r.path, '/', ?), '')::uuid, r.id), sum(p.n)
           FROM per_region p JOIN region r ON r.id = p.region_id
          GROUP BY 2)
       SELECT ${['k.kind', 'k.id', 'k.n AS count', ...checks].join(', ')}, c.slug AS category_slug, c.name AS category_name, c.parent_id AS category_parent_id, ${prefixedRegionColumns('r', 'region')}
         FROM counts k
         LEFT JOIN category c ON k.kind = 'category' AND c.id = k.id
         LEFT JOIN region r ON k.kind = 'region' AND r.id = k.id
        WHERE k.n > 0`,
      [...counts.params, segment],
    );
    const categories: CategoryFacet[] = [];
    const regions: RegionFacet[] = [];
    for (const row of rows) {
      const count = Number(row.count);
      if (row.kind === 'category') {
        const category = {
          id: row.id as string,
          slug: row.category_slug as string,
          name: row.category_name as string,
          parentId: row.category_parent_id as string | null,
        };
        categories.push({ category, count });
      } else {
        const region = regionFromPrefixedRow(row, 'region');
        if (region) this.regions.prime(ctx, region);
        regions.push({ regionId: row.id as string, count });
      }
    }
    return {
      firstRow: rows[0],
      categories: categories.sort((a, b) => b.count - a.count || a.category.name.localeCompare(b.category.name)),
      regions: regions.sort((a, b) => b.count - a.count || a.regionId.localeCompare(b.regionId)),
    };
  }
}

/**
 * Whether the filter narrows by region (or not at all), by at most `categories` category ids, and
 * by nothing else: what kept counts can answer.
 */
function narrowsOnlyBy(filter: BusinessFilter, categories: number): boolean {
  return Object.entries(filter).every(
    ([key, value]) =>
      key === 'regionId' ||
      value === undefined ||
      value === null ||
      (Array.isArray(value) && value.length <= (key === 'categoryIds' ? categories : 0)),
  );
}

/**
 * Facet rows (see `facets`) counted from the listings that match `where`. A child category's
 * links are unique (the key of business_category), so only the top level needs its (listing,
 * category) pairs made distinct: a hash over the links instead of sorting twice as many for a
 * count(DISTINCT) (a country's facets: 73 → 45 ms of PostgreSQL).
 */
function countedFacetCounts(where: SqlFragment[]): SqlFragment {
  const matched = and(where);
  return {
    sql: `matched AS MATERIALIZED (SELECT b.id, b.region_id FROM business b WHERE ${matched.sql}),
       links AS MATERIALIZED (
         SELECT bc.business_id, c.id, c.parent_id FROM matched m JOIN business_category bc ON bc.business_id = m.id JOIN category c ON c.id = bc.category_id),
       per_category AS (
         SELECT id, count(*) AS n FROM links WHERE parent_id IS NOT NULL GROUP BY id
         UNION ALL
         SELECT top.id, count(*) FROM (SELECT DISTINCT business_id, coalesce(parent_id, id) AS id FROM links) top GROUP BY top.id),
       per_region AS (SELECT region_id, count(*) AS n FROM matched GROUP BY region_id)`,
    params: matched.params,
  };
}

/**
 * The published listings of a region's subtree (or of the whole directory) and the viewer's own
 * listings there that are not published (which a search shows its owners): the kept counts
 * (listing-count.entity.ts) cover the first, the viewer's own are few and counted here.
 */
function summedSources(viewer: Viewer | null, subtree: readonly RegionRecord[] | undefined, categoryId?: string) {
  const inSubtree = (column: string): SqlFragment =>
    subtree ? { sql: `${column} IN (?)`, params: [subtree.map((region) => region.id)] } : { sql: 'TRUE', params: [] };
  const mine = and([
    inSubtree('b.region_id'),
    ...(categoryId
      ? [
          {
            // Under the category as the kept counts count it (hometown_facet_categories).
            sql: 'EXISTS (SELECT 1 FROM business_category bc CROSS JOIN LATERAL hometown_facet_categories(bc.category_id) f(id) WHERE bc.business_id = b.id AND f.id = ?)',
            params: [categoryId],
          },
        ]
      : []),
  ]);
  const own: SqlFragment | undefined = viewer
    ? {
        sql: `own AS MATERIALIZED (
           SELECT b.id, b.region_id FROM business_owner vo JOIN business b ON b.id = vo.business_id
            WHERE vo.account_id = ? AND b.deleted_at IS NULL AND b.status <> '${BusinessStatus.PUBLISHED}' AND ${mine.sql})`,
        params: [viewer.account.id, ...mine.params],
      }
    : undefined;
  return { published: inSubtree('k.region_id'), own };
}

/** Facet rows (see `facets`) added up from the kept counts, plus the viewer's own unpublished listings. */
function summedFacetCounts(viewer: Viewer | null, subtree: readonly RegionRecord[] | undefined): SqlFragment {
  const { published, own } = summedSources(viewer, subtree);
  const ownCategories = own
    ? ` UNION ALL SELECT mine.id, 1 FROM (
          SELECT DISTINCT o.id AS business_id, f.id FROM own o JOIN business_category bc ON bc.business_id = o.id
           CROSS JOIN LATERAL hometown_facet_categories(bc.category_id) f(id)) mine`
    : '';
  return {
    sql: `${own ? `${own.sql},` : ''}
       per_category AS (SELECT k.category_id AS id, k.listings AS n FROM listing_count_by_category k WHERE ${published.sql}${ownCategories}),
       per_region AS (SELECT k.region_id, k.listings AS n FROM listing_count_by_region k WHERE ${published.sql}${own ? ' UNION ALL SELECT o.region_id, 1 FROM own o' : ''})`,
    params: [...(own?.params ?? []), ...published.params, ...published.params],
  };
}

/**
 * `totalCount` added up from the kept counts (of the region's subtree, under `categoryId` if
 * given: a top-level category's count already takes in its children), plus the viewer's own
 * unpublished listings, with the version columns `checks`.
 */
function summedCount(
  viewer: Viewer | null,
  subtree: readonly RegionRecord[] | undefined,
  categoryId: string | undefined,
  checks: readonly string[],
): [string, unknown[]] {
  const { published, own } = summedSources(viewer, subtree, categoryId);
  const kept = categoryId
    ? { sql: `listing_count_by_category k WHERE k.category_id = ? AND ${published.sql}`, params: [categoryId, ...published.params] }
    : { sql: `listing_count_by_region k WHERE ${published.sql}`, params: published.params };
  const columns = [
    `(SELECT coalesce(sum(k.listings), 0) FROM ${kept.sql})${own ? ' + (SELECT count(*) FROM own)' : ''} AS count`,
    ...checks,
  ];
  return [`${own ? `WITH ${own.sql} ` : ''}SELECT ${columns.join(', ')}`, [...(own?.params ?? []), ...kept.params]];
}
