import { AccountRole } from '../../../src/modules/accounts/account-role';
import { isOpenAt, OpeningSpan } from '../../../src/modules/businesses/opening-hours';
import { signedInAccount } from '../../factories/account.factory';
import { expectOk, SignedIn } from '../../utils/graphql-assertions';
import { createTestApp, TestApp } from '../../utils/test-app';
import { createListing, publishListing, Seeded, seeded } from './listings-fixture';

/**
 * Opening hours across midnight, end to end: a span that starts on YESTERDAY's local weekday and
 * ends after midnight keeps the listing open this morning (the carry-over), and only until it
 * closes. The schedules are built from the present instant on the listing's own wall clock, an
 * hour either side of it, so the answers are the same at any time of day the test runs.
 */

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
const TAG = 'overnight-twins';

const LOOKUP = `query ($id: ID!) { business(id: $id) { id isOpenNow timeZone } }`;
const SEARCH = `query ($filter: BusinessFilter) { businesses(filter: $filter, first: 10) { totalCount edges { node { id isOpenNow } } } }`;

/** The wall clock in `timeZone` at `at`, worked out here with Intl (not with the code under test). */
function wallClock(timeZone: string, at: Date): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(at)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  const day = WEEKDAYS.indexOf(parts.weekday.toUpperCase() as (typeof WEEKDAYS)[number]);
  if (day < 0) throw new Error(`unexpected weekday ${parts.weekday}`);
  return { day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * The neighbourhoods the test may use, Lagos first. An overnight span needs opens > closes, so a
 * span closing an hour from now needs now <= 22:58, and one that closed an hour ago needs now >= 01:01;
 * with ten minutes to spare, a zone is usable from 01:11 to 22:48. Within an hour of Lagos midnight
 * Accra (an hour behind) or Nairobi (two ahead) is; one of the three always is.
 */
const ZONES = [
  { region: 'yaba-lagos-ng', timeZone: 'Africa/Lagos' },
  { region: 'osu-accra-gh', timeZone: 'Africa/Accra' },
  { region: 'westlands-nairobi-ke', timeZone: 'Africa/Nairobi' },
];
const EARLIEST = 60 + 11;
const LATEST = 22 * 60 + 48;

describe('opening hours across midnight', () => {
  let t: TestApp;
  let seed: Seeded;
  let owner: SignedIn;
  let admin: SignedIn;
  let timeZone: string;
  /** The local wall clock when the schedules were made. */
  let madeAt: { day: number; minute: number };
  let openUntil: number;
  let closedAt: number;
  const ids = { carriedOver: '', closedAnHourAgo: '', startsTonight: '' };

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seeded(t);
    owner = await signedInAccount(t);
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });

    const now = new Date();
    const zone = ZONES.find((candidate) => {
      const { minute } = wallClock(candidate.timeZone, now);
      return minute >= EARLIEST && minute <= LATEST;
    });
    if (!zone) throw new Error(`no usable zone at ${now.toISOString()}`);
    timeZone = zone.timeZone;
    madeAt = wallClock(timeZone, now);
    openUntil = madeAt.minute + 60;
    closedAt = madeAt.minute - 60;
    const today = WEEKDAYS[madeAt.day];
    const yesterday = WEEKDAYS[(madeAt.day + 6) % 7];
    // Opening late in the evening: after the closing time, so the span runs past midnight.
    const opensFor = (closes: number) => (closes < 22 * 60 ? '22:00' : '23:59');

    const schedules: Record<keyof typeof ids, OpeningSpan> = {
      // Opened yesterday evening, closes an hour from now: open now only through the carry-over.
      carriedOver: { day: yesterday, opens: opensFor(openUntil), closes: hhmm(openUntil) },
      // Opened yesterday evening, closed an hour ago.
      closedAnHourAgo: { day: yesterday, opens: opensFor(closedAt), closes: hhmm(closedAt) },
      // The carried-over span, starting today instead: it opens tonight, after now.
      startsTonight: { day: today, opens: opensFor(openUntil), closes: hhmm(openUntil) },
    };
    for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
      const listing = await createListing(t, owner.token, {
        name: `Night Owl ${key}`,
        regionId: seed.region(zone.region).id,
        categoryIds: [seed.category('restaurant').id],
        tags: [TAG],
        openingHours: [schedules[key]],
      });
      expect(listing.timeZone).toBe(timeZone);
      expect(listing.openingHours).toEqual([schedules[key]]);
      await publishListing(t, owner.token, admin.token, listing.id);
      ids[key] = listing.id;
    }
    // The schedules are what they claim to be, by the reference implementation too.
    expect(schedules.carriedOver.opens > schedules.carriedOver.closes).toBe(true);
    expect(schedules.closedAnHourAgo.opens > schedules.closedAnHourAgo.closes).toBe(true);
    expect({
      carriedOver: isOpenAt([schedules.carriedOver], timeZone, now),
      closedAnHourAgo: isOpenAt([schedules.closedAnHourAgo], timeZone, now),
      startsTonight: isOpenAt([schedules.startsTonight], timeZone, now),
    }).toEqual({ carriedOver: true, closedAnHourAgo: false, startsTonight: false });
  });
  afterAll(() => t.close());

  /** Still the same local day, and both closing times still on their side of now: the expectations held throughout. */
  function expectSchedulesStillHold(): void {
    const end = wallClock(timeZone, new Date());
    expect(end.day).toBe(madeAt.day);
    expect(end.minute).toBeLessThan(openUntil);
    expect(end.minute).toBeGreaterThan(closedAt);
  }

  it.each([
    ['anonymous', () => undefined],
    ['a member', () => owner.token],
  ])(
    'isOpenNow (%s): open through yesterday’s span until it closes, closed an hour after; not yet open when it starts today',
    async (_, token) => {
      const answer = async (id: string) => expectOk(await t.gql(LOOKUP, { id }, token())).business;
      expect(await answer(ids.carriedOver)).toMatchObject({ isOpenNow: true, timeZone });
      expect(await answer(ids.closedAnHourAgo)).toMatchObject({ isOpenNow: false, timeZone });
      expect(await answer(ids.startsTonight)).toMatchObject({ isOpenNow: false, timeZone });
      expectSchedulesStillHold();
    },
  );

  it('the openNow filter agrees: true finds only the carried-over listing, false the two others', async () => {
    const search = async (openNow?: boolean) => {
      const filter = openNow === undefined ? { tags: [TAG] } : { tags: [TAG], openNow };
      const page = expectOk(await t.gql(SEARCH, { filter })).businesses;
      expect(page.totalCount).toBe(page.edges.length);
      return page.edges.map((edge: { node: { id: string; isOpenNow: boolean } }) => edge.node);
    };
    expect(await search(true)).toEqual([{ id: ids.carriedOver, isOpenNow: true }]);
    const closed = await search(false);
    expect(closed.map((node: { id: string }) => node.id).sort()).toEqual([ids.closedAnHourAgo, ids.startsTonight].sort());
    expect(closed.every((node: { isOpenNow: boolean }) => !node.isOpenNow)).toBe(true);
    expect(await search()).toHaveLength(3);
    expectSchedulesStillHold();
  });
});
