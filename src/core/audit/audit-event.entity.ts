import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { Account } from '../../modules/accounts/account.entity';

/**
 * Who did what, to which record, and when, with the state before and after. Written in the same
 * transaction as the change it records, so there is an event exactly when the change happened.
 */
@Entity({ tableName: 'audit_event' })
@Index({ name: 'audit_event_created_at_index', properties: ['createdAt', 'id'] })
@Index({ name: 'audit_event_subject_index', properties: ['subjectId', 'createdAt'] })
@Index({ name: 'audit_event_actor_index', properties: ['actor', 'createdAt'] })
@Index({ name: 'audit_event_action_index', properties: ['action', 'createdAt'] })
export class AuditEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The account that acted; null for the system (start-up, command-line tools). */
  @ManyToOne(() => Account, { ref: true, nullable: true, deleteRule: 'restrict' })
  actor: Ref<Account> | null;

  /** Dotted verb, e.g. `account.role.granted`, `region.moved`. */
  @Property({ length: 100 })
  action: string;

  @Property({ length: 50 })
  subjectType: string;

  @Property({ type: 'uuid' })
  subjectId: string;

  @Property({ type: 'json', nullable: true })
  before: Record<string, unknown> | null;

  @Property({ type: 'json', nullable: true })
  after: Record<string, unknown> | null;

  @Property({ length: 100, nullable: true })
  requestId: string | null;

  /** Millisecond precision, as a JavaScript Date: the audit log pages by this instant exactly. */
  @Property({ type: 'datetime', length: 3, defaultRaw: 'now()' })
  createdAt: Date = new Date();

  constructor(props: {
    actor: Ref<Account> | null;
    action: string;
    subjectType: string;
    subjectId: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    requestId?: string | null;
  }) {
    this.actor = props.actor;
    this.action = props.action;
    this.subjectType = props.subjectType;
    this.subjectId = props.subjectId;
    this.before = props.before ?? null;
    this.after = props.after ?? null;
    this.requestId = props.requestId ?? null;
  }
}
