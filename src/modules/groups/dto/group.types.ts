import { PayloadType } from '../../../core/graphql/payload.type';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../../../core/pagination/connection.types';
import { SocialLinkType } from '../../businesses/dto/business.types';
import { EventStatus } from '../event.entity';
import { GroupRole, MembershipStatus } from '../group-membership.entity';
import { GroupVisibility, JoinPolicy } from '../group.entity';
import type { EventRecord, GroupRecord } from '../group.records';
import { RsvpStatus } from '../rsvp.entity';

registerEnumType(GroupVisibility, {
  name: 'GroupVisibility',
  description: 'Whether a group is listed.',
  valuesMap: { PUBLIC: { description: 'Listed and searchable.' }, UNLISTED: { description: 'Reachable by its slug, never listed.' } },
});
registerEnumType(JoinPolicy, {
  name: 'JoinPolicy',
  description: 'How members join a group.',
  valuesMap: { OPEN: { description: 'Anyone joins at once.' }, APPROVAL: { description: 'Organizers approve join requests.' } },
});
registerEnumType(GroupRole, {
  name: 'GroupRole',
  description: "A member's role in a group.",
  valuesMap: { ORGANIZER: { description: 'Runs the group and its events.' }, MEMBER: { description: 'Takes part.' } },
});
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'Whether a membership is in effect.',
  valuesMap: { ACTIVE: { description: 'A member.' }, PENDING: { description: 'A join request waiting for an organizer.' } },
});
registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Whether an event takes place.',
  valuesMap: { SCHEDULED: { description: 'It takes place.' }, CANCELLED: { description: 'Cancelled (see the reason); still shown.' } },
});
registerEnumType(RsvpStatus, {
  name: 'RsvpStatus',
  description: 'An answer to an event.',
  valuesMap: {
    GOING: { description: 'Has a place.' },
    NOT_GOING: { description: 'Will not come.' },
    WAITLISTED: { description: 'Wants to come; the event is full. Moves up when a place frees, first come first served.' },
  },
});

@ObjectType('Group', { description: 'A local user group or meetup of the community.' })
export class GroupType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: 'Unique, URL-friendly name.' })
  slug!: string;

  @Field(() => String, { description: 'Name of the group.' })
  name!: string;

  @Field(() => String, { description: 'What the group is about.' })
  description!: string;

  @Field(() => [SocialLinkType], { description: 'Links: chat, website, social.' })
  links!: SocialLinkType[];

  @Field(() => GroupVisibility, { description: 'Whether it is listed.' })
  visibility!: GroupVisibility;

  @Field(() => JoinPolicy, { description: 'How members join.' })
  joinPolicy!: JoinPolicy;

  @Field(() => Int, { description: 'Active members, organizers included.' })
  memberCount!: number;

  @Field(() => Int, { description: 'Version for optimistic locking: pass it as `expectedVersion` to refuse an edit based on stale data.' })
  version!: number;

  @Field(() => Date, { description: 'When the group was created.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of groups.' })
export class GroupConnection extends ConnectionType(GroupType, 'Group') {}

@ObjectType('GroupMember', {
  description: 'Someone in a group (or asking to join). Private profiles show as "A member" to those who do not organize it.',
})
export class GroupMemberType {
  @Field(() => ID, { nullable: true, description: 'The account, when its profile is public or the viewer organizes the group.' })
  accountId!: string | null;

  @Field(() => String, { description: 'Display name, or "A member".' })
  displayName!: string;

  @Field(() => GroupRole, { description: 'Organizer or member.' })
  role!: GroupRole;

  @Field(() => MembershipStatus, { description: 'Member, or waiting for approval.' })
  status!: MembershipStatus;

  @Field(() => Date, { description: 'When they joined (or asked to).' })
  since!: Date;
}

@ObjectType({ description: 'A page of group members.' })
export class GroupMemberConnection extends ConnectionType(GroupMemberType, 'GroupMember') {}

@ObjectType('GroupViewerCan', { description: 'What the viewer may do with this group.' })
export class GroupViewerCan {
  @Field(() => Boolean, { description: 'Edit it, manage members and organizers, create events (organizers).' })
  organize!: boolean;

  @Field(() => Boolean, { description: 'Join it, or ask to (signed in and not in it).' })
  join!: boolean;

  @Field(() => Boolean, { description: 'Leave it (a member, unless the last organizer).' })
  leave!: boolean;
}

@ObjectType('Event', { description: 'A meeting of a group, online, at a venue, or both.' })
export class EventType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { description: 'What will happen.' })
  description!: string;

  @Field(() => Date, { description: 'When it starts.' })
  startsAt!: Date;

  @Field(() => Date, { description: 'When it ends.' })
  endsAt!: Date;

  @Field(() => String, { description: 'IANA time zone it is announced in.' })
  timeZone!: string;

  @Field(() => String, { nullable: true, description: 'Link to join online.' })
  onlineUrl!: string | null;

  @Field(() => Int, { nullable: true, description: 'Places; null for no limit.' })
  capacity!: number | null;

  @Field(() => EventStatus, { description: 'Whether it takes place.' })
  status!: EventStatus;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  cancelReason!: string | null;

  @Field(() => Int, { description: 'Version for optimistic locking.' })
  version!: number;
}

@ObjectType({ description: 'A page of events, by start.' })
export class EventConnection extends ConnectionType(EventType, 'Event') {}

@ObjectType('Rsvp', { description: "The viewer's answer to an event." })
export class RsvpType {
  @Field(() => RsvpStatus, { description: 'GOING, NOT_GOING, or WAITLISTED when the event was full.' })
  status!: RsvpStatus;

  @Field(() => Date, { description: "When this answer was given (the waitlist's order)." })
  respondedAt!: Date;
}

export const CreateGroupPayload = PayloadType('CreateGroupPayload', 'The new group; the viewer organizes it.', 'group', () => GroupType, {
  fieldDescription: 'The group.',
});

export const UpdateGroupPayload = PayloadType('UpdateGroupPayload', 'The group after the edit.', 'group', () => GroupType);
export const ApproveJoinRequestPayload = PayloadType(
  'ApproveJoinRequestPayload',
  'The group with its new member.',
  'group',
  () => GroupType,
);
export const DeclineJoinRequestPayload = PayloadType(
  'DeclineJoinRequestPayload',
  'The group; the request is gone.',
  'group',
  () => GroupType,
);
export const RemoveGroupMemberPayload = PayloadType('RemoveGroupMemberPayload', 'The group without that member.', 'group', () => GroupType);
export const AddGroupOrganizerPayload = PayloadType('AddGroupOrganizerPayload', 'The group with its organizers.', 'group', () => GroupType);
export const RemoveGroupOrganizerPayload = PayloadType(
  'RemoveGroupOrganizerPayload',
  'The group with its organizers.',
  'group',
  () => GroupType,
);

@ObjectType({ description: "The viewer's membership after joining." })
export class JoinGroupPayload {
  @Field(() => GroupType, { description: 'The group.' })
  group!: GroupRecord;

  @Field(() => MembershipStatus, { description: 'ACTIVE when joined, PENDING when the request waits for an organizer.' })
  status!: MembershipStatus;
}

@ObjectType({ description: 'The viewer has left the group.' })
export class LeaveGroupPayload {
  @Field(() => ID, { description: 'The group left.' })
  groupId!: string;
}

export const CreateEventPayload = PayloadType('CreateEventPayload', 'The new event.', 'event', () => EventType);
export const UpdateEventPayload = PayloadType('UpdateEventPayload', 'The event after the edit.', 'event', () => EventType);
export const CancelEventPayload = PayloadType('CancelEventPayload', 'The event, cancelled.', 'event', () => EventType);

@ObjectType({ description: "The viewer's answer, and the event." })
export class RsvpPayload {
  @Field(() => RsvpType, { description: 'The answer as recorded: WAITLISTED when the event was full.' })
  rsvp!: RsvpType;

  @Field(() => EventType, { description: 'The event.' })
  event!: EventRecord;
}
