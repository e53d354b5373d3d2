import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Ref, ref } from '@mikro-orm/core';
import { Account } from './account.entity';

export enum SessionEndReason {
  LOGOUT = 'LOGOUT',
  LOGOUT_EVERYWHERE = 'LOGOUT_EVERYWHERE',
  /** A refresh token was used twice: the session is treated as stolen. */
  REFRESH_TOKEN_REUSE = 'REFRESH_TOKEN_REUSE',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  ACCOUNT_DELETED = 'ACCOUNT_DELETED',
}

/**
 * One sign-in: the family of refresh tokens that descend from one login. Access tokens name their
 * session, so ending the session ends them at once, not when they expire.
 */
@Entity({ tableName: 'session' })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true })
  account: Ref<Account>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  lastUsedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  endedAt: Date | null = null;

  @Enum({ items: () => SessionEndReason, nativeEnumName: 'session_end_reason', nullable: true })
  endReason: SessionEndReason | null = null;

  @Property({ length: 300, nullable: true })
  userAgent: string | null;

  @Property({ length: 64, nullable: true })
  ipAddress: string | null;

  constructor(account: Account, client: { userAgent?: string | null; ipAddress?: string | null }) {
    this.account = ref(account);
    this.userAgent = client.userAgent?.slice(0, 300) ?? null;
    this.ipAddress = client.ipAddress ?? null;
  }

  get isActive(): boolean {
    return this.endedAt === null;
  }

  end(reason: SessionEndReason, now: Date): void {
    if (this.endedAt) return;
    this.endedAt = now;
    this.endReason = reason;
  }
}
