import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { EntityManager } from '@mikro-orm/postgresql';
import { ARGON2_OPTIONS } from '../../src/modules/accounts/password-hasher.service';
import { AccountRole } from '../../src/modules/accounts/account-role';
import { Account } from '../../src/modules/accounts/account.entity';
import { Region } from '../../src/modules/regions/region.entity';
import { createRegion } from './region.factory';
import type { TestApp } from '../utils/test-app';

/** The password of every account made by {@link createAccount}. */
export const TEST_PASSWORD = 'correct horse battery staple';
let testPasswordHash: Promise<string> | undefined;

export interface AccountOptions {
  email?: string;
  displayName?: string;
  homeRegion?: Region;
  publicProfile?: boolean;
  role?: AccountRole;
  emailVerified?: boolean;
}

/** Stores an account directly (hashing the shared test password once per worker). */
export async function createAccount(em: EntityManager, options: AccountOptions = {}): Promise<Account> {
  testPasswordHash ??= argon2.hash(TEST_PASSWORD, ARGON2_OPTIONS);
  const suffix = randomBytes(4).toString('hex');
  const account = new Account({
    email: options.email ?? `member-${suffix}@example.org`,
    passwordHash: await testPasswordHash,
    displayName: options.displayName ?? `Member ${suffix}`,
    homeRegion: options.homeRegion ?? (await createRegion(em)),
    publicProfile: options.publicProfile,
  });
  account.role = options.role ?? AccountRole.MEMBER;
  if (options.emailVerified) account.emailVerifiedAt = new Date();
  await em.persist(account).flush();
  return account;
}

/** Signs in through the API and returns the tokens. */
export async function signIn(t: TestApp, email: string, password = TEST_PASSWORD): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await t.gql(`mutation ($input: LoginInput!) { login(input: $input) { tokens { accessToken refreshToken } } }`, {
    input: { email, password },
  });
  if (res.errors) throw new Error(`sign-in failed: ${JSON.stringify(res.errors)}`);
  return res.data!.login.tokens;
}

/** An account stored directly and signed in through the API. */
export async function signedInAccount(
  t: TestApp,
  options: AccountOptions = {},
): Promise<{ account: Account; token: string; refreshToken: string }> {
  const account = await createAccount(t.em(), options);
  const tokens = await signIn(t, account.email!);
  return { account, token: tokens.accessToken, refreshToken: tokens.refreshToken };
}
