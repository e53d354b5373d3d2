import { canContain, isTimeZone, RegionKind } from '../../modules/regions/region-kind';
import { DEMO_REGIONS, RegionSeed } from './demo-regions.data';
import { regionSlug, slugify } from './demo.seeder';

describe('slugify', () => {
  it.each([
    ['São Paulo', 'sao-paulo'],
    ['Île-de-France', 'ile-de-france'],
    ['Thiès', 'thies'],
    ["La Goutte-d'Or", 'la-goutte-d-or'],
    ['Château Rouge', 'chateau-rouge'],
    ['KwaZulu-Natal', 'kwazulu-natal'],
    ['Trinidad and Tobago', 'trinidad-and-tobago'],
    ['NG-LA', 'ng-la'],
    ['  --Hello,   World!--  ', 'hello-world'],
    ['a__b..c', 'a-b-c'],
    ['Zürich 2026', 'zurich-2026'],
    ['Ñuñoa', 'nunoa'],
    ['ﬁnance', 'finance'], // compatibility ligature, NFKD splits it
    ['', ''],
    ['---', ''],
  ])('%p → %p', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('only ever produces lower-case ASCII words joined by single hyphens', () => {
    for (const text of ['Crème Brûlée!', ' x ', 'A  B', 'Ünïcödé—dash', 'tab\there', 'new\nline']) {
      expect(slugify(text)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe('regionSlug', () => {
  const seed = (kind: RegionKind, name: string, iso?: string): RegionSeed => ({ kind, name, iso });

  it('names a country by its name', () => {
    expect(regionSlug(seed(RegionKind.COUNTRY, 'South Africa', 'ZA'), undefined, undefined)).toBe('south-africa');
  });

  it('names a state by its ISO code', () => {
    expect(regionSlug(seed(RegionKind.STATE, 'Lagos', 'NG-LA'), 'nigeria', 'NG')).toBe('ng-la');
  });

  it('names a state without ISO code by its name and country code', () => {
    expect(regionSlug(seed(RegionKind.STATE, 'Greater Lagos'), 'nigeria', 'NG')).toBe('greater-lagos-ng');
  });

  it('names a city with its country code, whatever its parent', () => {
    expect(regionSlug(seed(RegionKind.CITY, 'Lagos'), 'ng-la', 'NG')).toBe('lagos-ng');
    expect(regionSlug(seed(RegionKind.CITY, 'Bridgetown'), 'barbados', 'BB')).toBe('bridgetown-bb');
  });

  it('names a neighbourhood with its parent slug', () => {
    expect(regionSlug(seed(RegionKind.NEIGHBOURHOOD, 'Victoria Island'), 'lagos-ng', 'NG')).toBe('victoria-island-lagos-ng');
    expect(regionSlug(seed(RegionKind.NEIGHBOURHOOD, "La Goutte-d'Or"), 'paris-fr', 'FR')).toBe('la-goutte-d-or-paris-fr');
  });

  it('distinguishes a state, its city and a neighbourhood that share a name', () => {
    const state = regionSlug(seed(RegionKind.STATE, 'Kingston', 'JM-01'), 'jamaica', 'JM');
    const city = regionSlug(seed(RegionKind.CITY, 'Kingston'), state, 'JM');
    const neighbourhood = regionSlug(seed(RegionKind.NEIGHBOURHOOD, 'Kingston'), city, 'JM');
    expect(new Set([state, city, neighbourhood]).size).toBe(3);
  });
});

describe('DEMO_REGIONS', () => {
  interface Visited {
    readonly seed: RegionSeed;
    readonly slug: string;
    readonly parent: Visited | undefined;
    readonly countryIso: string | undefined;
  }

  /** Walks the tree exactly as seedDemoData does, deriving slugs the same way. */
  function walk(): Visited[] {
    const all: Visited[] = [];
    const visit = (seed: RegionSeed, parent: Visited | undefined, countryIso: string | undefined) => {
      const node: Visited = { seed, slug: regionSlug(seed, parent?.slug, countryIso), parent, countryIso };
      all.push(node);
      const iso = seed.kind === RegionKind.COUNTRY ? seed.iso : countryIso;
      for (const child of seed.children ?? []) visit(child, node, iso);
    };
    for (const country of DEMO_REGIONS) visit(country, undefined, undefined);
    return all;
  }

  const regions = walk();
  const describeRegion = (node: Visited): string => [node.slug, node.seed.name, node.seed.kind].join(' / ');

  it('has at least 12 countries, all at the top', () => {
    expect(DEMO_REGIONS.length).toBeGreaterThanOrEqual(12);
    expect(DEMO_REGIONS.every((seed) => seed.kind === RegionKind.COUNTRY)).toBe(true);
    expect(regions.length).toBeGreaterThan(DEMO_REGIONS.length);
  });

  it('derives a unique, well-formed slug for every region', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const node of regions) {
      expect(node.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const previous = seen.get(node.slug);
      if (previous) duplicates.push(`${node.slug}: ${previous} and ${node.seed.name}`);
      seen.set(node.slug, node.seed.name);
    }
    expect(duplicates).toEqual([]);
  });

  it('has unique names among siblings', () => {
    for (const node of [{ seed: { children: DEMO_REGIONS } as RegionSeed }, ...regions]) {
      const names = (node.seed.children ?? []).map((child) => child.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('only gets finer going down the tree', () => {
    const bad = regions.filter((node) => !canContain(node.parent?.seed.kind, node.seed.kind)).map(describeRegion);
    expect(bad).toEqual([]);
  });

  it('gives every country a two-letter upper-case ISO 3166-1 code, unique', () => {
    const countries = regions.filter((node) => node.seed.kind === RegionKind.COUNTRY);
    for (const country of countries) expect(country.seed.iso).toMatch(/^[A-Z]{2}$/);
    const codes = countries.map((country) => country.seed.iso);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("gives every state an ISO 3166-2 code that starts with its country's code and a hyphen", () => {
    const bad = regions
      .filter((node) => node.seed.kind === RegionKind.STATE)
      .filter(
        (node) => !node.seed.iso || !node.seed.iso.startsWith(`${node.countryIso}-`) || !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(node.seed.iso),
      )
      .map((node) => `${describeRegion(node)}: ${node.seed.iso}`);
    expect(bad).toEqual([]);
  });

  it('gives ISO codes only to countries and states', () => {
    const bad = regions.filter((node) => node.seed.iso !== undefined && ![RegionKind.COUNTRY, RegionKind.STATE].includes(node.seed.kind));
    expect(bad.map(describeRegion)).toEqual([]);
  });

  it('uses only valid IANA time zones', () => {
    const bad = regions.filter((node) => node.seed.tz !== undefined && !isTimeZone(node.seed.tz));
    expect(bad.map((node) => `${describeRegion(node)}: ${node.seed.tz}`)).toEqual([]);
  });

  it('gives every region below a country a time zone, its own or inherited', () => {
    const zone = (node: Visited | undefined): string | undefined => (node ? (node.seed.tz ?? zone(node.parent)) : undefined);
    const bad = regions.filter((node) => node.seed.kind !== RegionKind.COUNTRY && zone(node) === undefined);
    expect(bad.map(describeRegion)).toEqual([]);
  });

  it('omits the zone of a country only when every state of it has one (countries spanning several zones)', () => {
    const bad = DEMO_REGIONS.filter((country) => country.tz === undefined)
      .filter((country) => (country.children ?? []).length === 0 || (country.children ?? []).some((child) => child.tz === undefined))
      .map((country) => country.name);
    expect(bad).toEqual([]);
  });

  it('gives every region a centroid within range', () => {
    const bad = regions
      .filter(({ seed: { lat, lng } }) => {
        const valid = (value: number | undefined, limit: number) =>
          typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
        return !valid(lat, 90) || !valid(lng, 180) || (lat === 0 && lng === 0);
      })
      .map((node) => `${describeRegion(node)}: ${node.seed.lat}, ${node.seed.lng}`);
    expect(bad).toEqual([]);
  });

  it('puts cities and neighbourhoods near their parent (catches swapped or mis-signed coordinates)', () => {
    const limits: Partial<Record<RegionKind, number>> = { [RegionKind.CITY]: 12, [RegionKind.NEIGHBOURHOOD]: 0.5 };
    const bad = regions
      .filter((node) => node.parent && limits[node.seed.kind] !== undefined)
      .filter((node) => {
        const limit = limits[node.seed.kind]!;
        const parent = node.parent!.seed;
        return Math.abs(node.seed.lat! - parent.lat!) > limit || Math.abs(node.seed.lng! - parent.lng!) > limit;
      })
      .map((node) => `${describeRegion(node)} vs ${node.parent!.seed.name}`);
    expect(bad).toEqual([]);
  });
});
