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

  // One object parameter: decorator metadata of a Business parameter would be read before the
  // Business class (which imports this one) is defined.
  constructor(props: { business: Business; account: Account; role: BusinessRole }) {
    this.business = ref(props.business);
    this.account = ref(props.account);
    this.role = props.role;
  }
}
