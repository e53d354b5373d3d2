import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../../core/scalars/json.scalar';
import type { Account } from '../account.entity';
import { AccountType, AuthTokensType } from './account.types';

@ObjectType({ description: 'The new account, signed in.' })
export class RegisterPayload {
  @Field(() => AccountType, { description: 'The account created.' })
  account!: Account;

  @Field(() => AuthTokensType, { description: 'Tokens of the new session.' })
  tokens!: AuthTokensType;
}

@ObjectType({ description: 'The signed-in account and its tokens.' })
export class LoginPayload {
  @Field(() => AccountType, { description: 'The account signed in to.' })
  account!: Account;

  @Field(() => AuthTokensType, { description: 'Tokens of the new session.' })
  tokens!: AuthTokensType;
}

@ObjectType({ description: 'New tokens; the refresh token used is spent.' })
export class RefreshTokenPayload {
  @Field(() => AuthTokensType, { description: 'The next access and refresh tokens of the session.' })
  tokens!: AuthTokensType;
}

@ObjectType({ description: 'The current session has ended.' })
export class LogoutPayload {
  @Field(() => ID, { description: 'Id of the session that ended.' })
  sessionId!: string;
}

@ObjectType({ description: 'Every session of the account has ended.' })
export class LogoutEverywherePayload {
  @Field(() => Int, { description: 'How many sessions were active and have ended (this one included).' })
  endedSessions!: number;
}

@ObjectType({ description: 'The updated profile.' })
export class UpdateProfilePayload {
  @Field(() => AccountType, { description: 'The account as it is now.' })
  account!: Account;
}

@ObjectType({ description: 'The password has changed; other sessions have ended.' })
export class ChangePasswordPayload {
  @Field(() => AccountType, { description: 'The account.' })
  account!: Account;
}

@ObjectType({ description: 'A new verification link is on its way.' })
export class RequestEmailVerificationPayload {
  @Field(() => String, { description: 'The address the link was sent to.' })
  email!: string;
}

@ObjectType({ description: 'The e-mail address is verified.' })
export class VerifyEmailPayload {
  @Field(() => ID, { description: 'Id of the account whose address is now verified.' })
  accountId!: string;
}

@ObjectType({ description: 'The request was received. Whether an account has this address is not revealed.' })
export class RequestPasswordResetPayload {
  @Field(() => Boolean, { description: 'Always true.' })
  accepted!: boolean;
}

@ObjectType({ description: 'The password has been reset; every session of the account has ended.' })
export class ResetPasswordPayload {
  @Field(() => ID, { description: 'Id of the account whose password was reset.' })
  accountId!: string;
}

@ObjectType({ description: 'The account has been deleted.' })
export class DeleteAccountPayload {
  @Field(() => ID, { description: 'Id of the deleted account (it stays as an anonymous record).' })
  deletedAccountId!: string;
}

@ObjectType({ description: 'The account, now an admin.' })
export class GrantAdminRolePayload {
  @Field(() => AccountType, { description: 'The account.' })
  account!: Account;
}

@ObjectType({ description: 'The account, now a member only.' })
export class RevokeAdminRolePayload {
  @Field(() => AccountType, { description: 'The account.' })
  account!: Account;
}

@ObjectType({ description: 'Everything Hometown stores about the viewer.' })
export class DataExport {
  @Field(() => Date, { description: 'When the export was made.' })
  exportedAt!: Date;

  @Field(() => JSONScalar, { description: 'The data: a JSON document with one section per part of Hometown.' })
  data!: Record<string, unknown>;
}
