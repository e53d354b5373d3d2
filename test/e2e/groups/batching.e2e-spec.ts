import { Business } from '../../../src/modules/businesses/business.entity';
import { GroupEvent } from '../../../src/modules/groups/event.entity';
import { Group } from '../../../src/modules/groups/group.entity';
import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { seedDemo } from '../../utils/seed';
import { createTestApp, TestApp } from '../../utils/test-app';
import { createGroup, fromNow } from './groups-fixture';

/**
 * Per-parent-limited lists (a group's and a venue's upcoming events) load in one windowed query for
 * the whole page, with their venues and regions batched: the number of SQL statements does not
 * grow with the page.
 */

const GROUPS_WITH_VENUES = `query ($first: Int!) {
  groups(first: $first, orderBy: NEWEST) { edges { node { id upcomingEvents { title venue { name region { name } } } } } }
}`;
const BUSINESSES_WITH_EVENTS = `query ($first: Int!) {
  businesses(first: $first) { edges { node { id name upcomingEvents { title } } } }
}`;

const GROUPS = 55;

describe('batching of upcoming events', () => {
  let t: TestApp;
  /** The venue (listing) ids in creation order; group i meets at venues i and i + 1. */
  let venues: { id: string; name: string; region: string }[];
  /** Per group id: its events' titles and venues, soonest first. */
  const expectedByGroup = new Map<string, { title: string; venue: { name: string; region: { name: string } } }[]>();
  /** Per venue id: its events' titles, soonest first. */
  const expectedByVenue = new Map<string, { title: string; startsAt: string }[]>();

  beforeAll(async () => {
    t = await createTestApp();
    const bySlug = await seedDemo(t.em());
    const places: Region[] = [...bySlug.values()].filter((r) => r.latitude !== null).slice(0, 20);
    expect(places.length).toBe(20);
    const organizer = await signedInAccount(t);
    const em = t.em();
    venues = [];
    for (let i = 0; i < GROUPS; i += 1) {
      const place = places[i % places.length];
      const business = await createBusiness(em, {
        region: place,
        name: `Venue ${String(i).padStart(2, '0')}`,
        location: { lat: place.latitude!, lng: place.longitude! },
      });
      venues.push({ id: business.id, name: business.name, region: place.name });
    }
    for (let i = 0; i < GROUPS; i += 1) {
      const group = await createGroup(t, organizer.token, { name: `Group ${i}`, regionId: places[i % places.length].id });
      const planned = [
        { title: `G${i} first`, venue: venues[i], startsAt: fromNow(1 + i / 100) },
        { title: `G${i} second`, venue: venues[(i + 1) % GROUPS], startsAt: fromNow(2 + i / 100) },
        { title: `G${i} third`, venue: venues[(i + 2) % GROUPS], startsAt: fromNow(3 + i / 100) },
        // A fourth beyond the default `first: 3`.
        { title: `G${i} fourth`, venue: venues[(i + 3) % GROUPS], startsAt: fromNow(4 + i / 100) },
      ];
      // Stored directly (creating them is tested elsewhere): four events at four venues.
      for (const event of planned) {
        const stored = new GroupEvent({
          group: em.getReference(Group, group.id),
          title: event.title,
          startsAt: new Date(event.startsAt),
          endsAt: new Date(new Date(event.startsAt).getTime() + 3600e3),
          timeZone: 'UTC',
        });
        const venue = await em.findOneOrFail(Business, event.venue.id);
        em.assign(stored, { venue, region: venue.region, latitude: venue.latitude!, longitude: venue.longitude! });
        em.persist(stored);
        expectedByVenue.set(event.venue.id, [
          ...(expectedByVenue.get(event.venue.id) ?? []),
          { title: event.title, startsAt: event.startsAt },
        ]);
      }
      expectedByGroup.set(
        group.id,
        planned
          .slice(0, 3)
          .map((event) => ({ title: event.title, venue: { name: event.venue.name, region: { name: event.venue.region } } })),
      );
    }
    await em.flush();
  });
  afterAll(() => t.close());

  it('loads groups { upcomingEvents { venue { name region { name } } } } with as many statements for 5 groups as for 50', async () => {
    const small = await t.countSql(() => t.gql(GROUPS_WITH_VENUES, { first: 5 }));
    const large = await t.countSql(() => t.gql(GROUPS_WITH_VENUES, { first: 50 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    const edges = large.result.data!.groups.edges;
    expect(edges).toHaveLength(50);
    expect(small.result.data!.groups.edges).toHaveLength(5);
    // The right events, with their venues and regions.
    for (const { node } of edges)
      expect({ id: node.id, events: node.upcomingEvents }).toEqual({ id: node.id, events: expectedByGroup.get(node.id) });
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(5);
  });

  it('loads businesses { upcomingEvents { title } } with as many statements for 5 listings as for 50', async () => {
    const small = await t.countSql(() => t.gql(BUSINESSES_WITH_EVENTS, { first: 5 }));
    const large = await t.countSql(() => t.gql(BUSINESSES_WITH_EVENTS, { first: 50 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    const edges = large.result.data!.businesses.edges;
    expect(edges).toHaveLength(50);
    for (const { node } of edges) {
      const expected = (expectedByVenue.get(node.id) ?? [])
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
        .slice(0, 3)
        .map((event) => ({ title: event.title }));
      expect(expected.length).toBe(3);
      expect({ name: node.name, events: node.upcomingEvents }).toEqual({ name: node.name, events: expected });
    }
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(3);
  });

  it('batches different `first` values in one request without mixing them up', async () => {
    const query = `query { groups(first: 10, orderBy: NEWEST) { edges { node { id one: upcomingEvents(first: 1) { title } all: upcomingEvents(first: 20) { title } } } } }`;
    const { result, statements } = await t.countSql(() => t.gql(query));
    expect(result.errors).toBeUndefined();
    for (const { node } of result.data!.groups.edges) {
      const titles = expectedByGroup.get(node.id)!.map((event) => event.title);
      expect(node.one).toEqual([{ title: titles[0] }]);
      expect(node.all.map((event: { title: string }) => event.title)).toEqual([...titles, titles[0].replace('first', 'fourth')]);
    }
    expect(statements.length).toBeLessThanOrEqual(4);
  });
});

describe('batching of members and join requests', () => {
  let t: TestApp;
  let organizer: Awaited<ReturnType<typeof signedInAccount>>;
  /** Per group id: its members' names in list order, and its join requests'. */
  const expected = new Map<string, { members: string[]; requests: string[] }>();

  beforeAll(async () => {
    t = await createTestApp();
    const lagos = (await seedDemo(t.em())).get('lagos-ng')!;
    organizer = await signedInAccount(t, { displayName: 'Organizer', publicProfile: true });
    const [member, asking] = [
      await signedInAccount(t, { displayName: 'Member', publicProfile: true }),
      await signedInAccount(t, { displayName: 'Asking', publicProfile: true }),
    ];
    for (let i = 0; i < GROUPS; i += 1) {
      const group = await createGroup(t, organizer.token, { name: `Circle ${i}`, regionId: lagos.id, joinPolicy: 'APPROVAL' });
      // Stored directly (joining is tested elsewhere): a member in every other group, a request in every third.
      if (i % 2 === 0) {
        await t
          .em()
          .getConnection()
          .execute(`INSERT INTO group_membership (group_id, account_id, role, status) VALUES (?, ?, 'MEMBER', 'ACTIVE')`, [
            group.id,
            member.account.id,
          ]);
      }
      if (i % 3 === 0) {
        await t
          .em()
          .getConnection()
          .execute(`INSERT INTO group_membership (group_id, account_id, role, status) VALUES (?, ?, 'MEMBER', 'PENDING')`, [
            group.id,
            asking.account.id,
          ]);
      }
      expected.set(group.id, { members: ['Organizer', ...(i % 2 === 0 ? ['Member'] : [])], requests: i % 3 === 0 ? ['Asking'] : [] });
    }
  });
  afterAll(() => t.close());

  const MEMBERS = `query ($first: Int!) {
    groups(first: $first, orderBy: NEWEST) { edges { node { id
      members(first: 1) { totalCount edges { node { displayName } } pageInfo { hasNextPage endCursor } }
      joinRequests(first: 5) { totalCount edges { node { displayName } } }
    } } }
  }`;

  it('loads groups { members { totalCount } joinRequests } with as many statements for 5 groups as for 50, each its own', async () => {
    const small = await t.countSql(() => t.gql(MEMBERS, { first: 5 }, organizer.token));
    const large = await t.countSql(() => t.gql(MEMBERS, { first: 50 }, organizer.token));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    const edges = large.result.data!.groups.edges;
    expect(edges).toHaveLength(50);
    for (const { node } of edges) {
      const want = expected.get(node.id)!;
      expect({ id: node.id, members: node.members.edges.map((e: any) => e.node.displayName), total: node.members.totalCount }).toEqual({
        id: node.id,
        members: want.members.slice(0, 1),
        total: want.members.length,
      });
      expect(node.members.pageInfo.hasNextPage).toBe(want.members.length > 1);
      expect(node.joinRequests).toEqual({
        totalCount: want.requests.length,
        edges: want.requests.map((displayName) => ({ node: { displayName } })),
      });
    }
    expect(large.statements.length).toBe(small.statements.length);
    // The second page of one group follows the first page's cursor.
    const withTwo = edges.find(({ node }: any) => node.members.pageInfo.hasNextPage).node;
    const next = await t.gql(
      `query ($id: ID!, $after: String) { group(id: $id) { members(first: 1, after: $after) { edges { node { displayName } } pageInfo { hasNextPage } } } }`,
      { id: withTwo.id, after: withTwo.members.pageInfo.endCursor },
      organizer.token,
    );
    expect(next.data!.group.members).toEqual({ edges: [{ node: { displayName: 'Member' } }], pageInfo: { hasNextPage: false } });
  });
});
