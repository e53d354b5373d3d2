import { ExpectedVersionField, Trim, IsSlug } from '../../../core/validation/common-rules';
import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { IsOmittable } from '../../../core/validation/is-omittable.decorator';
import { SocialLinkInput } from '../../businesses/dto/business.inputs';
import { GeoPointInput } from '../../regions/dto/region-admin.inputs';
import { GroupVisibility, JoinPolicy } from '../group.entity';

@InputType({ description: 'A new community group; the viewer becomes its organizer.' })
export class CreateGroupInput {
  @Field(() => String, { description: 'Name (1 to 120 characters).' })
  @Trim()
  @IsString()
  @Length(1, 120)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Unique slug (lower-case letters, digits, dashes); derived from the name when omitted.',
  })
  @IsOptional()
  @IsSlug()
  slug?: string;

  @Field(() => String, { nullable: true, description: 'What the group is about (up to 5,000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => ID, { description: 'The region it meets in.' })
  @IsUUID()
  regionId!: string;

  @Field(() => GeoPointInput, { nullable: true, description: "Its usual meeting place; searches use the region's centre without one." })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointInput)
  meetingPlace?: GeoPointInput;

  @Field(() => [SocialLinkInput], { nullable: true, description: 'Up to 10 links: chat, website, social.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SocialLinkInput)
  links?: SocialLinkInput[];

  @Field(() => GroupVisibility, { nullable: true, description: 'PUBLIC (default) or UNLISTED (reachable by slug, never listed).' })
  @IsOptional()
  @IsEnum(GroupVisibility)
  visibility?: GroupVisibility;

  @Field(() => JoinPolicy, { nullable: true, description: 'OPEN (default) or APPROVAL (organizers approve join requests).' })
  @IsOptional()
  @IsEnum(JoinPolicy)
  joinPolicy?: JoinPolicy;
}

@InputType({ description: 'Changes to a group; omitted fields stay as they are.' })
export class UpdateGroupInput {
  @Field(() => ID, { description: 'The group.' })
  @IsUUID()
  id!: string;

  @ExpectedVersionField()
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 120)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New slug.' })
  @IsOmittable()
  @IsSlug()
  slug?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => ID, { nullable: true, description: 'New region.' })
  @IsOmittable()
  @IsUUID()
  regionId?: string;

  @Field(() => GeoPointInput, {
    nullable: true,
    description: "New meeting place; null removes it (searches then use the region's centre).",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointInput)
  meetingPlace?: GeoPointInput | null;

  @Field(() => [SocialLinkInput], { nullable: true, description: 'New links (replacing the old ones).' })
  @IsOmittable()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SocialLinkInput)
  links?: SocialLinkInput[];

  @Field(() => GroupVisibility, { nullable: true, description: 'New visibility.' })
  @IsOmittable()
  @IsEnum(GroupVisibility)
  visibility?: GroupVisibility;

  @Field(() => JoinPolicy, { nullable: true, description: 'New join policy.' })
  @IsOmittable()
  @IsEnum(JoinPolicy)
  joinPolicy?: JoinPolicy;
}

@InputType({ description: 'A group to act on.' })
export class GroupIdInput {
  @Field(() => ID, { description: 'The group.' })
  @IsUUID()
  groupId!: string;
}

@InputType({ description: 'A group and an account in it (or asking to join it).' })
export class GroupMemberInput {
  @Field(() => ID, { description: 'The group.' })
  @IsUUID()
  groupId!: string;

  @Field(() => ID, { description: 'The account.' })
  @IsUUID()
  accountId!: string;
}
