import { Entity, Enum, Index, ManyToOne, PrimaryKeyProp, Property, Ref, ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { Group } from './group.entity';

export enum GroupRole {
  ORGANIZER = 'ORGANIZER',
  MEMBER = 'MEMBER',
}

export enum MembershipStatus {
  ACTIVE = 'ACTIVE',
  /** A join request waiting for an organizer (groups with the APPROVAL policy). */
  PENDING = 'PENDING',
}

/** An account in a group, or asking to join it. */
@Entity({ tableName: 'group_membership' })
@Index({ name: 'group_membership_group_index', properties: ['group', 'status', 'createdAt'] })
export class GroupMembership {
  [PrimaryKeyProp]?: ['group', 'account'];

  @ManyToOne(() => Group, { primary: true, ref: true, deleteRule: 'cascade' })
  group: Ref<Group>;

  @ManyToOne(() => Account, { primary: true, ref: true, deleteRule: 'cascade', index: true })
  account: Ref<Account>;

  @Enum({ items: () => GroupRole, nativeEnumName: 'group_role' })
  role: GroupRole;

  @Enum({ items: () => MembershipStatus, nativeEnumName: 'membership_status' })
  status: MembershipStatus;

  @Property({ type: 'datetime', length: 3, defaultRaw: 'now()' })
  createdAt: Date = new Date();

  constructor(props: { group: Group; account: Account; role: GroupRole; status: MembershipStatus }) {
    this.group = ref(props.group);
    this.account = ref(props.account);
    this.role = props.role;
    this.status = props.status;
  }
}
