import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, Ref, ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';

/** A funder or sponsor: runs grant programs (once an admin has verified it) and posts contracts. */
@Entity({ tableName: 'organization' })
@Index({
  name: 'organization_name_trgm_index',
  expression: 'create index "organization_name_trgm_index" on "organization" using gin (hometown_unaccent("name") gin_trgm_ops)',
})
export class Organization {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ length: 120, unique: true })
  slug!: string;

  @Property({ length: 160 })
  name!: string;

  @Property({ type: 'text', default: '' })
  description: string = '';

  @Property({ length: 500, nullable: true })
  website: string | null = null;

  @Property({ length: 500, nullable: true })
  logoUrl: string | null = null;

  /** When an admin verified it; only verified organizations open programs. */
  @Property({ type: 'datetime', nullable: true })
  verifiedAt: Date | null = null;

  @Property({ version: true })
  version: number = 1;

  @Property({ type: 'datetime', length: 3, defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(props: { name: string; slug: string }) {
    this.name = props.name;
    this.slug = props.slug;
  }
}

export enum OrganizationRole {
  /** Everything a manager does, plus managing staff. */
  OWNER = 'OWNER',
  /** Runs the organization's programs. */
  MANAGER = 'MANAGER',
}

/** An account on an organization's staff. */
@Entity({ tableName: 'organization_member' })
export class OrganizationMember {
  [PrimaryKeyProp]?: ['organization', 'account'];

  @ManyToOne(() => Organization, { primary: true, ref: true, deleteRule: 'cascade' })
  organization: Ref<Organization>;

  @ManyToOne(() => Account, { primary: true, ref: true, deleteRule: 'cascade', index: true })
  account: Ref<Account>;

  @Enum({ items: () => OrganizationRole, nativeEnumName: 'organization_role' })
  role: OrganizationRole;

  @Property({ type: 'datetime', length: 3, defaultRaw: 'now()' })
  createdAt: Date = new Date();

  constructor(props: { organization: Organization; account: Account; role: OrganizationRole }) {
    this.organization = ref(props.organization);
    this.account = ref(props.account);
    this.role = props.role;
  }
}
