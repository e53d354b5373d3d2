import { Entity, Enum, ManyToOne, PrimaryKeyProp, Property, Ref, ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { Business } from './business.entity';

export enum BusinessRole {
  /** Edits, manages owners and editors, deletes. */
  OWNER = 'OWNER',
  /** Edits only. */
  EDITOR = 'EDITOR',
}

/** An account that maintains a listing. */
@Entity({ tableName: 'business_owner' })
export class BusinessOwner {
  [PrimaryKeyProp]?: ['business', 'account'];

  @ManyToOne(() => Business, { primary: true, ref: true, deleteRule: 'cascade' })
  business: Ref<Business>;

  @ManyToOne(() => Account, { primary: true, ref: true, deleteRule: 'cascade', index: true })
  account: Ref<Account>;

  @Enum({ items: () => BusinessRole, nativeEnumName: 'business_role' })
  role: BusinessRole;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  constructor(business: Business, account: Account, role: BusinessRole) {
    this.business = ref(business);
    this.account = ref(account);
    this.role = role;
  }
}
