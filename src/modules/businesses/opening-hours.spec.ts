import {
  isOpenAt,
  localWeekdayAndMinute,
  MAX_OPENING_SPANS,
  normaliseOpeningHours,
  openingHoursProblems,
  OpeningSpan,
  Weekday,
  WEEKDAYS,
} from './opening-hours';

const span = (day: Weekday, opens: string, closes: string): OpeningSpan => ({ day, opens, closes });
/** A list with entries that break the types, as an API might receive before validation. */
const untyped = (...entries: unknown[]): OpeningSpan[] => entries as OpeningSpan[];

/** How many whole minutes in [from, to) the business is open: the real length of its opening around a DST change. */
function openMinutes(spans: readonly OpeningSpan[], timeZone: string, from: string, to: string): number {
  let count = 0;
  for (let at = Date.parse(from); at < Date.parse(to); at += 60_000) if (isOpenAt(spans, timeZone, new Date(at))) count++;
  return count;
}

describe('WEEKDAYS', () => {
  it('lists the seven days Monday first', () => {
    expect(WEEKDAYS).toEqual(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']);
  });
});

describe('openingHoursProblems', () => {
  it('accepts an ordinary week', () => {
    const week = [
      ...(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const).map((day) => span(day, '09:00', '17:00')),
      span('SATURDAY', '10:00', '14:00'),
    ];
    expect(openingHoursProblems(week)).toEqual([]);
  });

  it('accepts no spans at all (never open)', () => {
    expect(openingHoursProblems([])).toEqual([]);
  });

  it.each(['Monday', 'monday', 'MON', 'FUNDAY', '', ' MONDAY', null, undefined, 1])('refuses the day %p', (day) => {
    expect(openingHoursProblems(untyped({ day, opens: '09:00', closes: '17:00' }))).toEqual([
      { index: 0, field: 'day', message: expect.stringContaining('MONDAY, TUESDAY') },
    ]);
  });

  it.each([
    '9:00',
    '09:0',
    '0900',
    '09.00',
    '09:60',
    '24:00',
    '25:00',
    '-1:00',
    ' 09:00',
    '09:00 ',
    '09:00\n',
    '09:00:00',
    '٠٩:٠٠',
    '',
    null,
    900,
  ])('refuses the opening time %p', (opens) => {
    expect(openingHoursProblems(untyped({ day: 'MONDAY', opens, closes: '17:00' }))).toEqual([
      { index: 0, field: 'opens', message: 'must be a time from 00:00 to 23:59 written HH:MM' },
    ]);
  });

  it.each(['00:00', '23:59'])('accepts the opening time %s', (opens) => {
    expect(openingHoursProblems([span('MONDAY', opens, opens === '00:00' ? '01:00' : '24:00')])).toEqual([]);
  });

  it.each(['00:00', '24:01', '24:30', '25:00', '17:60', '5:00', '17', '17:00 ', '', null, 1700])(
    'refuses the closing time %p',
    (closes) => {
      expect(openingHoursProblems(untyped({ day: 'MONDAY', opens: '09:00', closes }))).toEqual([
        { index: 0, field: 'closes', message: 'must be a time from 00:01 to 24:00 written HH:MM (24:00 for midnight)' },
      ]);
    },
  );

  it.each(['00:01', '08:59', '23:59', '24:00'])('accepts the closing time %s (after 09:00 on the day, or overnight)', (closes) => {
    expect(openingHoursProblems([span('MONDAY', '09:00', closes)])).toEqual([]);
  });

  it.each([
    ['09:00', '09:00'],
    ['00:01', '00:01'],
    ['23:59', '23:59'],
  ])('refuses opens == closes (%s–%s), which is ambiguous', (opens, closes) => {
    expect(openingHoursProblems([span('TUESDAY', opens, closes)])).toEqual([
      { index: 0, field: 'closes', message: 'must differ from the opening time (use 00:00–24:00 for a whole day)' },
    ]);
  });

  it('refuses 00:00–00:00 once, for its closing time of 00:00', () => {
    expect(openingHoursProblems([span('TUESDAY', '00:00', '00:00')])).toEqual([
      { index: 0, field: 'closes', message: expect.stringContaining('00:01 to 24:00') },
    ]);
  });

  it('accepts 00:00–24:00, a whole day, on every day of the week', () => {
    expect(openingHoursProblems(WEEKDAYS.map((day) => span(day, '00:00', '24:00')))).toEqual([]);
  });

  it('reports every problem of every span, in order of index and field', () => {
    expect(
      openingHoursProblems(
        untyped(
          span('MONDAY', '09:00', '17:00'),
          { day: 'Tuesday', opens: '9', closes: '17:00' },
          { day: 'WEDNESDAY', opens: '10:00', closes: '24:01' },
          null,
        ),
      ),
    ).toEqual([
      { index: 1, field: 'day', message: expect.any(String) },
      { index: 1, field: 'opens', message: expect.any(String) },
      { index: 2, field: 'closes', message: expect.any(String) },
      { index: 3, field: 'day', message: expect.any(String) },
      { index: 3, field: 'opens', message: expect.any(String) },
      { index: 3, field: 'closes', message: expect.any(String) },
    ]);
  });

  describe('the number of spans', () => {
    // Five one-hour spans a day that never touch: 35 in all.
    const many = WEEKDAYS.flatMap((day) => ['01', '03', '05', '07', '09'].map((hour) => span(day, `${hour}:00`, `${hour}:30`)));

    it(`accepts ${MAX_OPENING_SPANS} spans`, () => {
      expect(MAX_OPENING_SPANS).toBe(28);
      expect(openingHoursProblems(many.slice(0, 28))).toEqual([]);
    });

    it('does not look for overlaps in a list over the limit, however long', () => {
      const clash = Array.from({ length: 20_000 }, () => span('MONDAY', '09:00', '17:00'));
      expect(openingHoursProblems(clash)).toEqual([{ index: 28, field: 'day', message: 'at most 28 opening spans are allowed' }]);
    });

    it('refuses 29 spans, once, on the first span past the limit', () => {
      expect(openingHoursProblems(many.slice(0, 29))).toEqual([
        { index: 28, field: 'day', message: 'at most 28 opening spans are allowed' },
      ]);
      expect(openingHoursProblems(many)).toEqual([{ index: 28, field: 'day', message: 'at most 28 opening spans are allowed' }]);
    });
  });

  describe('overlaps', () => {
    it('finds a span inside another on the same day, on the inner span (it opens while the other is open)', () => {
      expect(openingHoursProblems([span('MONDAY', '09:00', '17:00'), span('MONDAY', '12:00', '14:00')])).toEqual([
        { index: 1, field: 'opens', message: 'overlaps the span at index 0' },
      ]);
      expect(openingHoursProblems([span('MONDAY', '12:00', '14:00'), span('MONDAY', '09:00', '17:00')])).toEqual([
        { index: 0, field: 'opens', message: 'overlaps the span at index 1' },
      ]);
    });

    it('finds spans that overlap partly, on the one that opens later', () => {
      expect(openingHoursProblems([span('MONDAY', '13:00', '18:00'), span('MONDAY', '09:00', '13:01')])).toEqual([
        { index: 0, field: 'opens', message: 'overlaps the span at index 1' },
      ]);
    });

    it('finds spans opening at the same time, on the one listed later', () => {
      expect(openingHoursProblems([span('MONDAY', '09:00', '17:00'), span('MONDAY', '09:00', '10:00')])).toEqual([
        { index: 1, field: 'opens', message: 'overlaps the span at index 0' },
      ]);
      expect(openingHoursProblems([span('MONDAY', '09:00', '17:00'), span('MONDAY', '09:00', '17:00')])).toEqual([
        { index: 1, field: 'opens', message: 'overlaps the span at index 0' },
      ]);
    });

    it('reports each overlapping pair', () => {
      expect(
        openingHoursProblems([
          span('MONDAY', '09:00', '17:00'),
          span('MONDAY', '10:00', '11:00'),
          span('TUESDAY', '09:00', '17:00'),
          span('MONDAY', '16:00', '18:00'),
        ]),
      ).toEqual([
        { index: 1, field: 'opens', message: 'overlaps the span at index 0' },
        { index: 3, field: 'opens', message: 'overlaps the span at index 0' },
      ]);
    });

    it('lets spans touch: 10:00–12:00 and 12:00–14:00, in either order', () => {
      expect(openingHoursProblems([span('MONDAY', '10:00', '12:00'), span('MONDAY', '12:00', '14:00')])).toEqual([]);
      expect(openingHoursProblems([span('MONDAY', '12:00', '14:00'), span('MONDAY', '10:00', '12:00')])).toEqual([]);
    });

    it('lets a span to 24:00 touch the next day from 00:00', () => {
      expect(openingHoursProblems([span('MONDAY', '18:00', '24:00'), span('TUESDAY', '00:00', '02:00')])).toEqual([]);
      expect(openingHoursProblems([span('SUNDAY', '18:00', '24:00'), span('MONDAY', '00:00', '02:00')])).toEqual([]);
    });

    it('finds a span inside a span to 24:00', () => {
      expect(openingHoursProblems([span('MONDAY', '18:00', '24:00'), span('MONDAY', '23:00', '23:59')])).toEqual([
        { index: 1, field: 'opens', message: 'overlaps the span at index 0' },
      ]);
    });

    it('finds an overnight span running into the next day’s: FRIDAY 22:00–02:00 and SATURDAY 01:00–09:00, on Saturday’s opens', () => {
      expect(openingHoursProblems([span('FRIDAY', '22:00', '02:00'), span('SATURDAY', '01:00', '09:00')])).toEqual([
        { index: 1, field: 'opens', message: 'overlaps the span at index 0' },
      ]);
      expect(openingHoursProblems([span('SATURDAY', '01:00', '09:00'), span('FRIDAY', '22:00', '02:00')])).toEqual([
        { index: 0, field: 'opens', message: 'overlaps the span at index 1' },
      ]);
    });

    it('lets an overnight span touch the next day’s: FRIDAY 22:00–02:00 and SATURDAY 02:00–09:00', () => {
      expect(openingHoursProblems([span('FRIDAY', '22:00', '02:00'), span('SATURDAY', '02:00', '09:00')])).toEqual([]);
    });

    it('does not carry an overnight span past the next day', () => {
      expect(
        openingHoursProblems([span('FRIDAY', '22:00', '02:00'), span('SUNDAY', '01:00', '09:00'), span('FRIDAY', '01:00', '09:00')]),
      ).toEqual([]);
    });

    it('finds a long overnight span (THURSDAY 22:00–20:30) running into the next day’s evening span', () => {
      expect(openingHoursProblems([span('FRIDAY', '20:00', '21:00'), span('THURSDAY', '22:00', '20:30')])).toEqual([
        { index: 0, field: 'opens', message: 'overlaps the span at index 1' },
      ]);
    });

    it('wraps SUNDAY’s overnight span into MONDAY: SUNDAY 23:00–03:00 and MONDAY 02:00–08:00, on Monday’s opens', () => {
      expect(openingHoursProblems([span('SUNDAY', '23:00', '03:00'), span('MONDAY', '02:00', '08:00')])).toEqual([
        { index: 1, field: 'opens', message: 'overlaps the span at index 0' },
      ]);
      expect(openingHoursProblems([span('MONDAY', '02:00', '08:00'), span('SUNDAY', '23:00', '03:00')])).toEqual([
        { index: 0, field: 'opens', message: 'overlaps the span at index 1' },
      ]);
    });

    it('wraps SUNDAY’s overnight span into a whole MONDAY', () => {
      expect(openingHoursProblems([span('MONDAY', '00:00', '24:00'), span('SUNDAY', '22:00', '00:30')])).toEqual([
        { index: 0, field: 'opens', message: 'overlaps the span at index 1' },
      ]);
    });

    it('lets SUNDAY’s overnight span touch MONDAY’s: SUNDAY 23:00–03:00 and MONDAY 03:00–08:00', () => {
      expect(
        openingHoursProblems([span('SUNDAY', '23:00', '03:00'), span('MONDAY', '03:00', '08:00'), span('SUNDAY', '12:00', '23:00')]),
      ).toEqual([]);
    });

    it('lets whole days follow each other all week, SUNDAY to MONDAY included', () => {
      expect(openingHoursProblems([...WEEKDAYS].reverse().map((day) => span(day, '00:00', '24:00')))).toEqual([]);
    });

    it('leaves spans that are invalid on their own out of the overlap check', () => {
      expect(
        openingHoursProblems(
          untyped(span('MONDAY', '09:00', '17:00'), { day: 'Monday', opens: '10:00', closes: '11:00' }, span('MONDAY', '10:00', '10:00')),
        ),
      ).toEqual([
        { index: 1, field: 'day', message: expect.any(String) },
        { index: 2, field: 'closes', message: expect.stringContaining('must differ') },
      ]);
    });
  });
});

describe('isOpenAt', () => {
  // 2026-03-30 is a Monday; UTC keeps the wall clock equal to the instant.
  describe('within a day (UTC)', () => {
    const hours = [span('MONDAY', '09:00', '17:00')];

    it.each([
      ['2026-03-30T08:59:59Z', false],
      ['2026-03-30T09:00:00Z', true],
      ['2026-03-30T12:00:00Z', true],
      ['2026-03-30T16:59:59.999Z', true],
      ['2026-03-30T17:00:00Z', false],
      ['2026-03-31T10:00:00Z', false],
      ['2026-03-29T10:00:00Z', false],
      ['2026-04-06T09:00:00Z', true],
    ])('MONDAY 09:00–17:00 at %s: %p', (at, open) => {
      expect(isOpenAt(hours, 'UTC', new Date(at))).toBe(open);
    });

    it('stays open across touching spans (10:00–12:00, 12:00–14:00) and closes at the second’s end', () => {
      const split = [span('MONDAY', '10:00', '12:00'), span('MONDAY', '12:00', '14:00')];
      expect(isOpenAt(split, 'UTC', new Date('2026-03-30T11:59:59Z'))).toBe(true);
      expect(isOpenAt(split, 'UTC', new Date('2026-03-30T12:00:00Z'))).toBe(true);
      expect(isOpenAt(split, 'UTC', new Date('2026-03-30T14:00:00Z'))).toBe(false);
    });

    it('closes between two spans of a day', () => {
      const lunchBreak = [span('MONDAY', '09:00', '12:00'), span('MONDAY', '13:00', '17:00')];
      expect(isOpenAt(lunchBreak, 'UTC', new Date('2026-03-30T12:30:00Z'))).toBe(false);
      expect(isOpenAt(lunchBreak, 'UTC', new Date('2026-03-30T13:00:00Z'))).toBe(true);
    });

    it('is never open with no spans', () => {
      for (let hour = 0; hour < 7 * 24; hour++) expect(isOpenAt([], 'UTC', new Date(Date.UTC(2026, 2, 30, hour)))).toBe(false);
    });
  });

  describe('across midnight (UTC; 2026-03-27 is a Friday)', () => {
    const hours = [span('FRIDAY', '22:00', '02:00')];

    it.each([
      ['Friday 21:59', '2026-03-27T21:59:00Z', false],
      ['Friday 22:00', '2026-03-27T22:00:00Z', true],
      ['Friday 23:59:59', '2026-03-27T23:59:59Z', true],
      ['Saturday 00:00', '2026-03-28T00:00:00Z', true],
      ['Saturday 01:59:59', '2026-03-28T01:59:59Z', true],
      ['Saturday 02:00', '2026-03-28T02:00:00Z', false],
      ['Saturday 22:30 (the span is Friday’s only)', '2026-03-28T22:30:00Z', false],
      ['Friday 01:00 (that would be Thursday night’s)', '2026-03-27T01:00:00Z', false],
      ['Sunday 01:00 (the span ends on Saturday)', '2026-03-29T01:00:00Z', false],
    ])('FRIDAY 22:00–02:00 on %s: %p', (_label, at, open) => {
      expect(isOpenAt(hours, 'UTC', new Date(at))).toBe(open);
    });

    it('wraps SUNDAY 23:00–03:00 into Monday morning, and not into Sunday morning', () => {
      const hours = [span('SUNDAY', '23:00', '03:00')];
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-29T22:59:00Z'))).toBe(false);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-29T23:00:00Z'))).toBe(true);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-30T00:00:00Z'))).toBe(true);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-30T02:59:59Z'))).toBe(true);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-30T03:00:00Z'))).toBe(false);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-29T02:30:00Z'))).toBe(false);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-31T02:30:00Z'))).toBe(false);
    });

    it('ends a span at 24:00 at midnight, without running into the next day', () => {
      const hours = [span('MONDAY', '18:00', '24:00')];
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-30T17:59:59Z'))).toBe(false);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-30T18:00:00Z'))).toBe(true);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-30T23:59:59.999Z'))).toBe(true);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-31T00:00:00Z'))).toBe(false);
    });

    it('treats an overnight span to 00:01 as one minute into the next day', () => {
      const hours = [span('MONDAY', '23:00', '00:01')];
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-31T00:00:59Z'))).toBe(true);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-31T00:01:00Z'))).toBe(false);
    });
  });

  describe('24-hour spans (UTC)', () => {
    it('is open at every quarter hour of the week with 00:00–24:00 every day', () => {
      const always = WEEKDAYS.map((day) => span(day, '00:00', '24:00'));
      for (let quarter = 0; quarter < 7 * 96; quarter++) {
        expect(isOpenAt(always, 'UTC', new Date(Date.UTC(2026, 2, 30, 0, quarter * 15)))).toBe(true);
      }
      expect(isOpenAt(always, 'UTC', new Date('2026-04-05T23:59:59.999Z'))).toBe(true);
    });

    it('opens a whole WEDNESDAY from its first to its last instant', () => {
      const wednesday = [span('WEDNESDAY', '00:00', '24:00')];
      expect(isOpenAt(wednesday, 'UTC', new Date('2026-03-31T23:59:59.999Z'))).toBe(false);
      expect(isOpenAt(wednesday, 'UTC', new Date('2026-04-01T00:00:00Z'))).toBe(true);
      expect(isOpenAt(wednesday, 'UTC', new Date('2026-04-01T23:59:59.999Z'))).toBe(true);
      expect(isOpenAt(wednesday, 'UTC', new Date('2026-04-02T00:00:00Z'))).toBe(false);
      expect(openMinutes(wednesday, 'UTC', '2026-03-30T00:00:00Z', '2026-04-06T00:00:00Z')).toBe(24 * 60);
    });
  });

  describe('spans that are invalid on their own are ignored', () => {
    it('does not read opens == closes as 24 hours', () => {
      expect(isOpenAt([span('MONDAY', '09:00', '09:00')], 'UTC', new Date('2026-03-30T09:00:00Z'))).toBe(false);
      expect(isOpenAt([span('MONDAY', '09:00', '09:00')], 'UTC', new Date('2026-03-31T08:00:00Z'))).toBe(false);
    });

    it('ignores unknown days, malformed times, a closing time of 00:00 and non-objects, but honours the valid spans beside them', () => {
      const hours = untyped(
        { day: 'Monday', opens: '09:00', closes: '17:00' },
        { day: 'MONDAY', opens: '9:00', closes: '17:00' },
        { day: 'MONDAY', opens: '09:00', closes: '24:01' },
        { day: 'MONDAY', opens: '22:00', closes: '00:00' },
        null,
        'MONDAY 09:00–17:00',
        { day: 'TUESDAY', opens: '09:00', closes: '17:00' },
      );
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-30T10:00:00Z'))).toBe(false);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-30T23:00:00Z'))).toBe(false);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-31T10:00:00Z'))).toBe(true);
    });

    it('honours each of two overlapping spans', () => {
      const hours = [span('MONDAY', '09:00', '17:00'), span('MONDAY', '16:00', '18:00')];
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-30T17:30:00Z'))).toBe(true);
      expect(isOpenAt(hours, 'UTC', new Date('2026-03-30T09:30:00Z'))).toBe(true);
    });
  });

  describe('time zones', () => {
    const weekdays = (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const).map((day) => span(day, '09:00', '17:00'));

    it('is open in Africa/Lagos (11:00 WAT) but closed in America/New_York (06:00 EDT) at Tuesday 2026-03-10 10:00 UTC', () => {
      const at = new Date('2026-03-10T10:00:00Z');
      expect(isOpenAt(weekdays, 'Africa/Lagos', at)).toBe(true);
      expect(isOpenAt(weekdays, 'America/New_York', at)).toBe(false);
      expect(isOpenAt(weekdays, 'UTC', at)).toBe(true);
    });

    it('is closed in Africa/Lagos (18:00 WAT) but open in America/New_York (12:00 EST) at Friday 2026-03-06 17:00 UTC', () => {
      const at = new Date('2026-03-06T17:00:00Z');
      expect(isOpenAt(weekdays, 'Africa/Lagos', at)).toBe(false);
      expect(isOpenAt(weekdays, 'America/New_York', at)).toBe(true);
    });

    it('reads the local weekday: Friday 23:30 UTC is Saturday 00:30 in Lagos and Friday 19:30 in New York', () => {
      const saturday = [span('SATURDAY', '00:00', '01:00')];
      const at = new Date('2026-03-06T23:30:00Z');
      expect(isOpenAt(saturday, 'Africa/Lagos', at)).toBe(true);
      expect(isOpenAt(saturday, 'America/New_York', at)).toBe(false);
      expect(isOpenAt(saturday, 'UTC', at)).toBe(false);
    });

    it('follows the half-hour offset of Asia/Kolkata (UTC+05:30)', () => {
      expect(isOpenAt(weekdays, 'Asia/Kolkata', new Date('2026-03-10T03:29:59Z'))).toBe(false); // 08:59
      expect(isOpenAt(weekdays, 'Asia/Kolkata', new Date('2026-03-10T03:30:00Z'))).toBe(true); // 09:00
      expect(isOpenAt(weekdays, 'Asia/Kolkata', new Date('2026-03-10T11:29:59Z'))).toBe(true); // 16:59
      expect(isOpenAt(weekdays, 'Asia/Kolkata', new Date('2026-03-10T11:30:00Z'))).toBe(false); // 17:00
    });

    it('throws a RangeError for an unknown time zone or an invalid date', () => {
      expect(() => isOpenAt(weekdays, 'Mars/Olympus_Mons', new Date('2026-03-10T10:00:00Z'))).toThrow(RangeError);
      expect(() => isOpenAt(weekdays, 'UTC', new Date('not a date'))).toThrow(RangeError);
    });
  });

  describe('DST in Europe/London (2026: GMT→BST on 29 March at 01:00 UTC, BST→GMT on 25 October at 01:00 UTC)', () => {
    const tz = 'Europe/London';

    it('reads the wall clock Intl gives: 00:59 GMT, then 02:00 BST one minute later on 29 March', () => {
      expect(localWeekdayAndMinute(tz, new Date('2026-03-29T00:59:00Z'))).toEqual({ day: 6, minute: 59 });
      expect(localWeekdayAndMinute(tz, new Date('2026-03-29T01:00:00Z'))).toEqual({ day: 6, minute: 120 });
    });

    it.each([
      ['00:59Z (00:59 GMT): closed', '2026-03-29T00:59:00Z', false],
      ['01:00Z (02:00 BST; local 01:00–01:59 never happens): open', '2026-03-29T01:00:00Z', true],
      ['01:30Z (02:30 BST): open', '2026-03-29T01:30:00Z', true],
      ['01:59:59Z (02:59 BST): open', '2026-03-29T01:59:59Z', true],
      ['02:00Z (03:00 BST): closed', '2026-03-29T02:00:00Z', false],
    ])('spring forward, SUNDAY 01:00–03:00 at %s', (_label, at, open) => {
      expect(isOpenAt([span('SUNDAY', '01:00', '03:00')], tz, new Date(at))).toBe(open);
    });

    it('spring forward: SUNDAY 01:00–03:00 is open one real hour; SUNDAY 01:00–02:00 (all in the skipped hour) not at all', () => {
      expect(openMinutes([span('SUNDAY', '01:00', '03:00')], tz, '2026-03-28T23:00:00Z', '2026-03-29T23:00:00Z')).toBe(60);
      expect(openMinutes([span('SUNDAY', '01:00', '02:00')], tz, '2026-03-28T23:00:00Z', '2026-03-29T23:00:00Z')).toBe(0);
    });

    it('spring forward: SATURDAY 23:00–02:00 runs 23:00Z to 01:00Z (02:00 BST), two real hours instead of three', () => {
      const hours = [span('SATURDAY', '23:00', '02:00')];
      expect(isOpenAt(hours, tz, new Date('2026-03-28T22:59:00Z'))).toBe(false);
      expect(isOpenAt(hours, tz, new Date('2026-03-28T23:00:00Z'))).toBe(true);
      expect(isOpenAt(hours, tz, new Date('2026-03-29T00:59:59Z'))).toBe(true);
      expect(isOpenAt(hours, tz, new Date('2026-03-29T01:00:00Z'))).toBe(false);
      expect(openMinutes(hours, tz, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toBe(120);
    });

    it.each([
      ['23:59Z on the 24th (00:59 BST): closed', '2026-10-24T23:59:00Z', false],
      ['00:00Z (01:00 BST): open', '2026-10-25T00:00:00Z', true],
      ['00:59Z (01:59 BST): open', '2026-10-25T00:59:00Z', true],
      ['01:00Z (01:00 GMT, the hour again): open', '2026-10-25T01:00:00Z', true],
      ['01:59:59Z (01:59 GMT): open', '2026-10-25T01:59:59Z', true],
      ['02:00Z (02:00 GMT): closed', '2026-10-25T02:00:00Z', false],
    ])('fall back, SUNDAY 01:00–02:00 at %s', (_label, at, open) => {
      expect(isOpenAt([span('SUNDAY', '01:00', '02:00')], tz, new Date(at))).toBe(open);
    });

    it('fall back: SUNDAY 01:00–02:00 is open two real hours (the local hour happens twice)', () => {
      expect(openMinutes([span('SUNDAY', '01:00', '02:00')], tz, '2026-10-24T23:00:00Z', '2026-10-25T23:00:00Z')).toBe(120);
    });

    it('keeps a business at 09:00–17:00 local on both sides of each change', () => {
      const hours = [span('SATURDAY', '09:00', '17:00'), span('SUNDAY', '09:00', '17:00'), span('MONDAY', '09:00', '17:00')];
      expect(isOpenAt(hours, tz, new Date('2026-03-28T09:00:00Z'))).toBe(true); // 09:00 GMT
      expect(isOpenAt(hours, tz, new Date('2026-03-29T08:00:00Z'))).toBe(true); // 09:00 BST
      expect(isOpenAt(hours, tz, new Date('2026-03-29T07:59:00Z'))).toBe(false); // 08:59 BST
      expect(isOpenAt(hours, tz, new Date('2026-03-29T16:00:00Z'))).toBe(false); // 17:00 BST
      expect(isOpenAt(hours, tz, new Date('2026-10-24T08:00:00Z'))).toBe(true); // 09:00 BST
      expect(isOpenAt(hours, tz, new Date('2026-10-25T08:00:00Z'))).toBe(false); // 08:00 GMT
      expect(isOpenAt(hours, tz, new Date('2026-10-25T09:00:00Z'))).toBe(true); // 09:00 GMT
      expect(isOpenAt(hours, tz, new Date('2026-10-25T16:59:00Z'))).toBe(true); // 16:59 GMT
    });
  });

  describe('DST in America/New_York (2026: EST→EDT on 8 March at 07:00 UTC, EDT→EST on 1 November at 06:00 UTC)', () => {
    const tz = 'America/New_York';

    it.each([
      ['06:59Z (01:59 EST): open', '2026-03-08T06:59:00Z', true],
      ['07:00Z (03:00 EDT; local 02:00–02:59 never happens): closed', '2026-03-08T07:00:00Z', false],
    ])('spring forward, SATURDAY 22:00–03:00 at %s', (_label, at, open) => {
      expect(isOpenAt([span('SATURDAY', '22:00', '03:00')], tz, new Date(at))).toBe(open);
    });

    it('spring forward: SATURDAY 22:00–03:00 runs 03:00Z to 07:00Z, four real hours instead of five', () => {
      const hours = [span('SATURDAY', '22:00', '03:00')];
      expect(isOpenAt(hours, tz, new Date('2026-03-08T02:59:00Z'))).toBe(false); // 21:59 EST Saturday
      expect(isOpenAt(hours, tz, new Date('2026-03-08T03:00:00Z'))).toBe(true); // 22:00 EST Saturday
      expect(openMinutes(hours, tz, '2026-03-07T12:00:00Z', '2026-03-08T12:00:00Z')).toBe(240);
    });

    it('spring forward: SUNDAY 02:00–03:00 never opens; SUNDAY 01:30–02:30 only from 01:30 to 01:59 EST', () => {
      expect(openMinutes([span('SUNDAY', '02:00', '03:00')], tz, '2026-03-08T05:00:00Z', '2026-03-09T05:00:00Z')).toBe(0);
      const hours = [span('SUNDAY', '01:30', '02:30')];
      expect(isOpenAt(hours, tz, new Date('2026-03-08T06:29:00Z'))).toBe(false); // 01:29 EST
      expect(isOpenAt(hours, tz, new Date('2026-03-08T06:30:00Z'))).toBe(true); // 01:30 EST
      expect(isOpenAt(hours, tz, new Date('2026-03-08T07:00:00Z'))).toBe(false); // 03:00 EDT
      expect(openMinutes(hours, tz, '2026-03-08T05:00:00Z', '2026-03-09T05:00:00Z')).toBe(30);
    });

    it.each([
      ['04:59Z (00:59 EDT): closed', '2026-11-01T04:59:00Z', false],
      ['05:00Z (01:00 EDT): open', '2026-11-01T05:00:00Z', true],
      ['05:59Z (01:59 EDT): open', '2026-11-01T05:59:00Z', true],
      ['06:00Z (01:00 EST, the hour again): open', '2026-11-01T06:00:00Z', true],
      ['06:59:59Z (01:59 EST): open', '2026-11-01T06:59:59Z', true],
      ['07:00Z (02:00 EST): closed', '2026-11-01T07:00:00Z', false],
    ])('fall back, SUNDAY 01:00–02:00 at %s', (_label, at, open) => {
      expect(isOpenAt([span('SUNDAY', '01:00', '02:00')], tz, new Date(at))).toBe(open);
    });

    it('fall back: SUNDAY 01:00–02:00 is open two real hours, and SATURDAY 22:00–02:00 five (02:00Z to 07:00Z)', () => {
      expect(openMinutes([span('SUNDAY', '01:00', '02:00')], tz, '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z')).toBe(120);
      const overnight = [span('SATURDAY', '22:00', '02:00')];
      expect(isOpenAt(overnight, tz, new Date('2026-11-01T01:59:00Z'))).toBe(false); // 21:59 EDT Saturday
      expect(isOpenAt(overnight, tz, new Date('2026-11-01T02:00:00Z'))).toBe(true); // 22:00 EDT Saturday
      expect(isOpenAt(overnight, tz, new Date('2026-11-01T06:59:00Z'))).toBe(true); // 01:59 EST Sunday
      expect(isOpenAt(overnight, tz, new Date('2026-11-01T07:00:00Z'))).toBe(false); // 02:00 EST Sunday
      expect(openMinutes(overnight, tz, '2026-10-31T12:00:00Z', '2026-11-01T12:00:00Z')).toBe(300);
    });
  });
});

describe('normaliseOpeningHours', () => {
  it('sorts Monday first, then by opening and closing time', () => {
    const hours = [
      span('SUNDAY', '23:00', '03:00'),
      span('MONDAY', '13:00', '17:00'),
      span('SATURDAY', '10:00', '14:00'),
      span('MONDAY', '08:00', '12:00'),
      span('WEDNESDAY', '00:00', '24:00'),
      span('MONDAY', '08:00', '10:00'),
    ];
    expect(normaliseOpeningHours(hours)).toEqual([
      span('MONDAY', '08:00', '10:00'),
      span('MONDAY', '08:00', '12:00'),
      span('MONDAY', '13:00', '17:00'),
      span('WEDNESDAY', '00:00', '24:00'),
      span('SATURDAY', '10:00', '14:00'),
      span('SUNDAY', '23:00', '03:00'),
    ]);
  });

  it('returns copies holding only day, opens and closes, and leaves its input alone', () => {
    const input = [{ ...span('TUESDAY', '09:00', '17:00'), note: 'extra' }, span('MONDAY', '09:00', '17:00')];
    const before = structuredClone(input);
    const output = normaliseOpeningHours(input);
    expect(output).toStrictEqual([span('MONDAY', '09:00', '17:00'), span('TUESDAY', '09:00', '17:00')]);
    expect(input).toEqual(before);
    expect(output[0]).not.toBe(input[1]);
  });

  it('returns an empty list for no spans', () => {
    expect(normaliseOpeningHours([])).toEqual([]);
  });
});
