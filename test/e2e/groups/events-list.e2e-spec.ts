import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { seedDemo } from '../../utils/seed';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { CANCEL_EVENT, createEvent, createGroup, EVENTS, expectError, ok, setEventTimes } from './groups-fixture';

/**
 * `events(filter, first, after)`: by start, upcoming by default, every filter, read page by page
 * against answers computed from the fixture; events of unlisted groups only with their groupId.
 */

type GroupKey = 'lagos' | 'accra' | 'nyc' | 'hidden';
type VenueKey = 'yaba' | 'accra';

interface EventSpec {
  key: string;
  group: GroupKey;
  venue?: VenueKey;
  /** Start, in hours from now. */
  startsIn: number;
  hours?: number;
  cancelled?: boolean;
}

const EVENT_SPECS: readonly EventSpec[] = [
  { key: 'lagosOnline', group: 'lagos', startsIn: 24 },
  { key: 'lagosAtYaba', group: 'lagos', venue: 'yaba', startsIn: 48 },
  { key: 'accraAtAccra', group: 'accra', venue: 'accra', startsIn: 36 },
  { key: 'accraCancelled', group: 'accra', startsIn: 96, cancelled: true },
  { key: 'hiddenAtYaba', group: 'hidden', venue: 'yaba', startsIn: 30 },
  { key: 'nycOnline', group: 'nyc', startsIn: 72 },
  // Moved in time after creation (the API refuses past starts): one going on now, one over.
  { key: 'lagosOngoing', group: 'lagos', startsIn: -1, hours: 2 },
  { key: 'lagosEnded', group: 'lagos', startsIn: -72, hours: 2 },
  { key: 'hiddenOnline', group: 'hidden', startsIn: 144 },
  { key: 'lagosLater', group: 'lagos', venue: 'yaba', startsIn: 192 },
  { key: 'accraLater', group: 'accra', startsIn: 240 },
  // Two at the very same instant: ordered by id.
  { key: 'twinA', group: 'nyc', startsIn: 120 },
  { key: 'twinB', group: 'lagos', startsIn: 120 },
];

interface Built {
  spec: EventSpec;
  id: string;
  startsAt: number;
  endsAt: number;
  groupId: string;
}

describe('events list', () => {
  let t: TestApp;
  let regions: Map<string, Region>;
  let events: Built[];
  let groupIds: Record<GroupKey, string>;
  let venueIds: Record<VenueKey, string>;
  const region = (slug: string) => regions.get(slug)!;
  const idsOf = (...keys: string[]) => keys.map((key) => events.find((e) => e.spec.key === key)!.id);
  /** The expected list: the events matching, by start then id. */
  const expected = (match: (e: Built) => boolean) =>
    events
      .filter(match)
      .sort((a, b) => a.startsAt - b.startsAt || (a.id < b.id ? -1 : 1))
      .map((e) => e.id);
  const listedGroup = (e: Built) => e.spec.group !== 'hidden';
  const notEnded = (e: Built) => e.endsAt > Date.now();

  beforeAll(async () => {
    t = await createTestApp();
    regions = await seedDemo(t.em());
    const organizer = await signedInAccount(t);
    const em = t.em();
    venueIds = {
      yaba: (await createBusiness(em, { region: region('yaba-lagos-ng'), name: 'Yaba Hall', location: { lat: 6.51, lng: 3.37 } })).id,
      accra: (await createBusiness(em, { region: region('osu-accra-gh'), name: 'Osu Studio', location: { lat: 5.556, lng: -0.176 } })).id,
    };
    groupIds = {
      // Meets about 1.5 km from the Yaba venue.
      lagos: (await createGroup(t, organizer.token, { regionId: region('lagos-ng').id, meetingPlace: { lat: 6.52, lng: 3.38 } })).id,
      accra: (await createGroup(t, organizer.token, { regionId: region('accra-gh').id })).id,
      nyc: (await createGroup(t, organizer.token, { regionId: region('new-york-city-us').id })).id,
      hidden: (await createGroup(t, organizer.token, { regionId: region('yaba-lagos-ng').id, visibility: 'UNLISTED' })).id,
    };
    const base = Date.now();
    const twinStart = new Date(base + 120 * 3600e3);
    twinStart.setUTCMilliseconds(0);
    events = [];
    for (const spec of EVENT_SPECS) {
      const past = spec.startsIn < 0;
      let startsAt = spec.key.startsWith('twin') ? twinStart : new Date(base + (past ? 24 : spec.startsIn) * 3600e3);
      startsAt.setUTCMilliseconds(0);
      let endsAt = new Date(startsAt.getTime() + (spec.hours ?? 2) * 3600e3);
      const event = await createEvent(t, organizer.token, {
        groupId: groupIds[spec.group],
        venueId: spec.venue ? venueIds[spec.venue] : undefined,
        onlineUrl: spec.venue ? undefined : 'https://meet.example.org/online',
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
      });
      if (past) {
        startsAt = new Date(Date.now() + spec.startsIn * 3600e3);
        endsAt = new Date(startsAt.getTime() + (spec.hours ?? 2) * 3600e3);
        await setEventTimes(t, event.id, startsAt, endsAt);
      }
      if (spec.cancelled) ok(await t.gql(CANCEL_EVENT, { input: { id: event.id, reason: 'Called off' } }, organizer.token));
      events.push({ spec, id: event.id, startsAt: startsAt.getTime(), endsAt: endsAt.getTime(), groupId: groupIds[spec.group] });
    }
  });
  afterAll(() => t.close());

  /** Every event of a list, `first` at a time, checking the page info, the order by start and that nothing repeats. */
  async function readAll(filter: Record<string, unknown> | undefined, first: number): Promise<string[]> {
    const nodes: { id: string; startsAt: string }[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (let pages = 0; pages < 100; pages += 1) {
      const res: GraphQLResponse = await t.gql(EVENTS, { filter, first, after });
      expect(res.errors).toBeUndefined();
      const page = res.data!.events;
      expect(page.edges.length).toBeLessThanOrEqual(first);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (totalCount >= 0) expect(page.totalCount).toBe(totalCount);
      totalCount = page.totalCount;
      nodes.push(...page.edges.map((edge: { node: { id: string; startsAt: string } }) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.edges).toHaveLength(first);
      after = page.pageInfo.endCursor;
    }
    const ids = nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(totalCount).toBe(ids.length);
    const starts = nodes.map((n) => n.startsAt);
    expect([...starts].sort()).toEqual(starts);
    return ids;
  }

  it('lists the events that have not ended (ongoing ones too), by start then id, cancelled ones included, page by page', async () => {
    const upcoming = expected((e) => listedGroup(e) && notEnded(e));
    expect(upcoming[0]).toBe(idsOf('lagosOngoing')[0]);
    expect(upcoming).toContain(idsOf('accraCancelled')[0]);
    expect(upcoming).not.toContain(idsOf('lagosEnded')[0]);
    for (const first of [1, 2, 5, 100]) expect(await readAll(undefined, first)).toEqual(upcoming);
    const cancelled = ok(await t.gql(EVENTS, { first: 100 })).events.edges.find((e: any) => e.node.id === idsOf('accraCancelled')[0]);
    expect(cancelled.node.status).toBe('CANCELLED');
  });

  it('filters by from and to: starting at or after `from` (ended ones too), before `to`', async () => {
    const from = Date.now() + 30 * 3600e3;
    const to = Date.now() + 100 * 3600e3;
    expect(await readAll({ from: new Date(from).toISOString(), to: new Date(to).toISOString() }, 2)).toEqual(
      expected((e) => listedGroup(e) && e.startsAt >= from && e.startsAt < to),
    );
    const longAgo = Date.now() - 10 * 86400e3;
    const everything = expected(listedGroup);
    expect(await readAll({ from: new Date(longAgo).toISOString() }, 3)).toEqual(everything);
    expect(everything).toContain(idsOf('lagosEnded')[0]);
    // Up to now, without `from`: only what has not ended (the ongoing one).
    expect(await readAll({ to: new Date().toISOString() }, 100)).toEqual(idsOf('lagosOngoing'));
    expect(await readAll({ from: new Date(longAgo).toISOString(), to: new Date().toISOString() }, 100)).toEqual(
      idsOf('lagosEnded', 'lagosOngoing'),
    );
  });

  it('filters by groupId, and lists an unlisted group’s events only that way', async () => {
    expect(await readAll({ groupId: groupIds.lagos }, 2)).toEqual(expected((e) => e.spec.group === 'lagos' && notEnded(e)));
    expect(await readAll({ groupId: groupIds.hidden }, 1)).toEqual(idsOf('hiddenAtYaba', 'hiddenOnline'));
    expect(await readAll({ groupId: '00000000-0000-4000-8000-000000000000' }, 10)).toEqual([]);
  });

  it('filters by regionId (the venue’s region, else the group’s; everything below the region)', async () => {
    const lagos = expected((e) => listedGroup(e) && notEnded(e) && (e.spec.group === 'lagos' || e.spec.venue === 'yaba'));
    expect(await readAll({ regionId: region('lagos-ng').id }, 2)).toEqual(lagos);
    expect(await readAll({ regionId: region('nigeria').id }, 100)).toEqual(lagos);
    // In Yaba itself: only events at the Yaba venue (the Lagos group is in the city, not the neighbourhood).
    expect(await readAll({ regionId: region('yaba-lagos-ng').id }, 100)).toEqual(idsOf('lagosAtYaba', 'lagosLater'));
    expect(await readAll({ regionId: region('osu-accra-gh').id }, 100)).toEqual(idsOf('accraAtAccra'));
    expect(await readAll({ regionId: region('ghana').id }, 100)).toEqual(expected((e) => e.spec.group === 'accra' && notEnded(e)));
  });

  it('filters by venueId; an unlisted group’s event at the venue only with its groupId', async () => {
    expect(await readAll({ venueId: venueIds.yaba }, 1)).toEqual(idsOf('lagosAtYaba', 'lagosLater'));
    expect(await readAll({ venueId: venueIds.yaba, groupId: groupIds.hidden }, 10)).toEqual(idsOf('hiddenAtYaba'));
    expect(await readAll({ venueId: venueIds.accra }, 10)).toEqual(idsOf('accraAtAccra'));
  });

  it('filters by near and bbox: the venue’s place, else the group’s', async () => {
    const atYaba = { lat: 6.51, lng: 3.37 };
    expect(await readAll({ near: { ...atYaba, radiusKm: 1 } }, 1)).toEqual(idsOf('lagosAtYaba', 'lagosLater'));
    expect(await readAll({ near: { ...atYaba, radiusKm: 3 } }, 2)).toEqual(expected((e) => e.spec.group === 'lagos' && notEnded(e)));
    expect(await readAll({ bbox: { south: 5.4, north: 5.7, west: -0.3, east: 0 } }, 2)).toEqual(
      expected((e) => e.spec.group === 'accra' && notEnded(e)),
    );
    expect(
      await readAll({ bbox: { south: 5.4, north: 5.7, west: -0.3, east: 0 }, near: { lat: 5.556, lng: -0.176, radiusKm: 1 } }, 2),
    ).toEqual(idsOf('accraAtAccra'));
  });

  it('never lists an unlisted group’s events without its groupId, whatever the other filters', async () => {
    const hidden = idsOf('hiddenAtYaba', 'hiddenOnline');
    const lists = [
      await readAll(undefined, 100),
      await readAll({ from: new Date(Date.now() - 86400e3).toISOString() }, 100),
      await readAll({ regionId: region('yaba-lagos-ng').id }, 100),
      await readAll({ venueId: venueIds.yaba }, 100),
      await readAll({ near: { lat: 6.51, lng: 3.37, radiusKm: 50 } }, 100),
      await readAll({ bbox: { south: -90, north: 90, west: -180, east: 180 } }, 100),
    ];
    for (const list of lists) expect(list.filter((id) => hidden.includes(id))).toEqual([]);
  });

  it('refuses bad arguments with BAD_USER_INPUT and the argument paths, changing nothing', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ first: 10, filter: { bbox: { south: 7, north: 6, west: 3, east: 4 } } }, ['filter.bbox.south']],
      [{ first: 10, filter: { near: { lat: 6.5, lng: 3.4, radiusKm: 101 } } }, ['filter.near.radiusKm']],
      [
        { first: 10, filter: { groupId: 'lagos', venueId: 'yaba', regionId: 'ng' } },
        ['filter.groupId', 'filter.venueId', 'filter.regionId'],
      ],
      [{ first: 0 }, ['first']],
      [{ first: 10, after: 'garbage' }, ['after']],
    ];
    for (const [variables, paths] of cases) {
      const res = await t.expectUnchanged(() => t.gql(EVENTS, variables));
      expect({ variables, code: res.errors?.[0].extensions?.code }).toEqual({ variables, code: 'BAD_USER_INPUT' });
      expectError(res, 'BAD_USER_INPUT', paths);
    }
  });

  describe('upcoming events of a group and of a venue', () => {
    const GROUP_UPCOMING = `query ($id: ID!, $first: Int!) { group(id: $id) { upcomingEvents(first: $first) { id status } } }`;
    const VENUE_UPCOMING = `query ($id: ID!, $first: Int!) { business(id: $id) { upcomingEvents(first: $first) { id title } } }`;

    it('lists a group’s next events (not ended, cancelled ones too), soonest first, up to `first`', async () => {
      const all = expected((e) => e.spec.group === 'accra' && notEnded(e));
      const res = ok(await t.gql(GROUP_UPCOMING, { id: groupIds.accra, first: 20 })).group.upcomingEvents;
      expect(res.map((e: any) => e.id)).toEqual(all);
      expect(res.find((e: any) => e.id === idsOf('accraCancelled')[0]).status).toBe('CANCELLED');
      const two = ok(await t.gql(GROUP_UPCOMING, { id: groupIds.lagos, first: 2 })).group.upcomingEvents;
      expect(two.map((e: any) => e.id)).toEqual(expected((e) => e.spec.group === 'lagos' && notEnded(e)).slice(0, 2));
      // An unlisted group's own page shows its events.
      expect(ok(await t.gql(GROUP_UPCOMING, { id: groupIds.hidden, first: 3 })).group.upcomingEvents.map((e: any) => e.id)).toEqual(
        idsOf('hiddenAtYaba', 'hiddenOnline'),
      );
      for (const first of [0, 21]) {
        expectError(await t.gql(GROUP_UPCOMING, { id: groupIds.lagos, first }), 'BAD_USER_INPUT', ['first']);
      }
    });

    it('lists the events held at a venue, soonest first, without those of unlisted groups', async () => {
      const res = ok(await t.gql(VENUE_UPCOMING, { id: venueIds.yaba, first: 20 })).business.upcomingEvents;
      expect(res.map((e: any) => e.id)).toEqual(idsOf('lagosAtYaba', 'lagosLater'));
      const one = ok(await t.gql(VENUE_UPCOMING, { id: venueIds.yaba, first: 1 })).business.upcomingEvents;
      expect(one.map((e: any) => e.id)).toEqual(idsOf('lagosAtYaba'));
    });
  });
});
