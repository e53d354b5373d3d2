import { randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../src/modules/accounts/account.entity';
import { BusinessOwner, BusinessRole } from '../../src/modules/businesses/business-owner.entity';
import { BusinessStatus } from '../../src/modules/businesses/business-status';
import { Business } from '../../src/modules/businesses/business.entity';
import { Category } from '../../src/modules/businesses/category.entity';
import type { OpeningSpan } from '../../src/modules/businesses/opening-hours';
import { Region } from '../../src/modules/regions/region.entity';

export interface BusinessOptions {
  region: Region;
  owner?: Account;
  editors?: Account[];
  name?: string;
  status?: BusinessStatus;
  categories?: Category[];
  tags?: string[];
  description?: string;
  location?: { lat: number; lng: number } | null;
  openingHours?: OpeningSpan[];
  timeZone?: string;
  memberOwned?: boolean;
  memberOwnedVerified?: boolean;
  email?: string | null;
  phone?: string | null;
  createdAt?: Date;
}

/** Stores a listing directly (PUBLISHED by default), with its owner and editors. */
export async function createBusiness(em: EntityManager, options: BusinessOptions): Promise<Business> {
  const suffix = randomBytes(4).toString('hex');
  const business = new Business({
    name: options.name ?? `Business ${suffix}`,
    slug: `business-${suffix}`,
    region: options.region,
    timeZone: options.timeZone ?? options.region.timeZone ?? 'UTC',
  });
  em.assign(business, {
    status: options.status ?? BusinessStatus.PUBLISHED,
    description: options.description ?? '',
    tags: options.tags ?? [],
    latitude: options.location?.lat ?? null,
    longitude: options.location?.lng ?? null,
    openingHours: options.openingHours ?? [],
    memberOwned: options.memberOwned ?? false,
    memberOwnedVerifiedAt: options.memberOwnedVerified ? new Date() : null,
    email: options.email === undefined ? 'contact@example.org' : options.email,
    phone: options.phone === undefined ? '+234 800 000 0000' : options.phone,
    publishedAt: (options.status ?? BusinessStatus.PUBLISHED) === BusinessStatus.PUBLISHED ? new Date() : null,
    ...(options.createdAt ? { createdAt: options.createdAt } : {}),
  });
  business.categories.set(options.categories ?? []);
  em.persist(business);
  if (options.owner) em.persist(new BusinessOwner({ business, account: options.owner, role: BusinessRole.OWNER }));
  for (const editor of options.editors ?? []) em.persist(new BusinessOwner({ business, account: editor, role: BusinessRole.EDITOR }));
  await em.flush();
  return business;
}

/** Categories by slug (the demo taxonomy must be seeded). */
export async function categoriesBySlug(em: EntityManager): Promise<Map<string, Category>> {
  return new Map((await em.find(Category, {})).map((category) => [category.slug, category]));
}
