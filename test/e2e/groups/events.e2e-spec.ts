import { BusinessStatus } from '../../../src/modules/businesses/business-status';
import { Business } from '../../../src/modules/businesses/business.entity';
import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { whileLocked } from '../../utils/locks';
import { seedDemo } from '../../utils/seed';
import { createTestApp, TestApp } from '../../utils/test-app';
import {
  APPROVE,
  CANCEL_EVENT,
  CREATE_EVENT,
  createEvent,
  createGroup,
  EVENT,
  EVENTS,
  expectError,
  fromNow,
  GROUP,
  join,
  LEAVE,
  NOT_UUID,
  ok,
  REMOVE_MEMBER,
  RSVP,
  rsvp,
  rsvpStatuses,
  setEventTimes,
  sql,
  UNKNOWN_ID,
  UPDATE_EVENT,
} from './groups-fixture';

/** Events over GraphQL: organizers create, edit and cancel them; members answer, with a capacity and a waitlist. */

type Member = Awaited<ReturnType<typeof signedInAccount>>;

describe('events', () => {
  let t: TestApp;
  let regions: Map<string, Region>;
  let ada: Member; // organizes every group below
  let bola: Member; // a plain member of every group below
  let outsider: Member; // in no group
  let openGroup: Record<string, any>;
  let approvalGroup: Record<string, any>;
  let hiddenGroup: Record<string, any>;
  let venue: Business; // published, in Yaba, with a location
  let venueNoLocation: Business; // published, in Accra, without a location
  let draftVenue: Business;
  let suspendedVenue: Business;
  let deletedVenue: Business;
  const region = (slug: string) => regions.get(slug)!;

  beforeAll(async () => {
    t = await createTestApp();
    regions = await seedDemo(t.em());
    [ada, bola, outsider] = await Promise.all([
      signedInAccount(t, { publicProfile: true }),
      signedInAccount(t, { publicProfile: true }),
      signedInAccount(t, { publicProfile: true }),
    ]);
    const em = t.em();
    venue = await createBusiness(em, {
      region: region('yaba-lagos-ng'),
      name: 'Yaba Hub',
      timeZone: 'Africa/Lagos',
      location: { lat: 6.51, lng: 3.37 },
    });
    venueNoLocation = await createBusiness(em, {
      region: region('accra-gh'),
      name: 'Accra Loft',
      timeZone: 'Africa/Accra',
      location: null,
    });
    draftVenue = await createBusiness(em, { region: region('yaba-lagos-ng'), status: BusinessStatus.DRAFT });
    suspendedVenue = await createBusiness(em, { region: region('yaba-lagos-ng'), status: BusinessStatus.SUSPENDED });
    deletedVenue = await createBusiness(em, { region: region('yaba-lagos-ng') });
    await sql(t, 'UPDATE business SET deleted_at = now() WHERE id = ?', [deletedVenue.id]);

    openGroup = await createGroup(t, ada.token, { regionId: region('lagos-ng').id, meetingPlace: { lat: 6.52, lng: 3.38 } });
    approvalGroup = await createGroup(t, ada.token, { regionId: region('lagos-ng').id, joinPolicy: 'APPROVAL' });
    hiddenGroup = await createGroup(t, ada.token, { regionId: region('lagos-ng').id, visibility: 'UNLISTED' });
    await join(t, bola.token, openGroup.id);
    await join(t, bola.token, approvalGroup.id);
    ok(await t.gql(APPROVE, { input: { groupId: approvalGroup.id, accountId: bola.account.id } }, ada.token));
    await join(t, bola.token, hiddenGroup.id);
  });
  afterAll(() => t.close());

  describe('the whole flow', () => {
    it('creates events at a venue, online, or both; edits, answers and cancels them; a cancelled event stays visible', async () => {
      const startsAt = fromNow(5);
      const endsAt = fromNow(5, 3);

      // At a venue: placed at the venue, in its region, in its time zone.
      const atVenue = ok(
        await t.gql(
          CREATE_EVENT,
          {
            input: {
              groupId: openGroup.id,
              title: '  Rust and Jollof  ',
              description: 'Talks, then food.',
              startsAt,
              endsAt,
              venueId: venue.id,
              capacity: 40,
            },
          },
          ada.token,
        ),
      ).createEvent.event;
      expect(atVenue).toMatchObject({
        title: 'Rust and Jollof',
        description: 'Talks, then food.',
        startsAt,
        endsAt,
        timeZone: 'Africa/Lagos',
        onlineUrl: null,
        capacity: 40,
        status: 'SCHEDULED',
        cancelReason: null,
        version: 1,
        goingCount: 0,
        waitlistCount: 0,
        viewerRsvp: null,
        group: { id: openGroup.id, slug: openGroup.slug },
        venue: { id: venue.id, name: 'Yaba Hub' },
        region: { slug: 'yaba-lagos-ng' },
        location: { lat: 6.51, lng: 3.37 },
      });

      // Online only: placed where the group meets, in the group region's time zone.
      const online = await createEvent(t, ada.token, {
        groupId: openGroup.id,
        onlineUrl: 'https://meet.example.org/abc',
        timeZone: undefined,
      });
      expect(online).toMatchObject({
        timeZone: 'Africa/Lagos',
        onlineUrl: 'https://meet.example.org/abc',
        venue: null,
        capacity: null,
        region: { slug: 'lagos-ng' },
        location: { lat: 6.52, lng: 3.38 },
      });

      // Both, at a venue without a location: the venue's region and zone, the group's place; an explicit zone wins.
      const both = await createEvent(t, ada.token, { groupId: openGroup.id, venueId: venueNoLocation.id, timeZone: 'Europe/London' });
      expect(both).toMatchObject({
        timeZone: 'Europe/London',
        venue: { id: venueNoLocation.id },
        onlineUrl: 'https://meet.example.org/room',
        region: { slug: 'lagos-ng' },
        location: { lat: 6.52, lng: 3.38 },
      });
      const defaultZone = await createEvent(t, ada.token, { groupId: openGroup.id, venueId: venueNoLocation.id });
      expect(defaultZone.timeZone).toBe('Africa/Accra');

      // Read back by id, by anyone.
      expect(ok(await t.gql(EVENT, { id: atVenue.id })).event).toEqual({ ...atVenue });

      // Bola answers; the counts and his answer show.
      const answered = ok(await t.gql(RSVP, { input: { eventId: atVenue.id, status: 'GOING' } }, bola.token)).rsvp;
      expect(answered).toMatchObject({
        rsvp: { status: 'GOING' },
        event: { id: atVenue.id, goingCount: 1, waitlistCount: 0, viewerRsvp: 'GOING' },
      });
      expect(ok(await t.gql(EVENT, { id: atVenue.id }, bola.token)).event).toMatchObject({ goingCount: 1, viewerRsvp: 'GOING' });
      expect(ok(await t.gql(EVENT, { id: atVenue.id }, ada.token)).event).toMatchObject({ goingCount: 1, viewerRsvp: null });

      // Ada edits: new times, title, capacity; moves it online (dropping the venue).
      const newStart = fromNow(6);
      const newEnd = fromNow(6, 4);
      const edited = ok(
        await t.gql(
          UPDATE_EVENT,
          {
            input: {
              id: atVenue.id,
              expectedVersion: 1,
              title: 'Rust, Jollof and Go',
              startsAt: newStart,
              endsAt: newEnd,
              capacity: 50,
              onlineUrl: 'https://meet.example.org/rust',
              venueId: null,
            },
          },
          ada.token,
        ),
      ).updateEvent.event;
      expect(edited).toMatchObject({
        title: 'Rust, Jollof and Go',
        description: 'Talks, then food.',
        startsAt: newStart,
        endsAt: newEnd,
        capacity: 50,
        venue: null,
        onlineUrl: 'https://meet.example.org/rust',
        region: { slug: 'lagos-ng' },
        location: { lat: 6.52, lng: 3.38 },
        version: 2,
        goingCount: 1,
      });

      // Back to a venue, keeping the online link.
      const moved = ok(await t.gql(UPDATE_EVENT, { input: { id: atVenue.id, venueId: venue.id } }, ada.token)).updateEvent.event;
      expect(moved).toMatchObject({
        venue: { id: venue.id },
        onlineUrl: 'https://meet.example.org/rust',
        region: { slug: 'yaba-lagos-ng' },
        location: { lat: 6.51, lng: 3.37 },
      });

      // Cancelled: still there, as cancelled, with the reason; in the group's upcoming events and the events list too.
      const cancelled = ok(await t.gql(CANCEL_EVENT, { input: { id: atVenue.id, reason: '  The venue flooded.  ' } }, ada.token))
        .cancelEvent.event;
      expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'The venue flooded.', goingCount: 1 });
      expect(ok(await t.gql(EVENT, { id: atVenue.id })).event).toMatchObject({ status: 'CANCELLED', cancelReason: 'The venue flooded.' });
      const upcoming = ok(
        await t.gql(`query ($id: ID!) { group(id: $id) { upcomingEvents(first: 20) { id status cancelReason } } }`, { id: openGroup.id }),
      ).group.upcomingEvents;
      expect(upcoming).toContainEqual({ id: atVenue.id, status: 'CANCELLED', cancelReason: 'The venue flooded.' });
      const listed = ok(await t.gql(EVENTS, { first: 100, filter: { groupId: openGroup.id } })).events.edges.map((e: any) => e.node);
      expect(listed).toContainEqual(expect.objectContaining({ id: atVenue.id, status: 'CANCELLED' }));

      // A cancelled event cannot change, be cancelled again, or be answered.
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_EVENT, { input: { id: atVenue.id, title: 'Back on' } }, ada.token)),
        'PRECONDITION_FAILED',
      );
      expectError(
        await t.expectUnchanged(() => t.gql(CANCEL_EVENT, { input: { id: atVenue.id, reason: 'Again!' } }, ada.token)),
        'PRECONDITION_FAILED',
      );
      expectError(
        await t.expectUnchanged(() => t.gql(RSVP, { input: { eventId: atVenue.id, status: 'NOT_GOING' } }, bola.token)),
        'PRECONDITION_FAILED',
      );
    });

    it('reads an event of an unlisted group by its id', async () => {
      const event = await createEvent(t, ada.token, { groupId: hiddenGroup.id });
      expect(ok(await t.gql(EVENT, { id: event.id })).event).toMatchObject({ id: event.id, group: { id: hiddenGroup.id } });
    });
  });

  describe('refusals when creating', () => {
    const valid = () => ({
      groupId: openGroup.id,
      title: 'Valid',
      startsAt: fromNow(3),
      endsAt: fromNow(3, 2),
      onlineUrl: 'https://meet.example.org/v',
    });

    it('refuses an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
      expectError(await t.expectUnchanged(() => t.gql(CREATE_EVENT, { input: valid() })), 'UNAUTHENTICATED');
    });

    it('refuses a member who does not organize the group (FORBIDDEN), or NOT_FOUND for an unlisted group they are not in', async () => {
      expectError(await t.expectUnchanged(() => t.gql(CREATE_EVENT, { input: valid() }, bola.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(CREATE_EVENT, { input: valid() }, outsider.token)), 'FORBIDDEN');
      expectError(
        await t.expectUnchanged(() => t.gql(CREATE_EVENT, { input: { ...valid(), groupId: hiddenGroup.id } }, bola.token)),
        'FORBIDDEN',
      );
      expectError(
        await t.expectUnchanged(() => t.gql(CREATE_EVENT, { input: { ...valid(), groupId: hiddenGroup.id } }, outsider.token)),
        'NOT_FOUND',
      );
      expectError(
        await t.expectUnchanged(() => t.gql(CREATE_EVENT, { input: { ...valid(), groupId: UNKNOWN_ID } }, ada.token)),
        'NOT_FOUND',
      );
    });

    it('refuses bad input with BAD_USER_INPUT and the field paths, changing nothing', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [
          { title: '   ', groupId: NOT_UUID, capacity: 0, onlineUrl: 'ftp://example.org/x' },
          ['input.title', 'input.groupId', 'input.capacity', 'input.onlineUrl'],
        ],
        [{ description: 'x'.repeat(10001), capacity: 100001, venueId: 'venue' }, ['input.description', 'input.capacity', 'input.venueId']],
        // In the past.
        [{ startsAt: fromNow(-1), endsAt: fromNow(1) }, ['input.startsAt']],
        // Ending before (or when) it starts.
        [{ startsAt: fromNow(3), endsAt: fromNow(2) }, ['input.endsAt']],
        [{ startsAt: fromNow(3), endsAt: fromNow(3) }, ['input.endsAt']],
        [{ startsAt: fromNow(-2), endsAt: fromNow(-3) }, ['input.startsAt', 'input.endsAt']],
        [{ startsAt: fromNow(3), endsAt: fromNow(40) }, ['input.endsAt']],
        // Neither a venue nor an online link.
        [{ onlineUrl: undefined }, ['input.venueId', 'input.onlineUrl']],
        // Venues that are not published listings.
        [{ venueId: draftVenue.id }, ['input.venueId']],
        [{ venueId: suspendedVenue.id }, ['input.venueId']],
        [{ venueId: deletedVenue.id }, ['input.venueId']],
        [{ venueId: UNKNOWN_ID, onlineUrl: undefined }, ['input.venueId']],
        [{ timeZone: 'Mars/Olympus_Mons' }, ['input.timeZone']],
      ];
      for (const [change, paths] of cases) {
        const input = { ...valid(), ...change };
        const res = await t.expectUnchanged(() => t.gql(CREATE_EVENT, { input }, ada.token));
        expect({ change, code: res.errors?.[0].extensions?.code }).toEqual({ change, code: 'BAD_USER_INPUT' });
        expectError(res, 'BAD_USER_INPUT', paths);
      }
      // Not an instant at all: refused by GraphQL itself, before anything runs.
      const res = await t.expectUnchanged(() => t.gql(CREATE_EVENT, { input: { ...valid(), startsAt: 'tomorrow' } }, ada.token));
      expectError(res, 'BAD_USER_INPUT');
    });
  });

  describe('refusals when editing or cancelling', () => {
    let event: Record<string, any>;

    beforeAll(async () => {
      event = await createEvent(t, ada.token, { groupId: openGroup.id, capacity: 2, venueId: venue.id, onlineUrl: undefined });
      await rsvp(t, bola.token, event.id, 'GOING');
      await rsvp(t, outsider.token, event.id, 'GOING');
    });

    it('lets an event under way change its words only, and an event that is over not be cancelled (PRECONDITION_FAILED), changing nothing', async () => {
      const started = await createEvent(t, ada.token, { groupId: openGroup.id, capacity: 1 });
      await rsvp(t, bola.token, started.id, 'GOING');
      await rsvp(t, outsider.token, started.id, 'GOING');
      const hour = 3_600_000;
      await setEventTimes(t, started.id, new Date(Date.now() - hour), new Date(Date.now() + hour));
      for (const change of [
        { capacity: 5 },
        { endsAt: new Date(Date.now() + 2 * hour).toISOString() },
        { onlineUrl: null, venueId: venue.id },
      ]) {
        const res = await t.expectUnchanged(() => t.gql(UPDATE_EVENT, { input: { id: started.id, ...change } }, ada.token));
        expectError(res, 'PRECONDITION_FAILED');
      }
      // The waitlisted stays waitlisted: nobody is let in after the start.
      const [answer] = await sql(t, 'SELECT status FROM rsvp WHERE event_id = ? AND account_id = ?', [started.id, outsider.account.id]);
      expect(answer.status).toBe('WAITLISTED');
      const retitled = await t.gql(UPDATE_EVENT, { input: { id: started.id, title: 'Running late: room 2' } }, ada.token);
      expect(retitled.errors).toBeUndefined();

      await setEventTimes(t, started.id, new Date(Date.now() - 3 * hour), new Date(Date.now() - hour));
      const cancelled = await t.expectUnchanged(() =>
        t.gql(CANCEL_EVENT, { input: { id: started.id, reason: 'Too late now' } }, ada.token),
      );
      expectError(cancelled, 'PRECONDITION_FAILED');
    });

    it('refuses an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
      expectError(await t.expectUnchanged(() => t.gql(UPDATE_EVENT, { input: { id: event.id, title: 'X' } })), 'UNAUTHENTICATED');
      expectError(await t.expectUnchanged(() => t.gql(CANCEL_EVENT, { input: { id: event.id, reason: 'Because' } })), 'UNAUTHENTICATED');
    });

    it('refuses members who do not organize the group (FORBIDDEN), changing nothing', async () => {
      for (const who of [bola, outsider]) {
        expectError(await t.expectUnchanged(() => t.gql(UPDATE_EVENT, { input: { id: event.id, title: 'X' } }, who.token)), 'FORBIDDEN');
        expectError(
          await t.expectUnchanged(() => t.gql(CANCEL_EVENT, { input: { id: event.id, reason: 'Because' } }, who.token)),
          'FORBIDDEN',
        );
      }
      const hidden = await createEvent(t, ada.token, { groupId: hiddenGroup.id });
      expectError(await t.expectUnchanged(() => t.gql(UPDATE_EVENT, { input: { id: hidden.id, title: 'X' } }, bola.token)), 'FORBIDDEN');
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_EVENT, { input: { id: hidden.id, title: 'X' } }, outsider.token)),
        'NOT_FOUND',
      );
      expectError(
        await t.expectUnchanged(() => t.gql(CANCEL_EVENT, { input: { id: hidden.id, reason: 'Because' } }, outsider.token)),
        'NOT_FOUND',
      );
    });

    it('answers NOT_FOUND for an unknown event and CONFLICT for a stale version, changing nothing', async () => {
      expectError(await t.expectUnchanged(() => t.gql(UPDATE_EVENT, { input: { id: UNKNOWN_ID, title: 'X' } }, ada.token)), 'NOT_FOUND');
      expectError(
        await t.expectUnchanged(() => t.gql(CANCEL_EVENT, { input: { id: UNKNOWN_ID, reason: 'Because' } }, ada.token)),
        'NOT_FOUND',
      );
      expectError(
        await t.expectUnchanged(() =>
          t.gql(UPDATE_EVENT, { input: { id: event.id, expectedVersion: event.version + 1, title: 'X' } }, ada.token),
        ),
        'CONFLICT',
      );
    });

    it('refuses a capacity below the number going (PRECONDITION_FAILED), changing nothing', async () => {
      const res = await t.expectUnchanged(() => t.gql(UPDATE_EVENT, { input: { id: event.id, capacity: 1 } }, ada.token));
      expectError(res, 'PRECONDITION_FAILED');
      expect(res.errors![0].extensions?.going).toBe(2);
    });

    it('refuses bad input with BAD_USER_INPUT and the field paths, changing nothing', async () => {
      const cases: [string, Record<string, unknown>, string[]][] = [
        [UPDATE_EVENT, { id: NOT_UUID }, ['input.id']],
        [
          UPDATE_EVENT,
          { id: event.id, title: '', capacity: 0, onlineUrl: 'not a url', expectedVersion: 0 },
          ['input.title', 'input.capacity', 'input.onlineUrl', 'input.expectedVersion'],
        ],
        [UPDATE_EVENT, { id: event.id, startsAt: fromNow(-1) }, ['input.startsAt']],
        [UPDATE_EVENT, { id: event.id, endsAt: fromNow(-1) }, ['input.endsAt']],
        [UPDATE_EVENT, { id: event.id, startsAt: fromNow(30) }, ['input.endsAt']],
        [UPDATE_EVENT, { id: event.id, venueId: draftVenue.id }, ['input.venueId']],
        [UPDATE_EVENT, { id: event.id, venueId: UNKNOWN_ID }, ['input.venueId']],
        // Removing the venue of an event without an online link leaves it nowhere.
        [UPDATE_EVENT, { id: event.id, venueId: null }, ['input.venueId']],
        [UPDATE_EVENT, { id: event.id, timeZone: 'Nowhere/Else' }, ['input.timeZone']],
        [CANCEL_EVENT, { id: event.id, reason: '  a ' }, ['input.reason']],
        [CANCEL_EVENT, { id: NOT_UUID, reason: 'x'.repeat(2001) }, ['input.id', 'input.reason']],
      ];
      for (const [document, input, paths] of cases) {
        const res = await t.expectUnchanged(() => t.gql(document, { input }, ada.token));
        expect({ input, code: res.errors?.[0].extensions?.code }).toEqual({ input, code: 'BAD_USER_INPUT' });
        expectError(res, 'BAD_USER_INPUT', paths);
      }
    });
  });

  describe('rsvp refusals', () => {
    it('refuses an anonymous caller (UNAUTHENTICATED) and bad input (BAD_USER_INPUT), changing nothing', async () => {
      const event = await createEvent(t, ada.token, { groupId: openGroup.id });
      expectError(await t.expectUnchanged(() => t.gql(RSVP, { input: { eventId: event.id, status: 'GOING' } })), 'UNAUTHENTICATED');
      expectError(
        await t.expectUnchanged(() => t.gql(RSVP, { input: { eventId: event.id, status: 'WAITLISTED' } }, bola.token)),
        'BAD_USER_INPUT',
        ['input.status'],
      );
      expectError(
        await t.expectUnchanged(() => t.gql(RSVP, { input: { eventId: NOT_UUID, status: 'GOING' } }, bola.token)),
        'BAD_USER_INPUT',
        ['input.eventId'],
      );
      expectError(await t.expectUnchanged(() => t.gql(RSVP, { input: { eventId: UNKNOWN_ID, status: 'GOING' } }, bola.token)), 'NOT_FOUND');
    });

    it('refuses an event that has started or ended (PRECONDITION_FAILED), changing nothing', async () => {
      const started = await createEvent(t, ada.token, { groupId: openGroup.id });
      await setEventTimes(t, started.id, new Date(Date.now() - 3600e3), new Date(Date.now() + 3600e3));
      const ended = await createEvent(t, ada.token, { groupId: openGroup.id });
      await setEventTimes(t, ended.id, new Date(Date.now() - 3 * 3600e3), new Date(Date.now() - 2 * 3600e3));
      for (const event of [started, ended]) {
        for (const status of ['GOING', 'NOT_GOING']) {
          expectError(
            await t.expectUnchanged(() => t.gql(RSVP, { input: { eventId: event.id, status } }, bola.token)),
            'PRECONDITION_FAILED',
          );
        }
      }
    });

    it('refuses a cancelled event (PRECONDITION_FAILED), changing nothing', async () => {
      const event = await createEvent(t, ada.token, { groupId: openGroup.id });
      ok(await t.gql(CANCEL_EVENT, { input: { id: event.id, reason: 'Nobody can come' } }, ada.token));
      expectError(
        await t.expectUnchanged(() => t.gql(RSVP, { input: { eventId: event.id, status: 'GOING' } }, bola.token)),
        'PRECONDITION_FAILED',
      );
    });

    it('lets only active members answer an APPROVAL group’s events (PRECONDITION_FAILED otherwise); anyone signed in an OPEN one’s', async () => {
      const event = await createEvent(t, ada.token, { groupId: approvalGroup.id });
      expectError(
        await t.expectUnchanged(() => t.gql(RSVP, { input: { eventId: event.id, status: 'GOING' } }, outsider.token)),
        'PRECONDITION_FAILED',
      );
      // Asking to join is not enough.
      const asker = await signedInAccount(t);
      expect(await join(t, asker.token, approvalGroup.id)).toBe('PENDING');
      expectError(
        await t.expectUnchanged(() => t.gql(RSVP, { input: { eventId: event.id, status: 'GOING' } }, asker.token)),
        'PRECONDITION_FAILED',
      );
      // Once approved, yes.
      ok(await t.gql(APPROVE, { input: { groupId: approvalGroup.id, accountId: asker.account.id } }, ada.token));
      expect(await rsvp(t, asker.token, event.id, 'GOING')).toBe('GOING');
      expect(await rsvp(t, bola.token, event.id, 'GOING')).toBe('GOING');

      // An OPEN group's event: a signed-in member who never joined may answer.
      const open = await createEvent(t, ada.token, { groupId: openGroup.id });
      expect(await rsvp(t, outsider.token, open.id, 'GOING')).toBe('GOING');
      expect(await rsvpStatuses(t, open.id)).toEqual({ GOING: 1 });
    });
  });

  describe('capacity and waitlist', () => {
    async function members(n: number): Promise<Member[]> {
      return Promise.all(Array.from({ length: n }, () => signedInAccount(t)));
    }

    const answers = async (eventId: string) =>
      sql(t, 'SELECT account_id, status FROM rsvp WHERE event_id = ? ORDER BY responded_at, account_id', [eventId]);
    const statusOf = async (eventId: string, accountId: string) =>
      (await sql(t, 'SELECT status FROM rsvp WHERE event_id = ? AND account_id = ?', [eventId, accountId]))[0]?.status;

    // Joining and leaving lock the group and then its events; an answer locks its event alone, so
    // the two never wait for each other in opposite orders (a deadlock, answered with an error).
    it('answers an event while its group is locked (by a join or leave under way)', async () => {
      const [a] = await members(1);
      const event = await createEvent(t, ada.token, { groupId: openGroup.id, capacity: 5 });
      const answer = await whileLocked(t, 'SELECT id FROM community_group WHERE id = $1 FOR UPDATE', [openGroup.id], async () =>
        Promise.race([
          rsvp(t, a.token, event.id, 'GOING'),
          new Promise((resolve) => setTimeout(() => resolve('still waiting for the group'), 3_000)),
        ]),
      );
      expect(answer).toBe('GOING');
    });

    it('waitlists answers past the capacity; a GOING member switching to NOT_GOING promotes the earliest waitlisted', async () => {
      const [a, b, c, d] = await members(4);
      const event = await createEvent(t, ada.token, { groupId: openGroup.id, capacity: 2 });
      expect(await rsvp(t, a.token, event.id, 'GOING')).toBe('GOING');
      expect(await rsvp(t, b.token, event.id, 'GOING')).toBe('GOING');
      expect(await rsvp(t, c.token, event.id, 'GOING')).toBe('WAITLISTED');
      expect(await rsvp(t, d.token, event.id, 'GOING')).toBe('WAITLISTED');
      expect(ok(await t.gql(EVENT, { id: event.id }, d.token)).event).toMatchObject({
        goingCount: 2,
        waitlistCount: 2,
        viewerRsvp: 'WAITLISTED',
      });

      // Answering GOING again changes nothing (the waitlist place is kept).
      await t.expectUnchanged(async () => expect(await rsvp(t, c.token, event.id, 'GOING')).toBe('WAITLISTED'));
      await t.expectUnchanged(async () => expect(await rsvp(t, a.token, event.id, 'GOING')).toBe('GOING'));

      // A leaves: C, the earliest waitlisted, moves up; D still waits.
      const res = ok(await t.gql(RSVP, { input: { eventId: event.id, status: 'NOT_GOING' } }, a.token)).rsvp;
      expect(res).toMatchObject({ rsvp: { status: 'NOT_GOING' }, event: { goingCount: 2, waitlistCount: 1, viewerRsvp: 'NOT_GOING' } });
      expect(await statusOf(event.id, c.account.id)).toBe('GOING');
      expect(await statusOf(event.id, d.account.id)).toBe('WAITLISTED');

      // A changes her mind: full, so she waits behind D.
      expect(await rsvp(t, a.token, event.id, 'GOING')).toBe('WAITLISTED');
      // A waitlisted member giving up frees no place.
      expect(await rsvp(t, d.token, event.id, 'NOT_GOING')).toBe('NOT_GOING');
      expect(await rsvpStatuses(t, event.id)).toEqual({ GOING: 2, WAITLISTED: 1, NOT_GOING: 1 });
      // B leaves: A moves up.
      await rsvp(t, b.token, event.id, 'NOT_GOING');
      expect(await statusOf(event.id, a.account.id)).toBe('GOING');
      expect(await rsvpStatuses(t, event.id)).toEqual({ GOING: 2, NOT_GOING: 2 });
    });

    it('promotes from the waitlist in order when the capacity rises, and everyone when it is removed', async () => {
      const people = await members(6);
      const event = await createEvent(t, ada.token, { groupId: openGroup.id, capacity: 1 });
      for (const person of people) await rsvp(t, person.token, event.id, 'GOING');
      expect((await answers(event.id)).map((r) => r.status)).toEqual(['GOING', ...Array(5).fill('WAITLISTED')]);

      const raised = ok(await t.gql(UPDATE_EVENT, { input: { id: event.id, capacity: 3 } }, ada.token)).updateEvent.event;
      expect(raised).toMatchObject({ capacity: 3, goingCount: 3, waitlistCount: 3 });
      const order = people.map((p) => p.account.id);
      for (const [i, id] of order.entries())
        expect({ i, status: await statusOf(event.id, id) }).toEqual({ i, status: i < 3 ? 'GOING' : 'WAITLISTED' });

      // Lowering to the number going is fine; below it is refused.
      ok(await t.gql(UPDATE_EVENT, { input: { id: event.id, capacity: 3, title: 'Same capacity' } }, ada.token));
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_EVENT, { input: { id: event.id, capacity: 2 } }, ada.token)),
        'PRECONDITION_FAILED',
      );

      const unlimited = ok(await t.gql(UPDATE_EVENT, { input: { id: event.id, capacity: null } }, ada.token)).updateEvent.event;
      expect(unlimited).toMatchObject({ capacity: null, goingCount: 6, waitlistCount: 0 });
      // Without a limit, everyone goes.
      const late = (await members(1))[0];
      expect(await rsvp(t, late.token, event.id, 'GOING')).toBe('GOING');
    });

    it('never exceeds the capacity under 30 concurrent RSVPs: exactly 10 GOING and 20 WAITLISTED', async () => {
      const people = await members(30);
      const event = await createEvent(t, ada.token, { groupId: openGroup.id, capacity: 10 });
      const results = await Promise.all(people.map((p) => t.gql(RSVP, { input: { eventId: event.id, status: 'GOING' } }, p.token)));
      for (const res of results) expect(res.errors).toBeUndefined();
      const statuses = results.map((res) => res.data!.rsvp.rsvp.status);
      expect(statuses.filter((s) => s === 'GOING')).toHaveLength(10);
      expect(statuses.filter((s) => s === 'WAITLISTED')).toHaveLength(20);

      expect(await rsvpStatuses(t, event.id)).toEqual({ GOING: 10, WAITLISTED: 20 });
      // Each answer as recorded is the one returned.
      const rows = await sql(t, 'SELECT account_id, status, responded_at FROM rsvp WHERE event_id = ?', [event.id]);
      for (const [i, person] of people.entries()) {
        expect(rows.find((row) => row.account_id === person.account.id)?.status).toBe(statuses[i]);
      }
      // First come, first served: nobody going answered after someone waitlisted.
      const latestGoing = Math.max(...rows.filter((r) => r.status === 'GOING').map((r) => new Date(r.responded_at).getTime()));
      const earliestWaiting = Math.min(...rows.filter((r) => r.status === 'WAITLISTED').map((r) => new Date(r.responded_at).getTime()));
      expect(latestGoing).toBeLessThanOrEqual(earliestWaiting);
      expect(ok(await t.gql(EVENT, { id: event.id })).event).toMatchObject({ goingCount: 10, waitlistCount: 20 });

      // And 10 of them giving up at once: the 10 earliest waitlisted move up, still 10 going.
      const going = people.filter((_, i) => statuses[i] === 'GOING');
      const leaving = await Promise.all(going.map((p) => t.gql(RSVP, { input: { eventId: event.id, status: 'NOT_GOING' } }, p.token)));
      for (const res of leaving) expect(res.errors).toBeUndefined();
      expect(await rsvpStatuses(t, event.id)).toEqual({ GOING: 10, WAITLISTED: 10, NOT_GOING: 10 });
    });
    it('gives up the places of a member who leaves or is removed from an APPROVAL group, and passes them to the waitlist', async () => {
      const [a, b, c, d] = await members(4);
      const group = await createGroup(t, ada.token, { regionId: region('lagos-ng').id, joinPolicy: 'APPROVAL' });
      for (const person of [a, b, c, d]) {
        await join(t, person.token, group.id);
        ok(await t.gql(APPROVE, { input: { groupId: group.id, accountId: person.account.id } }, ada.token));
      }
      const event = await createEvent(t, ada.token, { groupId: group.id, capacity: 1 });
      const past = await createEvent(t, ada.token, { groupId: group.id });
      const elsewhere = await createEvent(t, ada.token, { groupId: openGroup.id, capacity: 1 });
      expect(await rsvp(t, a.token, event.id, 'GOING')).toBe('GOING');
      expect(await rsvp(t, b.token, event.id, 'GOING')).toBe('WAITLISTED');
      expect(await rsvp(t, c.token, event.id, 'GOING')).toBe('WAITLISTED');
      expect(await rsvp(t, a.token, past.id, 'GOING')).toBe('GOING');
      expect(await rsvp(t, a.token, elsewhere.id, 'GOING')).toBe('GOING');
      await setEventTimes(t, past.id, new Date(Date.now() - 3 * 3600_000), new Date(Date.now() - 3600_000));

      // A leaves: her place goes to B; what she answered for a past event or another group's stays.
      ok(await t.gql(LEAVE, { input: { groupId: group.id } }, a.token));
      expect(await statusOf(event.id, a.account.id)).toBe('NOT_GOING');
      expect(await statusOf(event.id, b.account.id)).toBe('GOING');
      expect(await statusOf(past.id, a.account.id)).toBe('GOING');
      expect(await statusOf(elsewhere.id, a.account.id)).toBe('GOING');

      // B is removed: C moves up. D, who never answered, has nothing to give up.
      ok(await t.gql(REMOVE_MEMBER, { input: { groupId: group.id, accountId: b.account.id } }, ada.token));
      expect(await rsvpStatuses(t, event.id)).toEqual({ GOING: 1, NOT_GOING: 2 });
      expect(await statusOf(event.id, c.account.id)).toBe('GOING');
      ok(await t.gql(REMOVE_MEMBER, { input: { groupId: group.id, accountId: d.account.id } }, ada.token));
      expect(await rsvpStatuses(t, event.id)).toEqual({ GOING: 1, NOT_GOING: 2 });
    });
  });

  describe('what the group shows', () => {
    it('shows the group of an event, and events through group(slug)', async () => {
      const event = await createEvent(t, ada.token, { groupId: approvalGroup.id });
      const res = ok(await t.gql(`query ($id: ID!) { event(id: $id) { group { id joinPolicy } } }`, { id: event.id }));
      expect(res.event.group).toEqual({ id: approvalGroup.id, joinPolicy: 'APPROVAL' });
      expect(ok(await t.gql(GROUP, { slug: approvalGroup.slug })).group.id).toBe(approvalGroup.id);
      expectError(await t.gql(EVENT, { id: UNKNOWN_ID }), 'NOT_FOUND');
      expectError(await t.gql(EVENT, { id: NOT_UUID }), 'BAD_USER_INPUT', ['id']);
    });
  });
});
