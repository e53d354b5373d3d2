import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { OutboxMessage } from '../../../src/core/mail/mailer.service';
import { AccountToken, AccountTokenPurpose } from '../../../src/modules/accounts/account-token.entity';
import { Account } from '../../../src/modules/accounts/account.entity';
import { newSecret } from '../../../src/modules/accounts/secret-token';
import { Region } from '../../../src/modules/regions/region.entity';
import { createAccount, signIn, signedInAccount, TEST_PASSWORD } from '../../factories/account.factory';
import { createRegion } from '../../factories/region.factory';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { expectError, sql } from '../../utils/graphql-assertions';

/**
 * E-mail verification and password reset: the links e-mailed (read from the outbox), the
 * mutations that consume them, the rate limit on reset mails, and the HTML pages behind the links.
 */

const NEW_PASSWORD = 'lantern river copper 42';
const OTHER_PASSWORD = 'quiet harbour spruce 17';

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { account { id email emailVerified } tokens { accessToken } } }`;
const VERIFY = `mutation ($input: VerifyEmailInput!) { verifyEmail(input: $input) { accountId } }`;
const REQUEST_VERIFICATION = `mutation { requestEmailVerification { email } }`;
const REQUEST_RESET = `mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { accepted } }`;
const RESET = `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { accountId } }`;
const ME = `{ me { id email emailVerified } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { account { id } } }`;

function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.org`;
}

/** The token of the link to `page` in a message; asserts the link's shape. */
function linkToken(message: OutboxMessage, page: 'verify-email' | 'reset-password'): string {
  const match = new RegExp(`^https?://[^\\s/]+/auth/${page}\\?token=(\\S+)$`, 'm').exec(message.text);
  expect(match).not.toBeNull();
  const token = match![1];
  expect(token).toMatch(/^[\w-]{43}$/);
  return token;
}

/** Undoes HTML escaping (numeric and the usual named entities). */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] !== '#') return named[body.toLowerCase()] ?? entity;
    return String.fromCodePoint(body[1].toLowerCase() === 'x' ? parseInt(body.slice(2), 16) : Number(body.slice(1)));
  });
}

async function mailsTo(t: TestApp, email: string): Promise<OutboxMessage[]> {
  return (await t.outbox()).filter((message) => message.to === email);
}

async function tokenRows(t: TestApp, accountId: string) {
  return sql(t, 'SELECT purpose, email, used_at, expires_at FROM account_token WHERE account_id = ? ORDER BY created_at, id', [accountId]);
}

/** When the account's address was verified (as PostgreSQL prints it), or null. */
async function emailVerifiedAt(t: TestApp, accountId: string): Promise<string | null> {
  const [row] = await sql(t, 'SELECT email_verified_at FROM account WHERE id = ?', [accountId]);
  return row.email_verified_at;
}

/** Registers through the API and returns the account, its access token and the token of the verification link. */
async function register(t: TestApp, region: Region, email = uniqueEmail('new')) {
  const res = await t.gql(REGISTER, {
    input: { email, password: TEST_PASSWORD, displayName: 'Nkechi Obi', homeRegionId: region.id },
  });
  expect(res.errors).toBeUndefined();
  const mails = await mailsTo(t, email);
  expect(mails).toHaveLength(1);
  return {
    id: res.data!.register.account.id as string,
    email,
    accessToken: res.data!.register.tokens.accessToken as string,
    verifyToken: linkToken(mails[0], 'verify-email'),
  };
}

/** Asks for a reset link for `email` and returns the token of the one new mail e-mailed there. */
async function resetToken(t: TestApp, email: string): Promise<string> {
  const before = new Set((await mailsTo(t, email)).map((mail) => mail.text));
  const res = await t.gql(REQUEST_RESET, { input: { email } });
  expect(res.errors).toBeUndefined();
  const fresh = (await mailsTo(t, email)).filter((mail) => !before.has(mail.text));
  expect(fresh).toHaveLength(1);
  expect(fresh[0].subject).toMatch(/reset/i);
  return linkToken(fresh[0], 'reset-password');
}

async function canLogIn(t: TestApp, email: string, password: string): Promise<boolean> {
  const res = await t.gql(LOGIN, { input: { email, password } });
  if (res.errors) {
    expectError(res, 'UNAUTHENTICATED');
    return false;
  }
  return true;
}

describe('e-mail verification', () => {
  let t: TestApp;
  let region: Region;

  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t.em());
  });
  afterAll(() => t.close());

  it('e-mails a link with a 43-character token on registration; verifyEmail with it verifies the address', async () => {
    const account = await register(t, region);
    const [mail] = await mailsTo(t, account.email);
    expect(mail.subject).toMatch(/confirm your e-mail/i);
    expect(mail.text).toContain('Nkechi Obi');

    const before = await t.gql(ME, {}, account.accessToken);
    expect(before.data!.me).toEqual({ id: account.id, email: account.email, emailVerified: false });

    const res = await t.gql(VERIFY, { input: { token: account.verifyToken } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.verifyEmail).toEqual({ accountId: account.id });

    const after = await t.gql(ME, {}, account.accessToken);
    expect(after.data!.me.emailVerified).toBe(true);
    expect(await emailVerifiedAt(t, account.id)).not.toBeNull();
    const [row] = await tokenRows(t, account.id);
    expect(row).toMatchObject({ purpose: 'VERIFY_EMAIL', email: account.email });
    expect(row.used_at).not.toBeNull();
  });

  it('refuses a token that was used already, changing nothing', async () => {
    const account = await register(t, region);
    expect((await t.gql(VERIFY, { input: { token: account.verifyToken } })).errors).toBeUndefined();
    const again = await t.expectUnchanged(() => t.gql(VERIFY, { input: { token: account.verifyToken } }));
    expectError(again, 'BAD_USER_INPUT', ['input.token']);
    expect(again.data).toBeNull();
  });

  it.each([
    ['too short', 'abc'],
    ['one character too long', 'a'.repeat(44)],
    ['with a character outside base64url', `${'a'.repeat(42)}!`],
    ['empty', ''],
  ])('refuses a malformed token (%s), changing nothing', async (_label, token) => {
    const res = await t.expectUnchanged(() => t.gql(VERIFY, { input: { token } }));
    expectError(res, 'BAD_USER_INPUT', ['input.token']);
  });

  it('refuses a well-formed token that was never issued, and a reset token, changing nothing', async () => {
    const account = await register(t, region);
    const unknown = await t.expectUnchanged(() => t.gql(VERIFY, { input: { token: randomBytes(32).toString('base64url') } }));
    expectError(unknown, 'BAD_USER_INPUT', ['input.token']);

    const reset = await resetToken(t, account.email);
    const wrongPurpose = await t.expectUnchanged(() => t.gql(VERIFY, { input: { token: reset } }));
    expectError(wrongPurpose, 'BAD_USER_INPUT', ['input.token']);
    expect(await emailVerifiedAt(t, account.id)).toBeNull();
  });

  it('refuses an expired token, changing nothing', async () => {
    const account = await register(t, region);
    await sql(t, "UPDATE account_token SET expires_at = now() - interval '1 minute' WHERE account_id = ?", [account.id]);
    const res = await t.expectUnchanged(() => t.gql(VERIFY, { input: { token: account.verifyToken } }));
    expectError(res, 'BAD_USER_INPUT', ['input.token']);
    expect(await emailVerifiedAt(t, account.id)).toBeNull();
    expect((await tokenRows(t, account.id))[0].used_at).toBeNull();
  });

  it('e-mails a new link on request, which verifies the address', async () => {
    const account = await register(t, region);
    const res = await t.gql(REQUEST_VERIFICATION, {}, account.accessToken);
    expect(res.errors).toBeUndefined();
    expect(res.data!.requestEmailVerification).toEqual({ email: account.email });

    const mails = await mailsTo(t, account.email);
    expect(mails).toHaveLength(2);
    const tokens = mails.map((mail) => linkToken(mail, 'verify-email'));
    expect(tokens).toContain(account.verifyToken);
    const fresh = tokens.find((token) => token !== account.verifyToken)!;
    expect(fresh).toBeDefined();
    expect(await tokenRows(t, account.id)).toHaveLength(2);

    expect((await t.gql(VERIFY, { input: { token: fresh } })).errors).toBeUndefined();
    expect((await t.gql(ME, {}, account.accessToken)).data!.me.emailVerified).toBe(true);
  });

  it('refuses a new link once the address is verified (PRECONDITION_FAILED), changing nothing and sending nothing', async () => {
    const { account, token } = await signedInAccount(t, { emailVerified: true, homeRegion: region });
    const res = await t.expectUnchanged(() => t.gql(REQUEST_VERIFICATION, {}, token));
    expectError(res, 'PRECONDITION_FAILED');
    expect(await mailsTo(t, account.email!)).toEqual([]);
  });

  it('refuses a new link to an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
    const sent = (await t.outbox()).length;
    const res = await t.expectUnchanged(() => t.gql(REQUEST_VERIFICATION));
    expectError(res, 'UNAUTHENTICATED');
    expect(await t.outbox()).toHaveLength(sent);
  });
});

describe('password reset', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers an existing and an unknown address identically; only the existing one gets a mail', async () => {
    const account = await createAccount(t.em());
    const unknown = uniqueEmail('nobody');

    const known = await t.http.post('/graphql').send({ query: REQUEST_RESET, variables: { input: { email: account.email } } });
    const missing = await t.expectUnchanged(() =>
      t.http.post('/graphql').send({ query: REQUEST_RESET, variables: { input: { email: unknown } } }),
    );
    expect(known.status).toBe(200);
    expect(missing.status).toBe(known.status);
    expect(known.body).toEqual({ data: { requestPasswordReset: { accepted: true } } });
    expect(missing.text).toBe(known.text);

    const mails = await mailsTo(t, account.email!);
    expect(mails).toHaveLength(1);
    linkToken(mails[0], 'reset-password');
    expect(await mailsTo(t, unknown)).toEqual([]);
    const rows = await tokenRows(t, account.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ purpose: 'RESET_PASSWORD', email: account.email, used_at: null });
  });

  it('sets the new password with the token, ends every session and spends the token', async () => {
    const { account, token: accessToken, refreshToken } = await signedInAccount(t);
    const second = await signIn(t, account.email!);
    const token = await resetToken(t, account.email!);

    const res = await t.gql(RESET, { input: { token, newPassword: NEW_PASSWORD } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.resetPassword).toEqual({ accountId: account.id });

    expect(await canLogIn(t, account.email!, NEW_PASSWORD)).toBe(true);
    expect(await canLogIn(t, account.email!, TEST_PASSWORD)).toBe(false);

    // Sessions opened before the reset are over: access and refresh tokens alike.
    for (const old of [accessToken, second.accessToken]) expectError(await t.gql(ME, {}, old), 'UNAUTHENTICATED');
    const refreshed = await t.gql(`mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { tokens { accessToken } } }`, {
      input: { refreshToken },
    });
    expectError(refreshed, 'UNAUTHENTICATED');
    const sessions = await sql(t, 'SELECT ended_at, end_reason FROM session WHERE account_id = ? ORDER BY created_at', [account.id]);
    // Two sessions before the reset (both ended), one from the login with the new password.
    expect(sessions.map((s) => s.end_reason)).toEqual(['PASSWORD_CHANGED', 'PASSWORD_CHANGED', null]);

    // The link proved control of the address.
    expect(await emailVerifiedAt(t, account.id)).not.toBeNull();
    expect((await tokenRows(t, account.id))[0].used_at).not.toBeNull();

    const again = await t.expectUnchanged(() => t.gql(RESET, { input: { token, newPassword: OTHER_PASSWORD } }));
    expectError(again, 'BAD_USER_INPUT', ['input.token']);
    expect(await canLogIn(t, account.email!, OTHER_PASSWORD)).toBe(false);
  });

  it.each([
    ['too short', 'short1'],
    ['common', 'password123'],
    ['the e-mail address itself', 'EMAIL'],
  ])('refuses a weak new password (%s) on input.newPassword, changing nothing; the token stays usable', async (_label, weak) => {
    const { account, token: accessToken } = await signedInAccount(t);
    const token = await resetToken(t, account.email!);
    const newPassword = weak === 'EMAIL' ? account.email! : weak;

    const res = await t.expectUnchanged(() => t.gql(RESET, { input: { token, newPassword } }));
    expectError(res, 'BAD_USER_INPUT', ['input.newPassword']);
    expect((await t.gql(ME, {}, accessToken)).data?.me.id).toBe(account.id);

    const retry = await t.gql(RESET, { input: { token, newPassword: NEW_PASSWORD } });
    expect(retry.errors).toBeUndefined();
    expect(await canLogIn(t, account.email!, NEW_PASSWORD)).toBe(true);
  });

  it('refuses an expired reset token, changing nothing', async () => {
    const account = await createAccount(t.em());
    const token = await resetToken(t, account.email!);
    await sql(t, "UPDATE account_token SET expires_at = now() - interval '1 second' WHERE account_id = ?", [account.id]);
    const res = await t.expectUnchanged(() => t.gql(RESET, { input: { token, newPassword: NEW_PASSWORD } }));
    expectError(res, 'BAD_USER_INPUT', ['input.token']);
    expect(await canLogIn(t, account.email!, TEST_PASSWORD)).toBe(true);
  });

  it('refuses a verification token as a reset token, changing nothing', async () => {
    const region = await createRegion(t.em());
    const email = uniqueEmail('verify-as-reset');
    const registered = await t.gql(REGISTER, {
      input: { email, password: TEST_PASSWORD, displayName: 'Ama Owusu', homeRegionId: region.id },
    });
    expect(registered.errors).toBeUndefined();
    const verifyToken = linkToken((await mailsTo(t, email))[0], 'verify-email');
    const res = await t.expectUnchanged(() => t.gql(RESET, { input: { token: verifyToken, newPassword: NEW_PASSWORD } }));
    expectError(res, 'BAD_USER_INPUT', ['input.token']);
  });

  it.each([
    ['the first', 0],
    ['the second', 1],
  ])('with two links, %s works and then the other is refused', async (_label, used) => {
    const account = await createAccount(t.em());
    const tokens = [await resetToken(t, account.email!), await resetToken(t, account.email!)];
    expect(tokens[0]).not.toBe(tokens[1]);

    const ok = await t.gql(RESET, { input: { token: tokens[used], newPassword: NEW_PASSWORD } });
    expect(ok.errors).toBeUndefined();
    const rows = await tokenRows(t, account.id);
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.used_at === null)).toEqual([false, false]);

    const other = await t.expectUnchanged(() => t.gql(RESET, { input: { token: tokens[1 - used], newPassword: OTHER_PASSWORD } }));
    expectError(other, 'BAD_USER_INPUT', ['input.token']);
    expect(await canLogIn(t, account.email!, NEW_PASSWORD)).toBe(true);
  });
});

describe('two reset links used at the same moment', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Stores `count` reset tokens of the account, as the e-mails would carry them. */
  async function storeResetTokens(account: Account, count: number): Promise<string[]> {
    const em = t.em();
    const secrets = Array.from({ length: count }, () => {
      const { secret, hash } = newSecret();
      em.persist(
        new AccountToken({
          account: em.getReference(Account, account.id),
          purpose: AccountTokenPurpose.RESET_PASSWORD,
          secretHash: hash,
          email: account.email!,
          expiresAt: new Date(Date.now() + 60 * 60 * 1000),
        }),
      );
      return secret;
    });
    await em.flush();
    return secrets;
  }

  it('lets one through and refuses the other as spent (BAD_USER_INPUT, not an internal error)', async () => {
    const account = await createAccount(t.em());
    const tokens = await storeResetTokens(account, 2);
    const passwords = [NEW_PASSWORD, OTHER_PASSWORD];

    // Lines the two requests up: both wait for the account row, held here, then go at once.
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    let results: GraphQLResponse[];
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM account WHERE id = $1 FOR UPDATE', [account.id]);
      const pending = Promise.all(tokens.map((token, i) => t.gql(RESET, { input: { token, newPassword: passwords[i] } })));
      // Waits (at most ~10 s) until both requests are blocked on a lock; proceeds anyway after that.
      for (let polls = 0; polls < 200; polls += 1) {
        // Activity is read once per transaction unless the snapshot is cleared.
        await blocker.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await blocker.query(
          "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (rows[0].waiting >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await blocker.query('COMMIT');
      results = await pending;
    } finally {
      await blocker.end();
    }

    const codes = results.map((res) => res.errors?.[0].extensions?.code ?? 'ok');
    expect([...codes].sort()).toEqual(['BAD_USER_INPUT', 'ok']);
    const winner = codes.indexOf('ok');
    expectError(results[1 - winner], 'BAD_USER_INPUT', ['input.token']);
    expect(await canLogIn(t, account.email!, passwords[winner])).toBe(true);
    expect((await tokenRows(t, account.id)).map((row) => row.used_at === null)).toEqual([false, false]);
  });
});

describe('rate limit on password reset mails', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('accepts 5 requests an hour for one address (in any letter case), then answers RATE_LIMITED', async () => {
    const account = await createAccount(t.em());
    const variants = [account.email!, account.email!.toUpperCase()];
    for (let i = 0; i < 5; i += 1) {
      const res = await t.gql(REQUEST_RESET, { input: { email: variants[i % variants.length] } });
      expect(res.errors).toBeUndefined();
    }
    expect(await mailsTo(t, account.email!)).toHaveLength(5);

    const refused = await t.expectUnchanged(() => t.gql(REQUEST_RESET, { input: { email: account.email!.toUpperCase() } }));
    expectError(refused, 'RATE_LIMITED');
    expect(refused.errors![0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(await mailsTo(t, account.email!)).toHaveLength(5);
    expect(await tokenRows(t, account.id)).toHaveLength(5);

    // Another address is counted on its own.
    const other = await createAccount(t.em());
    expect((await t.gql(REQUEST_RESET, { input: { email: other.email } })).errors).toBeUndefined();
    expect(await mailsTo(t, other.email!)).toHaveLength(1);
  });
});

describe('HTML pages behind the links', () => {
  let t: TestApp;
  let region: Region;

  beforeAll(async () => {
    t = await createTestApp();
    region = await createRegion(t.em());
  });
  afterAll(() => t.close());

  const form = (path: string, fields: Record<string, string>) =>
    t.http.post(path).set('content-type', 'application/x-www-form-urlencoded').send(new URLSearchParams(fields).toString());

  /** An HTML page. The status is checked on its own (see the last test): POSTs answer 201 for now. */
  function expectHtml(res: { status: number; headers: Record<string, string>; text: string }): void {
    expect([200, 201]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/^<!doctype html>/i);
  }

  it('GET /auth/verify-email shows a confirmation form and changes nothing; POSTing it verifies the address', async () => {
    const account = await register(t, region);
    const page = await t.expectUnchanged(() => t.http.get(`/auth/verify-email?token=${account.verifyToken}`));
    expectHtml(page);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post" action="/auth/verify-email">');
    expect(page.text).toContain(`<input type="hidden" name="token" value="${account.verifyToken}">`);
    expect(await emailVerifiedAt(t, account.id)).toBeNull();

    const done = await form('/auth/verify-email', { token: account.verifyToken });
    expectHtml(done);
    expect(done.text).toContain('E-mail address confirmed');
    expect(await emailVerifiedAt(t, account.id)).not.toBeNull();
    expect((await t.gql(ME, {}, account.accessToken)).data!.me.emailVerified).toBe(true);
  });

  it('GET /auth/reset-password shows a form with a password field and changes nothing; POSTing it resets the password', async () => {
    const { account, token: accessToken } = await signedInAccount(t);
    const token = await resetToken(t, account.email!);
    const page = await t.expectUnchanged(() => t.http.get(`/auth/reset-password?token=${token}`));
    expectHtml(page);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post" action="/auth/reset-password">');
    expect(page.text).toContain(`<input type="hidden" name="token" value="${token}">`);
    expect(page.text).toMatch(/<input type="password" name="newPassword"/);

    const done = await form('/auth/reset-password', { token, newPassword: NEW_PASSWORD });
    expectHtml(done);
    expect(done.text).toContain('Password changed');
    expect(await canLogIn(t, account.email!, NEW_PASSWORD)).toBe(true);
    expect(await canLogIn(t, account.email!, TEST_PASSWORD)).toBe(false);
    expectError(await t.gql(ME, {}, accessToken), 'UNAUTHENTICATED');
  });

  it('shows an error page for a bad token, changing nothing', async () => {
    const account = await register(t, region);
    await sql(t, "UPDATE account_token SET expires_at = now() - interval '1 minute' WHERE account_id = ?", [account.id]);
    const cases: [string, Record<string, string>][] = [
      ['/auth/verify-email', { token: randomBytes(32).toString('base64url') }],
      ['/auth/verify-email', { token: 'not-a-token' }],
      ['/auth/verify-email', {}],
      // Expired.
      ['/auth/verify-email', { token: account.verifyToken }],
      ['/auth/reset-password', { token: randomBytes(32).toString('base64url'), newPassword: NEW_PASSWORD }],
      ['/auth/reset-password', { token: account.verifyToken, newPassword: NEW_PASSWORD }],
    ];
    for (const [path, fields] of cases) {
      const res = await t.expectUnchanged(() => form(path, fields));
      expectHtml(res);
      expect(res.text).toMatch(/This link does not work|The password was not changed/);
      expect(res.text).toMatch(/invalid, already used or expired/);
    }
    expect(await emailVerifiedAt(t, account.id)).toBeNull();
  });

  it('shows an error page for a weak password, changing nothing; the link still works afterwards', async () => {
    const account = await createAccount(t.em());
    const token = await resetToken(t, account.email!);
    const weak = await t.expectUnchanged(() => form('/auth/reset-password', { token, newPassword: 'password' }));
    expectHtml(weak);
    expect(weak.text).toContain('The password was not changed');
    expect(weak.text).toContain('too common');
    expectHtml(await form('/auth/reset-password', { token, newPassword: NEW_PASSWORD }));
    expect(await canLogIn(t, account.email!, NEW_PASSWORD)).toBe(true);
  });

  it.each(['/auth/verify-email', '/auth/reset-password'])('escapes the token from the query string of %s', async (path) => {
    for (const token of ['<script>alert(1)</script>', '"><script>alert(1)</script>', `'><img src=x onerror=alert(1)>`]) {
      const res = await t.expectUnchanged(() => t.http.get(path).query({ token }));
      expectHtml(res);
      expect(res.text).not.toMatch(/<script/i);
      expect(res.text).not.toContain('<img');
      // The hidden field carries the token, escaped: decoded, it is the token again.
      const value = /<input type="hidden" name="token" value="([^"]*)">/.exec(res.text);
      expect(value).not.toBeNull();
      expect(decodeEntities(value![1])).toBe(token);
    }
  });

  it('answers every POSTed form with status 200, whether it worked or not (a page, not a created resource)', async () => {
    const account = await register(t, region);
    const statuses = {
      verified: (await form('/auth/verify-email', { token: account.verifyToken })).status,
      badVerifyToken: (await form('/auth/verify-email', { token: account.verifyToken })).status,
      badResetToken: (await form('/auth/reset-password', { token: account.verifyToken, newPassword: NEW_PASSWORD })).status,
    };
    expect(await emailVerifiedAt(t, account.id)).not.toBeNull();
    expect(statuses).toEqual({ verified: 200, badVerifyToken: 200, badResetToken: 200 });
  });
});
