import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Ref, ref } from '@mikro-orm/core';
import { Business } from '../businesses/business.entity';
import { Region } from '../regions/region.entity';
import { Group } from './group.entity';

export enum EventStatus {
  SCHEDULED = 'SCHEDULED',
  /** Still shown, as cancelled, with its reason. */
  CANCELLED = 'CANCELLED',
}

/**
 * A group's meeting. Where it is for searches (`region`, `latitude`/`longitude`) is copied at
 * each write from its venue, else from its group.
 */
@Entity({ tableName: 'event' })
@Index({ name: 'event_starts_at_index', properties: ['startsAt', 'id'] })
@Index({ name: 'event_group_index', properties: ['group', 'startsAt'] })
@Index({ name: 'event_venue_index', properties: ['venue', 'startsAt'] })
@Index({ name: 'event_region_index', properties: ['region', 'startsAt'] })
@Index({
  name: 'event_location_index',
  expression: 'create index "event_location_index" on "event" using gist (ll_to_earth("latitude", "longitude"))',
})
export class GroupEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Group, { ref: true, deleteRule: 'cascade' })
  group!: Ref<Group>;

  @Property({ length: 160 })
  title!: string;

  @Property({ type: 'text', default: '' })
  description: string = '';

  /** Millisecond precision: events page by their start exactly. */
  @Property({ type: 'datetime', length: 3 })
  startsAt!: Date;

  @Property({ type: 'datetime', length: 3 })
  endsAt!: Date;

  @Property({ length: 64 })
  timeZone!: string;

  @Property({ length: 500, nullable: true })
  onlineUrl: string | null = null;

  @ManyToOne(() => Business, { ref: true, nullable: true, deleteRule: 'restrict' })
  venue: Ref<Business> | null = null;

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Enum({ items: () => EventStatus, nativeEnumName: 'event_status', default: EventStatus.SCHEDULED })
  status: EventStatus = EventStatus.SCHEDULED;

  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @ManyToOne(() => Region, { ref: true, deleteRule: 'restrict' })
  region!: Ref<Region>;

  @Property({ type: 'double', runtimeType: 'number' })
  latitude!: number;

  @Property({ type: 'double', runtimeType: 'number' })
  longitude!: number;

  @Property({ version: true })
  version: number = 1;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(props: { group: Group; title: string; startsAt: Date; endsAt: Date; timeZone: string }) {
    this.group = ref(props.group);
    this.title = props.title;
    this.startsAt = props.startsAt;
    this.endsAt = props.endsAt;
    this.timeZone = props.timeZone;
  }
}
