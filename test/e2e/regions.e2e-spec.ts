import { Region } from '../../src/modules/regions/region.entity';
import { RegionKind } from '../../src/modules/regions/region-kind';
import { createRegion } from '../factories/region.factory';
import { seedDemo } from '../utils/seed';
import { createTestApp, GraphQLResponse, TestApp } from '../utils/test-app';

const PAGE = `
  query Page($first: Int!, $after: String, $filter: RegionFilter, $orderBy: RegionOrder! = HIERARCHY) {
    regions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges { cursor node { id name slug kind depth } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

interface Node {
  id: string;
  name: string;
  slug: string;
  kind: RegionKind;
  depth: number;
}

describe('regions', () => {
  let t: TestApp;
  let bySlug: Map<string, Region>;
  const region = (slug: string) => {
    const found = bySlug.get(slug);
    if (!found) throw new Error(`no demo region ${slug}`);
    return found;
  };

  beforeAll(async () => {
    t = await createTestApp();
    bySlug = await seedDemo(t.em());
  });
  afterAll(() => t.close());

  /** Every node of a filtered list, read page by page. */
  async function readAll(filter: Record<string, unknown> | undefined, first: number, orderBy = 'HIERARCHY') {
    const nodes: Node[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: GraphQLResponse = await t.gql(PAGE, { first, after, filter, orderBy });
      expect(res.errors).toBeUndefined();
      const page: Record<string, any> = res.data!.regions;
      expect(page.edges.length).toBeLessThanOrEqual(first);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      nodes.push(...page.edges.map((edge: { node: Node }) => edge.node));
      pages += 1;
      if (!page.pageInfo.hasNextPage) return { nodes, pages, totalCount: page.totalCount as number };
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      after = page.pageInfo.endCursor;
    }
  }

  describe('lookup', () => {
    it('finds a region by slug and by id, with its place in the tree', async () => {
      const yaba = region('yaba-lagos-ng');
      const query = `query ($id: ID, $slug: String) {
        region(id: $id, slug: $slug) {
          id name slug kind isoCode depth path timeZone centroid { lat lng }
          parent { slug parent { slug } }
          ancestors { slug kind }
          createdAt updatedAt
        }
      }`;
      const bySlugRes = await t.gql(query, { slug: 'yaba-lagos-ng' });
      const byIdRes = await t.gql(query, { id: yaba.id });
      expect(bySlugRes.errors).toBeUndefined();
      expect(byIdRes.data).toEqual(bySlugRes.data);
      expect(bySlugRes.data!.region).toMatchObject({
        id: yaba.id,
        name: 'Yaba',
        kind: 'NEIGHBOURHOOD',
        isoCode: null,
        depth: 3,
        path: 'Nigeria › Lagos › Lagos › Yaba',
        // Neither the neighbourhood, the city nor the state has a zone: the country's applies.
        timeZone: 'Africa/Lagos',
        centroid: { lat: yaba.latitude, lng: yaba.longitude },
        parent: { slug: 'lagos-ng', parent: { slug: 'ng-la' } },
        ancestors: [
          { slug: 'nigeria', kind: 'COUNTRY' },
          { slug: 'ng-la', kind: 'STATE' },
          { slug: 'lagos-ng', kind: 'CITY' },
        ],
      });
      expect(bySlugRes.data!.region.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });

    it('inherits the time zone from the nearest ancestor that has one', async () => {
      const res = await t.gql(`{
        brooklyn: region(slug: "brooklyn-new-york-city-us") { timeZone }
        us: region(slug: "united-states") { timeZone parent { id } isoCode }
      }`);
      expect(res.errors).toBeUndefined();
      // The state carries the zone; the United States spans several and has none.
      expect(res.data).toEqual({ brooklyn: { timeZone: 'America/New_York' }, us: { timeZone: null, parent: null, isoCode: 'US' } });
    });

    it('answers NOT_FOUND for an unknown region and BAD_USER_INPUT unless exactly one of id and slug is given', async () => {
      const unknown = await t.gql('{ region(slug: "atlantis") { id } }');
      expect(unknown.data).toEqual({ region: null });
      expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');

      for (const args of ['', `(id: "${region('nigeria').id}", slug: "nigeria")`]) {
        const res = await t.gql(`{ region${args} { id } }`);
        expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0].extensions?.fieldErrors).toEqual([{ path: 'id', message: 'give exactly one of id and slug' }]);
      }

      const badId = await t.gql('{ region(id: "not-a-uuid") { id } }');
      expect(badId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(badId.errors?.[0].extensions?.fieldErrors[0].path).toBe('id');
    });
  });

  describe('filters', () => {
    it("lists a region and everything below it with regionId: a city's neighbourhoods are inside its country", async () => {
      const { nodes } = await readAll({ regionId: region('nigeria').id }, 100);
      const slugs = nodes.map((node) => node.slug);
      expect(slugs).toEqual(expect.arrayContaining(['nigeria', 'ng-la', 'lagos-ng', 'yaba-lagos-ng', 'ikeja-lagos-ng']));
      expect(slugs).not.toContain('ghana');
      expect(slugs).not.toContain('accra-gh');
      // Exactly the regions whose ancestry includes Nigeria.
      const expected = [...bySlug.values()].filter((r) => r.path.includes(`/${region('nigeria').id}/`)).map((r) => r.slug);
      expect(slugs.sort()).toEqual(expected.sort());

      const city = await readAll({ regionId: region('lagos-ng').id, kind: 'NEIGHBOURHOOD' }, 100);
      expect(city.nodes.map((node) => node.name)).toEqual(expect.arrayContaining(['Yaba', 'Ikeja']));
      expect(city.nodes.every((node) => node.kind === RegionKind.NEIGHBOURHOOD)).toBe(true);
    });

    it('lists direct children with parentId, and filters by kind', async () => {
      const children = await readAll({ parentId: region('united-states').id }, 100);
      expect(children.nodes.every((node) => node.kind === RegionKind.STATE)).toBe(true);
      expect(children.nodes.map((node) => node.slug)).toEqual(expect.arrayContaining(['us-ny', 'us-ga']));
      expect(children.totalCount).toBe([...bySlug.values()].filter((r) => r.parent?.id === region('united-states').id).length);

      const countries = await readAll({ kind: 'COUNTRY' }, 100);
      expect(countries.nodes.length).toBeGreaterThanOrEqual(12);
      expect(countries.nodes.every((node) => node.depth === 0)).toBe(true);
    });

    it('matches text against name, slug and ISO code, ignoring case and accents', async () => {
      const accents = await readAll({ text: 'sao paulo' }, 100);
      expect(accents.nodes.map((node) => node.name)).toContain('São Paulo');

      const iso = await readAll({ text: 'ng-la' }, 100);
      expect(iso.nodes.map((node) => node.slug)).toContain('ng-la');

      const combined = await readAll({ text: 'lagos', kind: 'CITY' }, 100);
      expect(combined.nodes.map((node) => node.slug)).toEqual(['lagos-ng']);
    });

    it('treats LIKE wildcards in the text literally', async () => {
      const em = t.em();
      const country = await createRegion(em, { name: '100% Test_Land', slug: 'percent-test-land' });
      try {
        const literal = await readAll({ text: '100%' }, 100);
        expect(literal.nodes.map((node) => node.slug)).toEqual(['percent-test-land']);
        const underscore = await readAll({ text: 't_l' }, 100);
        expect(underscore.nodes.map((node) => node.slug)).toEqual(['percent-test-land']);
        const percentOnly = await readAll({ text: '%' }, 100);
        expect(percentOnly.nodes.map((node) => node.slug)).toEqual(['percent-test-land']);
      } finally {
        await em.remove(country).flush();
      }
    });

    it('rejects a regionId that is not a region, and malformed filters, with field errors', async () => {
      const unknown = await t.gql(PAGE, { first: 5, filter: { regionId: '00000000-0000-4000-8000-000000000000' } });
      expect(unknown.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ path: 'filter.regionId', message: 'no region has this id' }],
      });
      const bad = await t.gql(PAGE, { first: 5, filter: { parentId: 'x', text: '' } });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0].extensions?.fieldErrors.map((e: { path: string }) => e.path).sort()).toEqual([
        'filter.parentId',
        'filter.text',
      ]);
    });
  });

  describe('pagination', () => {
    it.each([
      ['HIERARCHY', 7],
      ['NAME', 10],
      ['HIERARCHY', 1],
    ])('walks the whole list in %s order, %i at a time, without duplicates or gaps', async (orderBy, first) => {
      const all = await readAll(undefined, 100, orderBy);
      expect(all.nodes).toHaveLength(bySlug.size);
      const paged = await readAll(undefined, first, orderBy);
      expect(paged.nodes.map((node) => node.id)).toEqual(all.nodes.map((node) => node.id));
      expect(new Set(paged.nodes.map((node) => node.id)).size).toBe(bySlug.size);
      expect(paged.pages).toBe(Math.ceil(bySlug.size / first));
      expect(paged.totalCount).toBe(bySlug.size);
    });

    it('orders HIERARCHY by level, then name; NAME by name', async () => {
      const hierarchy = (await readAll(undefined, 100)).nodes;
      const depths = hierarchy.map((node) => node.depth);
      expect(depths).toEqual([...depths].sort((a, b) => a - b));
      expect(hierarchy.slice(0, 3).map((node) => node.kind)).toEqual(['COUNTRY', 'COUNTRY', 'COUNTRY']);
      const countryNames = hierarchy.filter((node) => node.depth === 0).map((node) => node.name);
      expect(countryNames).toEqual([...countryNames].sort((a, b) => a.localeCompare(b)));
    });

    it('keeps ties in a stable order across pages (same name, different ids)', async () => {
      const em = t.em();
      const twins = await Promise.all(Array.from({ length: 5 }, (_, i) => createRegion(em, { name: 'Twin Town', slug: `twin-town-${i}` })));
      try {
        const paged = await readAll({ text: 'Twin Town' }, 2, 'NAME');
        expect(paged.nodes.map((node) => node.id)).toEqual(twins.map((twin) => twin.id).sort());
      } finally {
        await em.remove(twins).flush();
      }
    });

    it('returns an empty page, not an error, past the end', async () => {
      const last = await t.gql(PAGE, { first: 1, filter: { kind: 'COUNTRY' }, orderBy: 'NAME' });
      let cursor = last.data!.regions.pageInfo.endCursor;
      let page;
      do {
        page = (await t.gql(PAGE, { first: 100, after: cursor, filter: { kind: 'COUNTRY' }, orderBy: 'NAME' })).data!.regions;
        cursor = page.pageInfo.endCursor ?? cursor;
      } while (page.pageInfo.hasNextPage);
      const after = await t.gql(PAGE, { first: 5, after: cursor, filter: { kind: 'COUNTRY' }, orderBy: 'NAME' });
      expect(after.data!.regions.edges).toEqual([]);
      expect(after.data!.regions.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
    });

    it.each([
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ first: 5, after: 'garbage' }, 'after'],
      [{ first: 5, after: Buffer.from('[1,"name","x","y"]').toString('base64url') }, 'after'],
    ])('rejects %j with BAD_USER_INPUT on %s', async (variables, path) => {
      const res = await t.gql(PAGE, variables);
      expect(res.data).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions?.fieldErrors.map((e: { path: string }) => e.path)).toEqual([path]);
    });

    it('rejects a cursor made for another ordering', async () => {
      const byName = await t.gql(PAGE, { first: 2, orderBy: 'NAME' });
      const res = await t.gql(PAGE, { first: 2, orderBy: 'HIERARCHY', after: byName.data!.regions.pageInfo.endCursor });
      expect(res.errors?.[0].extensions?.fieldErrors).toEqual([
        { path: 'after', message: 'is not a cursor returned by this list (with this ordering)' },
      ]);
    });

    it('does not count when totalCount is not asked for', async () => {
      const { statements } = await t.countSql(() => t.gql('{ regions(first: 3) { edges { node { id } } } }'));
      expect(statements.filter((sql) => /count\(\*\)/i.test(sql))).toEqual([]);
      expect(statements).toHaveLength(1);
    });
  });

  describe('children', () => {
    it("pages through a region's children with counts", async () => {
      const query = `query ($slug: String!, $after: String) {
        region(slug: $slug) { children(first: 2, after: $after) { totalCount edges { node { slug } } pageInfo { hasNextPage endCursor } } }
      }`;
      const expected = [...bySlug.values()]
        .filter((r) => r.parent?.id === region('united-states').id)
        .map((r) => r)
        .sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name.localeCompare(b.name, 'und')))
        .map((r) => r.slug);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: GraphQLResponse = await t.gql(query, { slug: 'united-states', after });
        expect(res.errors).toBeUndefined();
        const children: Record<string, any> = res.data!.region.children;
        expect(children.totalCount).toBe(expected.length);
        seen.push(...children.edges.map((edge: { node: { slug: string } }) => edge.node.slug));
        if (!children.pageInfo.hasNextPage) break;
        after = children.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    });

    it('gives a neighbourhood no children', async () => {
      const res = await t.gql(
        '{ region(slug: "yaba-lagos-ng") { children { totalCount edges { node { id } } pageInfo { hasNextPage } } } }',
      );
      expect(res.data!.region.children).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
    });

    it('validates its arguments like any connection', async () => {
      const res = await t.gql('{ region(slug: "nigeria") { children(first: 0) { totalCount } } }');
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ path: 'first' }] });
    });
  });

  describe('batching', () => {
    const NESTED = `query ($first: Int!) {
      regions(first: $first, orderBy: NAME) {
        edges { node {
          name path timeZone
          parent { name parent { name } }
          ancestors { name }
          children(first: 3) { totalCount edges { node { name parent { name } children(first: 2) { edges { node { name } } } } } }
        } }
      }
    }`;

    it('loads nested relations with the same number of SQL statements for 5 and for 50 regions', async () => {
      const small = await t.countSql(() => t.gql(NESTED, { first: 5 }));
      const large = await t.countSql(() => t.gql(NESTED, { first: 50 }));
      expect(small.result.errors).toBeUndefined();
      expect(large.result.errors).toBeUndefined();
      expect(large.result.data!.regions.edges).toHaveLength(50);
      expect(large.statements.length).toBe(small.statements.length);
      // One page, then per level: parents/ancestors in a batch, children pages, child counts.
      expect(large.statements.length).toBeLessThanOrEqual(8);
    });
  });
});
