import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '../../../core/pagination/connection.args';
import { IsOmittable } from '../../../core/validation/is-omittable.decorator';
import { Organization, OrganizationRole } from '../organization.entity';
import { OrganizationType } from './grants.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const WEB_URL = { protocols: ['https', 'http'], require_protocol: true, require_tld: true };
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

@InputType({ description: 'A new organization; the viewer becomes its owner.' })
export class CreateOrganizationInput {
  @Field(() => String, { description: 'Name (1 to 160 characters).' })
  @Transform(trim)
  @IsString()
  @Length(1, 160)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Unique slug; derived from the name when omitted.' })
  @IsOptional()
  @Matches(SLUG, { message: 'must be lower-case letters and digits separated by single dashes' })
  @Length(1, 120)
  slug?: string;

  @Field(() => String, { nullable: true, description: 'What it does (up to 5,000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => String, { nullable: true, description: 'Website (http or https).' })
  @IsOptional()
  @IsUrl(WEB_URL, { message: 'must be an http(s) address' })
  @MaxLength(500)
  website?: string;

  @Field(() => String, { nullable: true, description: 'Logo (an https address).' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, { message: 'must be an https address' })
  @MaxLength(500)
  logoUrl?: string;
}

@InputType({ description: 'Changes to an organization (its managers); omitted fields stay, null clears an optional one.' })
export class UpdateOrganizationInput {
  @Field(() => ID, { description: 'The organization.' })
  @IsUUID()
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The `version` the edit is based on; a different current version → CONFLICT.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOmittable()
  @Transform(trim)
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
  @IsUrl(WEB_URL, { message: 'must be an http(s) address' })
  @MaxLength(500)
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'New logo; null removes it.' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, { message: 'must be an https address' })
  @MaxLength(500)
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

function organizationPayload(name: string, description: string) {
  @ObjectType(name, { description })
  class Payload {
    @Field(() => OrganizationType, { description: 'The organization as it is now.' })
    organization!: Organization;
  }
  return Payload;
}

export const CreateOrganizationPayload = organizationPayload('CreateOrganizationPayload', 'The new organization; the viewer owns it.');
export const UpdateOrganizationPayload = organizationPayload('UpdateOrganizationPayload', 'The organization after the edit.');
export const AddOrganizationMemberPayload = organizationPayload('AddOrganizationMemberPayload', 'The organization with its staff.');
export const RemoveOrganizationMemberPayload = organizationPayload('RemoveOrganizationMemberPayload', 'The organization with its staff.');
export const VerifyOrganizationPayload = organizationPayload('VerifyOrganizationPayload', 'The organization, verified.');
