import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Ref, ref } from '@mikro-orm/core';
import { Region } from '../regions/region.entity';

export enum GroupVisibility {
  /** Listed and searchable. */
  PUBLIC = 'PUBLIC',
  /** Reachable by its slug, never listed. */
  UNLISTED = 'UNLISTED',
}

export enum JoinPolicy {
  OPEN = 'OPEN',
  /** Join requests wait for an organizer. */
  APPROVAL = 'APPROVAL',
}

export interface GroupLink {
  readonly label: string;
  readonly url: string;
}

/**
 * A local user group or meetup. Its usual meeting place (or else its region's centre) is stored
 * as `latitude`/`longitude` so near and bbox searches need no join; `member_count` is kept in step
 * with the memberships in the same transactions.
 */
@Entity({ tableName: 'community_group' })
@Index({
  name: 'community_group_location_index',
  expression: 'create index "community_group_location_index" on "community_group" using gist (ll_to_earth("latitude", "longitude"))',
})
@Index({
  name: 'community_group_name_trgm_index',
  expression: 'create index "community_group_name_trgm_index" on "community_group" using gin (hometown_unaccent("name") gin_trgm_ops)',
})
@Index({ name: 'community_group_region_index', properties: ['region', 'visibility'] })
export class Group {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ length: 120, unique: true })
  slug!: string;

  @Property({ length: 120 })
  name!: string;

  @Property({ type: 'text', default: '' })
  description: string = '';

  @ManyToOne(() => Region, { ref: true, deleteRule: 'restrict' })
  region!: Ref<Region>;

  /** Usual meeting place, if given. */
  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  meetingLatitude: number | null = null;

  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  meetingLongitude: number | null = null;

  /** Where the group is for searches: the meeting place, else the region's centre. */
  @Property({ type: 'double', runtimeType: 'number' })
  latitude!: number;

  @Property({ type: 'double', runtimeType: 'number' })
  longitude!: number;

  @Property({ type: 'json', default: '[]' })
  links: GroupLink[] = [];

  @Enum({ items: () => GroupVisibility, nativeEnumName: 'group_visibility', default: GroupVisibility.PUBLIC })
  visibility: GroupVisibility = GroupVisibility.PUBLIC;

  @Enum({ items: () => JoinPolicy, nativeEnumName: 'join_policy', default: JoinPolicy.OPEN })
  joinPolicy: JoinPolicy = JoinPolicy.OPEN;

  /** Active members, organizers included. */
  @Property({ type: 'integer', default: 0 })
  memberCount: number = 0;

  @Property({ version: true })
  version: number = 1;

  /** Millisecond precision, as a JavaScript Date: NEWEST pages by this instant exactly. */
  @Property({ type: 'datetime', length: 3, defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(props: { name: string; slug: string; region: Region }) {
    this.name = props.name;
    this.slug = props.slug;
    this.region = ref(props.region);
  }
}
