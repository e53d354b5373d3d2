import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Ref, ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { Business } from './business.entity';

export enum ClaimStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** A member's request to become an owner of a listing they do not own, decided by an admin. */
@Entity({ tableName: 'business_claim' })
@Index({ name: 'business_claim_queue_index', properties: ['status', 'createdAt'] })
@Index({
  name: 'business_claim_pending_unique',
  expression:
    'create unique index "business_claim_pending_unique" on "business_claim" ("business_id", "claimant_id") where "status" = \'PENDING\'',
})
export class BusinessClaim {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Business, { ref: true, deleteRule: 'cascade' })
  business: Ref<Business>;

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true })
  claimant: Ref<Account>;

  /** Why the claimant is an owner: role, proof, how to verify. */
  @Property({ type: 'text' })
  evidence: string;

  @Enum({ items: () => ClaimStatus, nativeEnumName: 'claim_status', default: ClaimStatus.PENDING })
  status: ClaimStatus = ClaimStatus.PENDING;

  @Property({ type: 'text', nullable: true })
  decisionReason: string | null = null;

  @ManyToOne(() => Account, { ref: true, nullable: true, deleteRule: 'set null' })
  decidedBy: Ref<Account> | null = null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  constructor(props: { business: Business; claimant: Account; evidence: string }) {
    this.business = ref(props.business);
    this.claimant = ref(props.claimant);
    this.evidence = props.evidence;
  }
}
