/**
 * The benchmark's four questions as the fastest route we could write by hand: one SQL statement
 * each, prepared once per connection (named statements), answering exactly what the GraphQL query
 * asks (same filters, ordering and page size as src/modules/businesses/businesses-reader.service.ts)
 * and nothing more. Shared by the bare server (bare-server.ts) and by bench.ts for its EXPLAINs.
 */

/** How PostgreSQL plans a statement: `custom` re-plans it for the values of each execution. */
export type PlanMode = 'auto' | 'custom';

export interface BareQuery {
  /** Name of the prepared statement. */
  readonly name: string;
  readonly text: string;
  readonly planMode: PlanMode;
  /** The statement's parameters from the request variables (the same variables the GraphQL query gets). */
  values(variables: Record<string, any>): unknown[];
  /** The response, shaped like the API's. */
  respond(rows: Record<string, any>[]): unknown;
}

const PUBLISHED = "b.status = 'PUBLISHED' AND b.deleted_at IS NULL";
/**
 * The region and everything below it, as an array the planner reckons with (10 regions, where
 * `region_id IN (SELECT …)` over a LIKE on a sub-select's value makes it reckon with one): for a
 * country with many listings that gives one bitmap scan instead of one per region.
 */
const IN_SUBTREE = (regionParam: string) =>
  `b.region_id = ANY (ARRAY(SELECT sr.id FROM region sr WHERE sr.path LIKE (SELECT fr.path FROM region fr WHERE fr.id = ${regionParam}) || '%'))`;
const PAGE_SIZE = 20;
const HERE = 'hometown_earth_point($1, $2)';
const THERE = 'll_to_earth(b.latitude, b.longitude)';

export const BARE_QUERIES = {
  listing: {
    name: 'bare_listing',
    planMode: 'auto',
    text: `SELECT b.id, b.name, r.name AS region_name,
       (SELECT json_agg(json_build_object('name', c.name) ORDER BY c.position, c.name)
          FROM business_category bc JOIN category c ON c.id = bc.category_id WHERE bc.business_id = b.id) AS categories
  FROM business b JOIN region r ON r.id = b.region_id
 WHERE ${PUBLISHED}
   AND ${IN_SUBTREE('$1')}
   AND EXISTS (SELECT 1 FROM business_category fc JOIN category fcat ON fcat.id = fc.category_id
                WHERE fc.business_id = b.id AND (fcat.id = ANY ($2::uuid[]) OR fcat.parent_id = ANY ($2::uuid[])))
 ORDER BY b.name, b.id
 LIMIT ${PAGE_SIZE}`,
    values: (v) => [v.regionId, v.categoryIds],
    respond: (rows) => ({
      data: {
        businesses: {
          edges: rows.map((row) => ({
            node: { id: row.id, name: row.name, region: { name: row.region_name }, categories: row.categories ?? [] },
          })),
        },
      },
    }),
  },
  text: {
    name: 'bare_text',
    planMode: 'custom',
    text: `SELECT b.id, b.name, r.name AS region_name
  FROM business b JOIN region r ON r.id = b.region_id
 WHERE ${PUBLISHED}
   AND ${IN_SUBTREE('$1')}
   AND (b.search @@ websearch_to_tsquery('simple', hometown_unaccent($2)) OR hometown_unaccent($2) <% hometown_unaccent(b.name))
 ORDER BY (ts_rank_cd(b.search, websearch_to_tsquery('simple', hometown_unaccent($2)))
           + word_similarity(hometown_unaccent($2), hometown_unaccent(b.name)))::float8 DESC, b.id
 LIMIT ${PAGE_SIZE}`,
    values: (v) => [v.regionId, v.text],
    respond: (rows) => ({
      data: { businesses: { edges: rows.map((row) => ({ node: { id: row.id, name: row.name, region: { name: row.region_name } } })) } },
    }),
  },
  near: {
    name: 'bare_near',
    planMode: 'custom',
    // Two index scans instead of the whole circle: the 20 nearest straight from the GiST index
    // (KNN on the chord distance, which never orders differently from the great-circle one),
    // then every listing no farther than the 20th of them, ordered by (distance, id) exactly as
    // the API orders them (so ties at the edge come out the same).
    text: `WITH nearest AS MATERIALIZED (
       SELECT earth_distance(${HERE}, ${THERE}) AS metres
         FROM business b
        WHERE ${PUBLISHED} AND b.latitude IS NOT NULL
          AND earth_box(${HERE}, $3::float8 * 1000) @> ${THERE} AND earth_distance(${HERE}, ${THERE}) <= $3::float8 * 1000
        ORDER BY ${THERE} <-> ${HERE}
        LIMIT ${PAGE_SIZE}),
     reach AS MATERIALIZED (SELECT max(metres) AS metres FROM nearest)
SELECT b.id, b.name, earth_distance(${HERE}, ${THERE}) / 1000.0 AS distance_km
  FROM business b
 WHERE ${PUBLISHED} AND b.latitude IS NOT NULL
   AND earth_box(${HERE}, (SELECT metres FROM reach)) @> ${THERE} AND earth_distance(${HERE}, ${THERE}) <= (SELECT metres FROM reach)
 ORDER BY distance_km, b.id
 LIMIT ${PAGE_SIZE}`,
    values: (v) => [v.lat, v.lng, v.radiusKm],
    respond: (rows) => ({
      data: { businesses: { edges: rows.map((row) => ({ node: { id: row.id, name: row.name, distanceKm: row.distance_km } })) } },
    }),
  },
  facets: {
    name: 'bare_facets',
    planMode: 'auto',
    // The published listings' counts per region and category that triggers keep
    // (listing_count_by_region, listing_count_by_category: a top-level category counts a business
    // once), added up over the region's subtree; per region one level below the filter's region
    // (or the region itself for businesses listed right in it).
    text: `WITH subtree AS MATERIALIZED (SELECT sr.id, sr.path FROM region sr WHERE sr.path LIKE (SELECT fr.path FROM region fr WHERE fr.id = $1) || '%'),
     counts AS (
       SELECT 'category' AS kind, k.category_id AS id, sum(k.listings) AS n
         FROM listing_count_by_category k WHERE k.region_id IN (SELECT id FROM subtree) GROUP BY k.category_id
       UNION ALL
       SELECT 'region', coalesce(nullif(split_part(s.path, '/', (SELECT depth FROM region WHERE id = $1) + 3), '')::uuid, s.id), sum(k.listings)
         FROM listing_count_by_region k JOIN subtree s ON s.id = k.region_id
        GROUP BY 2)
SELECT k.kind, coalesce(c.name, r.name) AS name, k.n::int AS count
  FROM counts k LEFT JOIN category c ON k.kind = 'category' AND c.id = k.id LEFT JOIN region r ON k.kind = 'region' AND r.id = k.id
 ORDER BY k.kind, k.n DESC, c.name, k.id::text COLLATE "C"`,
    values: (v) => [v.regionId],
    respond: (rows) => ({
      data: {
        businesses: {
          facets: {
            categories: rows.filter((row) => row.kind === 'category').map((row) => ({ category: { name: row.name }, count: row.count })),
            regions: rows.filter((row) => row.kind === 'region').map((row) => ({ region: { name: row.name }, count: row.count })),
          },
        },
      },
    }),
  },
} satisfies Record<string, BareQuery>;

export type QueryName = keyof typeof BARE_QUERIES;
export const QUERY_NAMES = Object.keys(BARE_QUERIES) as QueryName[];
