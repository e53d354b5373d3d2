import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { RequestContext } from '../../core/context/request-context';
import { BadUserInputError, ConflictError, NotFoundError, PreconditionFailedError } from '../../core/errors/domain-errors';
import { Account } from '../accounts/account.entity';
import { BusinessClaim, ClaimStatus } from './business-claim.entity';
import { BusinessOwner, BusinessRole } from './business-owner.entity';
import { BusinessStatus, BusinessTransition, TRANSITION_PAST_TENSE } from './business-status';
import { Business } from './business.entity';
import { applyTransition } from './businesses.service';
import { lockLiveAccount, lockViewerAccount } from '../accounts/account-lock';

/** Admins' decisions on listings and claims. Every decision is audited. */
@Injectable()
export class ModerationService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  publish(ctx: RequestContext, id: string, note?: string | null): Promise<Business> {
    return this.decide(ctx, id, 'publish', note ?? null);
  }

  reject(ctx: RequestContext, id: string, reason: string): Promise<Business> {
    return this.decide(ctx, id, 'reject', reason);
  }

  suspend(ctx: RequestContext, id: string, reason: string): Promise<Business> {
    return this.decide(ctx, id, 'suspend', reason);
  }

  reinstate(ctx: RequestContext, id: string, reason: string): Promise<Business> {
    return this.decide(ctx, id, 'reinstate', reason);
  }

  /** Confirms the owners' member-owned declaration. */
  async verifyMemberOwnership(ctx: RequestContext, id: string): Promise<Business> {
    return this.em.transactional(async (em) => {
      const business = await this.locked(em, id);
      if (!business.memberOwned) throw new PreconditionFailedError('The owners have not declared this listing member-owned');
      if (business.memberOwnedVerifiedAt) return business;
      business.memberOwnedVerifiedAt = new Date();
      this.audit.record(ctx, {
        action: 'business.member-ownership.verified',
        subjectType: 'Business',
        subjectId: business.id,
        before: { memberOwnedVerifiedAt: null },
        after: { memberOwnedVerifiedAt: business.memberOwnedVerifiedAt.toISOString() },
      });
      return business;
    });
  }

  /** A member claims a listing they do not maintain; one pending claim per member and listing. */
  async claim(ctx: RequestContext, businessId: string, evidence: string): Promise<BusinessClaim> {
    const { account } = ctx.requireViewer();
    const business = await this.em.findOne(Business, { id: businessId, deletedAt: null, status: BusinessStatus.PUBLISHED });
    if (!business) throw new NotFoundError('Business');
    if (await this.em.count(BusinessOwner, { business, account: account.id })) {
      throw new PreconditionFailedError('You already maintain this listing');
    }
    if (await this.em.count(BusinessClaim, { business, claimant: account.id, status: ClaimStatus.PENDING })) {
      throw new ConflictError('You already have a pending claim on this listing');
    }
    return this.em.transactional(async (em) => {
      await lockViewerAccount(em, ctx);
      // Checked again with the listing locked (shared): deleting it locks it first, so a claim is
      // either settled with the deleted listing or refused here.
      const locked = await em.findOne(Business, businessId, { lockMode: LockMode.PESSIMISTIC_READ, refresh: true });
      if (!locked || locked.deletedAt || locked.status !== BusinessStatus.PUBLISHED) throw new NotFoundError('Business');
      const claim = new BusinessClaim({ business: locked, claimant: em.getReference(Account, account.id), evidence });
      em.persist(claim);
      return claim;
    });
  }

  /** Approves a pending claim: the claimant becomes an owner. */
  async approveClaim(ctx: RequestContext, claimId: string, reason: string | null): Promise<BusinessClaim> {
    return this.em.transactional(async (em) => {
      // The claimant's account first, shared, as deleting it locks it before erasing its claims
      // and ownerships: a claimant whose account is being deleted does not become an owner.
      const unlocked = await em.findOne(BusinessClaim, claimId);
      if (!unlocked) throw new NotFoundError('Claim');
      await lockLiveAccount(em, unlocked.claimant.id);
      const claim = await this.pendingClaim(em, claimId);
      const business = claim.business.getEntity();
      const existing = await em.findOne(BusinessOwner, { business, account: claim.claimant.id });
      if (existing) existing.role = BusinessRole.OWNER;
      else em.persist(new BusinessOwner({ business, account: claim.claimant.getEntity(), role: BusinessRole.OWNER }));
      this.settle(ctx, claim, ClaimStatus.APPROVED, reason);
      return claim;
    });
  }

  async rejectClaim(ctx: RequestContext, claimId: string, reason: string | null): Promise<BusinessClaim> {
    if (!reason) throw BadUserInputError.field('input.reason', 'give a reason to reject a claim');
    return this.em.transactional(async (em) => {
      const claim = await this.pendingClaim(em, claimId);
      this.settle(ctx, claim, ClaimStatus.REJECTED, reason);
      return claim;
    });
  }

  private async decide(ctx: RequestContext, id: string, transition: BusinessTransition, reason: string | null): Promise<Business> {
    return this.em.transactional(async (em) => {
      const business = await this.locked(em, id);
      const before = business.status;
      applyTransition(business, transition);
      business.statusReason = transition === 'reject' || transition === 'suspend' ? reason : null;
      if (transition === 'publish') business.publishedAt ??= new Date();
      this.audit.record(ctx, {
        action: `business.${TRANSITION_PAST_TENSE[transition]}`,
        subjectType: 'Business',
        subjectId: business.id,
        before: { status: before },
        after: { status: business.status, reason },
      });
      return business;
    });
  }

  /** The listing, locked so two decisions on it are taken one after the other. */
  private async locked(em: EntityManager, id: string): Promise<Business> {
    const business = await em.findOne(Business, { id, deletedAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!business) throw new NotFoundError('Business');
    return business;
  }

  private async pendingClaim(em: EntityManager, claimId: string): Promise<BusinessClaim> {
    const claim = await em.findOne(BusinessClaim, claimId, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
      populate: ['business', 'claimant'],
    });
    if (!claim || claim.business.getEntity().deletedAt) throw new NotFoundError('Claim');
    if (claim.status !== ClaimStatus.PENDING) throw new PreconditionFailedError(`This claim is already ${claim.status}`);
    if (claim.claimant.getEntity().isDeleted) throw new PreconditionFailedError("The claimant's account no longer exists");
    return claim;
  }

  private settle(ctx: RequestContext, claim: BusinessClaim, status: ClaimStatus, reason: string | null): void {
    const { account } = ctx.requireViewer();
    claim.status = status;
    claim.decisionReason = reason;
    claim.decidedAt = new Date();
    claim.decidedBy = this.em.getReference(Account, account.id, { wrapped: true });
    this.audit.record(ctx, {
      action: status === ClaimStatus.APPROVED ? 'business.claim.approved' : 'business.claim.rejected',
      subjectType: 'BusinessClaim',
      subjectId: claim.id,
      before: { status: ClaimStatus.PENDING },
      after: { status, reason, businessId: claim.business.id, claimantId: claim.claimant.id },
    });
  }
}
