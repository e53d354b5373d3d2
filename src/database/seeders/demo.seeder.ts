import { EntityManager } from '@mikro-orm/postgresql';
import { RegionKind } from '../../modules/regions/region-kind';
import { Region } from '../../modules/regions/region.entity';
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { Account } from '../../modules/accounts/account.entity';
import { ARGON2_OPTIONS } from '../../modules/accounts/password-hasher.service';
import { BusinessOwner, BusinessRole } from '../../modules/businesses/business-owner.entity';
import { BusinessStatus } from '../../modules/businesses/business-status';
import { Business } from '../../modules/businesses/business.entity';
import { Category } from '../../modules/businesses/category.entity';
import { DEMO_BUSINESSES, DEMO_OWNERS, OPENING_PATTERNS } from './demo-businesses.data';
import { DEMO_CATEGORIES } from './demo-categories.data';
import { DEMO_REGIONS, RegionSeed } from './demo-regions.data';

/** `"São Paulo"` → `"sao-paulo"`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Slugs that stay readable and unique: a country by name (`nigeria`), a state by its ISO code
 * (`ng-la`), a city with its country code (`lagos-ng`), a neighbourhood with its city
 * (`yaba-lagos-ng`).
 */
export function regionSlug(seed: RegionSeed, parentSlug: string | undefined, countryIso: string | undefined): string {
  switch (seed.kind) {
    case RegionKind.COUNTRY:
      return slugify(seed.name);
    case RegionKind.STATE:
      return seed.iso ? slugify(seed.iso) : `${slugify(seed.name)}-${slugify(countryIso ?? '')}`;
    case RegionKind.CITY:
      return `${slugify(seed.name)}-${slugify(countryIso ?? '')}`;
    case RegionKind.NEIGHBOURHOOD:
      return `${slugify(seed.name)}-${parentSlug}`;
  }
}

/**
 * Loads the demo data: the region tree and the business categories. Idempotent: rows are matched
 * by slug, so running it again refreshes them and adds what is missing.
 */
export async function seedDemoData(em: EntityManager): Promise<{ regions: number; categories: number; businesses: number }> {
  const regions = await seedRegions(em);
  const categories = await seedCategories(em);
  const businesses = await seedBusinesses(em);
  return { regions, categories, businesses };
}

/**
 * A few published listings and the demo members who own them. The owners' passwords are random,
 * so no known credentials exist wherever the demo data is loaded.
 */
export async function seedBusinesses(em: EntityManager): Promise<number> {
  const regions = new Map((await em.find(Region, {})).map((region) => [region.slug, region]));
  const regionsById = new Map([...regions.values()].map((region) => [region.id, region]));
  const categories = new Map((await em.find(Category, {})).map((category) => [category.slug, category]));
  const zoneOf = (region: Region | undefined): string => {
    for (let current = region; current; current = current.parent ? regionsById.get(current.parent.id) : undefined) {
      if (current.timeZone) return current.timeZone;
    }
    return 'UTC';
  };
  const owners = new Map<string, Account>();
  for (const [key, demo] of Object.entries(DEMO_OWNERS)) {
    let account = await em.findOne(Account, { email: demo.email });
    if (!account) {
      account = new Account({
        email: demo.email,
        passwordHash: await argon2.hash(randomBytes(24).toString('hex'), ARGON2_OPTIONS),
        displayName: demo.displayName,
        homeRegion: regions.get(demo.region)!,
        publicProfile: demo.publicProfile,
      });
      account.emailVerifiedAt = new Date();
      em.persist(account);
    }
    owners.set(key, account);
  }
  const existing = new Set((await em.find(Business, {}, { fields: ['slug'] })).map((business) => business.slug));
  let count = 0;
  for (const seed of DEMO_BUSINESSES) {
    const slug = `${slugify(seed.name)}-${seed.region}`;
    count += 1;
    if (existing.has(slug)) continue;
    const region = regions.get(seed.region)!;
    const business = new Business({ name: seed.name, slug, region, timeZone: zoneOf(region) });
    em.assign(business, {
      description: seed.description,
      tags: [...seed.tags],
      latitude: seed.lat,
      longitude: seed.lng,
      website: seed.website ?? null,
      openingHours: OPENING_PATTERNS[seed.hours],
      memberOwned: seed.memberOwned ?? false,
      memberOwnedVerifiedAt: seed.verified ? new Date() : null,
      status: BusinessStatus.PUBLISHED,
      publishedAt: new Date(),
    });
    business.categories.set(seed.categories.map((categorySlug) => categories.get(categorySlug)!));
    em.persist(business);
    em.persist(new BusinessOwner({ business, account: owners.get(seed.owner)!, role: BusinessRole.OWNER }));
  }
  await em.flush();
  return count;
}

/** The business categories (idempotent: matched by slug). */
export async function seedCategories(em: EntityManager): Promise<number> {
  const existing = new Map((await em.find(Category, {})).map((category) => [category.slug, category]));
  let count = 0;
  const upsert = (name: string, position: number, parent?: Category) => {
    const slug = slugify(name);
    let category = existing.get(slug);
    if (!category) {
      category = em.create(Category, { slug, name, position, parent: parent ?? null });
    } else {
      em.assign(category, { name, position, parent: parent ?? null });
    }
    count += 1;
    return category;
  };
  DEMO_CATEGORIES.forEach((top, index) => {
    const parent = upsert(top.name, index);
    top.children.forEach((child, childIndex) => upsert(child, childIndex, parent));
  });
  await em.flush();
  return count;
}

export async function seedRegions(em: EntityManager): Promise<number> {
  const existing = new Map((await em.find(Region, {})).map((region) => [region.slug, region]));
  let count = 0;
  const visit = (seed: RegionSeed, parent: Region | undefined, countryIso: string | undefined) => {
    const slug = regionSlug(seed, parent?.slug, countryIso);
    const props = {
      name: seed.name,
      slug,
      kind: seed.kind,
      isoCode: seed.iso ?? null,
      latitude: seed.lat ?? null,
      longitude: seed.lng ?? null,
      timeZone: seed.tz ?? null,
    };
    let region = existing.get(slug);
    if (region) {
      em.assign(region, props);
    } else {
      region = new Region({ ...props, parent });
      em.persist(region);
    }
    count += 1;
    const iso = seed.kind === RegionKind.COUNTRY ? seed.iso : countryIso;
    for (const child of seed.children ?? []) visit(child, region, iso);
  };
  for (const country of DEMO_REGIONS) visit(country, undefined, undefined);
  await em.flush();
  return count;
}
