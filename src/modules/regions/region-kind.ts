/** Levels of the region tree, from the top. */
export enum RegionKind {
  COUNTRY = 'COUNTRY',
  STATE = 'STATE',
  CITY = 'CITY',
  NEIGHBOURHOOD = 'NEIGHBOURHOOD',
}

const RANK: Readonly<Record<RegionKind, number>> = {
  [RegionKind.COUNTRY]: 0,
  [RegionKind.STATE]: 1,
  [RegionKind.CITY]: 2,
  [RegionKind.NEIGHBOURHOOD]: 3,
};

/**
 * Whether a region of kind `child` may sit directly under one of kind `parent` (`undefined` = at
 * the top). Countries are the roots; below them kinds only get finer, and a level may be skipped
 * (a city-state's neighbourhoods, or a city in a country without states).
 */
export function canContain(parent: RegionKind | undefined, child: RegionKind): boolean {
  if (parent === undefined) return child === RegionKind.COUNTRY;
  return RANK[child] > RANK[parent];
}

/** Area/Location[/Location], each part starting with a capital as in the IANA database. */
const IANA_NAME = /^[A-Z][A-Za-z_+-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)+$/;

/** True for an IANA time zone name this runtime knows, written as the database writes it (`Africa/Lagos`, not `africa/lagos`). */
export function isTimeZone(name: string): boolean {
  if (name !== 'UTC' && !IANA_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
