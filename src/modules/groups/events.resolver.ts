import { Args, ArgsType, Field, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { Public, SignedIn } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Input } from '../../core/graphql/input.decorator';
import { Connection } from '../../core/pagination/connection.types';
import { BusinessNode } from '../businesses/business.node';
import { BusinessesReader } from '../businesses/businesses-reader.service';
import { BusinessType } from '../businesses/dto/business.types';
import { GeoPoint, RegionType } from '../regions/dto/region.type';
import { RegionRecord } from '../regions/region.record';
import { RegionsService } from '../regions/regions.service';
import { CancelEventInput, CreateEventInput, RsvpInput, UpdateEventInput } from './dto/event.inputs';
import { EventsArgs } from './dto/group.args';
import {
  CancelEventPayload,
  CreateEventPayload,
  EventConnection,
  EventType,
  GroupType,
  RsvpPayload,
  RsvpType,
  UpdateEventPayload,
} from './dto/group.types';
import { GroupEvent } from './event.entity';
import { EventRecord, GroupRecord } from './group.records';
import { GroupsReader } from './groups-reader.service';
import { EventsService } from './events.service';
import { RsvpStatus } from './rsvp.entity';
import { UpcomingArgs } from './groups.resolver';

@ArgsType()
export class EventLookupArgs {
  @Field(() => ID, { description: "The event's id." })
  @IsUUID()
  id!: string;
}

@Resolver(() => EventType)
export class EventsResolver {
  constructor(
    private readonly reader: GroupsReader,
    private readonly eventsService: EventsService,
    private readonly regions: RegionsService,
    private readonly businesses: BusinessesReader,
  ) {}

  @Public()
  @Query(() => EventType, { nullable: true, description: 'An event by id; NOT_FOUND when it does not exist.' })
  event(@Args() args: EventLookupArgs): Promise<EventRecord> {
    return this.reader.findEvent(args.id);
  }

  @Public()
  @Query(() => EventConnection, {
    description: 'Events by start (upcoming by default); events of unlisted groups only with their groupId.',
  })
  events(@Ctx() ctx: RequestContext, @Args() args: EventsArgs): Promise<Connection<EventRecord>> {
    return this.reader.events(ctx, args);
  }

  @SignedIn()
  @Mutation(() => CreateEventPayload, { description: 'Creates an event of a group (organizers): an online link and/or a PUBLISHED venue.' })
  async createEvent(@Ctx() ctx: RequestContext, @Input() input: CreateEventInput): Promise<{ event: EventRecord }> {
    return this.payload(await this.eventsService.create(ctx, input));
  }

  @SignedIn()
  @Mutation(() => UpdateEventPayload, { description: 'Edits an event (organizers); a cancelled one cannot change.' })
  async updateEvent(@Ctx() ctx: RequestContext, @Input() input: UpdateEventInput): Promise<{ event: EventRecord }> {
    return this.payload(await this.eventsService.update(ctx, input));
  }

  @SignedIn()
  @Mutation(() => CancelEventPayload, { description: 'Cancels an event (organizers); it stays visible as cancelled, with the reason.' })
  async cancelEvent(@Ctx() ctx: RequestContext, @Input() input: CancelEventInput): Promise<{ event: EventRecord }> {
    return this.payload(await this.eventsService.cancel(ctx, input.id, input.reason));
  }

  @SignedIn()
  @Mutation(() => RsvpPayload, {
    description: 'Answers an event: GOING (waitlisted when full) or NOT_GOING (the place goes to the first on the waitlist).',
  })
  async rsvp(@Ctx() ctx: RequestContext, @Input() input: RsvpInput): Promise<{ rsvp: RsvpType; event: EventRecord }> {
    const rsvp = await this.eventsService.rsvp(ctx, input.eventId, input.status);
    return { rsvp: { status: rsvp.status, respondedAt: rsvp.respondedAt }, event: await this.reader.findEvent(input.eventId) };
  }

  @ResolveField(() => GroupType, { description: 'The group that holds it.' })
  async group(@Ctx() ctx: RequestContext, @Parent() event: EventRecord): Promise<GroupRecord> {
    return (await this.reader.groupById(ctx, event.groupId))!;
  }

  @ResolveField(() => BusinessType, {
    nullable: true,
    description: 'Where it happens: a listing of the directory (null when online only, or no longer listed).',
  })
  venue(@Ctx() ctx: RequestContext, @Parent() event: EventRecord): Promise<BusinessNode | null> {
    return event.venueId ? this.businesses.byId(ctx, event.venueId) : Promise.resolve(null);
  }

  @ResolveField(() => RegionType, { description: "The region it happens in: the venue's, else the group's." })
  async region(@Ctx() ctx: RequestContext, @Parent() event: EventRecord): Promise<RegionRecord> {
    return (await this.regions.byId(ctx, event.regionId))!;
  }

  @ResolveField(() => GeoPoint, { description: "Where it happens on the map: the venue, else the group's place." })
  location(@Parent() event: EventRecord): GeoPoint {
    return { lat: event.latitude, lng: event.longitude };
  }

  @ResolveField(() => Int, { description: 'How many are going.' })
  async goingCount(@Ctx() ctx: RequestContext, @Parent() event: EventRecord): Promise<number> {
    return (await this.reader.rsvpCounts(ctx, event.id)).going;
  }

  @ResolveField(() => Int, { description: 'How many wait for a place.' })
  async waitlistCount(@Ctx() ctx: RequestContext, @Parent() event: EventRecord): Promise<number> {
    return (await this.reader.rsvpCounts(ctx, event.id)).waitlisted;
  }

  @ResolveField(() => RsvpStatus, { nullable: true, description: "The viewer's answer; null when none." })
  async viewerRsvp(@Ctx() ctx: RequestContext, @Parent() event: EventRecord): Promise<RsvpStatus | null> {
    return (await this.reader.rsvpCounts(ctx, event.id)).viewerStatus;
  }

  private async payload(event: GroupEvent): Promise<{ event: EventRecord }> {
    return { event: await this.reader.findEvent(event.id) };
  }
}

/** Events hosted at a listing. */
@Resolver(() => BusinessType)
export class VenueEventsResolver {
  constructor(private readonly reader: GroupsReader) {}

  @ResolveField(() => [EventType], { description: 'The next events held here (not yet ended), soonest first.' })
  upcomingEvents(@Ctx() ctx: RequestContext, @Parent() business: BusinessNode, @Args() args: UpcomingArgs): Promise<EventRecord[]> {
    return this.reader.upcomingAtVenue(ctx, business.id, args.first);
  }
}
