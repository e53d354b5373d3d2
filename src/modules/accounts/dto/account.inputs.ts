import { ExpectedVersionField, Trim } from '../../../core/validation/common-rules';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { IsOmittable } from '../../../core/validation/is-omittable.decorator';

/** Long enough for any acceptable password (128 characters), short enough to bound hashing work. */
const PASSWORD_INPUT_MAX = 1024;

@InputType({ description: 'A new account.' })
export class RegisterInput {
  @Field(() => String, { description: 'E-mail address; used to sign in, never shown to other members.' })
  @Trim()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @Field(() => String, { description: '8 to 128 characters; common passwords are refused.' })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password!: string;

  @Field(() => String, { description: 'Name shown to others when the profile is public (1 to 80 characters).' })
  @Trim()
  @IsString()
  @Length(1, 80)
  displayName!: string;

  @Field(() => ID, { description: 'The region the member lives in (usually a city or neighbourhood).' })
  @IsUUID()
  homeRegionId!: string;

  @Field(() => Boolean, { nullable: true, description: 'Show the member by name to others (default: no).' })
  @IsOptional()
  @IsBoolean()
  publicProfile?: boolean;
}

@InputType({ description: 'Credentials to sign in with.' })
export class LoginInput {
  @Field(() => String, { description: 'E-mail address of the account.' })
  @IsString()
  @MaxLength(254)
  email!: string;

  @Field(() => String, { description: "The account's password." })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password!: string;
}

@InputType({ description: 'A refresh token to exchange.' })
export class RefreshTokenInput {
  @Field(() => String, { description: 'The refresh token from the last login or refresh.' })
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}

@InputType({ description: "Changes to the viewer's profile; omitted fields stay as they are." })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: 'New display name (1 to 80 characters).' })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 80)
  displayName?: string;

  @Field(() => ID, { nullable: true, description: 'New home region.' })
  @IsOmittable()
  @IsUUID()
  homeRegionId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Show the member by name to others.' })
  @IsOmittable()
  @IsBoolean()
  publicProfile?: boolean;

  @ExpectedVersionField()
  expectedVersion?: number | null;
}

@InputType({ description: 'A new password, with the current one.' })
export class ChangePasswordInput {
  @Field(() => String, { description: 'The current password.' })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  currentPassword!: string;

  @Field(() => String, { description: 'The new password: 8 to 128 characters, not a common one.' })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  newPassword!: string;
}

@InputType({ description: 'A token from an e-mail verification link.' })
export class VerifyEmailInput {
  @Field(() => String, { description: 'The `token` parameter of the link.' })
  @IsString()
  @Matches(/^[\w-]{43}$/, { message: 'is not a token from a link' })
  token!: string;
}

@InputType({ description: 'Where to send a password reset link.' })
export class RequestPasswordResetInput {
  @Field(() => String, { description: 'E-mail address of the account.' })
  @Trim()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;
}

@InputType({ description: 'A new password, with the token from a reset link.' })
export class ResetPasswordInput {
  @Field(() => String, { description: 'The `token` parameter of the link.' })
  @IsString()
  @Matches(/^[\w-]{43}$/, { message: 'is not a token from a link' })
  token!: string;

  @Field(() => String, { description: 'The new password: 8 to 128 characters, not a common one.' })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  newPassword!: string;
}

@InputType({ description: "Confirmation for deleting the viewer's account." })
export class DeleteAccountInput {
  @Field(() => String, { description: "The account's password, re-entered." })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password!: string;
}

@InputType({ description: 'The account whose role changes.' })
export class AccountRoleInput {
  @Field(() => ID, { description: 'Id of the account.' })
  @IsUUID()
  accountId!: string;
}
