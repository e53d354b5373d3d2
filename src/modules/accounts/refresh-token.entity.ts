import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Ref, ref } from '@mikro-orm/core';
import { Session } from './session.entity';

/**
 * A single-use refresh token of a session. Only its SHA-256 is stored; the client holds
 * `<id>.<secret>`. Using it marks it used and issues the next one of the family.
 */
@Entity({ tableName: 'refresh_token' })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Session, { ref: true, deleteRule: 'cascade', index: true })
  session: Ref<Session>;

  @Property({ length: 64 })
  secretHash: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  constructor(session: Session, secretHash: string, expiresAt: Date) {
    this.session = ref(session);
    this.secretHash = secretHash;
    this.expiresAt = expiresAt;
  }
}
