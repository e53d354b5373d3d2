import { Entity, Enum, Index, ManyToOne, PrimaryKeyProp, Property, Ref, ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { GroupEvent } from './event.entity';

export enum RsvpStatus {
  GOING = 'GOING',
  NOT_GOING = 'NOT_GOING',
  /** Wants to go, but the event is full: moves up, in order, when a place frees. */
  WAITLISTED = 'WAITLISTED',
}

/** A member's answer to an event. */
@Entity({ tableName: 'rsvp' })
@Index({ name: 'rsvp_event_status_index', properties: ['event', 'status', 'respondedAt'] })
export class Rsvp {
  [PrimaryKeyProp]?: ['event', 'account'];

  @ManyToOne(() => GroupEvent, { primary: true, ref: true, deleteRule: 'cascade' })
  event: Ref<GroupEvent>;

  @ManyToOne(() => Account, { primary: true, ref: true, deleteRule: 'cascade', index: true })
  account: Ref<Account>;

  @Enum({ items: () => RsvpStatus, nativeEnumName: 'rsvp_status' })
  status: RsvpStatus;

  /** When the current status was given: the waitlist's order. */
  @Property({ type: 'datetime', length: 3 })
  respondedAt: Date = new Date();

  constructor(props: { event: GroupEvent; account: Account; status: RsvpStatus }) {
    this.event = ref(props.event);
    this.account = ref(props.account);
    this.status = props.status;
  }
}
