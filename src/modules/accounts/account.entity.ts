import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Ref, ref } from '@mikro-orm/core';
import { Region } from '../regions/region.entity';
import { AccountRole } from './account-role';

/** What a private profile shows to others instead of a name (DESIGN.md §2). */
export const PRIVATE_MEMBER_NAME = 'A member';
export const DELETED_MEMBER_NAME = 'Deleted member';

/**
 * A community member's account. A deleted account stays as an anonymous tombstone (no e-mail,
 * password, name or home region) so the records of others that mention it stay whole.
 */
@Entity({ tableName: 'account' })
// The members directory lists public, live profiles by name.
@Index({
  name: 'account_public_name_index',
  expression: 'create index "account_public_name_index" on "account" ("display_name", "id") where public_profile and deleted_at is null',
})
export class Account {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Lower-cased; unique among live accounts (a tombstone has none). */
  @Property({ length: 254, nullable: true, unique: true })
  email: string | null;

  @Property({ type: 'datetime', nullable: true })
  emailVerifiedAt: Date | null = null;

  @Property({ type: 'text', nullable: true, lazy: true })
  passwordHash: string | null;

  @Property({ length: 80 })
  displayName: string;

  @ManyToOne(() => Region, { ref: true, nullable: true, deleteRule: 'restrict', index: true })
  homeRegion: Ref<Region> | null;

  @Property({ default: false })
  publicProfile: boolean = false;

  @Enum({ items: () => AccountRole, nativeEnumName: 'account_role', default: AccountRole.MEMBER })
  role: AccountRole = AccountRole.MEMBER;

  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  @Property({ version: true })
  version: number = 1;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(props: { email: string; passwordHash: string; displayName: string; homeRegion: Region; publicProfile?: boolean }) {
    this.email = props.email;
    this.passwordHash = props.passwordHash;
    this.displayName = props.displayName;
    this.homeRegion = ref(props.homeRegion);
    this.publicProfile = props.publicProfile ?? false;
  }

  get isAdmin(): boolean {
    return this.role === AccountRole.ADMIN;
  }

  get isDeleted(): boolean {
    return this.deletedAt !== null;
  }

  /** Removes everything personal; what remains is an id that other records may point at. */
  anonymise(now: Date): void {
    this.email = null;
    this.emailVerifiedAt = null;
    this.passwordHash = null;
    this.displayName = DELETED_MEMBER_NAME;
    this.homeRegion = null;
    this.publicProfile = false;
    this.role = AccountRole.MEMBER;
    this.deletedAt = now;
  }
}

/** `" Ada@Example.ORG "` → `"ada@example.org"`: addresses are unique case-insensitively. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
