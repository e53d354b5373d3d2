import { randomUUID } from 'node:crypto';
import { BigIntType, Collection, Entity, Enum, Index, ManyToMany, ManyToOne, PrimaryKey, Property, Ref, ref } from '@mikro-orm/core';
import { Region } from '../regions/region.entity';
import { Organization } from './organization.entity';
import { ProgramStatus, Question, RubricCriterion } from './program-rules';

/**
 * A grant program of an organization. Money is in integer minor units of `currency`. The rubric,
 * questions and currency freeze (`contentFrozenAt`) when the first application is submitted.
 * The stored status is never CLOSED: an OPEN program counts as closed from `closesAt` on.
 */
@Entity({ tableName: 'grant_program' })
@Index({ name: 'grant_program_organization_index', properties: ['organization', 'status'] })
@Index({ name: 'grant_program_status_index', properties: ['status', 'closesAt'] })
export class GrantProgram {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { ref: true, deleteRule: 'restrict' })
  organization: Ref<Organization>;

  @Property({ length: 120, unique: true })
  slug!: string;

  @Property({ length: 160 })
  name!: string;

  @Property({ type: 'text', default: '' })
  description: string = '';

  // A region that programs are open to cannot be deleted (deleteRegion answers PRECONDITION_FAILED).
  @ManyToMany({
    entity: () => Region,
    pivotTable: 'grant_program_region',
    owner: true,
    joinColumn: 'program_id',
    inverseJoinColumn: 'region_id',
    deleteRule: 'restrict',
  })
  eligibleRegions = new Collection<Region>(this);

  @Property({ length: 3 })
  currency!: string;

  @Property({ type: new BigIntType('bigint'), default: 0 })
  budgetMinor: bigint = 0n;

  @Property({ type: new BigIntType('bigint') })
  minAwardMinor!: bigint;

  @Property({ type: new BigIntType('bigint') })
  maxAwardMinor!: bigint;

  @Property({ type: 'datetime' })
  opensAt!: Date;

  @Property({ type: 'datetime' })
  closesAt!: Date;

  @Property({ type: 'datetime' })
  reviewDeadline!: Date;

  @Property({ type: 'smallint', runtimeType: 'number', default: 3 })
  reviewersPerApplication: number = 3;

  @Property({ default: true })
  blindReview: boolean = true;

  @Property({ type: 'json', default: '[]' })
  rubric: RubricCriterion[] = [];

  @Property({ type: 'json', default: '[]' })
  questions: Question[] = [];

  @Enum({ items: () => ProgramStatus, nativeEnumName: 'program_status', default: ProgramStatus.DRAFT })
  status: ProgramStatus = ProgramStatus.DRAFT;

  /** When the first application was submitted: rubric, questions and currency no longer change. */
  @Property({ type: 'datetime', nullable: true })
  contentFrozenAt: Date | null = null;

  @Property({ version: true })
  version: number = 1;

  @Property({ type: 'datetime', length: 3, defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(props: { organization: Organization; name: string; slug: string }) {
    this.organization = ref(props.organization);
    this.name = props.name;
    this.slug = props.slug;
  }
}
