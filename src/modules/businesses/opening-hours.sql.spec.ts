import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrl, SERVER_URL_VARIABLE } from '../../../test/utils/test-database';
import { isOpenAt, openingHoursProblems, OpeningSpan, WEEKDAYS } from './opening-hours';
import { DROP_IS_OPEN_AT_FUNCTION_SQL, IS_OPEN_AT_FUNCTION_SQL } from './opening-hours.sql';

const span = (day: OpeningSpan['day'], opens: string, closes: string): OpeningSpan => ({ day, opens, closes });

/** Hour sets to compare, all valid but the last, which checks the two ignore the same invalid spans. */
const HOUR_SETS: Record<string, OpeningSpan[]> = {
  office: [
    ...(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const).map((day) => span(day, '09:00', '17:00')),
    span('SATURDAY', '10:00', '14:00'),
  ],
  'split days, touching spans, odd minutes': [
    span('MONDAY', '08:00', '12:00'),
    span('MONDAY', '12:00', '14:00'),
    span('TUESDAY', '07:30', '11:45'),
    span('TUESDAY', '13:15', '19:00'),
    span('THURSDAY', '06:00', '06:30'),
    span('SATURDAY', '23:59', '24:00'),
  ],
  'overnight, to 24:00 and the Sunday wrap': [
    span('WEDNESDAY', '18:00', '24:00'),
    span('THURSDAY', '18:00', '01:00'),
    span('FRIDAY', '22:00', '02:00'),
    span('SATURDAY', '20:00', '04:30'),
    span('SUNDAY', '23:00', '03:00'),
    span('MONDAY', '03:00', '05:00'),
  ],
  'around the DST hours': [
    span('SATURDAY', '23:00', '01:30'),
    span('SUNDAY', '01:30', '02:30'),
    span('SUNDAY', '02:30', '03:00'),
    span('SUNDAY', '06:00', '24:00'),
    span('MONDAY', '00:00', '00:30'),
  ],
  'whole days': [
    span('SATURDAY', '00:00', '24:00'),
    span('SUNDAY', '00:00', '24:00'),
    span('MONDAY', '00:00', '06:00'),
    span('THURSDAY', '12:00', '00:01'),
  ],
  'always open': WEEKDAYS.map((day) => span(day, '00:00', '24:00')),
  'never open': [],
  'invalid spans among valid ones': [
    { day: 'Monday', opens: '09:00', closes: '17:00' },
    { day: 'MONDAY', opens: '9:00', closes: '17:00' },
    { day: 'MONDAY', opens: '10:00', closes: '24:01' },
    { day: 'TUESDAY', opens: '22:00', closes: '00:00' },
    { day: 'WEDNESDAY', opens: '10:00', closes: '10:00' },
    { day: 'THURSDAY', opens: '٠٩:٠٠', closes: '17:00' },
    { day: 'FRIDAY', opens: 9, closes: 17 },
    { day: 'FRIDAY', opens: '09:00\n', closes: '17:00' },
    { day: 'FRIDAY', opens: '10:00', closes: '17:00\n' },
    { day: ['FRIDAY'], opens: '11:00', closes: '17:00' },
    { day: 'FRIDAY', opens: ['12:00'], closes: '17:00' },
    { day: 'FRIDAY', closes: '17:00' },
    { day: 'FRIDAY', opens: '13:00' },
    null,
    'SATURDAY',
    { day: 'SATURDAY', opens: '09:00', closes: '17:00' },
    { day: 'SUNDAY', opens: '22:00', closes: '01:00' },
  ] as unknown as OpeningSpan[],
};

const TIME_ZONES = ['Africa/Lagos', 'Europe/London', 'America/New_York', 'Asia/Kolkata'];

/** Instants every 30 minutes, and one second before each, over a week around each DST change of 2026 in London and New York. */
const WEEKS = [
  { label: 'New York springs forward on 2026-03-08', from: '2026-03-05T00:00:00Z' },
  { label: 'London springs forward on 2026-03-29', from: '2026-03-26T00:00:00Z' },
  { label: 'London falls back on 2026-10-25', from: '2026-10-22T00:00:00Z' },
  { label: 'New York falls back on 2026-11-01', from: '2026-10-29T00:00:00Z' },
];
const STEP = 30 * 60_000;
const INSTANTS = WEEKS.flatMap(({ from }) => {
  const start = Date.parse(from);
  return Array.from({ length: (7 * 24 * 60 * 60_000) / STEP }, (_, step) => [start + step * STEP, start + step * STEP - 1000]).flat();
}).map((ms) => new Date(ms));

const CASES_PER_SET = TIME_ZONES.length * INSTANTS.length;
const CASE_COUNT = Object.keys(HOUR_SETS).length * CASES_PER_SET;

describe('hometown_is_open_at, the SQL twin of isOpenAt', () => {
  const serverUrl = process.env[SERVER_URL_VARIABLE];
  const database = `hometown_opening_hours_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  let admin: Client;
  let client: Client;

  beforeAll(async () => {
    if (!serverUrl) throw new Error('The test database server is not set up: run the tests through jest (npm test)');
    admin = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    client = new Client({ connectionString: databaseUrl(serverUrl, database) });
    await client.connect();
    await client.query(IS_OPEN_AT_FUNCTION_SQL);
  });

  afterAll(async () => {
    await client?.end();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
      await admin.end();
    }
  });

  /**
   * Starts one query for every hour set × time zone × instant, in that order: its answers come back as one
   * string of '1' (open), '0' (closed) or '?' (null), so the server computes while the TypeScript side does.
   */
  function sqlAnswers(hourSets: unknown[]): Promise<string> {
    const zones = TIME_ZONES.flatMap((zone) => INSTANTS.map(() => zone));
    const instants = TIME_ZONES.flatMap(() => INSTANTS.map((at) => at.toISOString()));
    return client
      .query<{ answers: string }>(
        `select string_agg(case hometown_is_open_at(s.hours, c.tz, c.at) when true then '1' when false then '0' else '?' end, '' order by s.n, c.n) as answers
         from unnest($1::jsonb[]) with ordinality as s(hours, n)
         cross join unnest($2::text[], $3::timestamptz[]) with ordinality as c(tz, at, n)`,
        [hourSets.map((hours) => JSON.stringify(hours)), zones, instants],
      )
      .then(({ rows }) => rows[0].answers);
  }

  /** Which hour set, time zone and instant the case at `index` of the grid is. */
  function label(index: number): string {
    const [name] = Object.entries(HOUR_SETS)[Math.floor(index / CASES_PER_SET)];
    const zone = TIME_ZONES[Math.floor((index % CASES_PER_SET) / INSTANTS.length)];
    return `${name} / ${zone} / ${INSTANTS[index % INSTANTS.length].toISOString()}`;
  }

  it('is given valid hour sets, but for the one meant to hold invalid spans', () => {
    for (const [name, hours] of Object.entries(HOUR_SETS)) {
      expect([name, openingHoursProblems(hours).length > 0]).toEqual([name, name === 'invalid spans among valid ones']);
    }
  });

  it(`agrees with isOpenAt on all ${CASE_COUNT} cases (${Object.keys(HOUR_SETS).length} hour sets × ${TIME_ZONES.length} time zones × ${INSTANTS.length} instants)`, async () => {
    expect(INSTANTS).toHaveLength(WEEKS.length * 2 * 7 * 48);
    const sets = Object.entries(HOUR_SETS);
    const pending = sqlAnswers(sets.map(([, hours]) => hours));
    let typescript = '';
    for (const [, hours] of sets) {
      for (const zone of TIME_ZONES) {
        for (const at of INSTANTS) {
          typescript += isOpenAt(hours, zone, at) ? '1' : '0';
        }
      }
    }
    const sql = await pending;
    expect(sql).toHaveLength(CASE_COUNT);
    expect(typescript).toHaveLength(CASE_COUNT);
    let compared = 0;
    const mismatches: string[] = [];
    const openCounts: Record<string, number> = {};
    for (let index = 0; index < CASE_COUNT; index++) {
      compared++;
      const name = sets[Math.floor(index / CASES_PER_SET)][0];
      openCounts[name] = (openCounts[name] ?? 0) + (typescript[index] === '1' ? 1 : 0);
      if (sql[index] !== typescript[index]) mismatches.push(`${label(index)}: SQL ${sql[index]}, TypeScript ${typescript[index]}`);
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(compared).toBe(CASE_COUNT);
    // The grid is not trivial: each set is open for some cases and closed for others, save the two extremes.
    for (const [name, open] of Object.entries(openCounts)) {
      const expected = name === 'always open' ? CASES_PER_SET : name === 'never open' ? 0 : expect.any(Number);
      expect([name, open]).toEqual([name, expected]);
      if (name !== 'always open' && name !== 'never open') expect([name, 0 < open && open < CASES_PER_SET]).toEqual([name, true]);
    }
  });

  it('reads the local wall clock across the DST changes, as the unit tests document', async () => {
    const { rows } = await client.query<{ open: boolean }>(
      `select hometown_is_open_at($1::jsonb, c.tz, c.at) as open
       from unnest($2::text[], $3::timestamptz[]) with ordinality as c(tz, at, n)
       order by c.n`,
      [
        JSON.stringify([span('SUNDAY', '01:00', '03:00')]),
        ['Europe/London', 'Europe/London', 'Europe/London', 'America/New_York', 'America/New_York', 'America/New_York'],
        [
          '2026-03-29T00:59:00Z',
          '2026-03-29T01:00:00Z',
          '2026-03-29T02:00:00Z',
          '2026-11-01T04:59:00Z',
          '2026-11-01T05:00:00Z',
          '2026-11-01T07:59:00Z',
        ],
      ],
    );
    // London: 00:59 GMT closed; 02:00 BST open (01:00–01:59 skipped); 03:00 BST closed.
    // New York: 00:59 EDT closed; 01:00 EDT open; 02:59 EST open (01:00–01:59 happened twice).
    expect(rows.map((row) => row.open)).toEqual([false, true, false, false, true, true]);
  });

  it('is never open with a null argument, or hours that are not an array', async () => {
    const { rows } = await client.query(
      `select hometown_is_open_at(null, 'UTC', now()) as no_hours,
              hometown_is_open_at($1, null, now()) as no_zone,
              hometown_is_open_at($1, 'UTC', null) as no_instant,
              hometown_is_open_at($1, 'UTC', '2026-03-30T12:00:00Z') as array,
              hometown_is_open_at('{"day": "MONDAY", "opens": "00:00", "closes": "24:00"}', 'UTC', '2026-03-30T12:00:00Z') as object,
              hometown_is_open_at('"MONDAY"', 'UTC', '2026-03-30T12:00:00Z') as text`,
      [JSON.stringify(WEEKDAYS.map((day) => span(day, '00:00', '24:00')))],
    );
    expect(rows).toEqual([{ no_hours: false, no_zone: false, no_instant: false, array: true, object: false, text: false }]);
  });

  it('is inlined into the calling query (a single expression, stable, not strict)', async () => {
    const { rows } = await client.query(
      `explain (verbose, costs off)
       select hometown_is_open_at(c.hours, c.tz, c.at) from (values ('[]'::jsonb, 'UTC', now())) as c(hours, tz, at)`,
    );
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toContain('jsonb_path_exists');
    expect(plan).not.toContain('hometown_is_open_at');
  });

  it('refuses an unknown time zone, as isOpenAt throws', async () => {
    await expect(client.query(`select hometown_is_open_at('[]', 'Mars/Olympus_Mons', now())`)).rejects.toThrow(/time zone/);
    expect(() => isOpenAt([], 'Mars/Olympus_Mons', new Date('2026-03-30T12:00:00Z'))).toThrow(RangeError);
  });

  it('is stable, not strict, and parallel safe, and DROP_IS_OPEN_AT_FUNCTION_SQL removes it', async () => {
    const { rows } = await client.query(`select provolatile, proisstrict, proparallel from pg_proc where proname = 'hometown_is_open_at'`);
    expect(rows).toEqual([{ provolatile: 's', proisstrict: false, proparallel: 's' }]);
    await client.query(IS_OPEN_AT_FUNCTION_SQL); // create or replace: installing twice is fine
    await client.query(DROP_IS_OPEN_AT_FUNCTION_SQL);
    await client.query(DROP_IS_OPEN_AT_FUNCTION_SQL); // if exists
    expect((await client.query(`select 1 from pg_proc where proname = 'hometown_is_open_at'`)).rowCount).toBe(0);
    await client.query(IS_OPEN_AT_FUNCTION_SQL);
  });
});
