import { randomBytes, randomUUID } from 'node:crypto';
import { createAccount, signedInAccount, signIn } from '../../factories/account.factory';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { sql } from '../../utils/graphql-assertions';

const REFRESH = `mutation ($input: RefreshTokenInput!) {
  refreshToken(input: $input) { tokens { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt } }
}`;
const ME = '{ me { id } }';
const LOGOUT = 'mutation { logout { sessionId } }';
const LOGOUT_EVERYWHERE = 'mutation { logoutEverywhere { endedSessions } }';

const errorCode = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
const sidOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sid;

describe('sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const refresh = (refreshToken: string) => t.gql(REFRESH, { input: { refreshToken } });
  const meOf = async (token: string) => {
    const res = await t.gql(ME, {}, token);
    return res.errors ? errorCode(res) : res.data!.me.id;
  };
  const sessionRow = async (id: string) => (await sql(t, 'SELECT ended_at, end_reason FROM session WHERE id = ?', [id]))[0];

  describe('refreshToken', () => {
    it('rotates: new tokens for the same session, and the old refresh token is refused afterwards', async () => {
      const { account, token, refreshToken } = await signedInAccount(t);
      const res = await refresh(refreshToken);
      expect(res.errors).toBeUndefined();
      const tokens = res.data!.refreshToken.tokens;
      expect(tokens.refreshToken).not.toBe(refreshToken);
      expect(tokens.refreshToken).toMatch(/^[0-9a-f-]{36}\.[\w-]{43}$/);
      expect(sidOf(tokens.accessToken)).toBe(sidOf(token));
      expect(await meOf(tokens.accessToken)).toBe(account.id);
      const [old] = await sql(t, 'SELECT used_at FROM refresh_token WHERE id = ?', [refreshToken.split('.')[0]]);
      expect(old.used_at).not.toBeNull();

      const again = await refresh(refreshToken);
      expect(again.data).toBeNull();
      expect(errorCode(again)).toBe('UNAUTHENTICATED');
    });

    it('chains: each new refresh token works once in turn', async () => {
      const { account, refreshToken } = await signedInAccount(t);
      let current = refreshToken;
      for (let i = 0; i < 3; i += 1) {
        const res = await refresh(current);
        expect(res.errors).toBeUndefined();
        current = res.data!.refreshToken.tokens.refreshToken;
        expect(await meOf(res.data!.refreshToken.tokens.accessToken)).toBe(account.id);
      }
    });

    it('treats the reuse of a used refresh token as theft: refused, and the whole session ends', async () => {
      const { account, token, refreshToken } = await signedInAccount(t);
      const other = await signIn(t, account.email!);
      const next = (await refresh(refreshToken)).data!.refreshToken.tokens;

      const reuse = await refresh(refreshToken);
      expect(errorCode(reuse)).toBe('UNAUTHENTICATED');
      expect(reuse.errors![0].message).toMatch(/already used/i);
      expect(await sessionRow(sidOf(token))).toMatchObject({ end_reason: 'REFRESH_TOKEN_REUSE' });
      expect((await sessionRow(sidOf(token))).ended_at).not.toBeNull();

      // The newest tokens of the family are dead too: the thief's and the owner's alike.
      expect(errorCode(await t.expectUnchanged(() => refresh(next.refreshToken)))).toBe('UNAUTHENTICATED');
      expect(await meOf(next.accessToken)).toBe('UNAUTHENTICATED');
      expect(await meOf(token)).toBe('UNAUTHENTICATED');
      // Another session of the same account is not affected.
      expect(await meOf(other.accessToken)).toBe(account.id);
      expect((await refresh(other.refreshToken)).errors).toBeUndefined();
    });

    it('of two simultaneous refreshes with one token, lets exactly one win and ends the session', async () => {
      const { account, token, refreshToken } = await signedInAccount(t);
      const results = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
      const winners = results.filter((res) => !res.errors);
      const losers = results.filter((res) => res.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(errorCode(losers[0])).toBe('UNAUTHENTICATED');
      expect(losers[0].data).toBeNull();

      const won = winners[0].data!.refreshToken.tokens;
      expect((await sessionRow(sidOf(token))).ended_at).not.toBeNull();
      expect(await meOf(won.accessToken)).toBe('UNAUTHENTICATED');
      expect(errorCode(await refresh(won.refreshToken))).toBe('UNAUTHENTICATED');
      expect(await meOf(token)).toBe('UNAUTHENTICATED');
      // The account itself can still sign in.
      expect(await meOf((await signIn(t, account.email!)).accessToken)).toBe(account.id);
    });

    it('refuses malformed and unknown refresh tokens, changing nothing', async () => {
      const { account, token, refreshToken } = await signedInAccount(t);
      const [id, secret] = refreshToken.split('.');
      const otherSecret = randomBytes(32).toString('base64url');
      const refused = [
        '',
        'garbage',
        'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
        `${id}.`,
        `${id}.${secret.slice(1)}`,
        `${id.toUpperCase()}.${secret}`,
        `${id}.${secret}.${secret}`,
        `${randomUUID()}.${otherSecret}`,
        `${randomUUID()}.${secret}`,
        // The right row with a wrong secret must not count as a reuse either.
        `${id}.${otherSecret}`,
      ];
      for (const presented of refused) {
        const res = await t.expectUnchanged(() => refresh(presented));
        expect({ presented, code: errorCode(res), data: res.data }).toEqual({ presented, code: 'UNAUTHENTICATED', data: null });
      }
      // None of that harmed the real session.
      expect(await meOf(token)).toBe(account.id);
      expect((await refresh(refreshToken)).errors).toBeUndefined();
    });

    it('refuses an over-long refresh token as bad input, changing nothing', async () => {
      const res = await t.expectUnchanged(() => refresh('x'.repeat(201)));
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.fieldErrors.map((e: { path: string }) => e.path)).toEqual(['input.refreshToken']);
    });

    it('refuses an expired refresh token, changing nothing', async () => {
      const { account, token, refreshToken } = await signedInAccount(t);
      await sql(t, "UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE id = ?", [refreshToken.split('.')[0]]);
      const res = await t.expectUnchanged(() => refresh(refreshToken));
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.data).toBeNull();
      // The access token of the session lives on until it expires itself.
      expect(await meOf(token)).toBe(account.id);
    });

    it('refuses the refresh token of an ended session, and of a deleted account', async () => {
      const ended = await signedInAccount(t);
      await sql(t, "UPDATE session SET ended_at = now(), end_reason = 'LOGOUT' WHERE id = ?", [sidOf(ended.token)]);
      expect(errorCode(await t.expectUnchanged(() => refresh(ended.refreshToken)))).toBe('UNAUTHENTICATED');

      const deleted = await signedInAccount(t);
      await sql(t, 'UPDATE account SET deleted_at = now() WHERE id = ?', [deleted.account.id]);
      expect(errorCode(await t.expectUnchanged(() => refresh(deleted.refreshToken)))).toBe('UNAUTHENTICATED');
    });
  });

  describe('logout', () => {
    it('ends the current session only: its tokens stop working at once, other sessions go on', async () => {
      const { account, token, refreshToken } = await signedInAccount(t);
      const other = await signIn(t, account.email!);
      const stranger = await signedInAccount(t);

      const res = await t.gql(LOGOUT, {}, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.logout.sessionId).toBe(sidOf(token));
      expect(await sessionRow(sidOf(token))).toMatchObject({ end_reason: 'LOGOUT' });

      expect(await meOf(token)).toBe('UNAUTHENTICATED');
      expect(errorCode(await refresh(refreshToken))).toBe('UNAUTHENTICATED');
      expect(await meOf(other.accessToken)).toBe(account.id);
      expect(await meOf(stranger.token)).toBe(stranger.account.id);
      expect((await sessionRow(sidOf(other.accessToken))).ended_at).toBeNull();
    });

    it('logoutEverywhere ends every session of the account and says how many', async () => {
      const { account, token } = await signedInAccount(t);
      const second = await signIn(t, account.email!);
      const third = await signIn(t, account.email!);
      // An already ended session is not counted.
      const ended = await signIn(t, account.email!);
      expect((await t.gql(LOGOUT, {}, ended.accessToken)).errors).toBeUndefined();
      const stranger = await signedInAccount(t);

      const res = await t.gql(LOGOUT_EVERYWHERE, {}, second.accessToken);
      expect(res.errors).toBeUndefined();
      expect(res.data!.logoutEverywhere.endedSessions).toBe(3);

      for (const access of [token, second.accessToken, third.accessToken]) expect(await meOf(access)).toBe('UNAUTHENTICATED');
      expect(errorCode(await refresh(third.refreshToken))).toBe('UNAUTHENTICATED');
      const [{ active }] = await sql(t, 'SELECT count(*)::int AS active FROM session WHERE account_id = ? AND ended_at IS NULL', [
        account.id,
      ]);
      expect(active).toBe(0);
      expect(await meOf(stranger.token)).toBe(stranger.account.id);
    });

    it('refuses both to an anonymous caller, changing nothing', async () => {
      await createAccount(t.em());
      for (const mutation of [LOGOUT, LOGOUT_EVERYWHERE]) {
        const res = await t.expectUnchanged(() => t.gql(mutation));
        expect(res.data).toBeNull();
        expect(errorCode(res)).toBe('UNAUTHENTICATED');
      }
    });
  });
});
