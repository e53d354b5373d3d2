import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { createAccount, signedInAccount, signIn, TEST_PASSWORD } from '../../factories/account.factory';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { sql } from '../../utils/graphql-assertions';

const JWT_SECRET = 's3cret-of-the-test-app-'.padEnd(48, 'x');
const LOGIN = `mutation ($input: LoginInput!) {
  login(input: $input) {
    account { id email role sessions { id current } }
    tokens { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt }
  }
}`;
const ME = '{ me { id email } }';
const PUBLIC_QUERY = '{ regions(first: 1) { totalCount } }';

const errorCode = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

/** The claims of an access token, read without checking it. */
function claimsOf(token: string): { sub: string; sid: string; iss: string; aud: string; exp: number; iat: number } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** POSTs a query with an Authorization header as given (not necessarily a Bearer one). */
async function gqlWithAuthorization(t: TestApp, query: string, authorization: string): Promise<GraphQLResponse> {
  const res = await t.http.post('/graphql').set('content-type', 'application/json').set('authorization', authorization).send({ query });
  return res.body;
}

describe('login', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ JWT_SECRET });
  });
  afterAll(() => t.close());

  it('signs in with the right password: a new session, tokens that work', async () => {
    const account = await createAccount(t.em());
    const res = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('user-agent', 'HometownTest/1.0')
      .send({ query: LOGIN, variables: { input: { email: account.email, password: TEST_PASSWORD } } });
    expect(res.body.errors).toBeUndefined();
    const { account: payload, tokens } = res.body.data.login;
    expect(payload.id).toBe(account.id);
    expect(payload.email).toBe(account.email);
    expect(payload.sessions).toEqual([{ id: claimsOf(tokens.accessToken).sid, current: true }]);

    const claims = claimsOf(tokens.accessToken);
    expect(claims).toMatchObject({ sub: account.id, iss: 'hometown', aud: 'hometown-api' });
    expect(claims.exp - claims.iat).toBe(15 * 60);
    expect(new Date(tokens.accessTokenExpiresAt).getTime()).toBe(claims.exp * 1000);

    const me = await t.gql(ME, {}, tokens.accessToken);
    expect(me.data).toEqual({ me: { id: account.id, email: account.email } });

    const sessions = await sql(t, 'SELECT id, user_agent, ended_at FROM session WHERE account_id = ?', [account.id]);
    expect(sessions).toEqual([{ id: claims.sid, user_agent: 'HometownTest/1.0', ended_at: null }]);
    const [refreshRow] = await sql(t, 'SELECT session_id, secret_hash, used_at FROM refresh_token WHERE id = ?', [
      tokens.refreshToken.split('.')[0],
    ]);
    expect(refreshRow).toMatchObject({ session_id: claims.sid, used_at: null });
    // Only a hash of the secret is stored.
    expect(refreshRow.secret_hash).not.toContain(tokens.refreshToken.split('.')[1]);
  });

  it('answers a wrong password and an unknown e-mail with exactly the same error, and stores nothing', async () => {
    const account = await createAccount(t.em());
    const wrongPassword = await t.expectUnchanged(() =>
      t.gql(LOGIN, { input: { email: account.email, password: 'not the right password' } }),
    );
    const unknownEmail = await t.expectUnchanged(() =>
      t.gql(LOGIN, { input: { email: `nobody-${randomUUID()}@example.org`, password: 'not the right password' } }),
    );
    expect(errorCode(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(wrongPassword.data).toBeNull();
    expect(unknownEmail).toEqual(wrongPassword);
    expect(wrongPassword.errors).toHaveLength(1);
    expect(wrongPassword.errors![0].message).not.toMatch(/password is wrong|no account|unknown|not found/i);
  });

  it('refuses a wrong password even when it differs only in case', async () => {
    const account = await createAccount(t.em());
    const res = await t.expectUnchanged(() => t.gql(LOGIN, { input: { email: account.email, password: TEST_PASSWORD.toUpperCase() } }));
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('is case-insensitive on the e-mail address (and ignores surrounding spaces)', async () => {
    const account = await createAccount(t.em(), { email: `mixed-${randomUUID().slice(0, 8)}@example.org` });
    for (const email of [account.email!.toUpperCase(), ` ${account.email!.replace('mixed', 'MiXeD')} `]) {
      const res = await t.gql(LOGIN, { input: { email, password: TEST_PASSWORD } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.login.account).toMatchObject({ id: account.id, email: account.email });
    }
  });

  it('refuses a deleted account (deleted_at set) with the wrong-credentials answer, and its old tokens stop working', async () => {
    const { account, token } = await signedInAccount(t);
    await sql(t, 'UPDATE account SET deleted_at = now() WHERE id = ?', [account.id]);
    const reference = await t.gql(LOGIN, { input: { email: `nobody-${randomUUID()}@example.org`, password: TEST_PASSWORD } });
    const res = await t.expectUnchanged(() => t.gql(LOGIN, { input: { email: account.email, password: TEST_PASSWORD } }));
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res).toEqual(reference);
    expect(errorCode(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('refuses an account deleted through deleteAccount', async () => {
    const { account, token } = await signedInAccount(t);
    const deleted = await t.gql(
      `mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { deletedAccountId } }`,
      { input: { password: TEST_PASSWORD } },
      token,
    );
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.deleteAccount.deletedAccountId).toBe(account.id);
    const res = await t.expectUnchanged(() => t.gql(LOGIN, { input: { email: account.email, password: TEST_PASSWORD } }));
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });
});

describe('access tokens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ JWT_SECRET });
  });
  afterAll(() => t.close());

  /** A token signed with HS256 by `secret`, with the claims the API issues unless overridden. */
  function craft(claims: Record<string, unknown>, secret = JWT_SECRET): string {
    const now = Math.floor(Date.now() / 1000);
    return jwt.sign({ iss: 'hometown', aud: 'hometown-api', iat: now, exp: now + 600, ...claims }, secret, { algorithm: 'HS256' });
  }

  /** Asserts that `authorization` is refused on `me` and on a public query alike, changing nothing. */
  async function expectRefused(authorization: string) {
    await t.expectUnchanged(async () => {
      for (const query of [ME, PUBLIC_QUERY]) {
        const res = await gqlWithAuthorization(t, query, authorization);
        expect(res.data ?? null).toBeNull();
        expect(res.errors).toHaveLength(1);
        expect(errorCode(res)).toBe('UNAUTHENTICATED');
      }
    });
  }

  it('accepts a token with the right secret and claims (the control for the forgeries below)', async () => {
    const { account, token } = await signedInAccount(t);
    const crafted = craft({ sub: account.id, sid: claimsOf(token).sid });
    const me = await gqlWithAuthorization(t, ME, `Bearer ${crafted}`);
    expect(me.data).toEqual({ me: { id: account.id, email: account.email } });
    const lowerCaseScheme = await gqlWithAuthorization(t, PUBLIC_QUERY, `bearer ${token}`);
    expect(lowerCaseScheme.errors).toBeUndefined();
    expect((await t.gql(PUBLIC_QUERY)).errors).toBeUndefined();
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const { account, token } = await signedInAccount(t);
    const now = Math.floor(Date.now() / 1000);
    const payload = { sub: account.id, sid: claimsOf(token).sid, iss: 'hometown', aud: 'hometown-api', iat: now, exp: now + 600 };
    await expectRefused(`Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`);
    await expectRefused(`Bearer ${base64url({ alg: 'none' })}.${base64url(payload)}`);
  });

  it('refuses a token signed with another secret', async () => {
    const { account, token } = await signedInAccount(t);
    await expectRefused(`Bearer ${craft({ sub: account.id, sid: claimsOf(token).sid }, 'another-secret-'.padEnd(48, 'y'))}`);
  });

  it('refuses a token signed with another algorithm', async () => {
    const { account, token } = await signedInAccount(t);
    const claims = { sub: account.id, sid: claimsOf(token).sid, iss: 'hometown', aud: 'hometown-api' };
    await expectRefused(`Bearer ${jwt.sign(claims, JWT_SECRET, { algorithm: 'HS512', expiresIn: 600 })}`);
  });

  it('refuses an expired token signed with the right secret', async () => {
    const { account, token } = await signedInAccount(t);
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(`Bearer ${craft({ sub: account.id, sid: claimsOf(token).sid, iat: now - 1000, exp: now - 60 })}`);
  });

  it('refuses a token for another issuer or audience', async () => {
    const { account, token } = await signedInAccount(t);
    const sid = claimsOf(token).sid;
    await expectRefused(`Bearer ${craft({ sub: account.id, sid, iss: 'someone-else' })}`);
    await expectRefused(`Bearer ${craft({ sub: account.id, sid, aud: 'another-api' })}`);
  });

  it('refuses a valid token whose payload was changed (signature kept)', async () => {
    const victim = await signedInAccount(t);
    const attacker = await signedInAccount(t);
    const [header, , signature] = attacker.token.split('.');
    const claims = claimsOf(attacker.token);
    // Another account's id, with its own session: only the signature stands in the way.
    await expectRefused(
      `Bearer ${header}.${base64url({ ...claims, sub: victim.account.id, sid: claimsOf(victim.token).sid })}.${signature}`,
    );
    await expectRefused(`Bearer ${header}.${base64url({ ...claims, sub: victim.account.id })}.${signature}`);
    // The untouched token still works.
    expect((await t.gql(ME, {}, attacker.token)).data!.me.id).toBe(attacker.account.id);
  });

  it('refuses a correctly signed token whose session does not exist, or belongs to another account', async () => {
    const { account, token } = await signedInAccount(t);
    const other = await signedInAccount(t);
    await expectRefused(`Bearer ${craft({ sub: account.id, sid: randomUUID() })}`);
    await expectRefused(`Bearer ${craft({ sub: account.id, sid: claimsOf(other.token).sid })}`);
    await expectRefused(`Bearer ${craft({ sub: randomUUID(), sid: claimsOf(token).sid })}`);
    await expectRefused(`Bearer ${craft({ sub: account.id })}`);
  });

  it('refuses a correctly signed token whose sub or sid is not a UUID (UNAUTHENTICATED, not an internal error)', async () => {
    const { account, token } = await signedInAccount(t);
    await expectRefused(`Bearer ${craft({ sub: account.id, sid: 'not-a-uuid' })}`);
    await expectRefused(`Bearer ${craft({ sub: 'not-a-uuid', sid: claimsOf(token).sid })}`);
  });

  it('refuses garbage, an empty Bearer and other schemes', async () => {
    const { account, token } = await signedInAccount(t);
    await expectRefused('Bearer garbage');
    await expectRefused('Bearer a.b.c');
    await expectRefused(`Bearer ${token}x`);
    await expectRefused(`Bearer ${token} ${token}`);
    await expectRefused('Bearer');
    await expectRefused(`Basic ${Buffer.from(`${account.email}:${TEST_PASSWORD}`).toString('base64')}`);
    await expectRefused(token);
  });

  it('refuses the valid token of a session that has ended', async () => {
    const { account, token } = await signedInAccount(t);
    const second = await signIn(t, account.email!);
    await sql(t, "UPDATE session SET ended_at = now(), end_reason = 'LOGOUT' WHERE id = ?", [claimsOf(token).sid]);
    await expectRefused(`Bearer ${token}`);
    expect((await t.gql(ME, {}, second.accessToken)).data!.me.id).toBe(account.id);
  });
});

describe('client addresses behind a proxy (TRUST_PROXY=true: the nearest one)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ JWT_SECRET, TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  /** Signs in with this X-Forwarded-For and answers the address the new session stored. */
  async function storedAddress(forwardedFor: string): Promise<string> {
    const account = await createAccount(t.em());
    const res = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-forwarded-for', forwardedFor)
      .send({ query: LOGIN, variables: { input: { email: account.email, password: TEST_PASSWORD } } });
    expect(res.body.errors).toBeUndefined();
    const [session] = await sql(t, 'SELECT ip_address FROM session WHERE account_id = ?', [account.id]);
    return session.ip_address as string;
  }

  it('takes the address the proxy added, not what the client wrote before it', async () => {
    expect(await storedAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(await storedAddress('198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('does not believe a forwarded value that is no address (and never fails on its length)', async () => {
    expect(await storedAddress('x'.repeat(200))).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  });
});
