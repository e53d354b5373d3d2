import { randomUUID } from 'node:crypto';
import { AccountRole } from '../../../src/modules/accounts/account-role';
import { Region } from '../../../src/modules/regions/region.entity';
import { createAccount, signedInAccount, signIn, TEST_PASSWORD } from '../../factories/account.factory';
import { createRegion } from '../../factories/region.factory';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { sql } from '../../utils/graphql-assertions';

const ME = '{ me { id email displayName publicProfile version homeRegion { id } } }';
const UPDATE_PROFILE = `mutation ($input: UpdateProfileInput!) {
  updateProfile(input: $input) { account { id displayName publicProfile version homeRegion { id } } }
}`;
const CHANGE_PASSWORD = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { account { id sessions { id current } } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { account { id } } }`;

const errorCode = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
const fieldPaths = (res: GraphQLResponse) => [
  ...new Set((res.errors?.[0]?.extensions?.fieldErrors ?? []).map((e: { path: string }) => e.path)),
];
const sidOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sid;

describe('own account', () => {
  let t: TestApp;
  let elsewhere: Region;

  beforeAll(async () => {
    t = await createTestApp();
    elsewhere = await createRegion(t.em());
  });
  afterAll(() => t.close());

  const accountRow = async (id: string) =>
    (await sql(t, 'SELECT display_name, public_profile, home_region_id, version FROM account WHERE id = ?', [id]))[0];

  describe('me', () => {
    it('answers UNAUTHENTICATED to an anonymous caller', async () => {
      const res = await t.gql(ME);
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    });

    it('returns the signed-in account', async () => {
      const { account, token } = await signedInAccount(t, { displayName: 'Grace Hopper', publicProfile: true });
      const res = await t.gql(ME, {}, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.me).toEqual({
        id: account.id,
        email: account.email,
        displayName: 'Grace Hopper',
        publicProfile: true,
        version: 1,
        homeRegion: { id: account.homeRegion!.id },
      });
    });
  });

  describe('updateProfile', () => {
    it('changes the display name, home region and visibility, and bumps the version', async () => {
      const { account, token } = await signedInAccount(t, { displayName: 'Before' });
      const res = await t.gql(
        UPDATE_PROFILE,
        { input: { displayName: '  After  ', homeRegionId: elsewhere.id, publicProfile: true, expectedVersion: 1 } },
        token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateProfile.account).toEqual({
        id: account.id,
        displayName: 'After',
        publicProfile: true,
        version: 2,
        homeRegion: { id: elsewhere.id },
      });
      expect(await accountRow(account.id)).toEqual({
        display_name: 'After',
        public_profile: true,
        home_region_id: elsewhere.id,
        version: 2,
      });
      expect((await t.gql(ME, {}, token)).data!.me).toMatchObject({ displayName: 'After', version: 2, homeRegion: { id: elsewhere.id } });
    });

    it('leaves omitted fields as they are', async () => {
      const { account, token } = await signedInAccount(t, { displayName: 'Keeps Name', publicProfile: true });
      const res = await t.gql(UPDATE_PROFILE, { input: { publicProfile: false } }, token);
      expect(res.errors).toBeUndefined();
      expect(await accountRow(account.id)).toEqual({
        display_name: 'Keeps Name',
        public_profile: false,
        home_region_id: account.homeRegion!.id,
        version: 2,
      });
    });

    it('refuses a stale expectedVersion with CONFLICT, changing nothing', async () => {
      const { account, token } = await signedInAccount(t);
      expect((await t.gql(UPDATE_PROFILE, { input: { displayName: 'First edit' } }, token)).errors).toBeUndefined();
      const res = await t.expectUnchanged(() => t.gql(UPDATE_PROFILE, { input: { displayName: 'Stale edit', expectedVersion: 1 } }, token));
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('CONFLICT');
      expect((await accountRow(account.id)).display_name).toBe('First edit');
    });

    it('treats a null expectedVersion like an omitted one (no version check)', async () => {
      const { account, token } = await signedInAccount(t);
      const res = await t.gql(
        `mutation ($v: Int) { updateProfile(input: { displayName: "No check", expectedVersion: $v }) { account { version } } }`,
        { v: null },
        token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateProfile.account.version).toBe(2);
      expect((await accountRow(account.id)).display_name).toBe('No check');
    });

    const invalid: [string, Record<string, unknown>, string][] = [
      ['a blank display name', { displayName: '   ' }, 'input.displayName'],
      ['an 81-character display name', { displayName: 'x'.repeat(81) }, 'input.displayName'],
      ['a null display name', { displayName: null }, 'input.displayName'],
      ['a null visibility', { publicProfile: null }, 'input.publicProfile'],
      ['a home region id that is not a UUID', { homeRegionId: 'lagos' }, 'input.homeRegionId'],
      ['a home region id of no region', { homeRegionId: randomUUID() }, 'input.homeRegionId'],
      ['a null home region', { homeRegionId: null }, 'input.homeRegionId'],
      ['an expectedVersion of 0', { expectedVersion: 0 }, 'input.expectedVersion'],
    ];
    it.each(invalid)('refuses %s with BAD_USER_INPUT, changing nothing', async (_name, input, path) => {
      const { token } = await signedInAccount(t);
      const res = await t.expectUnchanged(() => t.gql(UPDATE_PROFILE, { input: { displayName: 'Would change', ...input } }, token));
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(fieldPaths(res)).toEqual([path]);
    });

    it('refuses an anonymous caller, changing nothing', async () => {
      await createAccount(t.em());
      const res = await t.expectUnchanged(() => t.gql(UPDATE_PROFILE, { input: { displayName: 'Nobody' } }));
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    });
  });

  describe('changePassword', () => {
    const NEW_PASSWORD = 'a brand new and long passphrase';

    it('refuses a wrong current password with UNAUTHENTICATED, changing nothing', async () => {
      const { account, token } = await signedInAccount(t);
      const other = await signIn(t, account.email!);
      const res = await t.expectUnchanged(() =>
        t.gql(CHANGE_PASSWORD, { input: { currentPassword: 'not my password', newPassword: NEW_PASSWORD } }, token),
      );
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      // Still signed in, on both sessions, with the old password.
      expect((await t.gql(ME, {}, token)).data!.me.id).toBe(account.id);
      expect((await t.gql(ME, {}, other.accessToken)).data!.me.id).toBe(account.id);
    });

    it.each([
      ['too short', 'short1'],
      ['too long', 'ab1'.repeat(43)],
      ['common', 'password123'],
      ['the e-mail address', ''],
    ])('refuses a new password that is %s with BAD_USER_INPUT on input.newPassword, changing nothing', async (_name, newPassword) => {
      const { account, token } = await signedInAccount(t);
      const res = await t.expectUnchanged(() =>
        t.gql(CHANGE_PASSWORD, { input: { currentPassword: TEST_PASSWORD, newPassword: newPassword || account.email } }, token),
      );
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(fieldPaths(res)).toEqual(['input.newPassword']);
    });

    it('changes the password and ends the other sessions, keeping the current one', async () => {
      const { account, token } = await signedInAccount(t);
      const other = await signIn(t, account.email!);
      const stranger = await signedInAccount(t);

      const res = await t.gql(CHANGE_PASSWORD, { input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.changePassword.account).toEqual({ id: account.id, sessions: [{ id: sidOf(token), current: true }] });

      expect((await t.gql(ME, {}, token)).data!.me.id).toBe(account.id);
      expect(errorCode(await t.gql(ME, {}, other.accessToken))).toBe('UNAUTHENTICATED');
      const refreshed = await t.gql(`mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { tokens { accessToken } } }`, {
        input: { refreshToken: other.refreshToken },
      });
      expect(errorCode(refreshed)).toBe('UNAUTHENTICATED');
      const [ended] = await sql(t, 'SELECT end_reason FROM session WHERE id = ?', [sidOf(other.accessToken)]);
      expect(ended.end_reason).toBe('PASSWORD_CHANGED');
      expect((await t.gql(ME, {}, stranger.token)).data!.me.id).toBe(stranger.account.id);

      const withOld = await t.gql(LOGIN, { input: { email: account.email, password: TEST_PASSWORD } });
      expect(errorCode(withOld)).toBe('UNAUTHENTICATED');
      const withNew = await t.gql(LOGIN, { input: { email: account.email, password: NEW_PASSWORD } });
      expect(withNew.errors).toBeUndefined();
      expect(withNew.data!.login.account.id).toBe(account.id);
    });

    it('refuses an anonymous caller, changing nothing', async () => {
      await createAccount(t.em());
      const res = await t.expectUnchanged(() =>
        t.gql(CHANGE_PASSWORD, { input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } }),
      );
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    });
  });

  describe('field guards', () => {
    it("shows an admin other accounts' e-mails but not their sessions (FORBIDDEN on each sessions field)", async () => {
      const admin = await signedInAccount(t, { role: AccountRole.ADMIN });
      const member = await signedInAccount(t);
      const res = await t.gql(
        `query ($filter: AccountFilter) { accounts(first: 100, filter: $filter) { edges { node { id email role sessions { id } } } } }`,
        {},
        admin.token,
      );
      const edges: { node: { id: string; email: string; role: string; sessions: { id: string }[] | null } }[] = res.data!.accounts.edges;
      const index = edges.findIndex((edge) => edge.node.id === member.account.id);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(edges[index].node).toEqual({ id: member.account.id, email: member.account.email, role: 'MEMBER', sessions: null });
      const memberError = res.errors?.find(
        (error) => JSON.stringify(error.path) === JSON.stringify(['accounts', 'edges', index, 'node', 'sessions']),
      );
      expect(memberError?.extensions?.code).toBe('FORBIDDEN');

      // Every other account's sessions are refused alike, and only those.
      const others = edges.filter((edge) => edge.node.id !== admin.account.id);
      expect(others.every((edge) => edge.node.sessions === null && edge.node.email !== null)).toBe(true);
      expect(res.errors).toHaveLength(others.length);
      for (const error of res.errors!) {
        expect(error.extensions?.code).toBe('FORBIDDEN');
        expect(error.path?.[error.path.length - 1]).toBe('sessions');
      }
      // The admin's own sessions are its own business.
      const own = edges.find((edge) => edge.node.id === admin.account.id)!;
      expect(own.node.sessions).toEqual([{ id: sidOf(admin.token) }]);
    });

    it('refuses the account list to a member', async () => {
      const { token } = await signedInAccount(t);
      const res = await t.gql('{ accounts(first: 5) { edges { node { id email } } } }', {}, token);
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('FORBIDDEN');
    });

    it('lists the viewer its own sessions, exactly one of them current', async () => {
      const { account, token } = await signedInAccount(t);
      const second = await signIn(t, account.email!);
      const ended = await signIn(t, account.email!);
      expect((await t.gql('mutation { logout { sessionId } }', {}, ended.accessToken)).errors).toBeUndefined();

      const res = await t.gql('{ me { sessions { id current createdAt lastUsedAt } } }', {}, second.accessToken);
      expect(res.errors).toBeUndefined();
      const sessions: { id: string; current: boolean }[] = res.data!.me.sessions;
      expect(sessions.map((session) => session.id).sort()).toEqual([sidOf(token), sidOf(second.accessToken)].sort());
      expect(sessions.filter((session) => session.current)).toEqual([expect.objectContaining({ id: sidOf(second.accessToken) })]);
    });
  });
});
