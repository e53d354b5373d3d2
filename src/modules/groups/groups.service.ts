import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { RequestContext } from '../../core/context/request-context';
import {
  assertExpectedVersion,
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from '../../core/errors/domain-errors';
import { slugOfName } from '../../core/text/slug';
import { Account } from '../accounts/account.entity';
import { Region } from '../regions/region.entity';
import { RegionRecord } from '../regions/region.record';
import { RegionsService } from '../regions/regions.service';
import { CreateGroupInput, UpdateGroupInput } from './dto/group.inputs';
import { GroupMembership, GroupRole, MembershipStatus } from './group-membership.entity';
import { EventStatus } from './event.entity';
import { Group, GroupVisibility, JoinPolicy } from './group.entity';
import { changeMemberCount } from './member-count';
import { Rsvp, RsvpStatus } from './rsvp.entity';
import { promoteWaitlists } from './waitlist';
import { lockLiveAccount, lockViewerAccount } from '../accounts/account-lock';

/** The length of the slug's column. */
const SLUG_LENGTH = 120;

export type JoinOutcome = 'joined' | 'requested' | 'already';

/** Community groups and who is in them. Membership changes lock the group row, keeping `member_count` exact. */
@Injectable()
export class GroupsService {
  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, input: CreateGroupInput): Promise<Group> {
    const { account } = ctx.requireViewer();
    const region = await this.findRegion(ctx, input.regionId);
    const slug = input.slug ?? slugOfName(input.name, SLUG_LENGTH);
    if (!slug) throw BadUserInputError.field('input.slug', 'give a slug (letters or digits)');
    if (await this.em.count(Group, { slug })) {
      throw new ConflictError('Another group already has this slug', { fieldErrors: [{ path: 'input.slug', message: 'is taken' }] });
    }
    return this.em.transactional(async (em) => {
      await lockViewerAccount(em, ctx);
      const group = new Group({ name: input.name, slug, region: em.getReference(Region, region.id) });
      em.assign(group, {
        description: input.description ?? '',
        links: (input.links ?? []).map(({ label, url }) => ({ label, url })),
        visibility: input.visibility ?? GroupVisibility.PUBLIC,
        joinPolicy: input.joinPolicy ?? JoinPolicy.OPEN,
        memberCount: 1,
      });
      placeGroup(group, region, input.meetingPlace ?? null);
      em.persist(group);
      em.persist(
        new GroupMembership({
          group,
          account: em.getReference(Account, account.id),
          role: GroupRole.ORGANIZER,
          status: MembershipStatus.ACTIVE,
        }),
      );
      return group;
    });
  }

  async update(ctx: RequestContext, input: UpdateGroupInput): Promise<Group> {
    const group = await this.asOrganizer(ctx, input.id);
    assertExpectedVersion(group.version, input.expectedVersion);
    const region = input.regionId ? await this.findRegion(ctx, input.regionId) : undefined;
    if (input.slug !== undefined && input.slug !== group.slug && (await this.em.count(Group, { slug: input.slug }))) {
      throw new ConflictError('Another group already has this slug', { fieldErrors: [{ path: 'input.slug', message: 'is taken' }] });
    }
    return this.em.transactional(async (em) => {
      if (input.name !== undefined) group.name = input.name;
      if (input.slug !== undefined) group.slug = input.slug;
      if (input.description !== undefined) group.description = input.description;
      if (input.links !== undefined) group.links = input.links.map(({ label, url }) => ({ label, url }));
      if (input.visibility !== undefined) group.visibility = input.visibility;
      if (input.joinPolicy !== undefined) group.joinPolicy = input.joinPolicy;
      if (region) group.region = em.getReference(Region, region.id, { wrapped: true });
      if (region || input.meetingPlace !== undefined) {
        const meetingPlace =
          input.meetingPlace !== undefined
            ? input.meetingPlace
            : group.meetingLatitude === null || group.meetingLongitude === null
              ? null
              : { lat: group.meetingLatitude, lng: group.meetingLongitude };
        placeGroup(group, region ?? (await this.findRegion(ctx, group.region.id)), meetingPlace);
      }
      return group;
    });
  }

  /** Joins an OPEN group, or asks to join an APPROVAL group. Joining again changes nothing. */
  async join(ctx: RequestContext, groupId: string): Promise<JoinOutcome> {
    const { account } = ctx.requireViewer();
    return this.em.transactional(async (em) => {
      const group = await this.locked(em, groupId);
      const existing = await em.findOne(GroupMembership, { group, account: account.id });
      const open = group.joinPolicy === JoinPolicy.OPEN;
      if (existing?.status === MembershipStatus.ACTIVE) return 'already';
      if (existing) {
        // A request made while the group asked for approval: the group is OPEN now, so it is granted.
        if (!open) return 'requested';
        existing.status = MembershipStatus.ACTIVE;
        await changeMemberCount(em, group.id, 1);
        return 'joined';
      }
      em.persist(
        new GroupMembership({
          group,
          account: em.getReference(Account, account.id),
          role: GroupRole.MEMBER,
          status: open ? MembershipStatus.ACTIVE : MembershipStatus.PENDING,
        }),
      );
      if (open) await changeMemberCount(em, group.id, 1);
      return open ? 'joined' : 'requested';
    });
  }

  /** Leaves a group (or withdraws a join request). The last organizer cannot leave. */
  async leave(ctx: RequestContext, groupId: string): Promise<void> {
    const { account } = ctx.requireViewer();
    await this.em.transactional(async (em) => {
      const group = await this.locked(em, groupId);
      const membership = await em.findOne(GroupMembership, { group, account: account.id });
      if (!membership) throw new PreconditionFailedError('You are not in this group');
      await this.removeMembership(em, group, membership);
    });
  }

  async approveJoinRequest(ctx: RequestContext, groupId: string, accountId: string): Promise<Group> {
    return this.organizerChange(ctx, groupId, async (em, group) => {
      const request = await em.findOne(GroupMembership, { group, account: accountId, status: MembershipStatus.PENDING });
      if (!request) throw new NotFoundError('Join request');
      request.status = MembershipStatus.ACTIVE;
      await changeMemberCount(em, group.id, 1);
      this.recordDecision(
        ctx,
        group,
        'group.join.approved',
        accountId,
        { status: MembershipStatus.PENDING },
        { status: MembershipStatus.ACTIVE },
      );
    });
  }

  async declineJoinRequest(ctx: RequestContext, groupId: string, accountId: string): Promise<Group> {
    return this.organizerChange(ctx, groupId, async (em, group) => {
      const request = await em.findOne(GroupMembership, { group, account: accountId, status: MembershipStatus.PENDING });
      if (!request) throw new NotFoundError('Join request');
      em.remove(request);
      this.recordDecision(ctx, group, 'group.join.declined', accountId, { status: MembershipStatus.PENDING }, null);
    });
  }

  /** Removes a member (organizers); an organizer cannot be removed while they are the last one. */
  async removeMember(ctx: RequestContext, groupId: string, accountId: string): Promise<Group> {
    return this.organizerChange(ctx, groupId, async (em, group) => {
      const membership = await em.findOne(GroupMembership, { group, account: accountId, status: MembershipStatus.ACTIVE });
      if (!membership) throw new NotFoundError('Member');
      await this.removeMembership(em, group, membership);
      this.recordDecision(ctx, group, 'group.member.removed', accountId, { role: membership.role }, null);
    });
  }

  /**
   * Makes a member an organizer, or accepts someone who asked to join as one. Someone who is not in
   * the group is refused: they must have chosen the group themselves, as the last organizer cannot
   * leave it (nor delete their account) until someone else organizes it.
   */
  async addOrganizer(ctx: RequestContext, groupId: string, accountId: string): Promise<Group> {
    return this.organizerChange(ctx, groupId, async (em, group) => {
      // The account, shared: deleting an account locks it before taking it out of every group.
      const account = await lockLiveAccount(em, accountId);
      if (!account) throw BadUserInputError.field('input.accountId', 'no account has this id');
      const membership = await em.findOne(GroupMembership, { group, account });
      if (!membership) {
        throw new PreconditionFailedError(
          'Only a member of the group (or someone who asked to join) can be made an organizer: they join first',
        );
      }
      if (membership.role === GroupRole.ORGANIZER && membership.status === MembershipStatus.ACTIVE) return;
      if (membership.status === MembershipStatus.PENDING) await changeMemberCount(em, group.id, 1);
      const before = { role: membership.role, status: membership.status };
      membership.status = MembershipStatus.ACTIVE;
      membership.role = GroupRole.ORGANIZER;
      this.recordDecision(ctx, group, 'group.organizer.added', accountId, before, {
        role: GroupRole.ORGANIZER,
        status: MembershipStatus.ACTIVE,
      });
    });
  }

  /** Makes an organizer a plain member again; the last organizer stays. */
  async removeOrganizer(ctx: RequestContext, groupId: string, accountId: string): Promise<Group> {
    return this.organizerChange(ctx, groupId, async (em, group) => {
      const membership = await em.findOne(GroupMembership, { group, account: accountId, role: GroupRole.ORGANIZER });
      if (!membership) throw new NotFoundError('Organizer');
      await this.assertNotLastOrganizer(em, group, membership);
      membership.role = GroupRole.MEMBER;
      this.recordDecision(ctx, group, 'group.organizer.removed', accountId, { role: GroupRole.ORGANIZER }, { role: GroupRole.MEMBER });
    });
  }

  /** The group, if the viewer organizes it: NOT_FOUND when they may not see it, FORBIDDEN otherwise. */
  async asOrganizer(ctx: RequestContext, groupId: string, em: EntityManager = this.em, lock = false): Promise<Group> {
    const { account } = ctx.requireViewer();
    const group = lock ? await this.locked(em, groupId) : await em.findOne(Group, groupId);
    if (!group) throw new NotFoundError('Group');
    const membership = await em.findOne(GroupMembership, { group, account: account.id });
    if (membership?.role === GroupRole.ORGANIZER && membership.status === MembershipStatus.ACTIVE) return group;
    if (group.visibility === GroupVisibility.UNLISTED && !membership) throw new NotFoundError('Group');
    throw new ForbiddenError('Only the organizers of this group may do this');
  }

  private async organizerChange(
    ctx: RequestContext,
    groupId: string,
    change: (em: EntityManager, group: Group) => Promise<void>,
  ): Promise<Group> {
    return this.em.transactional(async (em) => {
      const group = await this.asOrganizer(ctx, groupId, em, true);
      await change(em, group);
      return group;
    });
  }

  /**
   * Ends a membership. In an APPROVAL group, whose events are for members only, the member's places
   * at its events still to come are given up too (and go to the waitlists).
   */
  private async removeMembership(em: EntityManager, group: Group, membership: GroupMembership): Promise<void> {
    await this.assertNotLastOrganizer(em, group, membership);
    em.remove(membership);
    if (membership.status !== MembershipStatus.ACTIVE) return;
    await changeMemberCount(em, group.id, -1);
    if (group.joinPolicy !== JoinPolicy.APPROVAL) return;
    const answers = await em.find(
      Rsvp,
      {
        account: membership.account.id,
        status: { $in: [RsvpStatus.GOING, RsvpStatus.WAITLISTED] },
        event: { group, status: EventStatus.SCHEDULED, startsAt: { $gt: new Date() } },
      },
      { populate: ['event'] },
    );
    for (const rsvp of answers) {
      rsvp.status = RsvpStatus.NOT_GOING;
      rsvp.respondedAt = new Date();
    }
    await promoteWaitlists(
      em,
      answers.map((rsvp) => rsvp.event.id),
    );
  }

  /** An organizer's decision about someone's place in the group, audited as staff changes are elsewhere. */
  private recordDecision(
    ctx: RequestContext,
    group: Group,
    action: string,
    accountId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): void {
    this.audit.record(ctx, {
      action,
      subjectType: 'Group',
      subjectId: group.id,
      before: before && { accountId, ...before },
      after: after && { accountId, ...after },
    });
  }

  private async assertNotLastOrganizer(em: EntityManager, group: Group, membership: GroupMembership): Promise<void> {
    if (membership.role !== GroupRole.ORGANIZER || membership.status !== MembershipStatus.ACTIVE) return;
    const organizers = await em.count(GroupMembership, { group, role: GroupRole.ORGANIZER, status: MembershipStatus.ACTIVE });
    if (organizers <= 1) throw new PreconditionFailedError('The last organizer cannot leave: make someone else an organizer first');
  }

  /** The group, locked: membership changes of one group happen one at a time. */
  private async locked(em: EntityManager, groupId: string): Promise<Group> {
    const group = await em.findOne(Group, groupId, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!group) throw new NotFoundError('Group');
    return group;
  }

  private async findRegion(ctx: RequestContext, id: string): Promise<RegionRecord> {
    const region = await this.regions.byId(ctx, id);
    if (!region) throw BadUserInputError.field('input.regionId', 'no region has this id');
    return region;
  }
}

/** Where a group is for searches: its meeting place, else its region's centre. */
function placeGroup(group: Group, region: RegionRecord, meetingPlace: { lat: number; lng: number } | null): void {
  const place =
    meetingPlace ?? (region.latitude === null || region.longitude === null ? null : { lat: region.latitude, lng: region.longitude });
  if (!place) throw BadUserInputError.field('input.meetingPlace', 'the region has no known centre: give the meeting place');
  group.meetingLatitude = meetingPlace?.lat ?? null;
  group.meetingLongitude = meetingPlace?.lng ?? null;
  group.latitude = place.lat;
  group.longitude = place.lng;
}
