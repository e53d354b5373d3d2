import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../core/pagination/connection.args';
import { BoundingBoxInput, NearInput } from '../../businesses/dto/businesses.args';

export enum GroupOrder {
  RELEVANCE = 'RELEVANCE',
  MEMBER_COUNT = 'MEMBER_COUNT',
  NEWEST = 'NEWEST',
  NEXT_EVENT = 'NEXT_EVENT',
}

registerEnumType(GroupOrder, {
  name: 'GroupOrder',
  description: 'Order of a list of groups.',
  valuesMap: {
    RELEVANCE: { description: 'Best match of `filter.text` first (requires it; the default with text).' },
    MEMBER_COUNT: { description: 'Most members first (the default otherwise).' },
    NEWEST: { description: 'Most recently created first.' },
    NEXT_EVENT: { description: 'Soonest next event first; groups without one last.' },
  },
});

/** `near` and `bbox`, shared by groups and events. */
export interface PlaceFilter {
  near?: NearInput;
  bbox?: BoundingBoxInput;
}

@InputType({ description: 'Conditions a group must meet to be listed; all given conditions apply.' })
export class GroupFilter implements PlaceFilter {
  @Field(() => ID, { nullable: true, description: 'Only groups within this region (the region and everything below it).' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Name or description contains this text (accents ignored, tolerant of typos in the name).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  text?: string;

  @Field(() => NearInput, { nullable: true, description: 'Only groups meeting within this distance of a point.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NearInput)
  near?: NearInput;

  @Field(() => BoundingBoxInput, { nullable: true, description: 'Only groups meeting inside this rectangle.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BoundingBoxInput)
  bbox?: BoundingBoxInput;
}

@ArgsType()
export class GroupsArgs extends ConnectionArgs {
  @Field(() => GroupFilter, { nullable: true, description: 'Conditions on the groups listed.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GroupFilter)
  filter?: GroupFilter;

  @Field(() => GroupOrder, { nullable: true, description: 'Order; RELEVANCE with text, else MEMBER_COUNT, by default.' })
  @IsOptional()
  @IsEnum(GroupOrder)
  orderBy?: GroupOrder;
}

@ArgsType()
export class GroupLookupArgs {
  @Field(() => ID, { nullable: true, description: "The group's id. Give either `id` or `slug`." })
  @IsOptional()
  @IsUUID()
  id?: string;

  @Field(() => String, { nullable: true, description: "The group's slug. Give either `id` or `slug`." })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  slug?: string;
}

@InputType({ description: 'Conditions an event must meet to be listed; all given conditions apply.' })
export class EventFilter implements PlaceFilter {
  @Field(() => ID, { nullable: true, description: 'Only events within this region (the region and everything below it).' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => ID, { nullable: true, description: 'Only events of this group (also an unlisted one).' })
  @IsOptional()
  @IsUUID()
  groupId?: string;

  @Field(() => ID, { nullable: true, description: 'Only events held at this listing.' })
  @IsOptional()
  @IsUUID()
  venueId?: string;

  @Field(() => Date, {
    nullable: true,
    description: 'Only events starting at or after this instant; by default, events that have not ended yet.',
  })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Only events starting before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field(() => NearInput, { nullable: true, description: 'Only events within this distance of a point.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NearInput)
  near?: NearInput;

  @Field(() => BoundingBoxInput, { nullable: true, description: 'Only events inside this rectangle.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BoundingBoxInput)
  bbox?: BoundingBoxInput;
}

@ArgsType()
export class EventsArgs extends ConnectionArgs {
  @Field(() => EventFilter, { nullable: true, description: 'Conditions on the events listed; they come by start.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => EventFilter)
  filter?: EventFilter;
}
