import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AuditService } from '../../core/audit/audit.service';
import { isAdmin } from '../../core/auth/viewer';
import { RequestContext } from '../../core/context/request-context';
import {
  assertExpectedVersion,
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from '../../core/errors/domain-errors';
import { Connection } from '../../core/pagination/connection.types';
import { KeysetOrder, SqlFragment } from '../../core/pagination/keyset';
import { paginate, sqlRunner } from '../../core/pagination/paginate';
import { slugOfName } from '../../core/text/slug';
import { Account, PRIVATE_MEMBER_NAME } from '../accounts/account.entity';
import { containsPattern } from '../regions/regions.service';
import { CreateOrganizationInput, OrganizationsArgs, UpdateOrganizationInput } from './dto/organization.inputs';
import { Organization, OrganizationMember, OrganizationRole } from './organization.entity';
import { lockLiveAccount, lockViewerAccount } from '../accounts/account-lock';

/** The length of the slug's column. */
const SLUG_LENGTH = 120;

const BY_NAME: KeysetOrder<Organization> = {
  name: 'name',
  keys: [
    { sql: 'o.name', direction: 'asc', type: 'string', value: (o) => o.name },
    { sql: 'o.id', direction: 'asc', type: 'uuid', value: (o) => o.id },
  ],
};

const staffByOrganization = Symbol('staff by organization');
const viewerRoles = Symbol('viewer roles in organizations');

/** Organizations and their staff. Staff changes and verification are audited. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  private readonly run = sqlRunner(this.em);

  async create(ctx: RequestContext, input: CreateOrganizationInput): Promise<Organization> {
    const { account } = ctx.requireViewer();
    const slug = input.slug ?? slugOfName(input.name, SLUG_LENGTH);
    if (!slug) throw BadUserInputError.field('input.slug', 'give a slug (letters or digits)');
    if (await this.em.count(Organization, { slug })) {
      throw new ConflictError('Another organization already has this slug', { fieldErrors: [{ path: 'input.slug', message: 'is taken' }] });
    }
    return this.em.transactional(async (em) => {
      await lockViewerAccount(em, ctx);
      const organization = new Organization({ name: input.name, slug });
      em.assign(organization, { description: input.description ?? '', website: input.website ?? null, logoUrl: input.logoUrl ?? null });
      em.persist(organization);
      em.persist(new OrganizationMember({ organization, account: em.getReference(Account, account.id), role: OrganizationRole.OWNER }));
      this.audit.record(ctx, {
        action: 'organization.member.added',
        subjectType: 'Organization',
        subjectId: organization.id,
        after: { accountId: account.id, role: OrganizationRole.OWNER, reason: 'created the organization' },
      });
      return organization;
    });
  }

  async update(ctx: RequestContext, input: UpdateOrganizationInput): Promise<Organization> {
    const organization = await this.asStaff(ctx, input.id, 'manage');
    assertExpectedVersion(organization.version, input.expectedVersion);
    return this.em.transactional(async () => {
      if (input.name !== undefined) organization.name = input.name;
      if (input.description !== undefined) organization.description = input.description;
      if (input.website !== undefined) organization.website = input.website;
      if (input.logoUrl !== undefined) organization.logoUrl = input.logoUrl;
      return organization;
    });
  }

  /** Adds someone to the staff, or changes their role (owners). The last owner stays an owner. */
  async putMember(ctx: RequestContext, organizationId: string, accountId: string, role: OrganizationRole): Promise<Organization> {
    const { account: viewer } = ctx.requireViewer();
    return this.em.transactional(async (em) => {
      // Owners only, before anything about the account is revealed.
      const organization = await this.asStaff(ctx, organizationId, 'staff', em);
      // The account, shared: deleting an account locks it before taking it off every staff, so an
      // account being deleted is refused here or taken off with the rest.
      const account = await lockLiveAccount(em, accountId);
      if (!account) throw BadUserInputError.field('input.accountId', 'no account has this id');
      const staff = await this.lockStaff(em, organization);
      stillMay(staff, viewer.id, 'staff');
      const existing = staff.find((member) => member.account.id === accountId);
      const previous = existing?.role;
      if (previous === role) return organization;
      if (previous === OrganizationRole.OWNER && ownerCount(staff) <= 1)
        throw new PreconditionFailedError('The last owner must stay an owner: add another owner first');
      if (existing) existing.role = role;
      else em.persist(new OrganizationMember({ organization, account, role }));
      this.audit.record(ctx, {
        action: existing ? 'organization.member.role-changed' : 'organization.member.added',
        subjectType: 'Organization',
        subjectId: organization.id,
        before: previous ? { accountId, role: previous } : null,
        after: { accountId, role },
      });
      return organization;
    });
  }

  /** Removes someone from the staff (owners), or lets a staff member leave; the last owner stays. */
  async removeMember(ctx: RequestContext, organizationId: string, accountId: string): Promise<Organization> {
    const leaving = accountId === ctx.requireViewer().account.id;
    return this.em.transactional(async (em) => {
      const organization = await this.asStaff(ctx, organizationId, leaving ? 'manage' : 'staff', em);
      const staff = await this.lockStaff(em, organization);
      stillMay(staff, ctx.requireViewer().account.id, leaving ? 'manage' : 'staff');
      const target = staff.find((member) => member.account.id === accountId);
      if (!target) throw new NotFoundError('Staff member');
      if (target.role === OrganizationRole.OWNER && ownerCount(staff) <= 1) {
        throw new PreconditionFailedError('The last owner cannot leave: add another owner first');
      }
      em.remove(target);
      this.recordRemoval(ctx, organization.id, accountId, target.role);
      return organization;
    });
  }

  /**
   * Takes a deleted account off every staff it is on, in the deletion's transaction (whose
   * blockDeletion has locked these rows and kept every organization an owner), audited as any
   * removal is: staff changes stay audited however they happen.
   */
  async eraseStaff(ctx: RequestContext, em: EntityManager, account: Account): Promise<void> {
    const memberships = await em.find(OrganizationMember, { account }, { orderBy: { organization: 'asc' } });
    for (const membership of memberships) this.recordRemoval(ctx, membership.organization.id, account.id, membership.role);
    await em.nativeDelete(OrganizationMember, { account });
  }

  /** Verifies an organization (admins): only verified organizations open programs. */
  async verify(ctx: RequestContext, id: string): Promise<Organization> {
    return this.em.transactional(async (em) => {
      const organization = await em.findOne(Organization, id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!organization) throw new NotFoundError('Organization');
      if (organization.verifiedAt) return organization;
      organization.verifiedAt = new Date();
      this.audit.record(ctx, {
        action: 'organization.verified',
        subjectType: 'Organization',
        subjectId: organization.id,
        before: { verifiedAt: null },
        after: { verifiedAt: organization.verifiedAt.toISOString() },
      });
      return organization;
    });
  }

  async findBySlug(slug: string): Promise<Organization> {
    const organization = await this.em.findOne(Organization, { slug });
    if (!organization) throw new NotFoundError('Organization');
    return organization;
  }

  /** Organizations by name, filtered. */
  list(args: OrganizationsArgs): Promise<Connection<Organization>> {
    return this.page(filterConditions(args), args);
  }

  /** The viewer's organizations (on their staff) by name, with the same filter as {@link list}. */
  mine(ctx: RequestContext, args: OrganizationsArgs): Promise<Connection<Organization>> {
    const mine: SqlFragment = {
      sql: 'EXISTS (SELECT 1 FROM organization_member om WHERE om.organization_id = o.id AND om.account_id = ?)',
      params: [ctx.requireViewer().account.id],
    };
    return this.page([mine, ...filterConditions(args)], args);
  }

  /**
   * An organization's staff as the viewer may see it, owners first; every organization's staff
   * asked for in one request is read in one statement. A private profile shows as "A member"
   * without its account, except to that person, to the organization's staff and to admins
   * (DESIGN.md §2).
   */
  async staff(ctx: RequestContext, organizationId: string): Promise<StaffMember[]> {
    type StaffRow = { organizationId: string; accountId: string; displayName: string; publicProfile: boolean; role: OrganizationRole };
    const loader = ctx.loader(
      staffByOrganization,
      () =>
        new DataLoader<string, StaffRow[]>(async (ids) => {
          const rows = await this.run<StaffRow>(
            `SELECT m.organization_id AS "organizationId", m.account_id AS "accountId", a.display_name AS "displayName",
                    a.public_profile AS "publicProfile", m.role
             FROM organization_member m JOIN account a ON a.id = m.account_id
             WHERE m.organization_id IN (?) ORDER BY m.role, m.created_at, a.id`,
            [ids],
          );
          return ids.map((id) => rows.filter((row) => row.organizationId === id));
        }),
    );
    const rows = await loader.load(organizationId);
    const viewer = ctx.viewer;
    const insider = isAdmin(viewer) || (viewer !== null && rows.some((row) => row.accountId === viewer.account.id));
    return rows.map((row) => {
      const visible = insider || row.publicProfile;
      return {
        accountId: visible ? row.accountId : null,
        displayName: visible ? row.displayName : PRIVATE_MEMBER_NAME,
        role: row.role,
      };
    });
  }

  /** The viewer's role in an organization (null when not on its staff), batched per request. */
  viewerRole(ctx: RequestContext, organizationId: string): Promise<OrganizationRole | null> {
    const viewer = ctx.viewer;
    if (!viewer) return Promise.resolve(null);
    const loader = ctx.loader(
      viewerRoles,
      () =>
        new DataLoader<string, OrganizationRole | null>(async (ids) => {
          const rows = await this.run<{ organization_id: string; role: OrganizationRole }>(
            'SELECT organization_id, role FROM organization_member WHERE account_id = ? AND organization_id IN (?)',
            [viewer.account.id, ids],
          );
          return ids.map((id) => rows.find((row) => row.organization_id === id)?.role ?? null);
        }),
    );
    return loader.load(organizationId);
  }

  /**
   * The organization, if the viewer may `manage` it (owners and managers) or its `staff` (owners).
   * Others are refused with FORBIDDEN (organizations are public).
   */
  async asStaff(ctx: RequestContext, organizationId: string, need: 'manage' | 'staff', em: EntityManager = this.em): Promise<Organization> {
    const { account } = ctx.requireViewer();
    const organization = await em.findOne(Organization, organizationId);
    if (!organization) throw new NotFoundError('Organization');
    const member = await em.findOne(OrganizationMember, { organization, account: account.id });
    if (!member || (need === 'staff' && member.role !== OrganizationRole.OWNER)) {
      throw new ForbiddenError(
        need === 'staff' ? 'Only the owners of this organization may do this' : 'Only the staff of this organization may do this',
      );
    }
    return organization;
  }

  /** True when the viewer runs this organization's programs (or is an admin). */
  async canManage(ctx: RequestContext, organizationId: string): Promise<boolean> {
    return isAdmin(ctx.viewer) || (await this.viewerRole(ctx, organizationId)) !== null;
  }

  private recordRemoval(ctx: RequestContext, organizationId: string, accountId: string, role: OrganizationRole): void {
    this.audit.record(ctx, {
      action: 'organization.member.removed',
      subjectType: 'Organization',
      subjectId: organizationId,
      before: { accountId, role },
      after: null,
    });
  }

  private page(where: SqlFragment[], args: OrganizationsArgs): Promise<Connection<Organization>> {
    return paginate(this.run, { select: 'o.*', from: 'organization o', where, order: BY_NAME }, args, (row) =>
      this.em.map(Organization, row),
    );
  }

  private lockStaff(em: EntityManager, organization: Organization): Promise<OrganizationMember[]> {
    return em.find(
      OrganizationMember,
      { organization },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { account: 'asc' } },
    );
  }
}

export interface StaffMember {
  /** Null where a private profile is hidden from the viewer. */
  readonly accountId: string | null;
  readonly displayName: string;
  readonly role: OrganizationRole;
}

/** The conditions of an `OrganizationFilter`: `text` (typo-tolerant, accents ignored) and `verified`. */
function filterConditions(args: OrganizationsArgs): SqlFragment[] {
  const where: SqlFragment[] = [];
  const filter = args.filter ?? {};
  if (filter.text) {
    where.push({
      sql: 'hometown_unaccent(?) <% hometown_unaccent(o.name) OR hometown_unaccent(o.name) ILIKE hometown_unaccent(?)',
      params: [filter.text, containsPattern(filter.text)],
    });
  }
  if (filter.verified !== undefined && filter.verified !== null)
    where.push({ sql: `o.verified_at IS ${filter.verified ? 'NOT ' : ''}NULL`, params: [] });
  return where;
}

/**
 * The caller's right, checked again on the locked staff rows: it was checked before the lock, and
 * a concurrent change (an owner removing or demoting them) may have taken it away since.
 */
function stillMay(staff: readonly OrganizationMember[], accountId: string, need: 'manage' | 'staff'): void {
  const own = staff.find((member) => member.account.id === accountId);
  if (!own) throw new ForbiddenError('You are no longer on the staff of this organization');
  if (need === 'staff' && own.role !== OrganizationRole.OWNER) throw new ForbiddenError('Only the owners of this organization may do this');
}

function ownerCount(staff: readonly OrganizationMember[]): number {
  return staff.filter((member) => member.role === OrganizationRole.OWNER).length;
}
