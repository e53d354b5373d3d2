import { canContain, isTimeZone, RegionKind } from './region-kind';

const { COUNTRY, STATE, CITY, NEIGHBOURHOOD } = RegionKind;

describe('canContain', () => {
  // Rows: parent (undefined = top level); columns: child COUNTRY, STATE, CITY, NEIGHBOURHOOD.
  const TABLE: [RegionKind | undefined, [boolean, boolean, boolean, boolean]][] = [
    [undefined, [true, false, false, false]],
    [COUNTRY, [false, true, true, true]],
    [STATE, [false, false, true, true]],
    [CITY, [false, false, false, true]],
    [NEIGHBOURHOOD, [false, false, false, false]],
  ];
  const CHILDREN = [COUNTRY, STATE, CITY, NEIGHBOURHOOD];

  const cases = TABLE.flatMap(([parent, allowed]) =>
    CHILDREN.map((child, index) => [parent ?? 'top level', child, allowed[index]] as const),
  );

  it('covers every pair of kinds', () => {
    expect(Object.values(RegionKind).sort()).toEqual([...CHILDREN].sort());
    expect(cases).toHaveLength(5 * 4);
  });

  it.each(cases)('%s may contain %s: %p', (parent, child, expected) => {
    expect(canContain(parent === 'top level' ? undefined : parent, child)).toBe(expected);
  });

  it('never lets a kind contain itself', () => {
    for (const kind of CHILDREN) expect(canContain(kind, kind)).toBe(false);
  });
});

describe('isTimeZone', () => {
  it.each([
    'UTC',
    'Africa/Lagos',
    'Africa/Nairobi',
    'America/New_York',
    'America/Argentina/Buenos_Aires',
    'America/Port_of_Spain',
    'Europe/London',
    'Etc/GMT+1',
  ])('accepts %s', (name) => {
    expect(isTimeZone(name)).toBe(true);
  });

  it.each([
    '',
    ' ',
    'Not/AZone',
    'Africa/Atlantis',
    'Lagos',
    'EST', // a zone the runtime knows, but not an Area/Location name
    'GMT',
    '+01:00',
    'UTC+1',
    'Africa/Lagos ',
    '../../etc/passwd',
  ])('rejects %p', (name) => {
    expect(isTimeZone(name)).toBe(false);
  });
});
