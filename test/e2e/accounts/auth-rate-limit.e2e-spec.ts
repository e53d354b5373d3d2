import { randomUUID } from 'node:crypto';
import { Account } from '../../../src/modules/accounts/account.entity';
import { createAccount, TEST_PASSWORD } from '../../factories/account.factory';
import { createRegion } from '../../factories/region.factory';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { sql } from '../../utils/graphql-assertions';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { account { id } tokens { accessToken } } }`;
const WRONG = 'definitely not the password';

const errorCode = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

function expectRateLimited(res: GraphQLResponse) {
  expect(res.data).toBeNull();
  expect(errorCode(res)).toBe('RATE_LIMITED');
  const retryAfter = res.errors![0].extensions!.retryAfterSeconds;
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
}

describe('login rate limit per account (3 attempts)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3' });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) => t.gql(LOGIN, { input: { email, password } });
  const hitsOf = async (email: string) =>
    (await sql<{ hits: number }>(t, 'SELECT hits FROM rate_limit_counter WHERE key = ?', [`login:account:${email}`]))[0]?.hits;
  async function failTimes(email: string, times: number) {
    for (let i = 0; i < times; i += 1) expect(errorCode(await login(email, WRONG))).toBe('UNAUTHENTICATED');
  }

  it('refuses even the right password once the limit is reached, changing nothing', async () => {
    const account = await createAccount(t.em());
    await failTimes(account.email!, 3);
    const res = await t.expectUnchanged(() => login(account.email!, TEST_PASSWORD));
    expectRateLimited(res);
    expect(await hitsOf(account.email!)).toBe(4);
    // Another account is not affected.
    const other = await createAccount(t.em());
    expect((await login(other.email!, TEST_PASSWORD)).errors).toBeUndefined();
  });

  it('counts attempts whatever the case of the address', async () => {
    const account = await createAccount(t.em());
    const email = account.email!;
    expect(errorCode(await login(email.toUpperCase(), WRONG))).toBe('UNAUTHENTICATED');
    expect(errorCode(await login(` ${email} `, WRONG))).toBe('UNAUTHENTICATED');
    expect(errorCode(await login(email, WRONG))).toBe('UNAUTHENTICATED');
    expectRateLimited(await t.expectUnchanged(() => login(email, TEST_PASSWORD)));
  });

  it('counts attempts for an unknown e-mail address too', async () => {
    const email = `nobody-${randomUUID()}@example.org`;
    await failTimes(email, 3);
    expect(await hitsOf(email)).toBe(3);
    const res = await t.expectUnchanged(() => login(email, WRONG));
    expectRateLimited(res);
    // The refusal looks the same as for an account that exists.
    const account = await createAccount(t.em());
    await failTimes(account.email!, 3);
    const known = await login(account.email!, WRONG);
    expect({ ...known.errors![0], extensions: { ...known.errors![0].extensions, retryAfterSeconds: 0 } }).toEqual({
      ...res.errors![0],
      extensions: { ...res.errors![0].extensions, retryAfterSeconds: 0 },
    });
  });

  it('starts counting afresh after a successful login', async () => {
    const account = await createAccount(t.em());
    await failTimes(account.email!, 2);
    expect((await login(account.email!, TEST_PASSWORD)).errors).toBeUndefined();
    expect(await hitsOf(account.email!)).toBeUndefined();
    await failTimes(account.email!, 3);
    expectRateLimited(await login(account.email!, TEST_PASSWORD));
  });

  it('lets the account in again once the window is over', async () => {
    const account = await createAccount(t.em());
    await failTimes(account.email!, 3);
    expectRateLimited(await login(account.email!, TEST_PASSWORD));
    await sql(t, "UPDATE rate_limit_counter SET reset_at = now() - interval '1 second' WHERE key = ?", [`login:account:${account.email}`]);
    const res = await login(account.email!, TEST_PASSWORD);
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.account.id).toBe(account.id);
  });

  it('gives aliased logins in one request no extra attempts: the first failure ends the request', async () => {
    const account = await createAccount(t.em());
    const input = `input: { email: "${account.email}", password: "${WRONG}" }`;
    const query = `mutation { ${['a', 'b', 'c', 'd'].map((alias) => `${alias}: login(${input}) { account { id } }`).join(' ')} }`;
    const res = await t.expectUnchanged(() => t.gql(query));
    // \`login\` is non-null: its failure nulls the whole result, and the mutation fields after it never run.
    expect(res.data).toBeNull();
    expect(res.errors!.map((error) => [error.path, error.extensions?.code])).toEqual([[['a'], 'UNAUTHENTICATED']]);
    expect(await hitsOf(account.email!)).toBe(1);
    // Each such request still costs an attempt: the fourth is refused.
    for (let i = 0; i < 2; i += 1) expect(errorCode(await t.gql(query))).toBe('UNAUTHENTICATED');
    const fourth = await t.expectUnchanged(() => t.gql(query));
    expect(fourth.errors!.map((error) => [error.path, error.extensions?.code])).toEqual([[['a'], 'RATE_LIMITED']]);
    expect(await hitsOf(account.email!)).toBe(4);
  });

  it('counts a changePassword attempt against the account as well', async () => {
    const account = await createAccount(t.em());
    const { tokens } = (await login(account.email!, TEST_PASSWORD)).data!.login;
    const change = (currentPassword: string) =>
      t.gql(
        `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { account { id } } }`,
        { input: { currentPassword, newPassword: 'a completely new passphrase' } },
        tokens.accessToken,
      );
    for (let i = 0; i < 3; i += 1) expect(errorCode(await change(WRONG))).toBe('UNAUTHENTICATED');
    expectRateLimited(await t.expectUnchanged(() => change(TEST_PASSWORD)));
  });

  it("does not let someone else's wrong logins hold off the signed-in owner's password change", async () => {
    const account = await createAccount(t.em());
    const { tokens } = (await login(account.email!, TEST_PASSWORD)).data!.login;
    await failTimes(account.email!, 3);
    expectRateLimited(await login(account.email!, WRONG));
    const changed = await t.gql(
      `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { account { id } } }`,
      { input: { currentPassword: TEST_PASSWORD, newPassword: 'a completely new passphrase' } },
      tokens.accessToken,
    );
    expect(changed.errors).toBeUndefined();
  });
});

describe('login rate limit per client address (4 attempts)', () => {
  let t: TestApp;
  let accounts: Account[];

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '4', LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '100' });
    accounts = [];
    for (let i = 0; i < 6; i += 1) accounts.push(await createAccount(t.em()));
  });
  beforeEach(() => sql(t, 'DELETE FROM rate_limit_counter'));
  afterAll(() => t.close());

  const login = (email: string, password: string) => t.gql(LOGIN, { input: { email, password } });

  it('refuses logins to any account from an address that used up its attempts on others', async () => {
    for (const account of accounts.slice(0, 3)) expect(errorCode(await login(account.email!, WRONG))).toBe('UNAUTHENTICATED');
    expect(errorCode(await login(`nobody-${randomUUID()}@example.org`, WRONG))).toBe('UNAUTHENTICATED');
    // A fresh account with its right password: its own counter is at zero, the address's is not.
    const res = await t.expectUnchanged(() => login(accounts[4].email!, TEST_PASSWORD));
    expectRateLimited(res);
    const rows = await sql<{ key: string; hits: number }>(t, "SELECT key, hits FROM rate_limit_counter WHERE key LIKE 'login:address:%'");
    expect(rows).toHaveLength(1);
    expect(rows[0].hits).toBe(5);
  });

  it('counts every alias of a request with several logins against the address', async () => {
    const aliases = accounts
      .slice(0, 5)
      .map((account, i) => `a${i}: login(input: { email: "${account.email}", password: "${TEST_PASSWORD}" }) { account { id } }`);
    const res = await t.gql(`mutation { ${aliases.join(' ')} }`);
    // Four logins pass; the fifth is over the limit of the address (and, being non-null, nulls the whole result).
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].path).toEqual(['a4']);
    expectRateLimited(res);
    const [row] = await sql<{ hits: number }>(t, "SELECT hits FROM rate_limit_counter WHERE key LIKE 'login:address:%'");
    expect(row.hits).toBe(5);
    const [{ sessions }] = await sql(t, 'SELECT count(*)::int AS sessions FROM session WHERE account_id = ?', [accounts[4].id]);
    expect(sessions).toBe(0);
  });

  it('lets logins through again once the window of the address is over', async () => {
    for (const account of accounts.slice(0, 4)) expect(errorCode(await login(account.email!, WRONG))).toBe('UNAUTHENTICATED');
    expectRateLimited(await login(accounts[5].email!, TEST_PASSWORD));
    await sql(t, "UPDATE rate_limit_counter SET reset_at = now() - interval '1 second'");
    const res = await login(accounts[5].email!, TEST_PASSWORD);
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.account.id).toBe(accounts[5].id);
  });
});

describe('registering and resetting passwords count as password attempts of the address (3)', () => {
  let t: TestApp;

  let homeRegionId: string;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '3' });
    homeRegionId = (await createRegion(t.em())).id;
  });
  afterAll(() => t.close());

  const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { account { id } } }`;
  const RESET = `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { accountId } }`;
  const register = (email: string) =>
    t.gql(REGISTER, { input: { email, password: 'lantern river copper 42', displayName: 'Newcomer', homeRegionId } });

  it('refuses the next registration or reset from that address once its attempts are used, changing nothing', async () => {
    expect((await register(`first-${randomUUID()}@example.org`)).errors).toBeUndefined();
    expect((await register(`second-${randomUUID()}@example.org`)).errors).toBeUndefined();
    // A reset with a made-up token: refused as invalid, and counted (it would hash a password otherwise).
    const invalid = await t.gql(RESET, { input: { token: 'x'.repeat(43), newPassword: 'lantern river copper 43' } });
    expect(errorCode(invalid)).toBe('BAD_USER_INPUT');
    expectRateLimited(await t.expectUnchanged(() => register(`third-${randomUUID()}@example.org`)));
    expectRateLimited(
      await t.expectUnchanged(() => t.gql(RESET, { input: { token: 'y'.repeat(43), newPassword: 'lantern river copper 44' } })),
    );
  });
});
