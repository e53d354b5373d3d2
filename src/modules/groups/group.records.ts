import { GroupRole, MembershipStatus } from './group-membership.entity';
import { GroupLink, GroupVisibility, JoinPolicy } from './group.entity';
import { EventStatus } from './event.entity';
import { RsvpStatus } from './rsvp.entity';
import { toDate, toNumberOrNull } from '../../core/sql/row-values';

/** A group as read for the API (plain row). */
export interface GroupRecord {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly regionId: string;
  readonly meetingLatitude: number | null;
  readonly meetingLongitude: number | null;
  readonly latitude: number;
  readonly longitude: number;
  readonly links: readonly GroupLink[];
  readonly visibility: GroupVisibility;
  readonly joinPolicy: JoinPolicy;
  readonly memberCount: number;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly viewerRole: GroupRole | null;
  readonly viewerStatus: MembershipStatus | null;
  /** Computed for orderings that need them. */
  readonly rank?: number;
  readonly nextEventMillis?: number;
}

export const GROUP_COLUMNS = `g.id, g.slug, g.name, g.description, g.region_id AS "regionId", g.meeting_latitude AS "meetingLatitude",
  g.meeting_longitude AS "meetingLongitude", g.latitude, g.longitude, g.links, g.visibility, g.join_policy AS "joinPolicy",
  g.member_count AS "memberCount", g.version, g.created_at AS "createdAt", g.updated_at AS "updatedAt"`;

/** An event as read for the API (plain row). */
export interface EventRecord {
  readonly id: string;
  readonly groupId: string;
  readonly title: string;
  readonly description: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly timeZone: string;
  readonly onlineUrl: string | null;
  readonly venueId: string | null;
  readonly capacity: number | null;
  readonly status: EventStatus;
  readonly cancelReason: string | null;
  readonly regionId: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const EVENT_COLUMNS = `e.id, e.group_id AS "groupId", e.title, e.description, e.starts_at AS "startsAt", e.ends_at AS "endsAt",
  e.time_zone AS "timeZone", e.online_url AS "onlineUrl", e.venue_id AS "venueId", e.capacity, e.status, e.cancel_reason AS "cancelReason",
  e.region_id AS "regionId", e.latitude, e.longitude, e.version, e.created_at AS "createdAt", e.updated_at AS "updatedAt"`;

/** A member of a group as its organizers and members see them. */
export interface GroupMemberRecord {
  readonly accountId: string;
  readonly displayName: string;
  readonly publicProfile: boolean;
  readonly role: GroupRole;
  readonly status: MembershipStatus;
  readonly createdAt: Date;
  /**
   * Tells members who joined in the same millisecond apart in a list's order (and its cursors)
   * without naming them: a digest of the group and the account, so a private member's account id
   * never travels in a cursor and one member's cursors in two groups cannot be matched.
   */
  readonly cursorKey: string;
}

export interface RsvpCounts {
  readonly going: number;
  readonly waitlisted: number;
  readonly viewerStatus: RsvpStatus | null;
}

/** Rows come with timestamps as text (the ORM's connection does not parse them). */
export function groupRecordFromRow(row: Record<string, unknown>): GroupRecord {
  return {
    ...(row as unknown as GroupRecord),
    meetingLatitude: toNumberOrNull(row.meetingLatitude),
    meetingLongitude: toNumberOrNull(row.meetingLongitude),
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
    memberCount: Number(row.memberCount),
    version: Number(row.version),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
    viewerRole: (row.viewerRole as GroupRole | null) ?? null,
    viewerStatus: (row.viewerStatus as MembershipStatus | null) ?? null,
  };
}

export function eventRecordFromRow(row: Record<string, unknown>): EventRecord {
  return {
    ...(row as unknown as EventRecord),
    startsAt: toDate(row.startsAt),
    endsAt: toDate(row.endsAt),
    capacity: toNumberOrNull(row.capacity),
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
    version: Number(row.version),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  };
}

export function memberRecordFromRow(row: Record<string, unknown>): GroupMemberRecord {
  return { ...(row as unknown as GroupMemberRecord), createdAt: toDate(row.createdAt) };
}
