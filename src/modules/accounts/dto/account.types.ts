import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AccountRole } from '../account-role';

registerEnumType(AccountRole, {
  name: 'AccountRole',
  description: 'Platform role of an account.',
  valuesMap: {
    MEMBER: { description: 'A community member (every account).' },
    ADMIN: { description: 'A platform admin: moderates and administers, in addition.' },
  },
});

@ObjectType('Account', {
  description: 'An account as its owner (and platform admins) see it. Others see accounts as `Member`s.',
})
export class AccountType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: 'Name shown to others when the profile is public.' })
  displayName!: string;

  @Field(() => Boolean, { description: 'Whether other members see this account by name in the members directory and on listings.' })
  publicProfile!: boolean;

  @Field(() => AccountRole, { description: 'Platform role.' })
  role!: AccountRole;

  @Field(() => Date, { description: 'When the account was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the account was deleted (its personal data removed); null while it exists.' })
  deletedAt!: Date | null;

  @Field(() => Int, { description: 'Version for optimistic locking: pass it as `expectedVersion` to refuse an edit based on stale data.' })
  version!: number;
}

@ObjectType('Member', { description: 'A member with a public profile, as everyone may see them.' })
export class MemberType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: "The member's display name." })
  displayName!: string;

  @Field(() => Date, { description: 'When the member joined.' })
  createdAt!: Date;
}

@ObjectType('Session', { description: 'A signed-in device or browser of the viewer.' })
export class SessionType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => Date, { description: 'When the session was opened (login).' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the session last refreshed its tokens.' })
  lastUsedAt!: Date;

  @Field(() => String, { nullable: true, description: 'User agent of the last request that refreshed the session.' })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: 'Client address of the last request that refreshed the session.' })
  ipAddress!: string | null;
}

@ObjectType('AuthTokens', { description: 'Credentials returned by login, registration and refresh.' })
export class AuthTokensType {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <accessToken>`; valid 15 minutes.' })
  accessToken!: string;

  @Field(() => Date, { description: 'When the access token expires.' })
  accessTokenExpiresAt!: Date;

  @Field(() => String, { description: 'Single-use: exchange it with `refreshToken` for new tokens. Keep it secret.' })
  refreshToken!: string;

  @Field(() => Date, { description: 'When the refresh token expires unless used.' })
  refreshTokenExpiresAt!: Date;
}
