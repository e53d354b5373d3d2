import { AccountRole } from '../../../src/modules/accounts/account-role';
import { createAccount, signIn, signedInAccount, TEST_PASSWORD } from '../../factories/account.factory';
import { categoriesBySlug } from '../../factories/business.factory';
import { createRegion } from '../../factories/region.factory';
import { whileLocked } from '../../utils/locks';
import { seedDemo } from '../../utils/seed';
import { createTestApp, TestApp } from '../../utils/test-app';
import { expectError, ISO_INSTANT, sql } from '../../utils/graphql-assertions';

/** What Hometown gives a member about themselves (`exportMyData`), and deleting an account. */

const EXPORT = `{ exportMyData { exportedAt data } }`;
const DELETE = `mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { deletedAccountId } }`;
const GRANT = `mutation ($input: AccountRoleInput!) { grantAdminRole(input: $input) { account { id role } } }`;
const ME = `{ me { id } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { account { id } } }`;
const ADMINS = `{ accounts(filter: { role: ADMIN }, first: 100) { edges { node { id } } } }`;

describe('exportMyData', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
    const res = await t.expectUnchanged(() => t.gql(EXPORT));
    expectError(res, 'UNAUTHENTICATED');
    expect(res.data).toBeNull();
  });

  it("exports the viewer's account, sessions and e-mail links, and no secret", async () => {
    const region = await createRegion(t.em());
    const { account, token } = await signedInAccount(t, { homeRegion: region, displayName: 'Folake Adebayo', publicProfile: true });
    await signIn(t, account.email!);
    // Someone else's session must not show up.
    await signedInAccount(t, { homeRegion: region });
    // One link of each kind: a verification link and a reset link.
    expect((await t.gql(`mutation { requestEmailVerification { email } }`, {}, token)).errors).toBeUndefined();
    expect(
      (
        await t.gql(`mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { accepted } }`, {
          input: { email: account.email },
        })
      ).errors,
    ).toBeUndefined();
    const links = (await t.outbox()).filter((mail) => mail.to === account.email).map((mail) => /token=([\w-]+)/.exec(mail.text)![1]);
    expect(links).toHaveLength(2);

    const res = await t.expectUnchanged(() => t.gql(EXPORT, {}, token));
    expect(res.errors).toBeUndefined();
    const { exportedAt, data } = res.data!.exportMyData;
    expect(exportedAt).toMatch(ISO_INSTANT);
    expect(data.account).toMatchObject({
      id: account.id,
      email: account.email,
      displayName: 'Folake Adebayo',
      publicProfile: true,
      homeRegionId: region.id,
      role: 'MEMBER',
    });

    const sessionIds = (await sql(t, 'SELECT id FROM session WHERE account_id = ? ORDER BY created_at', [account.id])).map((row) => row.id);
    expect(sessionIds).toHaveLength(2);
    expect(data.account.sessions.map((session: { id: string }) => session.id).sort()).toEqual([...sessionIds].sort());
    for (const session of data.account.sessions) expect(session.ipAddress).toMatch(/127\.0\.0\.1|::1/);

    expect(data.account.emailLinks.map((link: { purpose: string }) => link.purpose).sort()).toEqual(['RESET_PASSWORD', 'VERIFY_EMAIL']);
    for (const link of data.account.emailLinks) {
      expect(link.email).toBe(account.email);
      expect(Object.keys(link).filter((key) => /token|hash|secret/i.test(key))).toEqual([]);
    }

    // No secret anywhere: neither the stored hashes nor the links' tokens nor the password hash.
    const exported = JSON.stringify(res.data);
    const secrets = [
      ...(await sql(t, 'SELECT secret_hash FROM account_token')).map((row) => row.secret_hash as string),
      ...(await sql(t, 'SELECT secret_hash FROM refresh_token')).map((row) => row.secret_hash as string),
      ...(await sql(t, 'SELECT password_hash FROM account WHERE id = ?', [account.id])).map((row) => row.password_hash as string),
      ...links,
    ];
    expect(secrets.length).toBeGreaterThanOrEqual(2 + 3 + 1 + 2);
    for (const secret of secrets) expect(exported).not.toContain(secret);
  });

  it("lists the viewer's audited actions: an admin who granted a role sees account.role.granted", async () => {
    const admin = await signedInAccount(t, { role: AccountRole.ADMIN });
    const member = await createAccount(t.em());
    expect((await t.gql(GRANT, { input: { accountId: member.id } }, admin.token)).errors).toBeUndefined();

    const res = await t.gql(EXPORT, {}, admin.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.exportMyData.data.account.auditedActions).toEqual([
      { action: 'account.role.granted', subjectType: 'Account', subjectId: member.id, createdAt: expect.stringMatching(ISO_INSTANT) },
    ]);

    // The subject of the change did not act: nothing of the kind in its own export.
    const grantee = await signIn(t, member.email!);
    const own = await t.gql(EXPORT, {}, grantee.accessToken);
    expect(own.data!.exportMyData.data.account.auditedActions).toEqual([]);
  });
});

describe('deleteAccount', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a wrong password (UNAUTHENTICATED), changing nothing', async () => {
    const { account, token } = await signedInAccount(t);
    const res = await t.expectUnchanged(() => t.gql(DELETE, { input: { password: 'not the password at all' } }, token));
    expectError(res, 'UNAUTHENTICATED');
    expect((await t.gql(ME, {}, token)).data!.me.id).toBe(account.id);
  });

  it('refuses an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
    const res = await t.expectUnchanged(() => t.gql(DELETE, { input: { password: TEST_PASSWORD } }));
    expectError(res, 'UNAUTHENTICATED');
  });

  it.each<[string, string, string]>([
    ['createOrganization', 'createOrganization(input: { name: "Orphaned Fund" }) { organization { id } }', 'organization'],
    ['updateProfile', 'updateProfile(input: { displayName: "Back Again", publicProfile: true }) { account { id } }', 'profile'],
  ])('leaves the rest of the operation anonymous: a later %s may not act as the deleted account', async (field, selection) => {
    const { account, token } = await signedInAccount(t, { displayName: 'Leaving Now' });
    const res = await t.gql(
      `mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { deletedAccountId } ${selection} }`,
      { input: { password: TEST_PASSWORD } },
      token,
    );
    expect(res.errors!.map((error) => [error.path, error.extensions!.code])).toEqual([[[field], 'UNAUTHENTICATED']]);
    expect(await sql(t, "SELECT id FROM organization WHERE name = 'Orphaned Fund'")).toEqual([]);
    const [row] = await sql(t, 'SELECT display_name, public_profile, deleted_at IS NOT NULL AS deleted FROM account WHERE id = ?', [
      account.id,
    ]);
    expect(row).toEqual({ display_name: expect.not.stringMatching(/Back Again|Leaving Now/), public_profile: false, deleted: true });
  });

  it('erases the personal data, ends every session and keeps an anonymous record', async () => {
    const region = await createRegion(t.em());
    const displayName = 'Temitope Leaving';
    const { account, token, refreshToken } = await signedInAccount(t, { homeRegion: region, publicProfile: true, displayName });
    const second = await signIn(t, account.email!);
    expect((await t.gql(`mutation { requestEmailVerification { email } }`, {}, token)).errors).toBeUndefined();
    await t.outbox();
    expect(await sql(t, 'SELECT id FROM account_token WHERE account_id = ?', [account.id])).toHaveLength(1);

    const listed = `query ($text: String!, $regionId: ID!) {
      members(filter: { text: $text }) { edges { node { id } } }
      region(id: $regionId) { memberCount }
    }`;
    expect((await t.gql(listed, { text: displayName, regionId: region.id })).data).toEqual({
      members: { edges: [{ node: { id: account.id } }] },
      region: { memberCount: 1 },
    });

    const res = await t.gql(DELETE, { input: { password: TEST_PASSWORD } }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.deleteAccount).toEqual({ deletedAccountId: account.id });

    const [row] = await sql(t, 'SELECT * FROM account WHERE id = ?', [account.id]);
    expect(row).toMatchObject({
      id: account.id,
      email: null,
      password_hash: null,
      home_region_id: null,
      display_name: 'Deleted member',
      public_profile: false,
      role: 'MEMBER',
    });
    expect(row.deleted_at).not.toBeNull();

    const sessions = await sql(t, 'SELECT ended_at, end_reason, ip_address, user_agent FROM session WHERE account_id = ?', [account.id]);
    expect(sessions).toHaveLength(2);
    for (const session of sessions) {
      expect(session.ended_at).not.toBeNull();
      expect(session).toMatchObject({ end_reason: 'ACCOUNT_DELETED', ip_address: null, user_agent: null });
    }
    expect(await sql(t, 'SELECT id FROM account_token WHERE account_id = ?', [account.id])).toEqual([]);

    for (const access of [token, second.accessToken]) expectError(await t.gql(ME, {}, access), 'UNAUTHENTICATED');
    const refreshed = await t.gql(`mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { tokens { accessToken } } }`, {
      input: { refreshToken },
    });
    expectError(refreshed, 'UNAUTHENTICATED');
    expectError(await t.gql(LOGIN, { input: { email: account.email, password: TEST_PASSWORD } }), 'UNAUTHENTICATED');

    const audit = await sql(t, "SELECT actor_id, subject_type FROM audit_event WHERE action = 'account.deleted' AND subject_id = ?", [
      account.id,
    ]);
    expect(audit).toEqual([{ actor_id: account.id, subject_type: 'Account' }]);

    expect((await t.gql(listed, { text: displayName, regionId: region.id })).data).toEqual({
      members: { edges: [] },
      region: { memberCount: 0 },
    });
    const everyone = await t.gql(`{ members(first: 100) { edges { node { id displayName } } } }`);
    expect(everyone.data!.members.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(account.id);

    // The address is free again: a new account, with a new id.
    const again = await t.gql(`mutation ($input: RegisterInput!) { register(input: $input) { account { id email } } }`, {
      input: { email: account.email, password: TEST_PASSWORD, displayName: 'Temitope Back', homeRegionId: region.id },
    });
    expect(again.errors).toBeUndefined();
    expect(again.data!.register.account.email).toBe(account.email);
    expect(again.data!.register.account.id).not.toBe(account.id);
    expect((await t.gql(LOGIN, { input: { email: account.email, password: TEST_PASSWORD } })).data!.login.account.id).toBe(
      again.data!.register.account.id,
    );
    // The deletion was recorded once, and stays once.
    expect(await sql(t, "SELECT id FROM audit_event WHERE action = 'account.deleted' AND subject_id = ?", [account.id])).toHaveLength(1);
  });

  it('deletes once when asked twice at the same moment: one audit event, the other request refused', async () => {
    const { account, token } = await signedInAccount(t);
    const results = await Promise.all([1, 2].map(() => t.gql(DELETE, { input: { password: TEST_PASSWORD } }, token)));
    const succeeded = results.filter((res) => !res.errors);
    expect(succeeded).toHaveLength(1);
    const refused = results.find((res) => res.errors)!;
    // The second sees a record changed under it (or, arriving later, a session that has ended).
    expect(['CONFLICT', 'UNAUTHENTICATED']).toContain(refused.errors![0].extensions?.code);
    expect(await sql(t, "SELECT id FROM audit_event WHERE action = 'account.deleted' AND subject_id = ?", [account.id])).toHaveLength(1);
  });
});

describe('deleteAccount by an admin', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses the last admin (PRECONDITION_FAILED), changing nothing; once a second admin exists, the first may go', async () => {
    const first = await signedInAccount(t, { role: AccountRole.ADMIN });
    const refused = await t.expectUnchanged(() => t.gql(DELETE, { input: { password: TEST_PASSWORD } }, first.token));
    expectError(refused, 'PRECONDITION_FAILED');
    expect((await t.gql(ME, {}, first.token)).data!.me.id).toBe(first.account.id);

    const second = await createAccount(t.em());
    expect((await t.gql(GRANT, { input: { accountId: second.id } }, first.token)).errors).toBeUndefined();

    const res = await t.gql(DELETE, { input: { password: TEST_PASSWORD } }, first.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.deleteAccount.deletedAccountId).toBe(first.account.id);
    const [row] = await sql(t, 'SELECT role, deleted_at FROM account WHERE id = ?', [first.account.id]);
    expect(row.role).toBe('MEMBER');
    expect(row.deleted_at).not.toBeNull();

    // The second is now the last admin, and is refused in turn.
    const secondToken = (await signIn(t, second.email!)).accessToken;
    expect((await t.gql(ADMINS, {}, secondToken)).data!.accounts.edges).toEqual([{ node: { id: second.id } }]);
    const last = await t.expectUnchanged(() => t.gql(DELETE, { input: { password: TEST_PASSWORD } }, secondToken));
    expectError(last, 'PRECONDITION_FAILED');
  });
});

describe('deleteAccount by the only two admins at the same moment', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('deletes one and keeps the other, the last admin (three rounds)', async () => {
    let admins = await Promise.all([1, 2].map(() => signedInAccount(t, { role: AccountRole.ADMIN })));
    for (let round = 0; round < 3; round += 1) {
      // Exactly these two are admins.
      const current = await sql(t, "SELECT id FROM account WHERE role = 'ADMIN' ORDER BY id");
      expect(current.map((row) => row.id)).toEqual(admins.map((admin) => admin.account.id).sort());

      const results = await Promise.all(admins.map((admin) => t.gql(DELETE, { input: { password: TEST_PASSWORD } }, admin.token)));
      const codes = results.map((res) => res.errors?.[0].extensions?.code ?? 'ok');
      expect([...codes].sort()).toEqual(['PRECONDITION_FAILED', 'ok']);
      const survivor = admins[codes.indexOf('PRECONDITION_FAILED')];
      expect(await sql(t, "SELECT id FROM account WHERE role = 'ADMIN' AND deleted_at IS NULL")).toEqual([{ id: survivor.account.id }]);

      admins = [survivor, await signedInAccount(t, { role: AccountRole.ADMIN })];
    }
  });
});

describe('creations sent while the account is being deleted', () => {
  let t: TestApp;
  let lagos: string;
  let bakery: string;

  beforeAll(async () => {
    t = await createTestApp();
    lagos = (await seedDemo(t.em())).get('lagos-ng')!.id;
    bakery = (await categoriesBySlug(t.em())).get('bakery')!.id;
  });
  afterAll(() => t.close());

  // The deletion has erased what the account owned and waits (on a lock on its sessions) before it
  // ends; a creation by the same account meanwhile must store nothing under the erased account.
  it.each<[string, string, () => Record<string, unknown>, string]>([
    [
      'createBusiness',
      'createBusiness(input: $input) { business { id } }',
      () => ({ name: 'Ghost Bakery', regionId: lagos, categoryIds: [bakery] }),
      'SELECT id FROM business WHERE name = $1',
    ],
    [
      'createGroup',
      'createGroup(input: $input) { group { id } }',
      () => ({ name: 'Ghost Circle', regionId: lagos }),
      'SELECT id FROM community_group WHERE name = $1',
    ],
    [
      'createOrganization',
      'createOrganization(input: $input) { organization { id } }',
      () => ({ name: 'Ghost Fund' }),
      'SELECT id FROM organization WHERE name = $1',
    ],
  ])('%s is refused (UNAUTHENTICATED) and stores nothing', async (mutation, selection, input, stored) => {
    const leaving = await signedInAccount(t);
    const inputType = `Create${mutation.slice('create'.length)}Input`;
    const [deleted, created] = await whileLocked(
      t,
      'SELECT id FROM session WHERE account_id = $1 FOR UPDATE',
      [leaving.account.id],
      async (lockWaiters, release) => {
        const deletion = t.gql(DELETE, { input: { password: TEST_PASSWORD } }, leaving.token);
        await lockWaiters(1);
        const creation = t.gql(`mutation ($input: ${inputType}!) { ${selection} }`, { input: input() }, leaving.token);
        await Promise.race([creation, lockWaiters(2)]);
        await release();
        return Promise.all([deletion, creation]);
      },
    );
    expect(deleted.errors).toBeUndefined();
    expectError(created, 'UNAUTHENTICATED');
    const name = input().name as string;
    expect(await sql(t, stored.replace('$1', '?'), [name])).toEqual([]);
  });
});
