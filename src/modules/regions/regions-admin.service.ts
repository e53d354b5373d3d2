import { ForeignKeyConstraintViolationException, LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { RequestContext } from '../../core/context/request-context';
import {
  assertExpectedVersion,
  BadUserInputError,
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
} from '../../core/errors/domain-errors';
import { cutSlug, slugOfName } from '../../core/text/slug';
import { CreateRegionInput, MoveRegionInput, UpdateRegionInput } from './dto/region-admin.inputs';
import { canContain, isTimeZone } from './region-kind';
import { Region } from './region.entity';

/** The state of a region that audit events record. */
function auditState(region: Region): Record<string, unknown> {
  return {
    name: region.name,
    slug: region.slug,
    kind: region.kind,
    isoCode: region.isoCode,
    parentId: region.parent?.id ?? null,
    path: region.path,
    latitude: region.latitude,
    longitude: region.longitude,
    timeZone: region.timeZone,
  };
}

/** Region administration (admins): create, edit, move with the whole subtree, delete. Every change is audited. */
@Injectable()
export class RegionsAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, input: CreateRegionInput): Promise<Region> {
    const timeZone = input.timeZone ?? undefined;
    const isoCode = input.isoCode ?? undefined;
    assertTimeZone(timeZone, 'input.timeZone');
    return this.em.transactional(async (em) => {
      // The parent's path is copied into the new region: no move may change it meanwhile.
      await this.lockTree(em);
      const parent = input.parentId ? await this.findOrInvalid(input.parentId, 'input.parentId') : undefined;
      if (!canContain(parent?.kind, input.kind)) {
        throw BadUserInputError.field(
          'input.kind',
          parent ? `a ${input.kind} cannot be placed under a ${parent.kind}` : 'only a COUNTRY has no parent',
        );
      }
      const slug = input.slug ?? derivedSlug(input.name, parent?.slug);
      await this.assertUnique({ slug, isoCode });
      const region = new Region({
        name: input.name,
        slug,
        kind: input.kind,
        parent,
        isoCode,
        latitude: input.centroid?.lat,
        longitude: input.centroid?.lng,
        timeZone,
      });
      em.persist(region);
      this.audit.record(ctx, { action: 'region.created', subjectType: 'Region', subjectId: region.id, after: auditState(region) });
      return region;
    });
  }

  async update(ctx: RequestContext, input: UpdateRegionInput): Promise<Region> {
    const region = await this.findOrNotFound(input.id);
    assertExpectedVersion(region.version, input.expectedVersion);
    if (input.timeZone !== null) assertTimeZone(input.timeZone, 'input.timeZone');
    await this.assertUnique({ slug: input.slug, isoCode: input.isoCode ?? undefined }, region.id);
    return this.em.transactional(async () => {
      const before = auditState(region);
      if (input.name !== undefined) region.name = input.name;
      if (input.slug !== undefined) region.slug = input.slug;
      if (input.isoCode !== undefined) region.isoCode = input.isoCode;
      if (input.timeZone !== undefined) region.timeZone = input.timeZone;
      if (input.centroid !== undefined) {
        region.latitude = input.centroid?.lat ?? null;
        region.longitude = input.centroid?.lng ?? null;
      }
      const after = auditState(region);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        this.audit.record(ctx, { action: 'region.updated', subjectType: 'Region', subjectId: region.id, before, after });
      }
      return region;
    });
  }

  /**
   * Moves a region and everything below it under a new parent: one statement rewrites the whole
   * subtree's paths and depths. Moves take a table lock so two of them cannot build a cycle.
   */
  async move(ctx: RequestContext, input: MoveRegionInput): Promise<{ region: Region; movedDescendants: number }> {
    return this.em.transactional(async (em) => {
      await this.lockTree(em);
      const region = await em.findOne(Region, input.id, { refresh: true });
      if (!region) throw new NotFoundError('Region');
      assertExpectedVersion(region.version, input.expectedVersion);
      const parent = await em.findOne(Region, input.newParentId, { refresh: true });
      if (!parent) throw BadUserInputError.field('input.newParentId', 'no region has this id');
      if (parent.path.startsWith(region.path)) {
        throw BadUserInputError.field('input.newParentId', 'a region cannot be moved under itself or a region below it');
      }
      if (!canContain(parent.kind, region.kind)) {
        throw BadUserInputError.field('input.newParentId', `a ${region.kind} cannot be placed under a ${parent.kind}`);
      }
      if (region.parent?.id === parent.id) return { region, movedDescendants: 0 };

      const before = auditState(region);
      const oldPath = region.path;
      const newPath = `${parent.path}${region.id}/`;
      const depthChange = parent.depth + 1 - region.depth;
      const moved = await em.getConnection().execute<{ affectedRows: number }>(
        `UPDATE region SET path = ? || substr(path, ?), depth = depth + ?, updated_at = now(),
           version = CASE WHEN id = ? THEN version + 1 ELSE version END,
           parent_id = CASE WHEN id = ? THEN ?::uuid ELSE parent_id END
         WHERE path LIKE ?`,
        [newPath, oldPath.length + 1, depthChange, region.id, region.id, parent.id, `${oldPath}%`],
        'run',
        em.getTransactionContext(),
      );
      await em.refresh(region);
      this.audit.record(ctx, { action: 'region.moved', subjectType: 'Region', subjectId: region.id, before, after: auditState(region) });
      return { region, movedDescendants: moved.affectedRows - 1 };
    });
  }

  /** Deletes a region nothing refers to; anything still pointing at it → PRECONDITION_FAILED. */
  async delete(ctx: RequestContext, id: string): Promise<void> {
    const region = await this.findOrNotFound(id);
    try {
      await this.em.transactional(async (em) => {
        await em.lock(region, LockMode.PESSIMISTIC_WRITE);
        const children = await em.count(Region, { parent: region });
        if (children > 0) throw new PreconditionFailedError(`This region still has ${children} region(s) below it`);
        this.audit.record(ctx, { action: 'region.deleted', subjectType: 'Region', subjectId: region.id, before: auditState(region) });
        em.remove(region);
      });
    } catch (error) {
      if (error instanceof ForeignKeyConstraintViolationException) {
        throw new PreconditionFailedError('Other records (members, listings, programs…) still refer to this region');
      }
      throw error;
    }
  }

  /** Serialises the writes that copy or rewrite paths (create, move); reads go on. */
  private async lockTree(em: EntityManager): Promise<void> {
    await em.getConnection().execute('LOCK TABLE region IN SHARE ROW EXCLUSIVE MODE', [], 'run', em.getTransactionContext());
  }

  private async findOrNotFound(id: string): Promise<Region> {
    const region = await this.em.findOne(Region, id);
    if (!region) throw new NotFoundError('Region');
    return region;
  }

  private async findOrInvalid(id: string, path: string): Promise<Region> {
    const region = await this.em.findOne(Region, id, { refresh: true });
    if (!region) throw BadUserInputError.field(path, 'no region has this id');
    return region;
  }

  private async assertUnique(values: { slug?: string; isoCode?: string }, exceptId?: string): Promise<void> {
    for (const [field, value] of Object.entries(values)) {
      if (value === undefined || value === null) continue;
      const taken = await this.em.findOne(Region, { [field]: value, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
      if (taken) {
        throw new ConflictError(`Another region already has this ${field}`, {
          fieldErrors: [{ path: `input.${field}`, message: 'is taken' }],
        });
      }
    }
  }
}

function assertTimeZone(timeZone: string | undefined, path: string): void {
  if (timeZone !== undefined && !isTimeZone(timeZone))
    throw BadUserInputError.field(path, 'must be an IANA time zone such as "Africa/Lagos"');
}

/** The length of `region.slug`. */
const SLUG_LENGTH = 160;

/**
 * A region's slug from its name (and its parent's slug, as the seeded ones are), cut to fit its
 * column; a name with no Latin letters or digits gives none, and the caller must give a slug.
 */
function derivedSlug(name: string, parentSlug: string | undefined): string {
  const own = slugOfName(name, SLUG_LENGTH);
  if (!own) throw BadUserInputError.field('input.slug', 'give a slug: none can be made from this name (letters a-z or digits)');
  return parentSlug ? cutSlug(`${own}-${parentSlug}`, SLUG_LENGTH) : own;
}
