import { ArgsType, Field, Float, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '../../../core/pagination/connection.args';
import { TAG_TEXT } from '../tags';

export enum BusinessOrder {
  RELEVANCE = 'RELEVANCE',
  DISTANCE = 'DISTANCE',
  NAME = 'NAME',
  NEWEST = 'NEWEST',
}

registerEnumType(BusinessOrder, {
  name: 'BusinessOrder',
  description: 'Order of a list of businesses.',
  valuesMap: {
    RELEVANCE: { description: 'Best match of `filter.text` first (requires it; the default with text).' },
    DISTANCE: { description: 'Nearest to `filter.near` first (requires it; the default with near and no text).' },
    NAME: { description: 'By name, A to Z (the default otherwise).' },
    NEWEST: { description: 'Most recently listed first.' },
  },
});

@InputType({ description: 'A circle around a point.' })
export class NearInput {
  @Field(() => Float, { description: 'Latitude of the centre, -90 to 90.' })
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat!: number;

  @Field(() => Float, { description: 'Longitude of the centre, -180 to 180.' })
  @IsNumber()
  @Min(-180)
  @Max(180)
  lng!: number;

  @Field(() => Float, { description: 'Radius in kilometres, more than 0 and at most 100.' })
  @IsNumber()
  @IsPositive()
  @Max(100)
  radiusKm!: number;
}

@InputType({ description: 'A rectangle of latitudes and longitudes (west may exceed east across the antimeridian).' })
export class BoundingBoxInput {
  @Field(() => Float, { description: 'Northern edge (latitude).' })
  @IsNumber()
  @Min(-90)
  @Max(90)
  north!: number;

  @Field(() => Float, { description: 'Southern edge (latitude); not above the northern edge.' })
  @IsNumber()
  @Min(-90)
  @Max(90)
  south!: number;

  @Field(() => Float, { description: 'Eastern edge (longitude).' })
  @IsNumber()
  @Min(-180)
  @Max(180)
  east!: number;

  @Field(() => Float, { description: 'Western edge (longitude).' })
  @IsNumber()
  @Min(-180)
  @Max(180)
  west!: number;
}

@InputType({ description: 'Conditions a business must meet to be listed; all given conditions apply.' })
export class BusinessFilter {
  @Field(() => ID, { nullable: true, description: 'Only businesses within this region: the region and everything below it.' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only businesses in at least one of these categories (a top-level category includes its children).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  categoryIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Only businesses carrying all these tags.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @Matches(TAG_TEXT, { each: true, message: 'each tag must contain a letter or a digit' })
  tags?: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search over name, tags and description (web search syntax: "quoted phrase", -exclude, or), tolerant of typos in the name.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  text?: string;

  @Field(() => NearInput, { nullable: true, description: 'Only businesses within this distance of a point.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NearInput)
  near?: NearInput;

  @Field(() => BoundingBoxInput, { nullable: true, description: 'Only businesses inside this rectangle (a map view).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BoundingBoxInput)
  bbox?: BoundingBoxInput;

  @Field(() => Boolean, { nullable: true, description: 'Only businesses declared member-owned (true) or not (false).' })
  @IsOptional()
  @IsBoolean()
  memberOwned?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only businesses whose member ownership an admin has confirmed (true) or not (false).',
  })
  @IsOptional()
  @IsBoolean()
  memberOwnedVerified?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Only businesses open (true) or closed (false) right now, in their own time zone.' })
  @IsOptional()
  @IsBoolean()
  openNow?: boolean;
}

@ArgsType()
export class BusinessesArgs extends ConnectionArgs {
  @Field(() => BusinessFilter, { nullable: true, description: 'Conditions on the businesses listed.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BusinessFilter)
  filter?: BusinessFilter;

  @Field(() => BusinessOrder, {
    nullable: true,
    description: 'Order of the list; by default RELEVANCE with text, else DISTANCE with near, else NAME.',
  })
  @IsOptional()
  @IsEnum(BusinessOrder)
  orderBy?: BusinessOrder;
}

@ArgsType()
export class BusinessLookupArgs {
  @Field(() => ID, { nullable: true, description: "The business's id. Give either `id` or `slug`." })
  @IsOptional()
  @IsUUID()
  id?: string;

  @Field(() => String, { nullable: true, description: "The business's slug. Give either `id` or `slug`." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  slug?: string;
}
