import { ref } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly, SignedIn } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Input } from '../../core/graphql/input.decorator';
import { ConnectionArgs } from '../../core/pagination/connection.args';
import { Connection } from '../../core/pagination/connection.types';
import { KeysetOrder, SqlFragment } from '../../core/pagination/keyset';
import { paginate, sqlRunner } from '../../core/pagination/paginate';
import { Account } from '../accounts/account.entity';
import { AccountType } from '../accounts/dto/account.types';
import { ClaimStatus } from './business-claim.entity';
import { BusinessNode } from './business.node';
import { BusinessesReader } from './businesses-reader.service';
import { ClaimBusinessInput, ClaimDecisionInput } from './dto/business.inputs';
import { BusinessClaimConnection, BusinessClaimType, BusinessType } from './dto/business.types';
import { ApproveClaimPayload, ClaimBusinessPayload, RejectClaimPayload } from './dto/claim.payloads';
import { ModerationService } from './moderation.service';
import { toDate, toDateOrNull } from '../../core/sql/row-values';

/** A claim as read for the API. */
export interface ClaimRecord {
  readonly id: string;
  readonly businessId: string;
  readonly claimantId: string;
  readonly evidence: string;
  readonly status: ClaimStatus;
  readonly decisionReason: string | null;
  readonly decidedAt: Date | null;
  readonly createdAt: Date;
}

/** Rows come with timestamps as text (the ORM's connection does not parse them). */
function claimRecordFromRow(row: Record<string, unknown>): ClaimRecord {
  return { ...(row as unknown as ClaimRecord), createdAt: toDate(row.createdAt), decidedAt: toDateOrNull(row.decidedAt) };
}

const OLDEST_FIRST: KeysetOrder<ClaimRecord> = {
  name: 'oldest',
  keys: [
    { sql: "date_trunc('milliseconds', c.created_at)", direction: 'asc', type: 'instant', value: (c) => c.createdAt.toISOString() },
    { sql: 'c.id', direction: 'asc', type: 'uuid', value: (c) => c.id },
  ],
};

const CLAIM_COLUMNS =
  'c.id, c.business_id AS "businessId", c.claimant_id AS "claimantId", c.evidence, c.status, c.decision_reason AS "decisionReason", c.decided_at AS "decidedAt", c.created_at AS "createdAt"';

@Resolver(() => BusinessClaimType)
export class ClaimsResolver {
  constructor(
    private readonly em: EntityManager,
    private readonly moderation: ModerationService,
    private readonly reader: BusinessesReader,
  ) {}

  private readonly run = sqlRunner(this.em);

  @AdminOnly()
  @Query(() => BusinessClaimConnection, { description: 'Pending claims, oldest first (admins).' })
  claimsQueue(@Args() args: ConnectionArgs): Promise<Connection<ClaimRecord>> {
    return this.page([{ sql: `c.status = '${ClaimStatus.PENDING}'`, params: [] }], args);
  }

  @SignedIn()
  @Query(() => BusinessClaimConnection, { description: "The viewer's claims, oldest first." })
  myClaims(@Ctx() ctx: RequestContext, @Args() args: ConnectionArgs): Promise<Connection<ClaimRecord>> {
    return this.page([{ sql: 'c.claimant_id = ?', params: [ctx.requireViewer().account.id] }], args);
  }

  @SignedIn()
  @Mutation(() => ClaimBusinessPayload, {
    description: 'Claims a published listing the viewer does not maintain, with evidence; an admin decides.',
  })
  async claimBusiness(@Ctx() ctx: RequestContext, @Input() input: ClaimBusinessInput): Promise<{ claim: ClaimRecord }> {
    const claim = await this.moderation.claim(ctx, input.businessId, input.evidence);
    return { claim: await this.one(claim.id) };
  }

  @AdminOnly()
  @Mutation(() => ApproveClaimPayload, { description: 'Approves a pending claim: the claimant becomes an owner (admins).' })
  async approveClaim(@Ctx() ctx: RequestContext, @Input() input: ClaimDecisionInput): Promise<{ claim: ClaimRecord }> {
    const claim = await this.moderation.approveClaim(ctx, input.claimId, input.reason ?? null);
    return { claim: await this.one(claim.id) };
  }

  @AdminOnly()
  @Mutation(() => RejectClaimPayload, { description: 'Rejects a pending claim with a reason (admins).' })
  async rejectClaim(@Ctx() ctx: RequestContext, @Input() input: ClaimDecisionInput): Promise<{ claim: ClaimRecord }> {
    const claim = await this.moderation.rejectClaim(ctx, input.claimId, input.reason ?? null);
    return { claim: await this.one(claim.id) };
  }

  @ResolveField(() => BusinessType, { nullable: true, description: 'The listing claimed; null if the viewer may no longer see it.' })
  business(@Ctx() ctx: RequestContext, @Parent() claim: ClaimRecord): Promise<BusinessNode | null> {
    return this.reader.byId(ctx, claim.businessId);
  }

  @ResolveField(() => AccountType, { description: 'Who claims it.' })
  async claimant(@Parent() claim: ClaimRecord): Promise<Account> {
    // Claims are deleted with their claimant's account, so the account exists.
    return (await ref(this.em.getReference(Account, claim.claimantId)).load({ dataloader: true }))!;
  }

  private page(where: SqlFragment[], args: ConnectionArgs): Promise<Connection<ClaimRecord>> {
    return paginate(this.run, { select: CLAIM_COLUMNS, from: 'business_claim c', where, order: OLDEST_FIRST }, args, claimRecordFromRow);
  }

  private async one(id: string): Promise<ClaimRecord> {
    const [row] = await this.run(`SELECT ${CLAIM_COLUMNS} FROM business_claim c WHERE c.id = ?`, [id]);
    return claimRecordFromRow(row);
  }
}
