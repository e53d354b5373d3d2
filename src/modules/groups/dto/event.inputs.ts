import { ExpectedVersionField, Trim, IsWebUrl } from '../../../core/validation/common-rules';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../../core/validation/is-omittable.decorator';
import { RsvpStatus } from '../rsvp.entity';

@InputType({ description: 'A new event of a group (organizers). It needs an online link, a venue, or both.' })
export class CreateEventInput {
  @Field(() => ID, { description: 'The group.' })
  @IsUUID()
  groupId!: string;

  @Field(() => String, { description: 'Title (1 to 160 characters).' })
  @Trim()
  @IsString()
  @Length(1, 160)
  title!: string;

  @Field(() => String, { nullable: true, description: 'What will happen (up to 10,000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @Field(() => Date, { description: 'When it starts; not in the past.' })
  @IsDate()
  startsAt!: Date;

  @Field(() => Date, { description: 'When it ends; after the start.' })
  @IsDate()
  endsAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: "IANA time zone it is announced in; the venue's, else the group region's, by default.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @Field(() => String, { nullable: true, description: 'Link to join online (http or https).' })
  @IsOptional()
  @IsWebUrl()
  onlineUrl?: string;

  @Field(() => ID, { nullable: true, description: 'Where it happens: a PUBLISHED listing of the directory.' })
  @IsOptional()
  @IsUUID()
  venueId?: string;

  @Field(() => Int, { nullable: true, description: 'Places (1 to 100,000); RSVPs beyond it join a waitlist. No limit when omitted.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number;
}

@InputType({ description: 'Changes to an event (organizers); omitted fields stay, null clears an optional one.' })
export class UpdateEventInput {
  @Field(() => ID, { description: 'The event.' })
  @IsUUID()
  id!: string;

  @ExpectedVersionField()
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'New title.' })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 160)
  title?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOmittable()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @Field(() => Date, { nullable: true, description: 'New start; not in the past.' })
  @IsOmittable()
  @IsDate()
  startsAt?: Date;

  @Field(() => Date, { nullable: true, description: 'New end; after the start.' })
  @IsOmittable()
  @IsDate()
  endsAt?: Date;

  @Field(() => String, { nullable: true, description: 'New IANA time zone.' })
  @IsOmittable()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @Field(() => String, { nullable: true, description: 'New online link; null removes it.' })
  @IsOptional()
  @IsWebUrl()
  onlineUrl?: string | null;

  @Field(() => ID, { nullable: true, description: 'New venue (a PUBLISHED listing); null removes it.' })
  @IsOptional()
  @IsUUID()
  venueId?: string | null;

  @Field(() => Int, { nullable: true, description: 'New capacity; null removes the limit. Not below the number already going.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number | null;
}

@InputType({ description: 'An event to cancel, and why.' })
export class CancelEventInput {
  @Field(() => ID, { description: 'The event.' })
  @IsUUID()
  id!: string;

  @Field(() => String, { description: 'Why it is cancelled (shown with the event; 3 to 2,000 characters).' })
  @Trim()
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

@InputType({ description: "The viewer's answer to an event." })
export class RsvpInput {
  @Field(() => ID, { description: 'The event.' })
  @IsUUID()
  eventId!: string;

  @Field(() => RsvpStatus, { description: 'GOING (waitlisted when full) or NOT_GOING.' })
  @IsEnum(RsvpStatus)
  status!: RsvpStatus;
}
