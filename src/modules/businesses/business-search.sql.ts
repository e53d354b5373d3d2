import { KeysetOrder, SqlFragment } from '../../core/pagination/keyset';
import { NearInput } from './dto/businesses.args';

/**
 * The SQL the directory's searches are built from, as pure functions of their input: the text
 * condition with typo tolerance, the radius of near-me and its nearest-first page, and the select
 * list a page needs for its ordering. The reader (businesses-reader.service.ts) puts them together.
 */

export const TEXT_QUERY = "websearch_to_tsquery('simple', hometown_unaccent(?))";

/** The words of a web-search text that must match, and those it excludes (`-word`). */
export function searchTerms(text: string): { positive: string; negative: string; phrase: boolean } {
  const words = text.split(/\s+/).filter(Boolean);
  return {
    positive: words
      .filter((word) => !word.startsWith('-') && word.toLowerCase() !== 'or')
      .join(' ')
      .replace(/"/g, ''),
    negative: words
      .filter((word) => word.startsWith('-') && word.length > 1)
      .map((word) => word.slice(1))
      .join(' '),
    phrase: text.includes('"'),
  };
}

/**
 * Full-text search, plus typo tolerance on names: a name that looks like the searched words
 * (pg_trgm word similarity, threshold set per connection in orm-options.ts) matches too, unless it
 * carries an excluded word. A quoted phrase asks for exactly that phrase: no typo tolerance then.
 */
export function textCondition(text: string): SqlFragment {
  const { positive, negative, phrase } = searchTerms(text);
  if (phrase || !positive) return { sql: `b.search @@ ${TEXT_QUERY}`, params: [text] };
  const notExcluded = negative ? ` AND NOT b.search @@ websearch_to_tsquery('simple', hometown_unaccent(?))` : '';
  return {
    sql: `(b.search @@ ${TEXT_QUERY} OR (hometown_unaccent(?) <% hometown_unaccent(b.name)${notExcluded}))`,
    params: negative ? [text, positive, negative.split(' ').join(' OR ')] : [text, positive],
  };
}

/** A point to order by distance from, and the radius condition among the page's conditions. */
export type NearFilter = Pick<NearInput, 'lat' | 'lng'> & { readonly radius: SqlFragment };

/**
 * The point searched near: `ll_to_earth` behind a function the planner does not inline, so it is
 * not folded once per mention (migration Migration20261126113500).
 */
export const HERE = 'hometown_earth_point(?, ?)';

/** Listings within `radiusKm` of the point. */
export function radiusCondition({ lat, lng, radiusKm }: NearInput): SqlFragment {
  return {
    sql: `b.latitude IS NOT NULL AND earth_box(${HERE}, ?) @> ll_to_earth(b.latitude, b.longitude) AND earth_distance(${HERE}, ll_to_earth(b.latitude, b.longitude)) <= ?`,
    params: [lat, lng, radiusKm * 1000, lat, lng, radiusKm * 1000],
  };
}

const THERE = 'll_to_earth(b.latitude, b.longitude)';

/**
 * A page ordered by distance, read in two index scans instead of computing and sorting the
 * distance of every listing in the circle. The location index (GiST) hands out listings nearest
 * first (KNN) but cannot break ties by id; so step one takes the `limit` nearest matching
 * listings after the cursor, and step two reads every matching listing no farther than the
 * farthest of those and orders them by (distance, id). The page is the one the plain statement
 * gives, to the last tie.
 */
export function nearestFirst(
  near: NearFilter,
  page: {
    /**
     * Step two's select list, FROM and WHERE (aliases `b`, with `distance_km` computed): the
     * conditions without the radius, which the reach of step one implies.
     */
    select: string;
    params: readonly unknown[];
    /** Every condition, the radius included: step one's. */
    where: SqlFragment;
    afterCondition: string;
    afterParams: readonly unknown[];
    orderBy: string;
    limit: number;
  },
): [string, unknown[]] {
  const here = HERE;
  const point = [near.lat, near.lng];
  const metres = `earth_distance(${here}, ${THERE})`;
  const sql = `WITH nearest AS MATERIALIZED (
      SELECT page.metres FROM (
        SELECT b.id, b.latitude, b.longitude, ${metres} AS metres, ${metres} / 1000.0 AS distance_km FROM business b WHERE ${page.where.sql}
      ) page${page.afterCondition}
      ORDER BY ll_to_earth(page.latitude, page.longitude) <-> ${here} LIMIT ?),
    reach AS MATERIALIZED (SELECT max(metres) AS metres FROM nearest)
    SELECT * FROM (
      ${page.select} AND earth_box(${here}, (SELECT metres FROM reach)) @> ${THERE} AND ${metres} <= (SELECT metres FROM reach)
    ) page${page.afterCondition} ORDER BY ${page.orderBy} LIMIT ?`;
  const params = [
    ...point,
    ...point,
    ...page.where.params,
    ...page.afterParams,
    ...point,
    page.limit,
    ...page.params,
    ...point,
    ...point,
    ...page.afterParams,
    page.limit,
  ];
  return [sql, params];
}

const orderColumns = new WeakMap<object, readonly string[]>();

/** The columns of `business` an ordering's keys read (`b.name`, `date_trunc(…, b.updated_at)`; not computed ones). */
export function columnsOf<Row>(order: KeysetOrder<Row>): readonly string[] {
  let columns = orderColumns.get(order);
  if (!columns) {
    columns = order.keys.flatMap((key) => [...key.sql.matchAll(/\bb\.(\w+)/g)].map((match) => match[1]));
    orderColumns.set(order, columns);
  }
  return columns;
}

/** `b.id, b.name, …`: the plan's columns and the ordering's, each once. */
export function selectList(columns: readonly string[], orderColumns: readonly string[] = []): string {
  return [...new Set([...columns, ...orderColumns])].map((column) => `b.${column}`).join(', ');
}
