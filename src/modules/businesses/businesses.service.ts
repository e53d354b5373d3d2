import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { isAdmin } from '../../core/auth/viewer';
import { RequestContext } from '../../core/context/request-context';
import {
  assertExpectedVersion,
  BadUserInputError,
  ConflictError,
  FieldError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from '../../core/errors/domain-errors';
import { sqlRunner } from '../../core/pagination/paginate';
import { Account } from '../accounts/account.entity';
import { Region } from '../regions/region.entity';
import { RegionRecord } from '../regions/region.record';
import { RegionsService } from '../regions/regions.service';
import { ClaimStatus } from './business-claim.entity';
import { BusinessOwner, BusinessRole } from './business-owner.entity';
import { HERE } from './business-search.sql';
import { BusinessStatus, BusinessTransition, canTransition, TRANSITION_PAST_TENSE, TRANSITION_TARGET } from './business-status';
import { Business } from './business.entity';
import { Category } from './category.entity';
import { CreateBusinessInput, UpdateBusinessInput } from './dto/business.inputs';
import { normaliseOpeningHours, openingHoursProblems, OpeningSpan } from './opening-hours';
import { listingSlugBase } from './listing-slug';
import { normaliseTags } from './tags';
import { lockViewerAccount } from '../accounts/account-lock';

/** Listings within this distance with a name this similar are probably the same business. */
const DUPLICATE_RADIUS_M = 200;
const DUPLICATE_SIMILARITY = 0.6;
/** How far `suggestRegion` looks for a region centre. */
const SUGGESTION_RADIUS_M = 50_000;

export interface DuplicateCandidate {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly distanceMeters: number;
  readonly similarity: number;
}

/** Self-service listings: owners and editors create, edit, submit and delete their own. */
@Injectable()
export class BusinessesService {
  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
  ) {}

  private readonly run = sqlRunner(this.em);

  async create(ctx: RequestContext, input: CreateBusinessInput): Promise<Business> {
    const { account } = ctx.requireViewer();
    const location = input.location ?? null;
    const region = input.regionId
      ? await this.findRegion(ctx, input.regionId, 'input.regionId')
      : location
        ? await this.suggestRegion(ctx, location.lat, location.lng)
        : undefined;
    // Without a region, there was no regionId (an unknown one is refused above).
    if (!region) {
      throw location
        ? BadUserInputError.field('input.location', 'no region is within 50 km of this location; give regionId')
        : BadUserInputError.field('input.regionId', 'give regionId or location');
    }
    const categories = await this.findCategories(input.categoryIds ?? [], 'input.categoryIds');
    if (categories.length === 0) throw BadUserInputError.field('input.categoryIds', 'give at least one category');
    const openingHours = validOpeningHours(input.openingHours);
    const timeZone = await this.timeZoneFor(ctx, region, openingHours ?? []);
    const tags = normaliseTags(input.tags ?? []);
    if (location && !input.confirmNotDuplicate) await this.refuseDuplicates(ctx, input.name, location, undefined);

    return this.em.transactional(async (em) => {
      await lockViewerAccount(em, ctx);
      const business = new Business({
        name: input.name,
        slug: await freeSlug(em, listingSlugBase(input.name, region.slug)),
        region: em.getReference(Region, region.id),
        timeZone,
      });
      em.assign(business, {
        description: input.description ?? '',
        tags,
        streetAddress: input.streetAddress ?? null,
        latitude: location?.lat ?? null,
        longitude: location?.lng ?? null,
        website: input.website ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        socialLinks: input.socialLinks ?? [],
        imageUrls: input.imageUrls ?? [],
        openingHours: openingHours ?? [],
        memberOwned: input.memberOwned ?? false,
      });
      business.categories.set(categories);
      em.persist(business);
      em.persist(new BusinessOwner({ business, account: em.getReference(Account, account.id), role: BusinessRole.OWNER }));
      return business;
    });
  }

  /** Edits a listing (owners and editors). A published listing stays published. */
  async update(ctx: RequestContext, input: UpdateBusinessInput): Promise<Business> {
    const business = await this.forEditing(ctx, input.id, 'edit');
    assertExpectedVersion(business.version, input.expectedVersion);
    const region = input.regionId ? await this.findRegion(ctx, input.regionId, 'input.regionId') : undefined;
    const categories = input.categoryIds ? await this.findCategories(input.categoryIds, 'input.categoryIds') : undefined;
    const openingHours = validOpeningHours(input.openingHours);
    const timeZone =
      region || openingHours
        ? await this.timeZoneFor(
            ctx,
            region ?? (await this.findRegion(ctx, business.region.id, 'input.id')),
            openingHours ?? business.openingHours,
          )
        : undefined;
    const name = input.name ?? business.name;
    const location =
      input.location === undefined
        ? business.latitude === null || business.longitude === null
          ? null
          : { lat: business.latitude, lng: business.longitude }
        : input.location;
    const moved = (input.location !== undefined && input.location !== null) || (input.name !== undefined && input.name !== business.name);
    if (moved && location && !input.confirmNotDuplicate) await this.refuseDuplicates(ctx, name, location, business.id);
    if (input.memberOwned !== undefined && input.memberOwned !== business.memberOwned) {
      // Owners declare it (DESIGN.md §2): editors keep the listing up to date, not what it is.
      const membership = await this.em.findOne(BusinessOwner, { business, account: ctx.requireViewer().account.id });
      if (membership?.role !== BusinessRole.OWNER) throw new ForbiddenError('Only owners declare a listing member-owned, or withdraw it');
    }

    return this.em.transactional(async (em) => {
      if (input.name !== undefined) business.name = input.name;
      if (input.description !== undefined) business.description = input.description;
      if (input.tags !== undefined) business.tags = normaliseTags(input.tags);
      if (input.streetAddress !== undefined) business.streetAddress = input.streetAddress;
      if (input.location !== undefined) {
        business.latitude = input.location?.lat ?? null;
        business.longitude = input.location?.lng ?? null;
      }
      if (input.website !== undefined) business.website = input.website;
      if (input.email !== undefined) business.email = input.email;
      if (input.phone !== undefined) business.phone = input.phone;
      if (input.socialLinks !== undefined) business.socialLinks = input.socialLinks.map(({ label, url }) => ({ label, url }));
      if (input.imageUrls !== undefined) business.imageUrls = input.imageUrls;
      if (openingHours !== undefined) business.openingHours = openingHours;
      if (input.memberOwned !== undefined && input.memberOwned !== business.memberOwned) {
        business.memberOwned = input.memberOwned;
        // A withdrawn declaration is no longer confirmed; a new one needs confirming again.
        business.memberOwnedVerifiedAt = null;
      }
      if (region) {
        business.region = em.getReference(Region, region.id, { wrapped: true });
        business.timeZone = timeZone ?? business.timeZone;
      }
      if (categories) {
        await business.categories.init();
        business.categories.set(categories);
      }
      // Touching the row bumps the version even when only the categories changed.
      business.updatedAt = new Date();
      return business;
    });
  }

  /** Sends a draft (or a rejected listing, fixed) to the moderation queue. */
  async submit(ctx: RequestContext, id: string): Promise<Business> {
    const business = await this.forEditing(ctx, id, 'edit');
    return this.em.transactional(async () => {
      applyTransition(business, 'submit');
      business.submittedAt = new Date();
      business.statusReason = null;
      return business;
    });
  }

  /** Deletes a listing (owners): it is kept, but shown to no one. */
  async delete(ctx: RequestContext, id: string): Promise<void> {
    const business = await this.forEditing(ctx, id, 'delete');
    await this.em.transactional(async (em) => {
      // Locked before its claims are settled, so a claim sent meanwhile waits and is then refused.
      await em.lock(business, LockMode.PESSIMISTIC_WRITE);
      business.deletedAt = new Date();
      // Nobody can own a deleted listing: its open claims are settled with it, each audited as an
      // admin's decision on a claim is.
      const reason = 'The listing was deleted';
      const settled = await sqlRunner(em)<{ id: string; claimant_id: string }>(
        `UPDATE business_claim SET status = ?, decision_reason = ?, decided_by_id = ?, decided_at = now()
         WHERE business_id = ? AND status = ? RETURNING id, claimant_id`,
        [ClaimStatus.REJECTED, reason, ctx.requireViewer().account.id, business.id, ClaimStatus.PENDING],
      );
      for (const claim of settled) {
        this.audit.record(ctx, {
          action: 'business.claim.rejected',
          subjectType: 'BusinessClaim',
          subjectId: claim.id,
          before: { status: ClaimStatus.PENDING },
          after: { status: ClaimStatus.REJECTED, reason, businessId: business.id, claimantId: claim.claimant_id },
        });
      }
      this.audit.record(ctx, {
        action: 'business.deleted',
        subjectType: 'Business',
        subjectId: business.id,
        before: { status: business.status, name: business.name },
      });
    });
  }

  /**
   * The listing, locked for the change, if the viewer may `edit` it (owners and editors) or
   * `delete` it / `manage` its owners (owners). Others: NOT_FOUND when they may not even see it,
   * FORBIDDEN when they may.
   */
  async forEditing(ctx: RequestContext, id: string, action: 'edit' | 'delete' | 'manage'): Promise<Business> {
    const { account } = ctx.requireViewer();
    const business = await this.em.findOne(Business, { id, deletedAt: null });
    if (!business) throw new NotFoundError('Business');
    const membership = await this.em.findOne(BusinessOwner, { business, account: account.id });
    if (!membership) {
      if (business.status === BusinessStatus.PUBLISHED || isAdmin(ctx.viewer))
        throw new ForbiddenError('Only the owners of this listing may do this');
      throw new NotFoundError('Business');
    }
    if (action !== 'edit' && membership.role !== BusinessRole.OWNER) throw new ForbiddenError('Only owners may do this; editors may edit');
    return business;
  }

  /**
   * The time zone a listing in this region keeps its hours in: the region's own, else its nearest
   * ancestor's. A region without one (a country spanning several zones) may hold listings without
   * opening hours only; they would be read in UTC.
   */
  private async timeZoneFor(ctx: RequestContext, region: RegionRecord, openingHours: readonly OpeningSpan[]): Promise<string> {
    const timeZone = await this.regions.effectiveTimeZone(ctx, region);
    if (timeZone) return timeZone;
    if (openingHours.length > 0) {
      throw BadUserInputError.field(
        'input.openingHours',
        `${region.name} spans several time zones: place the listing in a state or city within it to give opening hours`,
      );
    }
    return 'UTC';
  }

  /**
   * The region whose centre is nearest to the point, within 50 km; of regions whose centres are
   * equally near (a city and the neighbourhood at its centre, say), the most specific. Nearness
   * comes first: a neighbourhood of another city 40 km away must not win over the city the point
   * is in.
   */
  async suggestRegion(ctx: RequestContext, lat: number, lng: number): Promise<RegionRecord | undefined> {
    const [row] = await this.run<{ id: string }>(
      `SELECT r.id FROM region r
       WHERE r.latitude IS NOT NULL
         AND earth_box(${HERE}, ?) @> ll_to_earth(r.latitude, r.longitude)
         AND earth_distance(${HERE}, ll_to_earth(r.latitude, r.longitude)) <= ?
       ORDER BY earth_distance(${HERE}, ll_to_earth(r.latitude, r.longitude)), r.depth DESC, r.id
       LIMIT 1`,
      [lat, lng, SUGGESTION_RADIUS_M, lat, lng, SUGGESTION_RADIUS_M, lat, lng],
    );
    if (!row) return undefined;
    return (await this.regions.byId(ctx, row.id)) ?? undefined;
  }

  /**
   * Listings within 200 m whose names are similar (trigram similarity ≥ 0.6): CONFLICT, with the
   * candidates, unless the caller confirms it is another business. Compared only with the listings
   * the viewer may see (published ones and their own), so the answer never reveals another
   * member's unpublished listing; a listing waiting for review meets its duplicates in moderation.
   */
  private async refuseDuplicates(ctx: RequestContext, name: string, location: { lat: number; lng: number }, exceptId: string | undefined) {
    const viewerId = ctx.viewer?.account.id ?? null;
    const candidates = await this.run<{ id: string; name: string; slug: string; distance: number; similarity: number }>(
      `SELECT b.id, b.name, b.slug,
              earth_distance(${HERE}, ll_to_earth(b.latitude, b.longitude)) AS distance,
              similarity(hometown_unaccent(b.name), hometown_unaccent(?)) AS similarity
       FROM business b
       WHERE b.deleted_at IS NULL AND b.latitude IS NOT NULL AND b.id <> ?
         AND (b.status = 'PUBLISHED' OR EXISTS (SELECT 1 FROM business_owner o WHERE o.business_id = b.id AND o.account_id = ?))
         AND earth_box(${HERE}, ?) @> ll_to_earth(b.latitude, b.longitude)
         AND earth_distance(${HERE}, ll_to_earth(b.latitude, b.longitude)) <= ?
         AND similarity(hometown_unaccent(b.name), hometown_unaccent(?)) >= ?
       ORDER BY similarity DESC, distance, b.id
       LIMIT 10`,
      [
        location.lat,
        location.lng,
        name,
        exceptId ?? '00000000-0000-0000-0000-000000000000',
        viewerId ?? '00000000-0000-0000-0000-000000000000',
        location.lat,
        location.lng,
        DUPLICATE_RADIUS_M,
        location.lat,
        location.lng,
        DUPLICATE_RADIUS_M,
        name,
        DUPLICATE_SIMILARITY,
      ],
    );
    if (candidates.length === 0) return;
    throw new ConflictError(
      'A listing with a similar name is within 200 m; resend with confirmNotDuplicate: true if it is another business',
      {
        candidates: candidates.map((c): DuplicateCandidate => ({
          id: c.id,
          name: c.name,
          slug: c.slug,
          distanceMeters: Math.round(Number(c.distance)),
          similarity: Math.round(Number(c.similarity) * 100) / 100,
        })),
      },
    );
  }

  private async findRegion(ctx: RequestContext, id: string, path: string): Promise<RegionRecord> {
    const region = await this.regions.byId(ctx, id);
    if (!region) throw BadUserInputError.field(path, 'no region has this id');
    return region;
  }

  private async findCategories(ids: readonly string[], path: string): Promise<Category[]> {
    const unique = [...new Set(ids)];
    const categories = unique.length ? await this.em.find(Category, { id: { $in: unique } }) : [];
    const missing = unique.filter((id) => !categories.some((category) => category.id === id));
    if (missing.length) throw BadUserInputError.field(path, `no category has the id ${missing.join(', ')}`);
    return categories;
  }
}

/**
 * `base`, or `base-2`, `base-3`… whichever is free, in the caller's transaction. Listings of one
 * name in one region created at the same moment take their turns (a lock on the base until
 * commit), so two never find the same slug free.
 */
async function freeSlug(em: EntityManager, base: string): Promise<string> {
  const run = sqlRunner(em);
  await run('SELECT pg_advisory_xact_lock(hashtext(?))', [`business-slug:${base}`]);
  const rows = await run<{ slug: string }>("SELECT slug FROM business WHERE slug = ? OR slug LIKE ? || '-%'", [base, base]);
  const taken = new Set(rows.map((row) => row.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Validated, normalised opening hours; undefined when not given. Problems → BAD_USER_INPUT per span field. */
function validOpeningHours(spans: readonly OpeningSpan[] | undefined): OpeningSpan[] | undefined {
  if (spans === undefined) return undefined;
  const plain = spans.map(({ day, opens, closes }) => ({ day, opens, closes }));
  const problems = openingHoursProblems(plain);
  if (problems.length) {
    throw new BadUserInputError(
      problems.map((p): FieldError => ({ path: `input.openingHours.${p.index}.${p.field}`, message: p.message })),
    );
  }
  return normaliseOpeningHours(plain);
}

/** Moves a listing along its lifecycle, or refuses with PRECONDITION_FAILED. */
export function applyTransition(business: Business, transition: BusinessTransition): void {
  if (!canTransition(business.status, transition)) {
    throw new PreconditionFailedError(`A ${business.status} listing cannot be ${TRANSITION_PAST_TENSE[transition]}`, {
      status: business.status,
    });
  }
  business.status = TRANSITION_TARGET[transition];
}
