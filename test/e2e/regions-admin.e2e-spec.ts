import { randomUUID } from 'node:crypto';
import { AccountRole } from '../../src/modules/accounts/account-role';
import { Region } from '../../src/modules/regions/region.entity';
import { RegionKind } from '../../src/modules/regions/region-kind';
import { createAccount, signedInAccount } from '../factories/account.factory';
import { createRegion } from '../factories/region.factory';
import { seedDemo } from '../utils/seed';
import { createBusiness } from '../factories/business.factory';
import { lagosWindow } from './businesses/search-fixture';
import { createTestApp, TestApp } from '../utils/test-app';
import { expectError, expectOk, sql } from '../utils/graphql-assertions';

const FIELDS = `id name slug kind isoCode depth path timeZone version centroid { lat lng } parent { id slug } ancestors { id slug }`;
const CREATE = `mutation ($input: CreateRegionInput!) { createRegion(input: $input) { region { ${FIELDS} } } }`;
const UPDATE = `mutation ($input: UpdateRegionInput!) { updateRegion(input: $input) { region { ${FIELDS} } } }`;
const MOVE = `mutation ($input: MoveRegionInput!) { moveRegion(input: $input) { movedDescendants region { ${FIELDS} } } }`;
const DELETE = `mutation ($input: DeleteRegionInput!) { deleteRegion(input: $input) { deletedRegionId } }`;
const REGION = `query ($id: ID!) { region(id: $id) { ${FIELDS} } }`;

interface AuditRow {
  id: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
}

interface RegionRow {
  id: string;
  parent_id: string | null;
  path: string;
  depth: number;
  kind: RegionKind;
  version: number;
  time_zone: string | null;
  latitude: number | null;
  longitude: number | null;
  iso_code: string | null;
  name: string;
  slug: string;
}

describe('region administration', () => {
  let t: TestApp;
  let bySlug: Map<string, Region>;
  let admin: { account: { id: string }; token: string };
  let member: { account: { id: string }; token: string };
  const id = (slug: string) => {
    const found = bySlug.get(slug);
    if (!found) throw new Error(`no demo region ${slug}`);
    return found.id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    bySlug = await seedDemo(t.em());
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });
    member = await signedInAccount(t, { homeRegion: bySlug.get('yaba-lagos-ng') });
  });
  afterAll(() => t.close());

  const asAdmin = (query: string, input: Record<string, unknown>) => t.gql(query, { input }, admin.token);

  async function auditRows(): Promise<AuditRow[]> {
    return t
      .em()
      .getConnection()
      .execute<AuditRow[]>(
        'SELECT id, actor_id, action, subject_type, subject_id, before, after, request_id FROM audit_event ORDER BY created_at, id',
      );
  }

  /** Runs `work` and returns the audit events it wrote. */
  async function auditedBy<T>(work: () => Promise<T>): Promise<{ result: T; events: AuditRow[] }> {
    const before = new Set((await auditRows()).map((row) => row.id));
    const result = await work();
    const events = (await auditRows()).filter((row) => !before.has(row.id));
    return { result, events };
  }

  async function regionRows(): Promise<RegionRow[]> {
    return t.em().getConnection().execute<RegionRow[]>('SELECT * FROM region ORDER BY id');
  }

  async function regionRow(regionId: string): Promise<RegionRow | undefined> {
    const [row] = await t.em().getConnection().execute<RegionRow[]>('SELECT * FROM region WHERE id = ?', [regionId]);
    return row;
  }

  /** A demo or factory region as stored now (for the factory's `parent`). */
  const load = (slug: string) => t.em().findOneOrFail(Region, { slug });

  /** Ids of the region and everything below it, through the public `regions(filter: { regionId })`. */
  async function subtreeIds(regionId: string): Promise<string[]> {
    const res = await t.gql('query ($id: ID!) { regions(first: 100, filter: { regionId: $id }) { totalCount edges { node { id } } } }', {
      id: regionId,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.regions.totalCount).toBeLessThan(100);
    return res.data!.regions.edges.map((edge: { node: { id: string } }) => edge.node.id).sort();
  }

  /**
   * The whole tree is consistent: each path lists the ids from the country down to the region, ends
   * with the region's own id (and holds it once), matches the parent's path, and the depth matches;
   * following parents reaches a country.
   */
  async function expectConsistentTree(): Promise<void> {
    const rows = await regionRows();
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const row of rows) {
      const ids = row.path.split('/').filter(Boolean);
      expect(row.path).toBe(`/${ids.join('/')}/`);
      expect(ids[ids.length - 1]).toBe(row.id);
      expect(ids.filter((pathId) => pathId === row.id)).toHaveLength(1);
      expect(new Set(ids).size).toBe(ids.length);
      expect(row.depth).toBe(ids.length - 1);
      if (row.parent_id === null) {
        expect(row.kind).toBe(RegionKind.COUNTRY);
        expect(ids).toEqual([row.id]);
      } else {
        expect(row.path).toBe(`${byId.get(row.parent_id)!.path}${row.id}/`);
      }
      const chain: string[] = [];
      let current: RegionRow | undefined = row;
      while (current && current.parent_id !== null && chain.length <= 4) {
        chain.unshift(current.parent_id);
        current = byId.get(current.parent_id);
      }
      expect(current?.kind).toBe(RegionKind.COUNTRY);
      expect(chain).toEqual(ids.slice(0, -1));
    }
  }

  describe('createRegion', () => {
    it('derives a slug that fits its column, and asks for one when the name gives none (BAD_USER_INPUT), changing nothing', async () => {
      const long = expectOk(
        // 120 characters that fold into 360 (ﬃ is three letters), under a city: more than 160.
        await asAdmin(CREATE, { name: 'ﬃ'.repeat(120), kind: 'NEIGHBOURHOOD', parentId: id('lagos-ng') }),
      ).createRegion.region;
      expect(long.slug.length).toBeLessThanOrEqual(160);
      expect(long.slug).toMatch(/^(ffi)+f?f?(-[a-z0-9]+)*$/);
      const refused = await t.expectUnchanged(() => asAdmin(CREATE, { name: '中国', kind: 'COUNTRY', isoCode: 'CN' }));
      expectError(refused, 'BAD_USER_INPUT', ['input.slug']);
    });

    it('creates a CITY under a STATE with its centroid and time zone, and audits it once', async () => {
      const input = {
        name: 'Epe',
        slug: 'epe-ng',
        kind: 'CITY',
        parentId: id('ng-la'),
        centroid: { lat: 6.5841, lng: 3.9834 },
        timeZone: 'Africa/Lagos',
      };
      const { result: res, events } = await auditedBy(() => asAdmin(CREATE, input));
      expect(res.errors).toBeUndefined();
      const created = res.data!.createRegion.region;
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Epe',
        slug: 'epe-ng',
        kind: 'CITY',
        isoCode: null,
        depth: 2,
        path: 'Nigeria › Lagos › Epe',
        timeZone: 'Africa/Lagos',
        version: 1,
        centroid: { lat: 6.5841, lng: 3.9834 },
        parent: { id: id('ng-la'), slug: 'ng-la' },
        ancestors: [
          { id: id('nigeria'), slug: 'nigeria' },
          { id: id('ng-la'), slug: 'ng-la' },
        ],
      });
      // Stored as answered, with the materialised path below its parent.
      expect((await t.gql(REGION, { id: created.id })).data!.region).toEqual(created);
      const row = await regionRow(created.id);
      expect(row).toMatchObject({
        parent_id: id('ng-la'),
        path: `/${id('nigeria')}/${id('ng-la')}/${created.id}/`,
        depth: 2,
        latitude: 6.5841,
        longitude: 3.9834,
        time_zone: 'Africa/Lagos',
      });

      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'region.created',
        subject_type: 'Region',
        subject_id: created.id,
        actor_id: admin.account.id,
        before: null,
        after: {
          name: 'Epe',
          slug: 'epe-ng',
          kind: 'CITY',
          isoCode: null,
          parentId: id('ng-la'),
          path: row!.path,
          latitude: 6.5841,
          longitude: 3.9834,
          timeZone: 'Africa/Lagos',
        },
      });
      expect(events[0].request_id).toEqual(expect.any(String));
    });

    it('derives the slug from the name and the parent slug when none is given, and inherits the time zone', async () => {
      const { result: res, events } = await auditedBy(() =>
        asAdmin(CREATE, { name: '  Ìkòyí Phase 2 ', kind: 'NEIGHBOURHOOD', parentId: id('lagos-ng') }),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.createRegion.region).toMatchObject({
        name: 'Ìkòyí Phase 2',
        slug: 'ikoyi-phase-2-lagos-ng',
        kind: 'NEIGHBOURHOOD',
        depth: 3,
        centroid: null,
        // No zone of its own: the nearest ancestor's (the country's).
        timeZone: 'Africa/Lagos',
        parent: { slug: 'lagos-ng' },
      });
      expect((await regionRow(res.data!.createRegion.region.id))!.time_zone).toBeNull();
      expect(events.map((event) => [event.action, event.subject_id])).toEqual([['region.created', res.data!.createRegion.region.id]]);
    });

    it('treats explicit nulls in the optional fields as omitted (slug derived, zone inherited)', async () => {
      const { result: res, events } = await auditedBy(() =>
        asAdmin(CREATE, {
          name: 'Ikorodu',
          kind: 'CITY',
          parentId: id('ng-la'),
          slug: null,
          isoCode: null,
          centroid: null,
          timeZone: null,
        }),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.createRegion.region).toMatchObject({
        slug: 'ikorodu-ng-la',
        isoCode: null,
        centroid: null,
        timeZone: 'Africa/Lagos',
        parent: { id: id('ng-la') },
      });
      expect(events.map((event) => event.action)).toEqual(['region.created']);
    });

    it('creates a COUNTRY without a parent', async () => {
      const { result: res, events } = await auditedBy(() =>
        asAdmin(CREATE, {
          name: 'Kosovo',
          kind: 'COUNTRY',
          isoCode: 'XK',
          timeZone: 'Europe/Belgrade',
          centroid: { lat: 42.6, lng: 20.9 },
        }),
      );
      expect(res.errors).toBeUndefined();
      const created = res.data!.createRegion.region;
      expect(created).toMatchObject({
        name: 'Kosovo',
        slug: 'kosovo',
        kind: 'COUNTRY',
        isoCode: 'XK',
        depth: 0,
        path: 'Kosovo',
        timeZone: 'Europe/Belgrade',
        parent: null,
        ancestors: [],
      });
      expect((await regionRow(created.id))!.path).toBe(`/${created.id}/`);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'region.created',
        actor_id: admin.account.id,
        subject_id: created.id,
        before: null,
        after: { kind: 'COUNTRY', parentId: null, isoCode: 'XK' },
      });
    });

    const refusals: [string, () => Record<string, unknown>, string, string[]][] = [
      ['a CITY without a parent', () => ({ name: 'Nowhere', kind: 'CITY' }), 'BAD_USER_INPUT', ['input.kind']],
      ['a NEIGHBOURHOOD without a parent', () => ({ name: 'Nowhere', kind: 'NEIGHBOURHOOD' }), 'BAD_USER_INPUT', ['input.kind']],
      ['a STATE under a CITY', () => ({ name: 'Upside Down', kind: 'STATE', parentId: id('lagos-ng') }), 'BAD_USER_INPUT', ['input.kind']],
      ['a COUNTRY under a COUNTRY', () => ({ name: 'Inner', kind: 'COUNTRY', parentId: id('nigeria') }), 'BAD_USER_INPUT', ['input.kind']],
      ['a CITY under a CITY', () => ({ name: 'Twin', kind: 'CITY', parentId: id('lagos-ng') }), 'BAD_USER_INPUT', ['input.kind']],
      ['an unknown parentId', () => ({ name: 'Orphan', kind: 'CITY', parentId: randomUUID() }), 'BAD_USER_INPUT', ['input.parentId']],
      ['a parentId that is not a UUID', () => ({ name: 'Orphan', kind: 'CITY', parentId: 'lagos' }), 'BAD_USER_INPUT', ['input.parentId']],
      [
        'an unknown time zone',
        () => ({ name: 'Olympus', kind: 'CITY', parentId: id('ng-la'), timeZone: 'Mars/Olympus' }),
        'BAD_USER_INPUT',
        ['input.timeZone'],
      ],
      [
        'a time zone in the wrong case',
        () => ({ name: 'Lower', kind: 'CITY', parentId: id('ng-la'), timeZone: 'africa/lagos' }),
        'BAD_USER_INPUT',
        ['input.timeZone'],
      ],
      [
        'a latitude of 91',
        () => ({ name: 'Pole', kind: 'CITY', parentId: id('ng-la'), centroid: { lat: 91, lng: 3 } }),
        'BAD_USER_INPUT',
        ['input.centroid.lat'],
      ],
      [
        'a longitude of -181',
        () => ({ name: 'Dateline', kind: 'CITY', parentId: id('ng-la'), centroid: { lat: 6, lng: -181 } }),
        'BAD_USER_INPUT',
        ['input.centroid.lng'],
      ],
      ['a slug with capitals and spaces', () => ({ name: 'Bad', kind: 'COUNTRY', slug: 'Bad Slug' }), 'BAD_USER_INPUT', ['input.slug']],
      ['a slug with a double dash', () => ({ name: 'Bad', kind: 'COUNTRY', slug: 'bad--slug' }), 'BAD_USER_INPUT', ['input.slug']],
      ['a slug with a leading dash', () => ({ name: 'Bad', kind: 'COUNTRY', slug: '-bad' }), 'BAD_USER_INPUT', ['input.slug']],
      ['a lower-case ISO code', () => ({ name: 'Bad', kind: 'COUNTRY', isoCode: 'xx' }), 'BAD_USER_INPUT', ['input.isoCode']],
      ['a three-letter ISO code', () => ({ name: 'Bad', kind: 'COUNTRY', isoCode: 'XXX' }), 'BAD_USER_INPUT', ['input.isoCode']],
      [
        'an ISO code with an underscore',
        () => ({ name: 'Bad', kind: 'STATE', parentId: id('nigeria'), isoCode: 'NG_XX' }),
        'BAD_USER_INPUT',
        ['input.isoCode'],
      ],
      ['an empty name', () => ({ name: '   ', kind: 'COUNTRY', slug: 'blank' }), 'BAD_USER_INPUT', ['input.name']],
      ['a name over 120 characters', () => ({ name: 'n'.repeat(121), kind: 'COUNTRY', slug: 'long' }), 'BAD_USER_INPUT', ['input.name']],
      [
        'a slug that is taken',
        () => ({ name: 'Lagos Again', kind: 'CITY', parentId: id('ng-la'), slug: 'lagos-ng' }),
        'CONFLICT',
        ['input.slug'],
      ],
      [
        'a derived slug that is taken',
        () => ({ name: 'Yaba', kind: 'NEIGHBOURHOOD', parentId: id('lagos-ng') }),
        'CONFLICT',
        ['input.slug'],
      ],
      ['an ISO code that is taken', () => ({ name: 'Nigeria Two', kind: 'COUNTRY', isoCode: 'NG' }), 'CONFLICT', ['input.isoCode']],
    ];

    it.each(refusals)('refuses %s, changing nothing', async (_case, input, code, paths) => {
      const res = await t.expectUnchanged(() => asAdmin(CREATE, input()));
      expect(res.data).toBeNull();
      expectError(res, code, paths);
    });

    it('refuses a member (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
      const input = { name: 'Badagry', kind: 'CITY', parentId: id('ng-la') };
      const asMember = await t.expectUnchanged(() => t.gql(CREATE, { input }, member.token));
      expectError(asMember, 'FORBIDDEN');
      const anonymous = await t.expectUnchanged(() => t.gql(CREATE, { input }));
      expectError(anonymous, 'UNAUTHENTICATED');
      // The same input works for an admin: the refusals were about the caller.
      const allowed = await asAdmin(CREATE, input);
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data!.createRegion.region.slug).toBe('badagry-ng-la');
    });
  });

  describe('updateRegion', () => {
    async function freshCity(props: Partial<ConstructorParameters<typeof Region>[0]> = {}): Promise<Region> {
      return createRegion(t.em(), { parent: await load('ng-la'), kind: RegionKind.CITY, ...props });
    }

    it('changes name, slug, ISO code, centroid and time zone, bumps the version and audits before and after', async () => {
      const city = await freshCity({ name: 'Old Town', slug: 'old-town-ng', latitude: 6.1, longitude: 3.1 });
      const input = {
        id: city.id,
        name: 'New Town',
        slug: 'new-town-ng',
        isoCode: 'NG-NT1',
        centroid: { lat: 6.2, lng: 3.2 },
        timeZone: 'Africa/Abidjan',
        expectedVersion: 1,
      };
      const { result: res, events } = await auditedBy(() => asAdmin(UPDATE, input));
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateRegion.region).toMatchObject({
        id: city.id,
        name: 'New Town',
        slug: 'new-town-ng',
        isoCode: 'NG-NT1',
        centroid: { lat: 6.2, lng: 3.2 },
        timeZone: 'Africa/Abidjan',
        version: 2,
        path: 'Nigeria › Lagos › New Town',
        parent: { id: id('ng-la') },
      });
      expect(await regionRow(city.id)).toMatchObject({
        name: 'New Town',
        slug: 'new-town-ng',
        iso_code: 'NG-NT1',
        latitude: 6.2,
        longitude: 3.2,
        time_zone: 'Africa/Abidjan',
        version: 2,
      });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'region.updated',
        subject_type: 'Region',
        subject_id: city.id,
        actor_id: admin.account.id,
        before: { name: 'Old Town', slug: 'old-town-ng', isoCode: null, latitude: 6.1, longitude: 3.1, timeZone: null },
        after: { name: 'New Town', slug: 'new-town-ng', isoCode: 'NG-NT1', latitude: 6.2, longitude: 3.2, timeZone: 'Africa/Abidjan' },
      });

      // A second edit based on the new version works and bumps it again.
      const again = await asAdmin(UPDATE, { id: city.id, name: 'Newer Town', expectedVersion: 2 });
      expect(again.errors).toBeUndefined();
      expect(again.data!.updateRegion.region).toMatchObject({ name: 'Newer Town', version: 3 });
    });

    it('clears the time zone, ISO code and centroid with null; the zone is then inherited from an ancestor', async () => {
      const city = await freshCity({ timeZone: 'Africa/Abidjan', isoCode: 'NG-ZZ9' });
      expect((await t.gql(REGION, { id: city.id })).data!.region.timeZone).toBe('Africa/Abidjan');
      const { result: res, events } = await auditedBy(() =>
        asAdmin(UPDATE, { id: city.id, timeZone: null, isoCode: null, centroid: null }),
      );
      expect(res.errors).toBeUndefined();
      // Neither the city nor Lagos State has a zone now: Nigeria's applies.
      expect(res.data!.updateRegion.region).toMatchObject({ timeZone: 'Africa/Lagos', isoCode: null, centroid: null, version: 2 });
      expect(await regionRow(city.id)).toMatchObject({ time_zone: null, iso_code: null, latitude: null, longitude: null });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'region.updated',
        before: { timeZone: 'Africa/Abidjan', isoCode: 'NG-ZZ9', latitude: 1, longitude: 2 },
        after: { timeZone: null, isoCode: null, latitude: null, longitude: null },
      });
    });

    it('writes nothing, not even an audit row or a new version, when the update changes nothing', async () => {
      const city = await freshCity({ name: 'Same Town', timeZone: 'Africa/Lagos' });
      const res = await t.expectUnchanged(() =>
        asAdmin(UPDATE, { id: city.id, name: 'Same Town', slug: city.slug, timeZone: 'Africa/Lagos', centroid: { lat: 1, lng: 2 } }),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateRegion.region).toMatchObject({ name: 'Same Town', version: 1 });
      const empty = await t.expectUnchanged(() => asAdmin(UPDATE, { id: city.id }));
      expect(empty.errors).toBeUndefined();
      expect(empty.data!.updateRegion.region.version).toBe(1);
    });

    it('treats a null expectedVersion as no expectation', async () => {
      const city = await freshCity();
      expect((await asAdmin(UPDATE, { id: city.id, name: 'Renamed Before' })).errors).toBeUndefined();
      const res = await asAdmin(UPDATE, { id: city.id, name: 'Renamed Regardless', expectedVersion: null });
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateRegion.region).toMatchObject({ name: 'Renamed Regardless', version: 3 });
    });

    it('refuses a stale expectedVersion with CONFLICT, changing nothing', async () => {
      const city = await freshCity();
      expect((await asAdmin(UPDATE, { id: city.id, name: 'Renamed Once' })).errors).toBeUndefined();
      const res = await t.expectUnchanged(() => asAdmin(UPDATE, { id: city.id, name: 'Renamed Twice', expectedVersion: 1 }));
      expectError(res, 'CONFLICT');
      expect((await regionRow(city.id))!.name).toBe('Renamed Once');
    });

    const refusals: [string, (regionId: string) => Record<string, unknown>, string, string[] | undefined][] = [
      ['an unknown id', () => ({ id: randomUUID(), name: 'Ghost' }), 'NOT_FOUND', undefined],
      ['an id that is not a UUID', () => ({ id: 'epe', name: 'Ghost' }), 'BAD_USER_INPUT', ['input.id']],
      ['a slug that is taken', () => ({ slug: 'lagos-ng' }), 'CONFLICT', ['input.slug']],
      ['an ISO code that is taken', () => ({ isoCode: 'NG-LA' }), 'CONFLICT', ['input.isoCode']],
      ['an unknown time zone', () => ({ timeZone: 'Mars/Olympus' }), 'BAD_USER_INPUT', ['input.timeZone']],
      ['a time zone in the wrong case', () => ({ timeZone: 'africa/lagos' }), 'BAD_USER_INPUT', ['input.timeZone']],
      ['a latitude of 91', () => ({ centroid: { lat: 91, lng: 0 } }), 'BAD_USER_INPUT', ['input.centroid.lat']],
      ['a bad slug', () => ({ slug: 'Not A Slug' }), 'BAD_USER_INPUT', ['input.slug']],
      ['a bad ISO code', () => ({ isoCode: 'nga' }), 'BAD_USER_INPUT', ['input.isoCode']],
      ['an empty name', () => ({ name: ' ' }), 'BAD_USER_INPUT', ['input.name']],
      // The name and slug are required: null cannot clear them.
      ['a null name', () => ({ name: null }), 'BAD_USER_INPUT', ['input.name']],
      ['a null slug', () => ({ slug: null }), 'BAD_USER_INPUT', ['input.slug']],
    ];

    it.each(refusals)('refuses %s, changing nothing', async (_case, input, code, paths) => {
      const city = await freshCity();
      const res = await t.expectUnchanged(() => asAdmin(UPDATE, { id: city.id, ...input(city.id) }));
      expect(res.data).toBeNull();
      expectError(res, code, paths);
    });

    it('refuses a member (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
      const city = await freshCity();
      const input = { id: city.id, name: 'Taken Over' };
      expectError(await t.expectUnchanged(() => t.gql(UPDATE, { input }, member.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(UPDATE, { input })), 'UNAUTHENTICATED');
    });
  });

  describe('moveRegion', () => {
    const NESTED_PARENTS = `query ($id: ID!) {
      region(id: $id) { id depth path timeZone ancestors { id } parent { id parent { id parent { id parent { id } } } } }
    }`;

    /** Parent ids from the region up, read by walking `parent` in GraphQL. */
    function walkParents(node: { parent: Record<string, any> | null }): string[] {
      const ids: string[] = [];
      for (let parent = node.parent; parent; parent = parent.parent) ids.unshift(parent.id);
      return ids;
    }

    it('moves a STATE with its cities and neighbourhoods to another country, rewriting every path below it', async () => {
      const state = id('ng-la');
      const subtree = await subtreeIds(state);
      expect(subtree.length).toBeGreaterThanOrEqual(5);
      expect(subtree).toEqual(expect.arrayContaining([state, id('lagos-ng'), id('yaba-lagos-ng')]));
      const ghanaBefore = await subtreeIds(id('ghana'));
      const nigeriaBefore = await subtreeIds(id('nigeria'));
      const depthsBefore = new Map((await regionRows()).map((row) => [row.id, row.depth]));
      const counts = async () =>
        (
          await t.gql(
            `query ($a: ID!, $b: ID!, $c: ID!) {
            ng: region(id: $a) { memberCount } gh: region(id: $b) { memberCount } state: region(id: $c) { memberCount version }
          }`,
            { a: id('nigeria'), b: id('ghana'), c: state },
          )
        ).data!;
      const before = await counts();
      expect(before.state.memberCount).toBeGreaterThanOrEqual(1);

      const { result: res, events } = await auditedBy(() =>
        asAdmin(MOVE, { id: state, newParentId: id('ghana'), expectedVersion: before.state.version }),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.moveRegion.movedDescendants).toBe(subtree.length - 1);
      expect(res.data!.moveRegion.region).toMatchObject({
        id: state,
        depth: 1,
        path: 'Ghana › Lagos',
        version: before.state.version + 1,
        parent: { id: id('ghana') },
        ancestors: [{ id: id('ghana') }],
        // Lagos State has no zone of its own: it now inherits Ghana's.
        timeZone: 'Africa/Accra',
      });

      const rows = new Map((await regionRows()).map((row) => [row.id, row]));
      /** The region's own zone, else the nearest ancestor's, from the stored rows. */
      const effectiveZone = (regionId: string) =>
        rows
          .get(regionId)!
          .path.split('/')
          .filter(Boolean)
          .reverse()
          .map((pathId) => rows.get(pathId)!.time_zone)
          .find((zone) => zone !== null) ?? null;
      for (const regionId of subtree) {
        const node = (await t.gql(NESTED_PARENTS, { id: regionId })).data!.region;
        const ancestors = node.ancestors.map((ancestor: { id: string }) => ancestor.id);
        expect(ancestors[0]).toBe(id('ghana'));
        expect(node.path).toMatch(/^Ghana › Lagos/);
        expect(ancestors).toEqual(walkParents(node));
        expect(node.depth).toBe(ancestors.length);
        // Moved one country to another: every level stays where it was.
        expect(node.depth).toBe(depthsBefore.get(regionId));
        expect(node.timeZone).toBe(effectiveZone(regionId));
      }
      for (const slug of ['ng-la', 'lagos-ng', 'yaba-lagos-ng', 'ikeja-lagos-ng']) expect(effectiveZone(id(slug))).toBe('Africa/Accra');
      const stored = await regionRows();
      for (const row of stored.filter((r) => subtree.includes(r.id))) {
        expect(row.path.startsWith(`/${id('ghana')}/${state}/`)).toBe(true);
      }
      await expectConsistentTree();

      expect(await subtreeIds(id('ghana'))).toEqual([...ghanaBefore, ...subtree].sort());
      expect(await subtreeIds(id('nigeria'))).toEqual(nigeriaBefore.filter((regionId) => !subtree.includes(regionId)).sort());
      const after = await counts();
      expect(after.gh.memberCount).toBe(before.gh.memberCount + before.state.memberCount);
      expect(after.ng.memberCount).toBe(before.ng.memberCount - before.state.memberCount);

      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'region.moved',
        subject_type: 'Region',
        subject_id: state,
        actor_id: admin.account.id,
        before: { parentId: id('nigeria'), path: `/${id('nigeria')}/${state}/` },
        after: { parentId: id('ghana'), path: `/${id('ghana')}/${state}/` },
      });
    });

    it('moves a CITY directly under a COUNTRY: the whole subtree moves up one level', async () => {
      const city = id('new-york-city-us');
      const subtree = await subtreeIds(city);
      expect(subtree).toContain(id('brooklyn-new-york-city-us'));
      const depthsBefore = new Map((await regionRows()).map((row) => [row.id, row.depth]));
      const { result: res, events } = await auditedBy(() => asAdmin(MOVE, { id: city, newParentId: id('united-states') }));
      expect(res.errors).toBeUndefined();
      expect(res.data!.moveRegion).toMatchObject({
        movedDescendants: subtree.length - 1,
        region: { depth: 1, path: 'United States › New York City', parent: { id: id('united-states') } },
      });
      for (const row of (await regionRows()).filter((r) => subtree.includes(r.id))) {
        expect(row.depth).toBe(depthsBefore.get(row.id)! - 1);
        expect(row.path.startsWith(`/${id('united-states')}/${city}/`)).toBe(true);
      }
      const brooklyn = (await t.gql(NESTED_PARENTS, { id: id('brooklyn-new-york-city-us') })).data!.region;
      expect(brooklyn.ancestors.map((ancestor: { id: string }) => ancestor.id)).toEqual([id('united-states'), city]);
      expect(walkParents(brooklyn)).toEqual([id('united-states'), city]);
      expect(brooklyn.depth).toBe(2);
      // The zone came from New York State; the United States spans several zones and has none.
      expect(brooklyn.timeZone).toBeNull();
      expect(await subtreeIds(id('us-ny'))).toEqual([id('us-ny')]);
      await expectConsistentTree();
      expect(events.map((event) => event.action)).toEqual(['region.moved']);
    });

    it('treats a move to the current parent as a no-op: nothing is written, not even an audit row', async () => {
      const city = id('accra-gh');
      const version = (await t.gql(REGION, { id: city })).data!.region.version;
      const res = await t.expectUnchanged(() => asAdmin(MOVE, { id: city, newParentId: id('gh-aa'), expectedVersion: version }));
      expect(res.errors).toBeUndefined();
      expect(res.data!.moveRegion).toMatchObject({ movedDescendants: 0, region: { id: city, version, parent: { id: id('gh-aa') } } });
    });

    const refusals: [string, () => Record<string, unknown>, string, string[] | undefined][] = [
      ['a region under itself', () => ({ id: id('us-ga'), newParentId: id('us-ga') }), 'BAD_USER_INPUT', ['input.newParentId']],
      [
        'a region under its own descendant',
        () => ({ id: id('kenya'), newParentId: id('nairobi-ke') }),
        'BAD_USER_INPUT',
        ['input.newParentId'],
      ],
      [
        'a STATE under a NEIGHBOURHOOD',
        () => ({ id: id('us-ga'), newParentId: id('yaba-lagos-ng') }),
        'BAD_USER_INPUT',
        ['input.newParentId'],
      ],
      ['a STATE under a STATE', () => ({ id: id('us-ga'), newParentId: id('gh-aa') }), 'BAD_USER_INPUT', ['input.newParentId']],
      ['a COUNTRY under a COUNTRY', () => ({ id: id('kenya'), newParentId: id('rwanda') }), 'BAD_USER_INPUT', ['input.newParentId']],
      ['an unknown region', () => ({ id: randomUUID(), newParentId: id('ghana') }), 'NOT_FOUND', undefined],
      ['an unknown new parent', () => ({ id: id('us-ga'), newParentId: randomUUID() }), 'BAD_USER_INPUT', ['input.newParentId']],
      ['ids that are not UUIDs', () => ({ id: 'us-ga', newParentId: 'ghana' }), 'BAD_USER_INPUT', ['input.id', 'input.newParentId']],
      ['a stale expectedVersion', () => ({ id: id('us-ga'), newParentId: id('canada'), expectedVersion: 99 }), 'CONFLICT', undefined],
    ];

    it.each(refusals)('refuses %s, changing nothing', async (_case, input, code, paths) => {
      const res = await t.expectUnchanged(() => asAdmin(MOVE, input()));
      expect(res.data).toBeNull();
      expectError(res, code, paths);
    });

    it('refuses a member (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
      const input = { id: id('us-ga'), newParentId: id('canada') };
      expectError(await t.expectUnchanged(() => t.gql(MOVE, { input }, member.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(MOVE, { input })), 'UNAUTHENTICATED');
    });

    it('lets at most one of two crossed concurrent moves (A under B, B under A) succeed, leaving no cycle', async () => {
      for (let round = 0; round < 5; round += 1) {
        const country = await createRegion(t.em());
        // Siblings under one country; a city may sit directly under a country.
        const a = await createRegion(t.em(), { parent: country, kind: RegionKind.STATE });
        const b = await createRegion(t.em(), { parent: country, kind: RegionKind.CITY });
        await createRegion(t.em(), { parent: a, kind: RegionKind.CITY });
        await createRegion(t.em(), { parent: b, kind: RegionKind.NEIGHBOURHOOD });
        const results = await Promise.all([asAdmin(MOVE, { id: a.id, newParentId: b.id }), asAdmin(MOVE, { id: b.id, newParentId: a.id })]);
        const succeeded = results.filter((res) => !res.errors);
        expect(succeeded.length).toBeLessThanOrEqual(1);
        for (const res of results.filter((r) => r.errors)) expectError(res, 'BAD_USER_INPUT', ['input.newParentId']);
        await expectConsistentTree();
        const rowA = (await regionRow(a.id))!;
        const rowB = (await regionRow(b.id))!;
        expect(rowA.parent_id === b.id && rowB.parent_id === a.id).toBe(false);
        expect(rowA.path.startsWith(`/${country.id}/`) && rowB.path.startsWith(`/${country.id}/`)).toBe(true);
      }
    });

    it('keeps every path consistent when a region moves into a subtree that is itself moving', async () => {
      for (let round = 0; round < 5; round += 1) {
        const [from, to] = [await createRegion(t.em()), await createRegion(t.em())];
        const state = await createRegion(t.em(), { parent: from, kind: RegionKind.STATE });
        const city = await createRegion(t.em(), { parent: from, kind: RegionKind.CITY });
        await createRegion(t.em(), { parent: city, kind: RegionKind.NEIGHBOURHOOD });
        const results = await Promise.all([
          asAdmin(MOVE, { id: state.id, newParentId: to.id }),
          asAdmin(MOVE, { id: city.id, newParentId: state.id }),
        ]);
        for (const res of results) expect(res.errors).toBeUndefined();
        await expectConsistentTree();
        expect(await subtreeIds(to.id)).toHaveLength(4);
        expect(await subtreeIds(from.id)).toEqual([from.id]);
      }
    });
    it('places a region created under a parent that is moving at the same time below the parent as it ends up', async () => {
      for (let round = 0; round < 5; round += 1) {
        const [from, to] = [await createRegion(t.em()), await createRegion(t.em())];
        const state = await createRegion(t.em(), { parent: from, kind: RegionKind.STATE });
        const [moved, created] = await Promise.all([
          asAdmin(MOVE, { id: state.id, newParentId: to.id }),
          asAdmin(CREATE, { name: `Racing City ${round}`, kind: 'CITY', parentId: state.id }),
        ]);
        expect(moved.errors).toBeUndefined();
        expect(created.errors).toBeUndefined();
        await expectConsistentTree();
        expect(await subtreeIds(to.id)).toEqual([to.id, state.id, created.data!.createRegion.region.id].sort());
      }
    });
  });

  describe('deleteRegion', () => {
    it('deletes a leaf nothing refers to, audits it, and the region is NOT_FOUND afterwards', async () => {
      const leaf = await createRegion(t.em(), { parent: await load('lagos-ng'), name: 'Short Lived' });
      const { result: res, events } = await auditedBy(() => asAdmin(DELETE, { id: leaf.id }));
      expect(res.errors).toBeUndefined();
      expect(res.data!.deleteRegion).toEqual({ deletedRegionId: leaf.id });
      expect(await regionRow(leaf.id)).toBeUndefined();
      const gone = await t.gql(REGION, { id: leaf.id });
      expect(gone.data).toEqual({ region: null });
      expectError(gone, 'NOT_FOUND');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'region.deleted',
        subject_type: 'Region',
        subject_id: leaf.id,
        actor_id: admin.account.id,
        before: { name: 'Short Lived', slug: leaf.slug, kind: 'NEIGHBOURHOOD' },
        after: null,
      });
    });

    it('refuses a region that has regions below it with PRECONDITION_FAILED, changing nothing', async () => {
      const country = await createRegion(t.em());
      await createRegion(t.em(), { parent: country });
      const res = await t.expectUnchanged(() => asAdmin(DELETE, { id: country.id }));
      expect(res.data).toBeNull();
      expectError(res, 'PRECONDITION_FAILED');
    });

    it("refuses a region that is a member's home with PRECONDITION_FAILED, changing nothing", async () => {
      const home = await createRegion(t.em(), { parent: await load('accra-gh') });
      await createAccount(t.em(), { homeRegion: home });
      const res = await t.expectUnchanged(() => asAdmin(DELETE, { id: home.id }));
      expect(res.data).toBeNull();
      expectError(res, 'PRECONDITION_FAILED');
      // The refusal left the region usable.
      expect((await t.gql(REGION, { id: home.id })).data!.region.id).toBe(home.id);
    });

    it('answers NOT_FOUND for an unknown region and BAD_USER_INPUT for a malformed id, changing nothing', async () => {
      expectError(await t.expectUnchanged(() => asAdmin(DELETE, { id: randomUUID() })), 'NOT_FOUND');
      expectError(await t.expectUnchanged(() => asAdmin(DELETE, { id: 'yaba' })), 'BAD_USER_INPUT', ['input.id']);
    });

    it('refuses a member (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
      const leaf = await createRegion(t.em(), { parent: await load('lagos-ng') });
      expectError(await t.expectUnchanged(() => t.gql(DELETE, { input: { id: leaf.id } }, member.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(DELETE, { input: { id: leaf.id } })), 'UNAUTHENTICATED');
    });
  });

  describe("a listing's time zone follows its region's", () => {
    const LISTING = `query ($id: ID!) { business(id: $id) { timeZone isOpenNow } }`;
    const OPEN_IN = `query ($regionId: ID!) { businesses(filter: { regionId: $regionId, openNow: true }) { totalCount } }`;

    /** What anonymous callers see of the listing, and whether a search for what is open now finds it. */
    async function seen(businessId: string, regionId: string) {
      const [listing, open] = await Promise.all([t.gql(LISTING, { id: businessId }), t.gql(OPEN_IN, { regionId })]);
      expect(listing.errors).toBeUndefined();
      expect(open.errors).toBeUndefined();
      const { timeZone, isOpenNow } = listing.data!.business as { timeZone: string; isOpenNow: boolean };
      return { timeZone, isOpenNow, foundOpen: (open.data!.businesses as { totalCount: number }).totalCount === 1 };
    }

    async function listingRow(businessId: string): Promise<{ version: number; updated_at: Date; time_zone: string }> {
      const [row] = await sql<{ version: number; updated_at: Date; time_zone: string }>(
        t,
        'SELECT version, updated_at, time_zone FROM business WHERE id = ?',
        [businessId],
      );
      return row;
    }

    it('when the state above it gets, changes or drops a time zone, and when its city moves to another state', async () => {
      // A state without a time zone of its own (Nigeria's applies), a city in it, and a listing in
      // the city open two hours either side of now on the wall clock of Lagos: closed on New York's.
      const state = expectOk(
        await asAdmin(CREATE, { name: 'Zone Test State', slug: 'zone-test-ng', kind: 'STATE', parentId: id('nigeria') }),
      ).createRegion.region;
      const city = expectOk(await asAdmin(CREATE, { name: 'Zone Test City', slug: 'zone-test-city-ng', kind: 'CITY', parentId: state.id }))
        .createRegion.region;
      const region = await t.em().findOneOrFail(Region, city.id);
      const business = await createBusiness(t.em(), { region, timeZone: 'Africa/Lagos', openingHours: lagosWindow(new Date()) });
      // A neighbourhood with a zone of its own keeps it whatever happens above it.
      const own = expectOk(
        await asAdmin(CREATE, {
          name: 'Zone Test Corner',
          slug: 'zone-test-corner-ng',
          kind: 'NEIGHBOURHOOD',
          parentId: city.id,
          timeZone: 'Africa/Lagos',
        }),
      ).createRegion.region;
      const ownListing = await createBusiness(t.em(), { region: await t.em().findOneOrFail(Region, own.id), timeZone: 'Africa/Lagos' });
      const stored = await listingRow(business.id);
      expect(await seen(business.id, city.id)).toEqual({ timeZone: 'Africa/Lagos', isOpenNow: true, foundOpen: true });

      expectOk(await asAdmin(UPDATE, { id: state.id, timeZone: 'America/New_York' }));
      expect(await seen(business.id, city.id)).toEqual({ timeZone: 'America/New_York', isOpenNow: false, foundOpen: false });
      expect((await listingRow(ownListing.id)).time_zone).toBe('Africa/Lagos');

      expectOk(await asAdmin(UPDATE, { id: state.id, timeZone: null }));
      expect(await seen(business.id, city.id)).toEqual({ timeZone: 'Africa/Lagos', isOpenNow: true, foundOpen: true });

      expectOk(await asAdmin(MOVE, { id: city.id, newParentId: id('us-ny') }));
      expect(await seen(business.id, city.id)).toEqual({ timeZone: 'America/New_York', isOpenNow: false, foundOpen: false });
      expect((await listingRow(ownListing.id)).time_zone).toBe('Africa/Lagos');

      // Not an edit of the listing: its version and last update stay as they were.
      expect(await listingRow(business.id)).toEqual({ ...stored, time_zone: 'America/New_York' });
    });
  });
});
