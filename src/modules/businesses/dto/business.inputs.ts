import { PayloadType } from '../../../core/graphql/payload.type';
import { ExpectedVersionField, Trim, IsWebUrl, IsHttpsUrl } from '../../../core/validation/common-rules';
import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../../core/validation/is-omittable.decorator';
import { GeoPointInput } from '../../regions/dto/region-admin.inputs';
import { BusinessRole } from '../business-owner.entity';
import { MAX_OPENING_SPANS } from '../opening-hours';
import { MAX_TAGS, TAG_TEXT } from '../tags';
import { BusinessType, Weekday } from './business.types';

@InputType({ description: 'One opening period of a weekly schedule, in local time.' })
export class OpeningSpanInput {
  @Field(() => Weekday, { description: 'The day the span starts.' })
  @IsEnum(Weekday)
  day!: Weekday;

  @Field(() => String, { description: 'Opening time, HH:MM (24-hour), 00:00 to 23:59.' })
  @IsString()
  opens!: string;

  @Field(() => String, { description: 'Closing time, HH:MM, 00:01 to 24:00; not after `opens` means the next day.' })
  @IsString()
  closes!: string;
}

@InputType({ description: 'A link to the business elsewhere.' })
export class SocialLinkInput {
  @Field(() => String, { description: 'What it is, e.g. "Instagram" (1 to 40 characters).' })
  @Trim()
  @IsString()
  @Length(1, 40)
  label!: string;

  @Field(() => String, { description: 'The address (http or https).' })
  @IsWebUrl()
  url!: string;
}

/** Fields a listing is made of, shared by creation and edits. */
@InputType({ isAbstract: true })
abstract class BusinessFieldsInput {
  @Field(() => String, { nullable: true, description: 'What it offers (up to 5,000 characters).' })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => [ID], { nullable: true, description: '1 to 5 categories.' })
  @IsOmittable()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsUUID('all', { each: true })
  categoryIds?: string[];

  @Field(() => [String], { nullable: true, description: `Up to ${MAX_TAGS} free tags; normalised (lower case, dashes).` })
  @IsOmittable()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  @Matches(TAG_TEXT, { each: true, message: 'each tag must contain a letter or a digit' })
  tags?: string[];

  @Field(() => String, { nullable: true, description: 'Street address; null removes it.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 300)
  streetAddress?: string | null;

  @Field(() => GeoPointInput, { nullable: true, description: 'Where it is on the map; null removes it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointInput)
  location?: GeoPointInput | null;

  @Field(() => String, { nullable: true, description: 'Website (http or https); null removes it.' })
  @IsOptional()
  @IsWebUrl()
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact e-mail, shown to signed-in members only; null removes it.' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Contact phone (digits, spaces, + - ( )), shown to signed-in members only; null removes it.',
  })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ()-]{4,30}$/, { message: 'must be a phone number such as +234 803 123 4567' })
  phone?: string | null;

  @Field(() => [SocialLinkInput], { nullable: true, description: 'Up to 10 links elsewhere.' })
  @IsOmittable()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SocialLinkInput)
  socialLinks?: SocialLinkInput[];

  @Field(() => [String], { nullable: true, description: 'Up to 10 pictures (https addresses).' })
  @IsOmittable()
  @ArrayMaxSize(10)
  @IsHttpsUrl({ each: true })
  imageUrls?: string[];

  @Field(() => [OpeningSpanInput], { nullable: true, description: `Weekly opening hours (up to ${MAX_OPENING_SPANS} spans, no overlaps).` })
  @IsOmittable()
  @ArrayMaxSize(MAX_OPENING_SPANS)
  @ValidateNested({ each: true })
  @Type(() => OpeningSpanInput)
  openingHours?: OpeningSpanInput[];

  @Field(() => Boolean, { nullable: true, description: 'Declare it member-owned (an admin confirms it).' })
  @IsOmittable()
  @IsBoolean()
  memberOwned?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Create or move it even though a listing with a similar name is within 200 m (after a CONFLICT listing them).',
  })
  @IsOptional()
  @IsBoolean()
  confirmNotDuplicate?: boolean;
}

@InputType({ description: 'A new listing, created as a DRAFT owned by the viewer.' })
export class CreateBusinessInput extends BusinessFieldsInput {
  @Field(() => String, { description: 'Name of the business (1 to 160 characters).' })
  @Trim()
  @IsString()
  @Length(1, 160)
  name!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Its region; when omitted, the region whose centre is nearest to `location` (within 50 km).',
  })
  @IsOptional()
  @IsUUID()
  regionId?: string;
}

@InputType({ description: 'Changes to a listing; omitted fields stay as they are.' })
export class UpdateBusinessInput extends BusinessFieldsInput {
  @Field(() => ID, { description: 'The listing.' })
  @IsUUID()
  id!: string;

  @ExpectedVersionField()
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 160)
  name?: string;

  @Field(() => ID, { nullable: true, description: 'New region.' })
  @IsOmittable()
  @IsUUID()
  regionId?: string;
}

@InputType({ description: 'A listing to act on.' })
export class BusinessIdInput {
  @Field(() => ID, { description: 'The listing.' })
  @IsUUID()
  id!: string;
}

@InputType({ description: 'A listing and the reason for a moderation decision.' })
export class BusinessDecisionInput {
  @Field(() => ID, { description: 'The listing.' })
  @IsUUID()
  id!: string;

  @Field(() => String, { description: 'Why (shown to the owners; 3 to 2,000 characters).' })
  @Trim()
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

@InputType({ description: 'A listing and an optional note for a moderation decision.' })
export class BusinessNoteInput {
  @Field(() => ID, { description: 'The listing.' })
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true, description: 'A note for the owners and the audit log (up to 2,000 characters).' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: "Someone to add to a listing's owners or editors (or whose role changes)." })
export class BusinessOwnerInput {
  @Field(() => ID, { description: 'The listing.' })
  @IsUUID()
  businessId!: string;

  @Field(() => ID, { description: 'The account.' })
  @IsUUID()
  accountId!: string;

  @Field(() => BusinessRole, { description: 'OWNER or EDITOR.' })
  @IsEnum(BusinessRole)
  role!: BusinessRole;
}

@InputType({ description: 'Someone to remove from a listing (an owner or editor may also remove themselves).' })
export class RemoveBusinessOwnerInput {
  @Field(() => ID, { description: 'The listing.' })
  @IsUUID()
  businessId!: string;

  @Field(() => ID, { description: 'The account.' })
  @IsUUID()
  accountId!: string;
}

@InputType({ description: 'A claim of a listing the viewer does not maintain.' })
export class ClaimBusinessInput {
  @Field(() => ID, { description: 'The listing.' })
  @IsUUID()
  businessId!: string;

  @Field(() => String, { description: 'Why the viewer is an owner and how to check it (10 to 4,000 characters).' })
  @Trim()
  @IsString()
  @Length(10, 4000)
  evidence!: string;
}

@InputType({ description: "An admin's decision on a claim." })
export class ClaimDecisionInput {
  @Field(() => ID, { description: 'The claim.' })
  @IsUUID()
  claimId!: string;

  @Field(() => String, { nullable: true, description: 'Why (required to reject; 3 to 2,000 characters).' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(3, 2000)
  reason?: string | null;
}

export const CreateBusinessPayload = PayloadType(
  'CreateBusinessPayload',
  'The new listing, a DRAFT owned by the viewer.',
  'business',
  () => BusinessType,
);
export const UpdateBusinessPayload = PayloadType('UpdateBusinessPayload', 'The listing after the edit.', 'business', () => BusinessType);
export const SubmitBusinessPayload = PayloadType(
  'SubmitBusinessPayload',
  'The listing, now waiting for review.',
  'business',
  () => BusinessType,
);
export const PublishBusinessPayload = PayloadType(
  'PublishBusinessPayload',
  'The listing, now in the directory.',
  'business',
  () => BusinessType,
);
export const RejectBusinessPayload = PayloadType(
  'RejectBusinessPayload',
  'The listing, sent back to its owners.',
  'business',
  () => BusinessType,
);
export const SuspendBusinessPayload = PayloadType(
  'SuspendBusinessPayload',
  'The listing, taken out of the directory.',
  'business',
  () => BusinessType,
);
export const ReinstateBusinessPayload = PayloadType(
  'ReinstateBusinessPayload',
  'The listing, back in the directory.',
  'business',
  () => BusinessType,
);
export const VerifyMemberOwnershipPayload = PayloadType(
  'VerifyMemberOwnershipPayload',
  'The listing, its member ownership confirmed.',
  'business',
  () => BusinessType,
);
export const AddBusinessOwnerPayload = PayloadType(
  'AddBusinessOwnerPayload',
  'The listing with its owners and editors.',
  'business',
  () => BusinessType,
);
export const RemoveBusinessOwnerPayload = PayloadType(
  'RemoveBusinessOwnerPayload',
  'The listing with its owners and editors.',
  'business',
  () => BusinessType,
  { nullable: true, fieldDescription: 'The listing as it is now; null when the viewer may no longer see it.' },
);

@ObjectType({ description: 'The listing is deleted (it disappears from the directory).' })
export class DeleteBusinessPayload {
  @Field(() => ID, { description: 'Id of the deleted listing.' })
  deletedBusinessId!: string;
}
