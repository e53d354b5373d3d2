import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../core/context/request-context';
import {
  assertExpectedVersion,
  BadUserInputError,
  FieldError,
  NotFoundError,
  PreconditionFailedError,
} from '../../core/errors/domain-errors';
import { Account } from '../accounts/account.entity';
import { BusinessStatus } from '../businesses/business-status';
import { Business } from '../businesses/business.entity';
import { isTimeZone } from '../regions/region-kind';
import { Region } from '../regions/region.entity';
import { RegionsService } from '../regions/regions.service';
import { CreateEventInput, UpdateEventInput } from './dto/event.inputs';
import { GroupEvent, EventStatus } from './event.entity';
import { GroupMembership, MembershipStatus } from './group-membership.entity';
import { Group, JoinPolicy } from './group.entity';
import { GroupsService } from './groups.service';
import { Rsvp, RsvpStatus } from './rsvp.entity';
import { hasPlace, promoteWaitlist } from './waitlist';

/** Events of groups, and who is going. RSVPs lock the event row, so a capacity is never exceeded. */
@Injectable()
export class EventsService {
  constructor(
    private readonly em: EntityManager,
    private readonly groups: GroupsService,
    private readonly regions: RegionsService,
  ) {}

  async create(ctx: RequestContext, input: CreateEventInput): Promise<GroupEvent> {
    const group = await this.groups.asOrganizer(ctx, input.groupId);
    assertSchedule(input.startsAt, input.endsAt, new Date());
    if (!input.onlineUrl && !input.venueId) {
      throw new BadUserInputError([
        { path: 'input.venueId', message: 'give a venue, an online link, or both' },
        { path: 'input.onlineUrl', message: 'give a venue, an online link, or both' },
      ]);
    }
    const venue = input.venueId ? await this.findVenue(input.venueId) : null;
    const timeZone = input.timeZone ?? (await this.defaultTimeZone(ctx, group, venue));
    if (!isTimeZone(timeZone)) throw BadUserInputError.field('input.timeZone', 'must be an IANA time zone such as "Africa/Lagos"');
    return this.em.transactional(async (em) => {
      const event = new GroupEvent({ group, title: input.title, startsAt: input.startsAt, endsAt: input.endsAt, timeZone });
      event.description = input.description ?? '';
      event.onlineUrl = input.onlineUrl ?? null;
      event.capacity = input.capacity ?? null;
      place(em, event, group, venue);
      em.persist(event);
      return event;
    });
  }

  async update(ctx: RequestContext, input: UpdateEventInput): Promise<GroupEvent> {
    return this.em.transactional(async (em) => {
      const event = await this.lockedForOrganizer(ctx, em, input.id);
      assertExpectedVersion(event.version, input.expectedVersion);
      if (event.status === EventStatus.CANCELLED) throw new PreconditionFailedError('A cancelled event cannot be changed');
      // Once it has started, who came and when is history: only its words may still change.
      const changesMore = (['startsAt', 'endsAt', 'timeZone', 'onlineUrl', 'venueId', 'capacity'] as const).filter(
        (field) => input[field] !== undefined,
      );
      if (event.startsAt <= new Date() && changesMore.length > 0) {
        throw new PreconditionFailedError(
          `This event has started: only its title and description can change, not ${changesMore.join(', ')}`,
        );
      }
      const startsAt = input.startsAt ?? event.startsAt;
      const endsAt = input.endsAt ?? event.endsAt;
      if (input.startsAt !== undefined || input.endsAt !== undefined)
        assertSchedule(startsAt, endsAt, new Date(), input.startsAt !== undefined);
      const venue = input.venueId === undefined ? undefined : input.venueId === null ? null : await this.findVenue(input.venueId);
      const onlineUrl = input.onlineUrl === undefined ? event.onlineUrl : input.onlineUrl;
      if (!onlineUrl && (venue === null || (venue === undefined && !event.venue))) {
        throw BadUserInputError.field('input.venueId', 'an event needs a venue, an online link, or both');
      }
      if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
        throw BadUserInputError.field('input.timeZone', 'must be an IANA time zone such as "Africa/Lagos"');
      }
      if (input.capacity !== undefined && input.capacity !== null) {
        const going = await em.count(Rsvp, { event, status: RsvpStatus.GOING });
        if (input.capacity < going) {
          throw new PreconditionFailedError(`${going} people are already going: the capacity cannot be below that`, { going });
        }
      }
      if (input.title !== undefined) event.title = input.title;
      if (input.description !== undefined) event.description = input.description;
      event.startsAt = startsAt;
      event.endsAt = endsAt;
      if (input.timeZone !== undefined) event.timeZone = input.timeZone;
      event.onlineUrl = onlineUrl;
      if (venue !== undefined) place(em, event, await em.findOneOrFail(Group, event.group.id), venue);
      if (input.capacity !== undefined) {
        event.capacity = input.capacity;
        await promoteWaitlist(em, event);
      }
      return event;
    });
  }

  /** Cancels an event; it stays visible, as cancelled, with the reason. */
  async cancel(ctx: RequestContext, id: string, reason: string): Promise<GroupEvent> {
    return this.em.transactional(async (em) => {
      const event = await this.lockedForOrganizer(ctx, em, id);
      if (event.status === EventStatus.CANCELLED) throw new PreconditionFailedError('This event is already cancelled');
      if (event.endsAt <= new Date()) throw new PreconditionFailedError('This event is over: it cannot be cancelled');
      event.status = EventStatus.CANCELLED;
      event.cancelReason = reason;
      return event;
    });
  }

  /**
   * Answers an event for the viewer. Going, when full, joins the waitlist; not going frees a place,
   * which goes to the first on the waitlist. The event row is locked meanwhile, so concurrent
   * answers are counted one at a time and the capacity holds.
   */
  async rsvp(ctx: RequestContext, eventId: string, status: RsvpStatus): Promise<Rsvp> {
    const { account } = ctx.requireViewer();
    if (status === RsvpStatus.WAITLISTED)
      throw BadUserInputError.field('input.status', 'answer GOING or NOT_GOING; the waitlist is automatic');
    return this.em.transactional(async (em) => {
      // The event row alone: its group is read without a lock (a joined read would lock the group
      // row too, after the event, where joining and leaving lock the group first and then its events).
      const event = await em.findOne(GroupEvent, eventId, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!event) throw new NotFoundError('Event');
      const group = await em.findOneOrFail(Group, event.group.id);
      const membership = await em.findOne(GroupMembership, { group, account: account.id });
      const member = membership?.status === MembershipStatus.ACTIVE;
      if (group.joinPolicy === JoinPolicy.APPROVAL && !member) {
        throw new PreconditionFailedError('Only members of this group may answer its events: join it first');
      }
      if (event.status === EventStatus.CANCELLED) throw new PreconditionFailedError('This event is cancelled');
      if (event.startsAt <= new Date()) throw new PreconditionFailedError('This event has already started');

      let rsvp = await em.findOne(Rsvp, { event, account: account.id });
      const previous = rsvp?.status;
      const wanted =
        status === RsvpStatus.GOING
          ? previous === RsvpStatus.GOING || previous === RsvpStatus.WAITLISTED
            ? previous
            : (await hasPlace(em, event))
              ? RsvpStatus.GOING
              : RsvpStatus.WAITLISTED
          : RsvpStatus.NOT_GOING;
      if (!rsvp) {
        rsvp = new Rsvp({ event, account: em.getReference(Account, account.id), status: wanted });
        em.persist(rsvp);
      } else if (rsvp.status !== wanted) {
        rsvp.status = wanted;
        rsvp.respondedAt = new Date();
      }
      if (previous === RsvpStatus.GOING && wanted === RsvpStatus.NOT_GOING) {
        await em.flush();
        await promoteWaitlist(em, event);
      }
      return rsvp;
    });
  }

  private async lockedForOrganizer(ctx: RequestContext, em: EntityManager, id: string): Promise<GroupEvent> {
    const event = await em.findOne(GroupEvent, id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!event) throw new NotFoundError('Event');
    await this.groups.asOrganizer(ctx, event.group.id, em);
    return event;
  }

  private async findVenue(id: string): Promise<Business> {
    const venue = await this.em.findOne(Business, { id, deletedAt: null, status: BusinessStatus.PUBLISHED });
    if (!venue) throw BadUserInputError.field('input.venueId', 'must be a published listing of the directory');
    return venue;
  }

  private async defaultTimeZone(ctx: RequestContext, group: Group, venue: Business | null): Promise<string> {
    if (venue) return venue.timeZone;
    const region = await this.regions.byId(ctx, group.region.id);
    return (region && (await this.regions.effectiveTimeZone(ctx, region))) ?? 'UTC';
  }
}

/** An event's start must not be in the past (when it is set) and its end must follow it. */
function assertSchedule(startsAt: Date, endsAt: Date, now: Date, checkStart = true): void {
  const problems: FieldError[] = [];
  if (checkStart && startsAt <= now) problems.push({ path: 'input.startsAt', message: 'must be in the future' });
  if (endsAt <= startsAt) problems.push({ path: 'input.endsAt', message: 'must be after the start' });
  if (endsAt.getTime() - startsAt.getTime() > 31 * 24 * 3600 * 1000)
    problems.push({ path: 'input.endsAt', message: 'must be within 31 days of the start' });
  if (problems.length) throw new BadUserInputError(problems);
}

/** Where an event is for searches: its venue, else its group. */
function place(em: EntityManager, event: GroupEvent, group: Group, venue: Business | null): void {
  event.venue = venue ? em.getReference(Business, venue.id, { wrapped: true }) : null;
  if (venue && venue.latitude !== null && venue.longitude !== null) {
    event.region = em.getReference(Region, venue.region.id, { wrapped: true });
    event.latitude = venue.latitude;
    event.longitude = venue.longitude;
  } else {
    event.region = em.getReference(Region, group.region.id, { wrapped: true });
    event.latitude = group.latitude;
    event.longitude = group.longitude;
  }
}
