import { createAccount, TEST_PASSWORD } from '../../factories/account.factory';
import { createRegion } from '../../factories/region.factory';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { Region } from '../../../src/modules/regions/region.entity';
import { sql } from '../../utils/graphql-assertions';

const REGISTER = `mutation ($input: RegisterInput!) {
  register(input: $input) {
    account { id email emailVerified displayName publicProfile role version homeRegion { id } sessions { id current } }
    tokens { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt }
  }
}`;
const ME = '{ me { id email role } }';

const errorCode = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
const fieldPaths = (res: GraphQLResponse) => [
  ...new Set((res.errors?.[0]?.extensions?.fieldErrors ?? []).map((e: { path: string }) => e.path)),
];
let counter = 0;
const uniqueEmail = (prefix = 'new') => `${prefix}-${process.pid}-${(counter += 1)}@example.org`;

describe('register', () => {
  let t: TestApp;
  let home: Region;

  beforeAll(async () => {
    t = await createTestApp();
    home = await createRegion(t.em());
  });
  afterAll(() => t.close());

  const input = (overrides: Record<string, unknown> = {}) => ({
    email: uniqueEmail(),
    password: 'a long and unusual passphrase',
    displayName: 'Ada Lovelace',
    homeRegionId: home.id,
    ...overrides,
  });

  it('creates the account with a lower-cased e-mail, signs it in and returns working tokens', async () => {
    const email = uniqueEmail('Ada.MIXED');
    const res = await t.gql(REGISTER, { input: input({ email, publicProfile: true }) });
    expect(res.errors).toBeUndefined();
    const { account, tokens } = res.data!.register;
    expect(account).toMatchObject({
      email: email.toLowerCase(),
      emailVerified: false,
      displayName: 'Ada Lovelace',
      publicProfile: true,
      role: 'MEMBER',
      homeRegion: { id: home.id },
    });
    expect(account.sessions).toHaveLength(1);
    expect(account.sessions[0].current).toBe(true);
    expect(tokens.refreshToken).toMatch(/^[0-9a-f-]{36}\.[\w-]{43}$/);
    expect(new Date(tokens.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(tokens.refreshTokenExpiresAt).getTime()).toBeGreaterThan(new Date(tokens.accessTokenExpiresAt).getTime());

    const me = await t.gql(ME, {}, tokens.accessToken);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toEqual({ id: account.id, email: email.toLowerCase(), role: 'MEMBER' });

    const refreshed = await t.gql(`mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { tokens { accessToken } } }`, {
      input: { refreshToken: tokens.refreshToken },
    });
    expect(refreshed.errors).toBeUndefined();

    const [row] = await sql(t, 'SELECT email, email_verified_at, password_hash, role FROM account WHERE id = ?', [account.id]);
    expect(row.email).toBe(email.toLowerCase());
    expect(row.email_verified_at).toBeNull();
    // The password is stored hashed (argon2id), never as is.
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('a long and unusual passphrase');
    const sessions = await sql(t, 'SELECT id, ended_at FROM session WHERE account_id = ?', [account.id]);
    expect(sessions).toEqual([{ id: account.sessions[0].id, ended_at: null }]);
  });

  it('e-mails a verification link to the new address', async () => {
    const email = uniqueEmail('verify');
    const res = await t.gql(REGISTER, { input: input({ email: email.toUpperCase() }) });
    expect(res.errors).toBeUndefined();
    const mails = (await t.outbox()).filter((mail) => mail.to === email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toMatch(/confirm/i);
    expect(mails[0].text).toMatch(/https?:\/\/\S+\/auth\/verify-email\?token=[\w-]{43}/);
    const [{ count }] = await sql(t, "SELECT count(*)::int AS count FROM account_token WHERE email = ? AND purpose = 'VERIFY_EMAIL'", [
      email,
    ]);
    expect(count).toBe(1);
  });

  describe('refuses invalid input with field paths and stores nothing', () => {
    const cases: [string, () => Record<string, unknown>, string][] = [
      ['a malformed e-mail', () => input({ email: 'not-an-email' }), 'input.email'],
      ['an e-mail without a domain', () => input({ email: 'ada@' }), 'input.email'],
      ['a 7-character password', () => input({ password: 'xyz1234' }), 'input.password'],
      ['a 129-character password', () => input({ password: 'ab1'.repeat(43) }), 'input.password'],
      ['a common password', () => input({ password: 'password123' }), 'input.password'],
      ['a common password in other case', () => input({ password: 'PassWord123' }), 'input.password'],
      [
        'the e-mail address as password',
        () => {
          const email = uniqueEmail('samepass');
          return input({ email, password: email });
        },
        'input.password',
      ],
      ['a blank display name', () => input({ displayName: '   ' }), 'input.displayName'],
      ['an empty display name', () => input({ displayName: '' }), 'input.displayName'],
      ['an 81-character display name', () => input({ displayName: 'x'.repeat(81) }), 'input.displayName'],
      ['a home region id that is not a UUID', () => input({ homeRegionId: 'lagos' }), 'input.homeRegionId'],
      ['a home region id of no region', () => input({ homeRegionId: '00000000-0000-4000-8000-000000000000' }), 'input.homeRegionId'],
    ];

    it.each(cases)('%s', async (_name, build, path) => {
      const mailsBefore = (await t.outbox()).length;
      const res = await t.expectUnchanged(() => t.gql(REGISTER, { input: build() }));
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(fieldPaths(res)).toEqual([path]);
      expect((await t.outbox()).length).toBe(mailsBefore);
    });

    it('accepts a 128-character password (the limit is inclusive)', async () => {
      const res = await t.gql(REGISTER, { input: input({ password: 'ab1'.repeat(42) + 'cd' }) });
      expect(res.errors).toBeUndefined();
    });
  });

  it('refuses a taken e-mail address, also in other case, with CONFLICT and stores nothing', async () => {
    const existing = await createAccount(t.em(), { email: uniqueEmail('taken') });
    for (const email of [existing.email!, existing.email!.toUpperCase(), existing.email!.replace('taken', 'TaKeN')]) {
      const mailsBefore = (await t.outbox()).length;
      const res = await t.expectUnchanged(() => t.gql(REGISTER, { input: input({ email }) }));
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('CONFLICT');
      expect((await t.outbox()).length).toBe(mailsBefore);
    }
    // The original account still signs in with its own password.
    const login = await t.gql(`mutation { login(input: { email: "${existing.email}", password: "${TEST_PASSWORD}" }) { account { id } } }`);
    expect(login.data?.login.account.id).toBe(existing.id);
  });

  it('of two simultaneous registrations with one address, stores one and answers CONFLICT to the other', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all([
      t.gql(REGISTER, { input: input({ email }) }),
      t.gql(REGISTER, { input: input({ email: email.toUpperCase() }) }),
    ]);
    const codes = results.map((res) => (res.errors ? errorCode(res) : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const [{ count }] = await sql(t, 'SELECT count(*)::int AS count FROM account WHERE email = ?', [email]);
    expect(count).toBe(1);
    expect((await t.outbox()).filter((mail) => mail.to === email)).toHaveLength(1);
  });
});

describe('register with ADMIN_EMAIL', () => {
  let t: TestApp;
  let home: Region;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_EMAIL: 'boss@example.org' });
    home = await createRegion(t.em());
  });
  afterAll(() => t.close());

  const auditRows = (subjectId: string) =>
    sql(t, 'SELECT action, subject_type, subject_id, actor_id, before, after FROM audit_event WHERE subject_id = ?', [subjectId]);

  it('makes the ADMIN_EMAIL account an admin (the address matched ignoring case) and audits it once', async () => {
    const res = await t.gql(REGISTER, {
      input: { email: 'Boss@Example.ORG', password: 'the boss has a long password', displayName: 'The Boss', homeRegionId: home.id },
    });
    expect(res.errors).toBeUndefined();
    const { account, tokens } = res.data!.register;
    expect(account.role).toBe('ADMIN');
    expect((await t.gql(ME, {}, tokens.accessToken)).data!.me.role).toBe('ADMIN');

    const [row] = await sql(t, 'SELECT role FROM account WHERE id = ?', [account.id]);
    expect(row.role).toBe('ADMIN');
    const events = await auditRows(account.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'account.role.granted',
      subject_type: 'Account',
      subject_id: account.id,
      before: { role: 'MEMBER' },
      after: { role: 'ADMIN' },
    });
    const [{ count }] = await sql(t, "SELECT count(*)::int AS count FROM audit_event WHERE action = 'account.role.granted'");
    expect(count).toBe(1);
  });

  it('leaves any other address a MEMBER, with no audit event', async () => {
    const res = await t.gql(REGISTER, {
      input: {
        email: 'boss@example.org.evil.test',
        password: 'not the boss at all, sorry',
        displayName: 'Not Boss',
        homeRegionId: home.id,
      },
    });
    expect(res.errors).toBeUndefined();
    const { account } = res.data!.register;
    expect(account.role).toBe('MEMBER');
    const [row] = await sql(t, 'SELECT role FROM account WHERE id = ?', [account.id]);
    expect(row.role).toBe('MEMBER');
    expect(await auditRows(account.id)).toEqual([]);
  });
});
