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

/** True for a time zone name this runtime knows (IANA, e.g. `Africa/Lagos`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}
