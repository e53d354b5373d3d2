import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Ref, ref } from '@mikro-orm/core';
import { Account } from './account.entity';

export enum AccountTokenPurpose {
  VERIFY_EMAIL = 'VERIFY_EMAIL',
  RESET_PASSWORD = 'RESET_PASSWORD',
}

/** A single-use, expiring token sent by e-mail. Only its SHA-256 is stored. */
@Entity({ tableName: 'account_token' })
export class AccountToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true })
  account: Ref<Account>;

  @Enum({ items: () => AccountTokenPurpose, nativeEnumName: 'account_token_purpose' })
  purpose: AccountTokenPurpose;

  @Property({ length: 64, unique: true })
  secretHash: string;

  /** The address the token was sent to: verifying proves this address, not a later one. */
  @Property({ length: 254 })
  email: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  constructor(props: { account: Account; purpose: AccountTokenPurpose; secretHash: string; email: string; expiresAt: Date }) {
    this.account = ref(props.account);
    this.purpose = props.purpose;
    this.secretHash = props.secretHash;
    this.email = props.email;
    this.expiresAt = props.expiresAt;
  }
}
