import { PayloadType } from '../../../core/graphql/payload.type';
import { ExpectedVersionField, Trim, IsSlug, IsWebUrl, IsHttpsUrl } from '../../../core/validation/common-rules';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../core/pagination/connection.args';
import { IsOmittable } from '../../../core/validation/is-omittable.decorator';
import { OrganizationRole } from '../organization.entity';
import { OrganizationType } from './grants.types';

@InputType({ description: 'A new organization; the viewer becomes its owner.' })
export class CreateOrganizationInput {
  @Field(() => String, { description: 'Name (1 to 160 characters).' })
  @Trim()
  @IsString()
  @Length(1, 160)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Unique slug; derived from the name when omitted.' })
  @IsOptional()
  @IsSlug()
  slug?: string;

  @Field(() => String, { nullable: true, description: 'What it does (up to 5,000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => String, { nullable: true, description: 'Website (http or https).' })
  @IsOptional()
  @IsWebUrl()
  website?: string;

  @Field(() => String, { nullable: true, description: 'Logo (an https address).' })
  @IsOptional()
  @IsHttpsUrl()
  logoUrl?: string;
}

@InputType({ description: 'Changes to an organization (its managers); omitted fields stay, null clears an optional one.' })
export class UpdateOrganizationInput {
  @Field(() => ID, { description: 'The organization.' })
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

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => String, { nullable: true, description: 'New website; null removes it.' })
  @IsOptional()
  @IsWebUrl()
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'New logo; null removes it.' })
  @IsOptional()
  @IsHttpsUrl()
  logoUrl?: string | null;
}

@InputType({ description: "Someone to add to an organization's staff, or whose role changes (owners)." })
export class OrganizationMemberInput {
  @Field(() => ID, { description: 'The organization.' })
  @IsUUID()
  organizationId!: string;

  @Field(() => ID, { description: 'The account.' })
  @IsUUID()
  accountId!: string;

  @Field(() => OrganizationRole, { description: 'OWNER or MANAGER.' })
  @IsEnum(OrganizationRole)
  role!: OrganizationRole;
}

@InputType({ description: "Someone to remove from an organization's staff (owners; anyone may leave)." })
export class RemoveOrganizationMemberInput {
  @Field(() => ID, { description: 'The organization.' })
  @IsUUID()
  organizationId!: string;

  @Field(() => ID, { description: 'The account.' })
  @IsUUID()
  accountId!: string;
}

@InputType({ description: 'An organization to verify (admins).' })
export class VerifyOrganizationInput {
  @Field(() => ID, { description: 'The organization.' })
  @IsUUID()
  id!: string;
}

@InputType({ description: 'Conditions an organization must meet to be listed.' })
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: 'Name contains this text (accents ignored, tolerant of typos).' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  text?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only verified (true) or unverified (false) organizations.' })
  @IsOptional()
  @IsBoolean()
  verified?: boolean;
}

@ArgsType()
export class OrganizationsArgs extends ConnectionArgs {
  @Field(() => OrganizationFilter, { nullable: true, description: 'Conditions on the organizations listed; they come by name.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganizationFilter)
  filter?: OrganizationFilter;
}

@ArgsType()
export class OrganizationLookupArgs {
  @Field(() => String, { description: "The organization's slug." })
  @IsString()
  @MaxLength(120)
  slug!: string;
}

export const CreateOrganizationPayload = PayloadType(
  'CreateOrganizationPayload',
  'The new organization; the viewer owns it.',
  'organization',
  () => OrganizationType,
);
export const UpdateOrganizationPayload = PayloadType(
  'UpdateOrganizationPayload',
  'The organization after the edit.',
  'organization',
  () => OrganizationType,
);
export const AddOrganizationMemberPayload = PayloadType(
  'AddOrganizationMemberPayload',
  'The organization with its staff.',
  'organization',
  () => OrganizationType,
);
export const RemoveOrganizationMemberPayload = PayloadType(
  'RemoveOrganizationMemberPayload',
  'The organization with its staff.',
  'organization',
  () => OrganizationType,
);
export const VerifyOrganizationPayload = PayloadType(
  'VerifyOrganizationPayload',
  'The organization, verified.',
  'organization',
  () => OrganizationType,
);
