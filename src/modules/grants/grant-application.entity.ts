import { randomUUID } from 'node:crypto';
import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Ref, ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { Business } from '../businesses/business.entity';
import { Region } from '../regions/region.entity';
import { GrantProgram } from './grant-program.entity';
import type { AnswerValue } from './program-rules';

export enum ApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  /** Reviewers are assigned (a later capability). */
  IN_REVIEW = 'IN_REVIEW',
  AWARDED = 'AWARDED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}

export interface StoredBudgetLine {
  readonly item: string;
  /** Minor units, as a decimal string (JSON has no bigint). */
  readonly amountMinor: string;
}

/**
 * A member's application to a program. One live (not withdrawn) application per member and
 * program, enforced by a partial unique index so concurrent requests cannot make two.
 */
@Entity({ tableName: 'grant_application' })
@Index({ name: 'grant_application_program_index', properties: ['program', 'status', 'submittedAt'] })
@Index({
  name: 'grant_application_live_unique',
  expression:
    'create unique index "grant_application_live_unique" on "grant_application" ("program_id", "applicant_id") where "status" <> \'WITHDRAWN\'',
})
export class GrantApplication {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => GrantProgram, { ref: true, deleteRule: 'restrict' })
  program: Ref<GrantProgram>;

  @ManyToOne(() => Account, { ref: true, deleteRule: 'restrict', index: true })
  applicant: Ref<Account>;

  @ManyToOne(() => Region, { ref: true, deleteRule: 'restrict' })
  region!: Ref<Region>;

  @Property({ length: 200 })
  title!: string;

  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'text' })
  proposal!: string;

  @Property({ type: 'json', default: '{}' })
  answers: Record<string, AnswerValue> = {};

  @Property({ type: new BigIntType('bigint') })
  requestedMinor!: bigint;

  @Property({ type: 'json', default: '[]' })
  budgetLines: StoredBudgetLine[] = [];

  /** A listing the applicant owns that the grant would help. */
  @ManyToOne(() => Business, { ref: true, nullable: true, deleteRule: 'set null' })
  business: Ref<Business> | null = null;

  @Enum({ items: () => ApplicationStatus, nativeEnumName: 'application_status', default: ApplicationStatus.DRAFT })
  status: ApplicationStatus = ApplicationStatus.DRAFT;

  @Property({ type: 'datetime', length: 3, nullable: true })
  submittedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  withdrawnAt: Date | null = null;

  @Property({ version: true })
  version: number = 1;

  @Property({ type: 'datetime', length: 3, defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(props: { program: GrantProgram; applicant: Account }) {
    this.program = ref(props.program);
    this.applicant = ref(props.applicant);
  }
}
