import ICAL from 'ical.js';
import { BusinessStatus } from '../../../src/modules/businesses/business-status';
import { Business } from '../../../src/modules/businesses/business.entity';
import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { seedDemo } from '../../utils/seed';
import { createTestApp, TestApp } from '../../utils/test-app';
import { CANCEL_EVENT, createEvent, createGroup, fromNow, ok, setEventTimes, UPDATE_GROUP } from './groups-fixture';

/** `GET /groups/:slug/events.ics`: a public group's events as an iCalendar feed, checked with a parser. */

/** The feed parsed: its calendar component and events. */
function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(calendar.getFirstPropertyValue('prodid')).toEqual(expect.any(String));
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

/** An instant of the feed, which must be written in UTC (`…Z`). */
function utcInstant(event: InstanceType<typeof ICAL.Component>, name: 'dtstart' | 'dtend'): string {
  const property = event.getFirstProperty(name)!;
  expect(property.getParameter('tzid')).toBeUndefined();
  const time = property.getFirstValue() as InstanceType<typeof ICAL.Time>;
  expect(time.zone?.tzid).toBe('UTC');
  return time.toJSDate().toISOString();
}

describe('calendar feed', () => {
  let t: TestApp;
  let regions: Map<string, Region>;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    regions = await seedDemo(t.em());
    token = (await signedInAccount(t)).token;
  });
  afterAll(() => t.close());

  it('is a valid iCalendar file with one VEVENT per event: UID, DTSTART and DTEND in UTC, SUMMARY, and STATUS:CANCELLED', async () => {
    const venue = await createBusiness(t.em(), {
      region: regions.get('yaba-lagos-ng')!,
      name: 'Yaba Hall',
      location: { lat: 6.51, lng: 3.37 },
    });
    const group = await createGroup(t, token, {
      name: 'Lagos Elixir, Erlang & Friends',
      regionId: regions.get('lagos-ng')!.id,
      description: 'BEAM people.',
    });
    const other = await createGroup(t, token, { regionId: regions.get('lagos-ng')!.id });
    const online = await createEvent(t, token, {
      groupId: group.id,
      title: 'Pattern matching; commas, and "quotes"',
      description: 'Line one\nLine two',
      startsAt: fromNow(3),
      endsAt: fromNow(3, 2),
      onlineUrl: 'https://meet.example.org/beam',
    });
    const atVenue = await createEvent(t, token, {
      groupId: group.id,
      title: 'OTP at Yaba Hall',
      venueId: venue.id,
      onlineUrl: undefined,
      startsAt: fromNow(10),
      endsAt: fromNow(10, 3),
    });
    const cancelled = await createEvent(t, token, {
      groupId: group.id,
      title: 'LiveView night',
      startsAt: fromNow(5),
      endsAt: fromNow(5, 1),
    });
    ok(await t.gql(CANCEL_EVENT, { input: { id: cancelled.id, reason: 'Speaker ill' } }, token));
    // Another group's event is not in this feed.
    await createEvent(t, token, { groupId: other.id, title: 'Not ours' });

    const res = await t.http.get(`/groups/${group.slug}/events.ics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const { calendar, events } = parseFeed(res.text);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Lagos Elixir, Erlang & Friends');
    expect(events).toHaveLength(3);

    const byUid = new Map(events.map((event) => [event.getFirstPropertyValue('uid'), event]));
    expect([...byUid.keys()].sort()).toEqual([online.id, atVenue.id, cancelled.id].map((id) => `${id}@hometown`).sort());

    for (const event of [online, atVenue, cancelled]) {
      const vevent = byUid.get(`${event.id}@hometown`)!;
      expect({ title: event.title, start: utcInstant(vevent, 'dtstart'), end: utcInstant(vevent, 'dtend') }).toEqual({
        title: event.title,
        start: event.startsAt,
        end: event.endsAt,
      });
      expect(vevent.getFirstPropertyValue('dtstamp')).toBeTruthy();
    }
    const onlineEvent = byUid.get(`${online.id}@hometown`)!;
    expect(onlineEvent.getFirstPropertyValue('summary')).toBe('Pattern matching; commas, and "quotes"');
    expect(onlineEvent.getFirstPropertyValue('description')).toBe('Line one\nLine two');
    expect(onlineEvent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(onlineEvent.getFirstPropertyValue('location')).toBe('https://meet.example.org/beam');
    expect(byUid.get(`${atVenue.id}@hometown`)!.getFirstPropertyValue('summary')).toBe('OTP at Yaba Hall');
    expect(byUid.get(`${atVenue.id}@hometown`)!.getFirstPropertyValue('location')).toContain('Yaba Hall');

    const cancelledEvent = byUid.get(`${cancelled.id}@hometown`)!;
    expect(cancelledEvent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelledEvent.getFirstPropertyValue('summary')).toContain('LiveView night');
    expect(cancelledEvent.getFirstPropertyValue('description')).toContain('Speaker ill');
    // The raw text says STATUS:CANCELLED, and the instants end in Z.
    expect(res.text).toMatch(/\r\nSTATUS:CANCELLED\r\n/);
    expect(res.text).toMatch(/\r\nDTSTART:\d{8}T\d{6}Z\r\n/);
  });

  it('names a venue only while its listing is published', async () => {
    const venue = await createBusiness(t.em(), {
      region: regions.get('yaba-lagos-ng')!,
      name: 'Sabo Loft',
      location: { lat: 6.5, lng: 3.37 },
    });
    const group = await createGroup(t, token, { regionId: regions.get('lagos-ng')!.id });
    const event = await createEvent(t, token, { groupId: group.id, venueId: venue.id, onlineUrl: undefined });
    const location = async () => {
      const res = await t.http.get(`/groups/${group.slug}/events.ics`);
      expect(res.status).toBe(200);
      const { events } = parseFeed(res.text);
      expect(events.map((vevent) => vevent.getFirstPropertyValue('uid'))).toEqual([`${event.id}@hometown`]);
      return events[0].getFirstPropertyValue('location');
    };
    expect(await location()).toContain('Sabo Loft');
    await t.em().nativeUpdate(Business, { id: venue.id }, { status: BusinessStatus.SUSPENDED });
    expect(await location()).toBeNull();
  });

  it('serves a group without events as a valid, empty calendar, and leaves out events over for more than 30 days', async () => {
    const group = await createGroup(t, token, { regionId: regions.get('accra-gh')!.id });
    let res = await t.http.get(`/groups/${group.slug}/events.ics`);
    expect(res.status).toBe(200);
    expect(parseFeed(res.text).events).toHaveLength(0);

    const old = await createEvent(t, token, { groupId: group.id, title: 'Long ago' });
    await setEventTimes(t, old.id, new Date(Date.now() - 40 * 86400e3), new Date(Date.now() - 40 * 86400e3 + 3600e3));
    const recent = await createEvent(t, token, { groupId: group.id, title: 'Last week' });
    await setEventTimes(t, recent.id, new Date(Date.now() - 7 * 86400e3), new Date(Date.now() - 7 * 86400e3 + 3600e3));
    res = await t.http.get(`/groups/${group.slug}/events.ics`);
    expect(parseFeed(res.text).events.map((event) => event.getFirstPropertyValue('uid'))).toEqual([`${recent.id}@hometown`]);
  });

  it('answers 404 for an unlisted group and for an unknown slug, changing nothing', async () => {
    const group = await createGroup(t, token, { regionId: regions.get('lagos-ng')!.id, visibility: 'UNLISTED' });
    await createEvent(t, token, { groupId: group.id, title: 'Secret' });
    for (const slug of [group.slug, 'no-such-group']) {
      const res = await t.expectUnchanged(() => t.http.get(`/groups/${slug}/events.ics`));
      expect({ slug, status: res.status }).toEqual({ slug, status: 404 });
      expect(res.text).not.toContain('BEGIN:VCALENDAR');
      expect(res.text).not.toContain('Secret');
    }
    // Made public, it is served.
    ok(await t.gql(UPDATE_GROUP, { input: { id: group.id, visibility: 'PUBLIC' } }, token));
    const res = await t.http.get(`/groups/${group.slug}/events.ics`);
    expect(res.status).toBe(200);
    expect(parseFeed(res.text).events).toHaveLength(1);
  });
});
