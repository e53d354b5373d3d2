import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { RequestContext } from '../../core/context/request-context';
import { BadUserInputError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../../core/errors/domain-errors';
import { BusinessOwner, BusinessRole } from './business-owner.entity';
import { Business } from './business.entity';
import { BusinessesService } from './businesses.service';
import { lockLiveAccount } from '../accounts/account-lock';

/** Who maintains a listing: owners add and remove owners and editors; a listing always keeps an owner. */
@Injectable()
export class BusinessOwnersService {
  constructor(
    private readonly em: EntityManager,
    private readonly businesses: BusinessesService,
    private readonly audit: AuditService,
  ) {}

  /** Adds an owner or editor, or changes their role (owners). */
  async put(ctx: RequestContext, businessId: string, accountId: string, role: BusinessRole): Promise<Business> {
    const { account: viewer } = ctx.requireViewer();
    const business = await this.businesses.forEditing(ctx, businessId, 'manage');
    return this.em.transactional(async (em) => {
      // The account first, shared: deleting an account locks it before erasing what it owns, so
      // an account cannot become an owner while it is being deleted (then the owners, as below).
      const account = await lockLiveAccount(em, accountId);
      if (!account) throw BadUserInputError.field('input.accountId', 'no account has this id');
      const owners = await this.lockOwners(em, business);
      stillMay(owners, viewer.id, 'manage');
      const existing = owners.find((owner) => owner.account.id === accountId);
      const previousRole = existing?.role;
      if (previousRole === role) return business;
      if (previousRole === BusinessRole.OWNER && ownerCount(owners) <= 1) {
        throw new PreconditionFailedError('The last owner cannot become an editor: add another owner first');
      }
      if (existing) existing.role = role;
      else em.persist(new BusinessOwner({ business, account, role }));
      this.audit.record(ctx, {
        action: existing ? 'business.owner.role-changed' : 'business.owner.added',
        subjectType: 'Business',
        subjectId: business.id,
        before: previousRole ? { accountId, role: previousRole } : null,
        after: { accountId, role },
      });
      return business;
    });
  }

  /** Removes an owner or editor (owners), or lets anyone who maintains it leave; the last owner stays. */
  async remove(ctx: RequestContext, businessId: string, accountId: string): Promise<Business> {
    const { account } = ctx.requireViewer();
    const leaving = accountId === account.id;
    const business = await this.businesses.forEditing(ctx, businessId, leaving ? 'edit' : 'manage');
    return this.em.transactional(async (em) => {
      const owners = await this.lockOwners(em, business);
      stillMay(owners, account.id, leaving ? 'leave' : 'manage');
      const target = owners.find((owner) => owner.account.id === accountId);
      if (!target) throw new NotFoundError('Owner');
      if (target.role === BusinessRole.OWNER && ownerCount(owners) <= 1) {
        throw new PreconditionFailedError('The last owner cannot leave: add another owner first, or delete the listing');
      }
      em.remove(target);
      this.audit.record(ctx, {
        action: 'business.owner.removed',
        subjectType: 'Business',
        subjectId: business.id,
        before: { accountId, role: target.role },
        after: null,
      });
      return business;
    });
  }

  /** Every owner row of the listing, locked: concurrent removals cannot leave it without an owner. */
  private lockOwners(em: EntityManager, business: Business): Promise<BusinessOwner[]> {
    return em.find(BusinessOwner, { business }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { account: 'asc' } });
  }
}

/**
 * The caller's right, checked again on the locked owner rows: it was checked before the lock, and
 * a concurrent change (an owner removing them, say) may have taken it away since.
 */
function stillMay(owners: readonly BusinessOwner[], accountId: string, action: 'manage' | 'leave'): void {
  const own = owners.find((owner) => owner.account.id === accountId);
  if (!own) throw new ForbiddenError('You no longer maintain this listing');
  if (action === 'manage' && own.role !== BusinessRole.OWNER) throw new ForbiddenError('Only owners may do this; editors may edit');
}

function ownerCount(owners: readonly BusinessOwner[]): number {
  return owners.filter((owner) => owner.role === BusinessRole.OWNER).length;
}
