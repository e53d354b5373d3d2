/**
 * Weekly opening hours of a business, evaluated on the wall clock of the business's IANA time zone.
 *
 * A span is a weekday with an opening and a closing time, both `HH:MM` on a 24-hour clock.
 * - `opens` runs from 00:00 to 23:59; `closes` from 00:01 to 24:00, where 24:00 is the end of the day.
 * - A span whose `closes` is at or before its `opens` is an overnight span: it ends on the next day at
 *   `closes` (FRIDAY 22:00–02:00 covers Friday 22:00 to Saturday 02:00; SUNDAY's wraps to MONDAY).
 * - `opens` equal to `closes` is refused as ambiguous: "open all day" is 00:00–24:00. A closing time of
 *   00:00 is refused too: midnight at the end of a span is written 24:00.
 *
 * The SQL twin of {@link isOpenAt} lives in `opening-hours.sql.ts`; keep the two in step.
 */

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

export interface OpeningSpan {
  day: Weekday;
  /** `HH:MM`, 00:00–23:59. */
  opens: string;
  /** `HH:MM`, 00:01–24:00; at or before `opens` means the next day. */
  closes: string;
}

export interface OpeningHoursProblem {
  /** Position of the offending span in the list that was checked. */
  index: number;
  field: 'day' | 'opens' | 'closes';
  message: string;
}

/** The most spans a business may list: four a day. */
export const MAX_OPENING_SPANS = 28;

const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** `HH:MM` from 00:00 to 23:59 (ASCII digits only, as the SQL twin checks). */
const OPENS_PATTERN = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
/** As {@link OPENS_PATTERN}, or exactly `24:00`; `00:00` is left out too by {@link isClosingTime}. */
const CLOSES_PATTERN = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

function isOpeningTime(value: unknown): value is string {
  return typeof value === 'string' && OPENS_PATTERN.test(value);
}

/** 00:01 to 24:00: midnight at the end of a day is written 24:00, never 00:00. */
function isClosingTime(value: unknown): value is string {
  return typeof value === 'string' && CLOSES_PATTERN.test(value) && value !== '00:00';
}

/** Minutes since midnight of a well-formed `HH:MM` (24:00 → 1440). */
function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function weekdayIndex(day: unknown): number {
  return typeof day === 'string' ? (WEEKDAYS as readonly string[]).indexOf(day) : -1;
}

/** A span in numbers: weekday 0 (Monday) to 6, opening and closing minutes; `overnight` when it ends the next day. */
interface ParsedSpan {
  day: number;
  opens: number;
  closes: number;
  overnight: boolean;
}

/**
 * The span in numbers, or `undefined` when it is not a usable span on its own (unknown day, malformed or
 * out-of-range time — a closing time of 00:00 included — or opens == closes): exactly the spans that
 * {@link openingHoursProblems} finds fault with one by one. {@link isOpenAt} and the SQL twin ignore them.
 */
function parseSpan(span: unknown): ParsedSpan | undefined {
  if (typeof span !== 'object' || span === null) return undefined;
  const { day, opens, closes } = span as Record<string, unknown>;
  const dayIndex = weekdayIndex(day);
  if (dayIndex < 0) return undefined;
  if (!isOpeningTime(opens) || !isClosingTime(closes) || opens === closes) return undefined;
  const opensAt = minutesOf(opens);
  const closesAt = minutesOf(closes);
  return { day: dayIndex, opens: opensAt, closes: closesAt, overnight: closesAt <= opensAt };
}

/**
 * What is wrong with a list of spans, in order of index; empty when it can be stored.
 *
 * Rules: a known day; well-formed times (`closes` 00:01–24:00: midnight at the end of a span is 24:00, so a
 * closing time of 00:00 is refused); opens ≠ closes; at most {@link MAX_OPENING_SPANS} spans (reported
 * once, on the first span past the limit); and no two spans overlapping, overnight spans included (they run
 * into the next day, and SUNDAY's into MONDAY). Spans that only touch (10:00–12:00, 12:00–14:00) do not
 * overlap. An overlap is reported on the `opens` of the span that opens while the other is already open
 * (for two spans opening at the same moment, the one listed later), naming the other span's index.
 */
export function openingHoursProblems(spans: readonly OpeningSpan[]): OpeningHoursProblem[] {
  const problems: OpeningHoursProblem[] = [];
  const parsed: (ParsedSpan | undefined)[] = [];

  spans.forEach((span, index) => {
    const { day, opens, closes } = (typeof span === 'object' && span !== null ? span : {}) as Record<string, unknown>;
    if (weekdayIndex(day) < 0) {
      problems.push({ index, field: 'day', message: `must be one of ${WEEKDAYS.join(', ')}` });
    }
    const opensValid = isOpeningTime(opens);
    if (!opensValid) {
      problems.push({ index, field: 'opens', message: 'must be a time from 00:00 to 23:59 written HH:MM' });
    }
    const closesValid = isClosingTime(closes);
    if (!closesValid) {
      problems.push({ index, field: 'closes', message: 'must be a time from 00:01 to 24:00 written HH:MM (24:00 for midnight)' });
    } else if (opensValid && opens === closes) {
      problems.push({ index, field: 'closes', message: 'must differ from the opening time (use 00:00–24:00 for a whole day)' });
    }
    parsed.push(parseSpan(span));
  });

  if (spans.length > MAX_OPENING_SPANS) {
    problems.push({ index: MAX_OPENING_SPANS, field: 'day', message: `at most ${MAX_OPENING_SPANS} opening spans are allowed` });
    // The overlap check compares every pair: not worth doing (nor safe to do on a huge list) for a refused list.
    return sortProblems(problems);
  }

  // Each span as a stretch [start, end) of minutes from Monday 00:00; SUNDAY's overnight span ends past the
  // week's end, so each pair is also compared a week apart.
  const stretches = parsed.map((span) =>
    span
      ? {
          start: span.day * MINUTES_PER_DAY + span.opens,
          end: span.day * MINUTES_PER_DAY + span.closes + (span.overnight ? MINUTES_PER_DAY : 0),
        }
      : undefined,
  );
  for (let later = 0; later < stretches.length; later++) {
    const a = stretches[later];
    if (!a) continue;
    for (let other = 0; other < stretches.length; other++) {
      const b = stretches[other];
      if (!b || other === later) continue;
      // `a` opens inside `b` (seen on the week circle). Equal starts: blame the span listed later.
      const opensInside = [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK].some((shift) => {
        const start = b.start + shift;
        const end = b.end + shift;
        if (a.start === start) return later > other;
        return start < a.start && a.start < end;
      });
      if (opensInside) {
        problems.push({ index: later, field: 'opens', message: `overlaps the span at index ${other}` });
      }
    }
  }

  return sortProblems(problems);
}

const FIELD_ORDER = { day: 0, opens: 1, closes: 2 } as const;

function sortProblems(problems: OpeningHoursProblem[]): OpeningHoursProblem[] {
  return problems.sort((x, y) => x.index - y.index || FIELD_ORDER[x.field] - FIELD_ORDER[y.field]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for a time zone the runtime does not know.
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** en-US short weekday names, Monday first. */
const SHORT_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The wall clock in `timeZone` at the instant `at`: weekday 0 (Monday) to 6, and whole minutes since local midnight. */
export function localWeekdayAndMinute(timeZone: string, at: Date): { day: number; minute: number } {
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid date');
  let day = -1;
  let hour = NaN;
  let minute = NaN;
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type === 'weekday') day = SHORT_WEEKDAYS.indexOf(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  if (day < 0 || !(hour >= 0 && hour < 24) || !(minute >= 0 && minute < 60)) {
    throw new Error(`Unexpected wall clock from Intl for ${at.toISOString()} in ${timeZone}`);
  }
  return { day, minute: hour * 60 + minute };
}

/**
 * Whether the business is open at the instant `at`, reading the wall clock in `timeZone` (weekday, and the
 * time truncated to the minute). Open when a span of that weekday has opens <= t < closes (an overnight span
 * only needs opens <= t), or the previous weekday's overnight span has t < closes.
 *
 * Across a DST change it simply reads the wall clock Intl gives for the instant: a local time that is
 * skipped never happens, and one that repeats happens twice. Spans that are unusable on their own (see
 * {@link openingHoursProblems}: unknown day, malformed or out-of-range time, opens == closes) are ignored; overlapping spans
 * are each honoured. Throws a RangeError for an unknown time zone or an invalid date.
 */
export function isOpenAt(spans: readonly OpeningSpan[], timeZone: string, at: Date): boolean {
  const { day, minute } = localWeekdayAndMinute(timeZone, at);
  const today = WEEKDAYS[day];
  const yesterday = WEEKDAYS[(day + 6) % 7];
  return spans.some((raw) => {
    // Only today's and yesterday's spans can be open; the others need not be parsed.
    const spanDay = typeof raw === 'object' && raw !== null ? (raw as { day?: unknown }).day : undefined;
    if (spanDay !== today && spanDay !== yesterday) return false;
    const span = parseSpan(raw);
    if (!span) return false;
    if (spanDay === today && span.opens <= minute && (span.overnight || minute < span.closes)) return true;
    return spanDay === yesterday && span.overnight && minute < span.closes;
  });
}

/** The spans sorted Monday first, then by opening and closing time: the order to store and show them in. */
export function normaliseOpeningHours(spans: readonly OpeningSpan[]): OpeningSpan[] {
  return spans
    .map(({ day, opens, closes }) => ({ day, opens, closes }))
    .sort((a, b) => weekdayIndex(a.day) - weekdayIndex(b.day) || compareText(a.opens, b.opens) || compareText(a.closes, b.closes));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
