import { Args, ArgsType, Field, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import { Public, SignedIn } from '../../core/auth/access.decorators';
import { isAdmin } from '../../core/auth/viewer';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Input } from '../../core/graphql/input.decorator';
import { ConnectionArgs } from '../../core/pagination/connection.args';
import { Connection } from '../../core/pagination/connection.types';
import { PRIVATE_MEMBER_NAME } from '../accounts/account.entity';
import { GeoPoint, RegionType } from '../regions/dto/region.type';
import { RegionRecord } from '../regions/region.record';
import { RegionsService } from '../regions/regions.service';
import { CreateGroupInput, GroupIdInput, GroupMemberInput, UpdateGroupInput } from './dto/group.inputs';
import { GroupLookupArgs, GroupsArgs } from './dto/group.args';
import {
  AddGroupOrganizerPayload,
  ApproveJoinRequestPayload,
  CreateGroupPayload,
  DeclineJoinRequestPayload,
  EventType,
  GroupConnection,
  GroupMemberConnection,
  GroupMemberType,
  GroupType,
  GroupViewerCan,
  JoinGroupPayload,
  LeaveGroupPayload,
  RemoveGroupMemberPayload,
  RemoveGroupOrganizerPayload,
  UpdateGroupPayload,
} from './dto/group.types';
import { GroupRole, MembershipStatus } from './group-membership.entity';
import { Group } from './group.entity';
import { EventRecord, GroupMemberRecord, GroupRecord } from './group.records';
import { GroupsReader } from './groups-reader.service';
import { GroupsService } from './groups.service';

@ArgsType()
export class UpcomingArgs {
  @Field(() => Int, { defaultValue: 3, description: 'How many (1 to 20).' })
  @IsInt()
  @Min(1)
  @Max(20)
  first: number = 3;
}

const isOrganizer = (group: GroupRecord) => group.viewerRole === GroupRole.ORGANIZER && group.viewerStatus === MembershipStatus.ACTIVE;

@Resolver(() => GroupType)
export class GroupsResolver {
  constructor(
    private readonly reader: GroupsReader,
    private readonly groupsService: GroupsService,
    private readonly regions: RegionsService,
  ) {}

  @Public()
  @Query(() => GroupType, { nullable: true, description: 'A group by id or slug (unlisted groups too); NOT_FOUND when it does not exist.' })
  group(@Ctx() ctx: RequestContext, @Args() lookup: GroupLookupArgs): Promise<GroupRecord> {
    return this.reader.findGroup(ctx, lookup);
  }

  @Public()
  @Query(() => GroupConnection, { description: 'Public groups (unlisted ones are never listed), filtered and ordered.' })
  groups(@Ctx() ctx: RequestContext, @Args() args: GroupsArgs): Promise<Connection<GroupRecord>> {
    return this.reader.search(ctx, args);
  }

  @SignedIn()
  @Query(() => GroupConnection, { description: 'The groups the viewer is in or has asked to join, newest first.' })
  myGroups(@Ctx() ctx: RequestContext, @Args() args: ConnectionArgs): Promise<Connection<GroupRecord>> {
    return this.reader.myGroups(ctx, args);
  }

  @SignedIn()
  @Mutation(() => CreateGroupPayload, { description: 'Creates a group; the viewer becomes its organizer.' })
  async createGroup(@Ctx() ctx: RequestContext, @Input() input: CreateGroupInput): Promise<{ group: GroupRecord }> {
    return this.payload(ctx, await this.groupsService.create(ctx, input));
  }

  @SignedIn()
  @Mutation(() => UpdateGroupPayload, { description: 'Edits a group (organizers).' })
  async updateGroup(@Ctx() ctx: RequestContext, @Input() input: UpdateGroupInput): Promise<{ group: GroupRecord }> {
    return this.payload(ctx, await this.groupsService.update(ctx, input));
  }

  @SignedIn()
  @Mutation(() => JoinGroupPayload, { description: 'Joins an OPEN group, or asks to join an APPROVAL group.' })
  async joinGroup(@Ctx() ctx: RequestContext, @Input() input: GroupIdInput): Promise<JoinGroupPayload> {
    const outcome = await this.groupsService.join(ctx, input.groupId);
    return {
      group: await this.reader.findGroup(ctx, { id: input.groupId }),
      status: outcome === 'requested' ? MembershipStatus.PENDING : MembershipStatus.ACTIVE,
    };
  }

  @SignedIn()
  @Mutation(() => LeaveGroupPayload, { description: 'Leaves a group, or withdraws a join request. The last organizer cannot leave.' })
  async leaveGroup(@Ctx() ctx: RequestContext, @Input() input: GroupIdInput): Promise<LeaveGroupPayload> {
    await this.groupsService.leave(ctx, input.groupId);
    return { groupId: input.groupId };
  }

  @SignedIn()
  @Mutation(() => ApproveJoinRequestPayload, { description: 'Accepts a join request (organizers).' })
  async approveJoinRequest(@Ctx() ctx: RequestContext, @Input() input: GroupMemberInput): Promise<{ group: GroupRecord }> {
    return this.payload(ctx, await this.groupsService.approveJoinRequest(ctx, input.groupId, input.accountId));
  }

  @SignedIn()
  @Mutation(() => DeclineJoinRequestPayload, { description: 'Declines a join request (organizers).' })
  async declineJoinRequest(@Ctx() ctx: RequestContext, @Input() input: GroupMemberInput): Promise<{ group: GroupRecord }> {
    return this.payload(ctx, await this.groupsService.declineJoinRequest(ctx, input.groupId, input.accountId));
  }

  @SignedIn()
  @Mutation(() => RemoveGroupMemberPayload, { description: 'Removes a member (organizers); not the last organizer.' })
  async removeGroupMember(@Ctx() ctx: RequestContext, @Input() input: GroupMemberInput): Promise<{ group: GroupRecord }> {
    return this.payload(ctx, await this.groupsService.removeMember(ctx, input.groupId, input.accountId));
  }

  @SignedIn()
  @Mutation(() => AddGroupOrganizerPayload, {
    description: 'Makes a member an organizer, or accepts someone who asked to join as one; nobody outside the group (organizers).',
  })
  async addGroupOrganizer(@Ctx() ctx: RequestContext, @Input() input: GroupMemberInput): Promise<{ group: GroupRecord }> {
    return this.payload(ctx, await this.groupsService.addOrganizer(ctx, input.groupId, input.accountId));
  }

  @SignedIn()
  @Mutation(() => RemoveGroupOrganizerPayload, { description: 'Makes an organizer a plain member (organizers); the last organizer stays.' })
  async removeGroupOrganizer(@Ctx() ctx: RequestContext, @Input() input: GroupMemberInput): Promise<{ group: GroupRecord }> {
    return this.payload(ctx, await this.groupsService.removeOrganizer(ctx, input.groupId, input.accountId));
  }

  @ResolveField(() => RegionType, { description: 'The region it meets in.' })
  async region(@Ctx() ctx: RequestContext, @Parent() group: GroupRecord): Promise<RegionRecord> {
    return (await this.regions.byId(ctx, group.regionId))!;
  }

  @ResolveField(() => GeoPoint, { nullable: true, description: 'Its usual meeting place, if given.' })
  meetingPlace(@Parent() group: GroupRecord): GeoPoint | null {
    return group.meetingLatitude === null || group.meetingLongitude === null
      ? null
      : { lat: group.meetingLatitude, lng: group.meetingLongitude };
  }

  @ResolveField(() => GeoPoint, { description: "Where it is for searches: the meeting place, else the region's centre." })
  location(@Parent() group: GroupRecord): GeoPoint {
    return { lat: group.latitude, lng: group.longitude };
  }

  @ResolveField(() => [GroupMemberType], { description: 'Its organizers.' })
  async organizers(@Ctx() ctx: RequestContext, @Parent() group: GroupRecord): Promise<GroupMemberType[]> {
    return (await this.reader.organizers(ctx, group.id)).map((member) => present(ctx, group, member));
  }

  @ResolveField(() => GroupMemberConnection, { description: 'Its members, organizers first.' })
  async members(
    @Ctx() ctx: RequestContext,
    @Parent() group: GroupRecord,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<GroupMemberType>> {
    return mapConnection(await this.reader.members(ctx, group.id, MembershipStatus.ACTIVE, args), (member) => present(ctx, group, member));
  }

  @ResolveField(() => GroupMemberConnection, {
    nullable: true,
    description: 'Join requests waiting for approval (organizers only; null for others).',
  })
  async joinRequests(
    @Ctx() ctx: RequestContext,
    @Parent() group: GroupRecord,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<GroupMemberType> | null> {
    if (!isOrganizer(group)) return null;
    return mapConnection(await this.reader.members(ctx, group.id, MembershipStatus.PENDING, args), (member) => present(ctx, group, member));
  }

  @ResolveField(() => [EventType], { description: 'Its next events (not yet ended), soonest first; cancelled ones are shown as such.' })
  upcomingEvents(@Ctx() ctx: RequestContext, @Parent() group: GroupRecord, @Args() args: UpcomingArgs): Promise<EventRecord[]> {
    return this.reader.upcomingOfGroup(ctx, group.id, args.first);
  }

  @ResolveField(() => MembershipStatus, {
    nullable: true,
    description: "The viewer's membership: ACTIVE, PENDING, or null when not in it.",
  })
  viewerMembership(@Parent() group: GroupRecord): MembershipStatus | null {
    return group.viewerStatus;
  }

  @ResolveField(() => GroupRole, { nullable: true, description: "The viewer's role, when a member." })
  viewerRole(@Parent() group: GroupRecord): GroupRole | null {
    return group.viewerStatus === MembershipStatus.ACTIVE ? group.viewerRole : null;
  }

  @ResolveField(() => GroupViewerCan, { description: 'What the viewer may do with this group.' })
  async viewerCan(@Ctx() ctx: RequestContext, @Parent() group: GroupRecord): Promise<GroupViewerCan> {
    const organize = isOrganizer(group);
    // The last organizer stays (leaving is refused): the organizers are read only for an organizer,
    // in one batch for a page of groups.
    const leave = group.viewerStatus !== null && (!organize || (await this.reader.organizers(ctx, group.id)).length > 1);
    return { organize, join: ctx.viewer !== null && group.viewerStatus === null, leave };
  }

  private async payload(ctx: RequestContext, group: Group): Promise<{ group: GroupRecord }> {
    return { group: await this.reader.findGroup(ctx, { id: group.id }) };
  }
}

/** A member as the viewer may see them: private profiles show as "A member" except to the group's organizers and admins. */
function present(ctx: RequestContext, group: GroupRecord, member: GroupMemberRecord): GroupMemberType {
  const visible = member.publicProfile || member.accountId === ctx.viewer?.account.id || isOrganizer(group) || isAdmin(ctx.viewer);
  return {
    accountId: visible ? member.accountId : null,
    displayName: visible ? member.displayName : PRIVATE_MEMBER_NAME,
    role: member.role,
    status: member.status,
    since: member.createdAt,
  };
}

function mapConnection<A, B>(connection: Connection<A>, map: (node: A) => B): Connection<B> {
  // Cursors stay lazy: encoded only when asked for.
  return {
    ...connection,
    edges: connection.edges.map((edge) => ({
      get cursor() {
        return edge.cursor;
      },
      node: map(edge.node),
    })),
  };
}
