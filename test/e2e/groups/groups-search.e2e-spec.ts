import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { seedDemo } from '../../utils/seed';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { CANCEL_EVENT, createEvent, createGroup, expectError, GROUP, GROUPS, join, ok, setEventTimes } from './groups-fixture';

/**
 * `groups(filter, orderBy, first, after)`: every filter and ordering, read page by page, against
 * answers computed here from the fixture; unlisted groups never appear.
 */

interface Spec {
  key: string;
  name: string;
  region: string;
  description?: string;
  meetingPlace?: { lat: number; lng: number };
  unlisted?: boolean;
  /** Members joining besides the organizer. */
  joiners: number;
  /** Events: days from now, and whether they get cancelled or moved into the past. */
  events?: { inDays: number; cancelled?: boolean; past?: boolean }[];
}

const YABA = { lat: 6.5095, lng: 3.3711 };

const SPECS: readonly Spec[] = [
  {
    key: 'lagosJs',
    name: 'Lagos JavaScript Meetup',
    region: 'lagos-ng',
    meetingPlace: { lat: 6.512, lng: 3.372 },
    joiners: 5,
    events: [{ inDays: 10 }, { inDays: 3 }],
  },
  { key: 'yabaPython', name: 'Yaba Python Users', region: 'yaba-lagos-ng', joiners: 3, events: [{ inDays: 3.05 }] },
  // In Yaba, but meets in Ikeja (about 10 km away).
  { key: 'yabaGo', name: 'Yaba Go Club', region: 'yaba-lagos-ng', meetingPlace: { lat: 6.6018, lng: 3.3515 }, joiners: 1 },
  { key: 'ikejaData', name: 'Ikeja Data Science', region: 'ikeja-lagos-ng', joiners: 2, events: [{ inDays: 2, past: true }] },
  { key: 'lagosDesign', name: 'Lagos Design Circle', region: 'lagos-ng', description: 'Designers and illustrators near Yaba.', joiners: 0 },
  {
    key: 'accraKotlin',
    name: 'Accra Kotlin Crew',
    region: 'accra-gh',
    description: 'Android developers.',
    joiners: 3,
    events: [{ inDays: 1 }],
  },
  { key: 'osuCafe', name: 'Café Coders Osu', region: 'osu-accra-gh', joiners: 4 },
  { key: 'accraWomen', name: 'Accra Women in Tech', region: 'accra-gh', joiners: 2 },
  {
    key: 'brooklyn',
    name: 'Brooklyn Black Devs',
    region: 'brooklyn-new-york-city-us',
    joiners: 2,
    events: [{ inDays: 2, cancelled: true }, { inDays: 5 }],
  },
  { key: 'nycRust', name: 'New York Rustaceans', region: 'new-york-city-us', joiners: 1, events: [{ inDays: 1.5, cancelled: true }] },
  // Unlisted: they would match most filters and lead most orderings, and must never be listed.
  {
    key: 'hiddenJs',
    name: 'Yaba Secret JavaScript Society',
    region: 'yaba-lagos-ng',
    unlisted: true,
    joiners: 6,
    events: [{ inDays: 0.5 }],
  },
  { key: 'hiddenAccra', name: 'Accra Hidden Kotlin Guild', region: 'accra-gh', unlisted: true, joiners: 6 },
];

interface Built {
  spec: Spec;
  id: string;
  slug: string;
  createdAt: string;
  memberCount: number;
  /** Start of the next SCHEDULED event still to start, in ms; null without one. */
  nextEvent: number | null;
}

interface Node {
  id: string;
  slug: string;
  name: string;
  memberCount: number;
  createdAt: string;
}

describe('groups search', () => {
  let t: TestApp;
  let regions: Map<string, Region>;
  let built: Built[];
  let memberToken: string;
  let organizerToken: string;
  const byKey = (key: string) => built.find((b) => b.spec.key === key)!;
  const ids = (...keys: string[]) => keys.map((key) => byKey(key).id);
  const listed = () => built.filter((b) => !b.spec.unlisted);
  const hiddenIds = () => built.filter((b) => b.spec.unlisted).map((b) => b.id);

  beforeAll(async () => {
    t = await createTestApp();
    regions = await seedDemo(t.em());
    const organizer = await signedInAccount(t);
    organizerToken = organizer.token;
    const joiners = await Promise.all(Array.from({ length: 6 }, () => signedInAccount(t)));
    memberToken = joiners[0].token;
    built = [];
    for (const spec of SPECS) {
      const group = await createGroup(t, organizer.token, {
        name: spec.name,
        slug: undefined,
        regionId: regions.get(spec.region)!.id,
        description: spec.description,
        meetingPlace: spec.meetingPlace,
        visibility: spec.unlisted ? 'UNLISTED' : 'PUBLIC',
      });
      for (const joiner of joiners.slice(0, spec.joiners)) await join(t, joiner.token, group.id);
      let nextEvent: number | null = null;
      for (const planned of spec.events ?? []) {
        const startsAt = new Date(Date.now() + planned.inDays * 86400e3);
        startsAt.setUTCMilliseconds(0);
        const endsAt = new Date(startsAt.getTime() + 2 * 3600e3);
        const event = await createEvent(t, organizer.token, {
          groupId: group.id,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
        });
        if (planned.cancelled) {
          ok(await t.gql(CANCEL_EVENT, { input: { id: event.id, reason: 'Venue flooded' } }, organizer.token));
        } else if (planned.past) {
          await setEventTimes(t, event.id, new Date(Date.now() - 3 * 86400e3), new Date(Date.now() - 3 * 86400e3 + 3600e3));
        } else if (nextEvent === null || startsAt.getTime() < nextEvent) {
          nextEvent = startsAt.getTime();
        }
      }
      built.push({ spec, id: group.id, slug: group.slug, createdAt: group.createdAt, memberCount: 1 + spec.joiners, nextEvent });
    }
  });
  afterAll(() => t.close());

  /** Every node of a list, read `first` at a time, checking the page info on the way. */
  async function readAll(args: { filter?: Record<string, unknown>; orderBy?: string }, first: number, token?: string) {
    const nodes: Node[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (let pages = 0; pages < 100; pages += 1) {
      const res: GraphQLResponse = await t.gql(GROUPS, { ...args, first, after }, token);
      expect(res.errors).toBeUndefined();
      const page = res.data!.groups;
      expect(page.edges.length).toBeLessThanOrEqual(first);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (totalCount >= 0) expect(page.totalCount).toBe(totalCount);
      totalCount = page.totalCount;
      nodes.push(...page.edges.map((edge: { node: Node }) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.edges).toHaveLength(first);
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      after = page.pageInfo.endCursor;
    }
    // No duplicates, nothing unlisted, and the count agrees.
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(nodes.map((n) => n.id).filter((id) => hiddenIds().includes(id))).toEqual([]);
    expect(totalCount).toBe(nodes.length);
    return nodes;
  }

  const sortedIds = (nodes: Node[]) => nodes.map((n) => n.id).sort();

  describe('orderings, page by page', () => {
    const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

    it('orders by MEMBER_COUNT (the default without text): most members first, then by id', async () => {
      const expected = listed()
        .sort((a, b) => b.memberCount - a.memberCount || compareIds(a.id, b.id))
        .map((b) => b.id);
      for (const first of [1, 3, 100]) {
        expect((await readAll({ orderBy: 'MEMBER_COUNT' }, first)).map((n) => n.id)).toEqual(expected);
      }
      expect((await readAll({}, 4)).map((n) => n.id)).toEqual(expected);
      // The counts listed are the stored ones.
      const nodes = await readAll({}, 100);
      for (const node of nodes)
        expect({ id: node.id, count: node.memberCount }).toEqual({ id: node.id, count: built.find((b) => b.id === node.id)!.memberCount });
    });

    it('orders by NEWEST: most recently created first', async () => {
      const expected = listed()
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || compareIds(b.id, a.id))
        .map((b) => b.id);
      for (const first of [1, 4, 100]) {
        expect((await readAll({ orderBy: 'NEWEST' }, first)).map((n) => n.id)).toEqual(expected);
      }
    });

    it('orders by NEXT_EVENT: soonest next scheduled event first, groups without an upcoming one last', async () => {
      const withEvent = listed()
        .filter((b) => b.nextEvent !== null)
        .sort((a, b) => a.nextEvent! - b.nextEvent! || compareIds(a.id, b.id));
      const without = listed()
        .filter((b) => b.nextEvent === null)
        .sort((a, b) => compareIds(a.id, b.id));
      // Cancelled and past events do not count: New York Rustaceans and Ikeja Data Science have none.
      expect(without.map((b) => b.spec.key)).toEqual(expect.arrayContaining(['nycRust', 'ikejaData']));
      expect(withEvent.map((b) => b.spec.key)).toEqual(['accraKotlin', 'lagosJs', 'yabaPython', 'brooklyn']);
      const expected = [...withEvent, ...without].map((b) => b.id);
      for (const first of [1, 2, 3, 100]) {
        expect((await readAll({ orderBy: 'NEXT_EVENT' }, first)).map((n) => n.id)).toEqual(expected);
      }
    });

    it('orders by RELEVANCE with text (the default then): name matches first, the same list page by page', async () => {
      const all = await readAll({ filter: { text: 'yaba' } }, 100);
      // Names containing the text, then the description match.
      expect(sortedIds(all.slice(0, 2))).toEqual(ids('yabaPython', 'yabaGo').sort());
      expect(all.slice(2).map((n) => n.id)).toEqual(ids('lagosDesign'));
      for (const first of [1, 2]) {
        expect((await readAll({ filter: { text: 'yaba' }, orderBy: 'RELEVANCE' }, first)).map((n) => n.id)).toEqual(all.map((n) => n.id));
      }
      // Another order may be asked for with text.
      const byMembers = await readAll({ filter: { text: 'yaba' }, orderBy: 'MEMBER_COUNT' }, 1);
      expect(byMembers.map((n) => n.id)).toEqual(ids('yabaPython', 'yabaGo', 'lagosDesign'));
    });

    it('lists the same for a signed-in member, the organizer of the unlisted groups included', async () => {
      const anonymous = (await readAll({ orderBy: 'NEWEST' }, 100)).map((n) => n.id);
      expect((await readAll({ orderBy: 'NEWEST' }, 3, memberToken)).map((n) => n.id)).toEqual(anonymous);
      expect((await readAll({ orderBy: 'NEWEST' }, 3, organizerToken)).map((n) => n.id)).toEqual(anonymous);
      expect((await readAll({ filter: { text: 'javascript' } }, 2, organizerToken)).map((n) => n.id)).toEqual(ids('lagosJs'));
    });
  });

  describe('filters', () => {
    it('filters by regionId: the region and everything below it', async () => {
      const lagos = ids('lagosJs', 'yabaPython', 'yabaGo', 'ikejaData', 'lagosDesign').sort();
      expect(sortedIds(await readAll({ filter: { regionId: regions.get('lagos-ng')!.id } }, 2))).toEqual(lagos);
      expect(sortedIds(await readAll({ filter: { regionId: regions.get('nigeria')!.id } }, 100))).toEqual(lagos);
      expect(sortedIds(await readAll({ filter: { regionId: regions.get('yaba-lagos-ng')!.id } }, 100))).toEqual(
        ids('yabaPython', 'yabaGo').sort(),
      );
      expect(sortedIds(await readAll({ filter: { regionId: regions.get('ghana')!.id } }, 100))).toEqual(
        ids('accraKotlin', 'osuCafe', 'accraWomen').sort(),
      );
      expect(sortedIds(await readAll({ filter: { regionId: regions.get('united-states')!.id } }, 100))).toEqual(
        ids('brooklyn', 'nycRust').sort(),
      );
      expect(await readAll({ filter: { regionId: regions.get('barbados')!.id } }, 100)).toEqual([]);
    });

    it('filters by text in the name or description, ignoring case and accents, tolerating a typo in the name', async () => {
      expect(sortedIds(await readAll({ filter: { text: 'cafe' } }, 100))).toEqual(ids('osuCafe'));
      expect(sortedIds(await readAll({ filter: { text: 'CAFÉ CODERS' } }, 100))).toEqual(ids('osuCafe'));
      expect(sortedIds(await readAll({ filter: { text: 'android' } }, 100))).toEqual(ids('accraKotlin'));
      expect(sortedIds(await readAll({ filter: { text: 'kotlin' } }, 100))).toEqual(ids('accraKotlin'));
      expect(sortedIds(await readAll({ filter: { text: 'javascrpt' } }, 100))).toEqual(ids('lagosJs'));
      expect(await readAll({ filter: { text: 'haskell' } }, 100)).toEqual([]);
    });

    it('filters by near: the meeting place when given, else the region centre', async () => {
      // Within 1 km of Yaba's centre: the group placed at it, and the one meeting 300 m away; not the Yaba group meeting in Ikeja.
      expect(sortedIds(await readAll({ filter: { near: { ...YABA, radiusKm: 1 } } }, 1))).toEqual(ids('yabaPython', 'lagosJs').sort());
      // Within 15 km: all of Lagos.
      expect(sortedIds(await readAll({ filter: { near: { ...YABA, radiusKm: 15 } } }, 100))).toEqual(
        ids('lagosJs', 'yabaPython', 'yabaGo', 'ikejaData', 'lagosDesign').sort(),
      );
      // Around Ikeja: the Yaba group that meets there, and the Ikeja group at its centre.
      expect(sortedIds(await readAll({ filter: { near: { lat: 6.6018, lng: 3.3515, radiusKm: 1 } } }, 100))).toEqual(
        ids('yabaGo', 'ikejaData').sort(),
      );
    });

    it('filters by bbox, and combines filters', async () => {
      const aroundYaba = { south: 6.5, north: 6.52, west: 3.36, east: 3.38 };
      expect(sortedIds(await readAll({ filter: { bbox: aroundYaba } }, 1))).toEqual(ids('yabaPython', 'lagosJs').sort());
      const lagosState = { south: 6.3, north: 6.7, west: 3.0, east: 3.7 };
      expect(sortedIds(await readAll({ filter: { bbox: lagosState, text: 'yaba' } }, 100))).toEqual(
        ids('yabaPython', 'yabaGo', 'lagosDesign').sort(),
      );
      expect(
        sortedIds(
          await readAll({ filter: { bbox: lagosState, regionId: regions.get('yaba-lagos-ng')!.id, near: { ...YABA, radiusKm: 5 } } }, 100),
        ),
      ).toEqual(ids('yabaPython'));
      // Across the antimeridian nothing of ours.
      expect(await readAll({ filter: { bbox: { south: -10, north: 10, west: 170, east: -170 } } }, 100)).toEqual([]);
    });

    it('refuses bad arguments with BAD_USER_INPUT and the argument paths, changing nothing', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [{ first: 10, filter: { bbox: { south: 7, north: 6, west: 3, east: 4 } } }, ['filter.bbox.south']],
        [{ first: 10, filter: { near: { lat: 6.5, lng: 3.4, radiusKm: 0 } } }, ['filter.near.radiusKm']],
        [{ first: 10, filter: { near: { lat: 95, lng: 3.4, radiusKm: 1 } } }, ['filter.near.lat']],
        [{ first: 10, filter: { regionId: 'lagos' } }, ['filter.regionId']],
        [{ first: 10, filter: { text: '' } }, ['filter.text']],
        [{ first: 10, orderBy: 'RELEVANCE' }, ['orderBy']],
        [{ first: 0 }, ['first']],
        [{ first: 101 }, ['first']],
        [{ first: 10, after: 'not-a-cursor' }, ['after']],
      ];
      for (const [variables, paths] of cases) {
        const res = await t.expectUnchanged(() => t.gql(GROUPS, variables, memberToken));
        expect({ variables, code: res.errors?.[0].extensions?.code }).toEqual({ variables, code: 'BAD_USER_INPUT' });
        expectError(res, 'BAD_USER_INPUT', paths);
      }
      // A cursor of another ordering.
      const page = ok(await t.gql(GROUPS, { first: 1, orderBy: 'NEWEST' })).groups;
      const res = await t.gql(GROUPS, { first: 1, orderBy: 'MEMBER_COUNT', after: page.pageInfo.endCursor });
      expectError(res, 'BAD_USER_INPUT', ['after']);
    });
  });

  describe('unlisted groups', () => {
    it('are never listed, whatever the filter or order, yet are reachable by slug', async () => {
      const hidden = byKey('hiddenJs');
      const lists = [
        await readAll({}, 100),
        await readAll({ orderBy: 'NEXT_EVENT' }, 100),
        await readAll({ orderBy: 'NEWEST' }, 100, organizerToken),
        await readAll({ filter: { text: 'Secret JavaScript Society' } }, 100),
        await readAll({ filter: { regionId: regions.get('yaba-lagos-ng')!.id } }, 100, organizerToken),
        await readAll({ filter: { near: { ...YABA, radiusKm: 1 } } }, 100),
        await readAll({ filter: { text: 'kotlin' } }, 100),
      ];
      for (const list of lists) expect(list.map((n) => n.id).filter((id) => hiddenIds().includes(id))).toEqual([]);
      expect(lists[3]).toEqual([]);

      const found = ok(await t.gql(GROUP, { slug: hidden.slug })).group;
      expect(found).toMatchObject({ id: hidden.id, visibility: 'UNLISTED', memberCount: 7 });
    });
  });
});
