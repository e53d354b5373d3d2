import { PayloadType } from '../../../core/graphql/payload.type';
import { ExpectedVersionField, IsSlug, Trim } from '../../../core/validation/common-rules';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsOmittable } from '../../../core/validation/is-omittable.decorator';
import { RegionKind } from '../region-kind';
import type { RegionRecord } from '../region.record';
import { RegionType } from './region.type';

@InputType({ description: 'A point on Earth (WGS 84).' })
export class GeoPointInput {
  @Field(() => Float, { description: 'Latitude in degrees, -90 to 90.' })
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat!: number;

  @Field(() => Float, { description: 'Longitude in degrees, -180 to 180.' })
  @IsNumber()
  @Min(-180)
  @Max(180)
  lng!: number;
}

@InputType({ description: 'A new region.' })
export class CreateRegionInput {
  @Field(() => String, { description: 'Name (1 to 120 characters).' })
  @Trim()
  @IsString()
  @Length(1, 120)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Unique slug (lower-case letters, digits and dashes); derived from the name and parent when omitted.',
  })
  @IsOptional()
  @IsSlug(160)
  slug?: string;

  @Field(() => RegionKind, { description: "Level in the tree; must be finer than the parent's (a country has no parent)." })
  @IsEnum(RegionKind)
  kind!: RegionKind;

  @Field(() => ID, { nullable: true, description: 'The region above it; omit for a country.' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 (countries, e.g. "NG") or ISO 3166-2 (e.g. "NG-LA") code.' })
  @IsOptional()
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'must be an ISO 3166 code like "NG" or "NG-LA"' })
  isoCode?: string;

  @Field(() => GeoPointInput, { nullable: true, description: 'Centre of the region.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointInput)
  centroid?: GeoPointInput;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. "Africa/Lagos"; omit to inherit the parent\'s.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;
}

@InputType({ description: 'Changes to a region; omitted fields stay, null clears an optional one.' })
export class UpdateRegionInput {
  @Field(() => ID, { description: 'The region to change.' })
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 120)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New slug.' })
  @IsOmittable()
  @IsSlug(160)
  slug?: string;

  @Field(() => String, { nullable: true, description: 'New ISO 3166 code; null removes it.' })
  @IsOptional()
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'must be an ISO 3166 code like "NG" or "NG-LA"' })
  isoCode?: string | null;

  @Field(() => GeoPointInput, { nullable: true, description: 'New centre; null removes it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointInput)
  centroid?: GeoPointInput | null;

  @Field(() => String, { nullable: true, description: "New IANA time zone; null makes it inherit the parent's." })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string | null;

  @ExpectedVersionField()
  expectedVersion?: number | null;
}

@InputType({ description: 'Where to move a region (with everything below it).' })
export class MoveRegionInput {
  @Field(() => ID, { description: 'The region to move.' })
  @IsUUID()
  id!: string;

  @Field(() => ID, { description: 'Its new parent; not the region itself or anything below it.' })
  @IsUUID()
  newParentId!: string;

  @ExpectedVersionField()
  expectedVersion?: number | null;
}

@InputType({ description: 'The region to delete.' })
export class DeleteRegionInput {
  @Field(() => ID, { description: 'Id of a region nothing refers to (no children, members, listings…).' })
  @IsUUID()
  id!: string;
}

export const CreateRegionPayload = PayloadType('CreateRegionPayload', 'The region created.', 'region', () => RegionType, {
  fieldDescription: 'The new region.',
});

export const UpdateRegionPayload = PayloadType('UpdateRegionPayload', 'The region as it is now.', 'region', () => RegionType, {
  fieldDescription: 'The region.',
});

@ObjectType({ description: 'The region in its new place.' })
export class MoveRegionPayload {
  @Field(() => RegionType, { description: 'The region moved.' })
  region!: RegionRecord;

  @Field(() => Int, { description: 'How many regions below it moved with it.' })
  movedDescendants!: number;
}

@ObjectType({ description: 'The region is gone.' })
export class DeleteRegionPayload {
  @Field(() => ID, { description: 'Id of the region deleted.' })
  deletedRegionId!: string;
}
