import type { EntityManager } from '@mikro-orm/postgresql';
import { ConnectionArgs } from './connection.args';
import { Connection } from './connection.types';
import { afterCursorCondition, decodeCursor, encodeCursor, KeysetOrder, orderByClause, SqlFragment } from './keyset';

/** Runs SQL with `?` placeholders and returns plain rows. */
export type SqlRunner = <R = Record<string, unknown>>(sql: string, params: readonly unknown[]) => Promise<R[]>;

/**
 * Hand-written SQL on the EntityManager's connection, inside its transaction when it has one (so
 * reads see the transaction's own writes). Resolved at each call: the injected EntityManager
 * stands for the current request's or transaction's.
 */
export function sqlRunner(em: EntityManager): SqlRunner {
  return (sql, params) => em.getConnection().execute(sql, [...params], 'all', em.getTransactionContext());
}

export interface PageQuery<Row> {
  /** Select list, e.g. `r.*`. */
  readonly select: string;
  /** `FROM` clause with its joins (or a sub-select, whose values go in `fromParams`). */
  readonly from: string;
  readonly fromParams?: readonly unknown[];
  /** Conditions, joined with AND. */
  readonly where: readonly SqlFragment[];
  readonly order: KeysetOrder<Row>;
}

/** Joins fragments with AND; an empty list is `TRUE`. */
export function and(fragments: readonly SqlFragment[]): SqlFragment {
  if (fragments.length === 0) return { sql: 'TRUE', params: [] };
  return { sql: fragments.map((f) => `(${f.sql})`).join(' AND '), params: fragments.flatMap((f) => f.params) };
}

/**
 * One page of a keyset-paginated query: fetches `first + 1` rows to learn whether more follow,
 * and counts the whole list only when `totalCount` is asked for (with `count` when given, else
 * with `countStatement`).
 */
export async function paginate<Row>(
  run: SqlRunner,
  query: PageQuery<Row>,
  args: ConnectionArgs,
  toNode: (row: Record<string, unknown>) => Row,
  count?: () => Promise<number>,
): Promise<Connection<Row>> {
  const conditions = [...query.where];
  if (args.after) conditions.push(afterCursorCondition(query.order, decodeCursor(query.order, args.after)));
  const where = and(conditions);
  const rows = await run(`SELECT ${query.select} FROM ${query.from} WHERE ${where.sql} ORDER BY ${orderByClause(query.order)} LIMIT ?`, [
    ...(query.fromParams ?? []),
    ...where.params,
    args.first + 1,
  ]);
  return toConnection(
    rows.slice(0, args.first).map(toNode),
    rows.length > args.first,
    Boolean(args.after),
    query.order,
    count ?? (async () => Number((await run<{ count: string | number }>(...countStatement(query)))[0].count)),
  );
}

/** `SELECT count(*) AS count …` over the whole list of `query` (plus `columns`), and its values. */
export function countStatement(query: Pick<PageQuery<unknown>, 'from' | 'fromParams' | 'where'>, columns = ''): [string, unknown[]] {
  const where = and(query.where);
  return [
    `SELECT count(*) AS count${columns ? `, ${columns}` : ''} FROM ${query.from} WHERE ${where.sql}`,
    [...(query.fromParams ?? []), ...where.params],
  ];
}

/** An edge whose cursor is encoded when a client asks for it (most list queries do not). */
class PageEdge<Row> {
  constructor(
    private readonly order: KeysetOrder<Row>,
    readonly node: Row,
  ) {}

  get cursor(): string {
    return encodeCursor(this.order, this.node);
  }
}

/** Assembles a connection from the nodes of one page; cursors are encoded only when asked for. */
export function toConnection<Row>(
  nodes: readonly Row[],
  hasNextPage: boolean,
  hasPreviousPage: boolean,
  order: KeysetOrder<Row>,
  totalCount: () => Promise<number>,
): Connection<Row> {
  const edges = nodes.map((node) => new PageEdge(order, node));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      get startCursor() {
        return edges.length ? edges[0].cursor : null;
      },
      get endCursor() {
        return edges.length ? edges[edges.length - 1].cursor : null;
      },
    },
    totalCount,
  };
}
