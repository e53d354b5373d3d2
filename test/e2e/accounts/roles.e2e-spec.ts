import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../src/app.factory';
import { loadConfig } from '../../../src/config/app-config';
import { AccountRole } from '../../../src/modules/accounts/account-role';
import { createAccount, signedInAccount } from '../../factories/account.factory';
import { createRegion } from '../../factories/region.factory';
import { whileLocked } from '../../utils/locks';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { expectError, sql } from '../../utils/graphql-assertions';

/**
 * Platform roles: granting and revoking ADMIN (never leaving no admin), ADMIN_EMAIL and
 * `npm run make-admin`, and the audit log that records every change.
 */

const ROOT = join(__dirname, '..', '..', '..');
const GRANT = `mutation ($input: AccountRoleInput!) { grantAdminRole(input: $input) { account { id role } } }`;
const REVOKE = `mutation ($input: AccountRoleInput!) { revokeAdminRole(input: $input) { account { id role } } }`;
const ADMINS = `{ accounts(filter: { role: ADMIN }, first: 100) { edges { node { id role } } } }`;
const ME = `{ me { id role } }`;
const AUDIT_LOG = `query ($first: Int!, $after: String, $filter: AuditLogFilter) {
  auditLog(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { id action subjectType subjectId before after requestId createdAt actor { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface AuditNode {
  id: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  createdAt: string;
  actor: { id: string } | null;
}

async function adminIds(t: TestApp, token: string): Promise<string[]> {
  const res = await t.gql(ADMINS, {}, token);
  expect(res.errors).toBeUndefined();
  return res.data!.accounts.edges.map((edge: { node: { id: string } }) => edge.node.id).sort();
}

async function roleEvents(t: TestApp, subjectId: string) {
  return sql(
    t,
    "SELECT action, actor_id, before, after, request_id FROM audit_event WHERE subject_id = ? AND action LIKE 'account.role.%' ORDER BY created_at, id",
    [subjectId],
  );
}

/** A GraphQL request with our own request id, to find it again in the audit log. */
async function gqlWithRequestId(t: TestApp, requestId: string, query: string, variables: Record<string, unknown>, token: string) {
  const res = await t.http
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${token}`)
    .set('x-request-id', requestId)
    .send({ query, variables });
  expect(res.headers['x-request-id']).toBe(requestId);
  return res.body as GraphQLResponse;
}

describe('granting and revoking the admin role', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAccount>>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });
  });
  afterAll(() => t.close());

  it('grants and revokes, with visible effects and one audit event per change', async () => {
    const member = await signedInAccount(t);
    expect(await adminIds(t, admin.token)).toEqual([admin.account.id]);

    const grantRequest = `grant-${randomBytes(4).toString('hex')}`;
    const granted = await gqlWithRequestId(t, grantRequest, GRANT, { input: { accountId: member.account.id } }, admin.token);
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.grantAdminRole.account).toEqual({ id: member.account.id, role: 'ADMIN' });
    expect(await adminIds(t, admin.token)).toEqual([admin.account.id, member.account.id].sort());
    expect((await t.gql(ME, {}, member.token)).data!.me.role).toBe('ADMIN');
    expect(await roleEvents(t, member.account.id)).toEqual([
      {
        action: 'account.role.granted',
        actor_id: admin.account.id,
        before: { role: 'MEMBER' },
        after: { role: 'ADMIN' },
        request_id: grantRequest,
      },
    ]);

    const revokeRequest = `revoke-${randomBytes(4).toString('hex')}`;
    const revoked = await gqlWithRequestId(t, revokeRequest, REVOKE, { input: { accountId: member.account.id } }, admin.token);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeAdminRole.account).toEqual({ id: member.account.id, role: 'MEMBER' });
    expect(await adminIds(t, admin.token)).toEqual([admin.account.id]);
    expect((await t.gql(ME, {}, member.token)).data!.me.role).toBe('MEMBER');
    expect((await roleEvents(t, member.account.id))[1]).toEqual({
      action: 'account.role.revoked',
      actor_id: admin.account.id,
      before: { role: 'ADMIN' },
      after: { role: 'MEMBER' },
      request_id: revokeRequest,
    });
    expect(await roleEvents(t, member.account.id)).toHaveLength(2);
  });

  it('changes nothing and records nothing when the role is already the one asked for', async () => {
    const other = await createAccount(t.em(), { role: AccountRole.ADMIN });
    const grantAgain = await t.expectUnchanged(() => t.gql(GRANT, { input: { accountId: other.id } }, admin.token));
    expect(grantAgain.errors).toBeUndefined();
    expect(grantAgain.data!.grantAdminRole.account).toEqual({ id: other.id, role: 'ADMIN' });

    const member = await createAccount(t.em());
    const revokeAgain = await t.expectUnchanged(() => t.gql(REVOKE, { input: { accountId: member.id } }, admin.token));
    expect(revokeAgain.errors).toBeUndefined();
    expect(revokeAgain.data!.revokeAdminRole.account).toEqual({ id: member.id, role: 'MEMBER' });

    // Leave a single admin for the other tests.
    expect((await t.gql(REVOKE, { input: { accountId: other.id } }, admin.token)).errors).toBeUndefined();
  });

  it.each([
    ['grantAdminRole', GRANT],
    ['revokeAdminRole', REVOKE],
  ])('%s: refuses a member (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED), changing nothing', async (_name, mutation) => {
    const member = await signedInAccount(t);
    const target = await createAccount(t.em(), { role: mutation === REVOKE ? AccountRole.ADMIN : AccountRole.MEMBER });
    for (const accountId of [target.id, member.account.id, admin.account.id]) {
      const forbidden = await t.expectUnchanged(() => t.gql(mutation, { input: { accountId } }, member.token));
      expectError(forbidden, 'FORBIDDEN');
      const anonymous = await t.expectUnchanged(() => t.gql(mutation, { input: { accountId } }));
      expectError(anonymous, 'UNAUTHENTICATED');
    }
    if (mutation === REVOKE) expect((await t.gql(REVOKE, { input: { accountId: target.id } }, admin.token)).errors).toBeUndefined();
  });

  it.each([
    ['grantAdminRole', GRANT],
    ['revokeAdminRole', REVOKE],
  ])(
    '%s: answers NOT_FOUND for an unknown or deleted account and BAD_USER_INPUT for a malformed id, changing nothing',
    async (_name, mutation) => {
      const unknown = await t.expectUnchanged(() => t.gql(mutation, { input: { accountId: UNKNOWN_ID } }, admin.token));
      expectError(unknown, 'NOT_FOUND');

      const deleted = await createAccount(t.em());
      await sql(t, "UPDATE account SET email = NULL, deleted_at = now(), display_name = 'Deleted member' WHERE id = ?", [deleted.id]);
      const gone = await t.expectUnchanged(() => t.gql(mutation, { input: { accountId: deleted.id } }, admin.token));
      expectError(gone, 'NOT_FOUND');

      const malformed = await t.expectUnchanged(() => t.gql(mutation, { input: { accountId: 'not-a-uuid' } }, admin.token));
      expectError(malformed, 'BAD_USER_INPUT', ['input.accountId']);
    },
  );

  it("takes effect at once on the account's existing tokens", async () => {
    const member = await signedInAccount(t);
    expectError(await t.gql(ADMINS, {}, member.token), 'FORBIDDEN');

    expect((await t.gql(GRANT, { input: { accountId: member.account.id } }, admin.token)).errors).toBeUndefined();
    expect(await adminIds(t, member.token)).toContain(member.account.id);

    expect((await t.gql(REVOKE, { input: { accountId: member.account.id } }, admin.token)).errors).toBeUndefined();
    expectError(await t.gql(ADMINS, {}, member.token), 'FORBIDDEN');
    expectError(await t.gql(GRANT, { input: { accountId: member.account.id } }, member.token), 'FORBIDDEN');
  });
});

describe('the last admin', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('cannot revoke their own role; with two admins one may revoke the other, and the remaining one cannot step down', async () => {
    const first = await signedInAccount(t, { role: AccountRole.ADMIN });
    const alone = await t.expectUnchanged(() => t.gql(REVOKE, { input: { accountId: first.account.id } }, first.token));
    expectError(alone, 'PRECONDITION_FAILED');

    const second = await signedInAccount(t);
    expect((await t.gql(GRANT, { input: { accountId: second.account.id } }, first.token)).errors).toBeUndefined();
    const revoked = await t.gql(REVOKE, { input: { accountId: first.account.id } }, second.token);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeAdminRole.account).toEqual({ id: first.account.id, role: 'MEMBER' });
    expect(await adminIds(t, second.token)).toEqual([second.account.id]);
    expectError(await t.gql(ADMINS, {}, first.token), 'FORBIDDEN');

    const last = await t.expectUnchanged(() => t.gql(REVOKE, { input: { accountId: second.account.id } }, second.token));
    expectError(last, 'PRECONDITION_FAILED');
  });
});

describe('two admins revoking each other at the same moment', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps one admin (five rounds, each with exactly two admins)', async () => {
    const keeper = await signedInAccount(t, { role: AccountRole.ADMIN });
    let pair = [{ id: keeper.account.id, token: keeper.token }];

    for (let round = 0; round < 5; round += 1) {
      const newcomer = await signedInAccount(t, { role: AccountRole.ADMIN });
      pair = [pair[0], { id: newcomer.account.id, token: newcomer.token }];
      expect((await sql(t, "SELECT id FROM account WHERE role = 'ADMIN' ORDER BY id")).map((row) => row.id)).toEqual(
        pair.map((admin) => admin.id).sort(),
      );
      const eventsBefore = (await sql(t, "SELECT id FROM audit_event WHERE action = 'account.role.revoked'")).length;

      const results = await Promise.all([
        t.gql(REVOKE, { input: { accountId: pair[1].id } }, pair[0].token),
        t.gql(REVOKE, { input: { accountId: pair[0].id } }, pair[1].token),
      ]);
      const remaining = await sql(t, "SELECT id FROM account WHERE role = 'ADMIN'");
      expect(remaining).toHaveLength(1);
      const winners = results.filter((res) => !res.errors);
      expect(winners).toHaveLength(1);
      const loser = results.find((res) => res.errors)!;
      expect(['PRECONDITION_FAILED', 'FORBIDDEN']).toContain(loser.errors![0].extensions?.code);
      expect((await sql(t, "SELECT id FROM audit_event WHERE action = 'account.role.revoked'")).length).toBe(eventsBefore + 1);

      pair = [pair.find((admin) => admin.id === remaining[0].id)!];
    }
  });
});

describe('an admin revoked while their own change waits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  // B's grant passed the admins-only check, then waits for the admins' rows behind A, who revokes
  // B: once it has the rows, B is no admin any more, so it may grant nothing.
  it('may grant nobody the role', async () => {
    const [a, b] = [await signedInAccount(t, { role: AccountRole.ADMIN }), await signedInAccount(t, { role: AccountRole.ADMIN })];
    const friend = await signedInAccount(t);
    const [revoked, granted] = await whileLocked(
      t,
      "SELECT id FROM account WHERE role = 'ADMIN' FOR UPDATE",
      [],
      async (lockWaiters, release) => {
        const revocation = t.gql(REVOKE, { input: { accountId: b.account.id } }, a.token);
        await lockWaiters(1);
        const grant = t.gql(GRANT, { input: { accountId: friend.account.id } }, b.token);
        await lockWaiters(2);
        await release();
        return Promise.all([revocation, grant]);
      },
    );
    expect(revoked.errors).toBeUndefined();
    expectError(granted, 'FORBIDDEN');
    const [row] = await sql(t, 'SELECT role FROM account WHERE id = ?', [friend.account.id]);
    expect(row.role).toBe('MEMBER');
  });
});

describe('ADMIN_EMAIL', () => {
  const bossEmail = 'boss@example.org';
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_EMAIL: bossEmail });
  });
  afterAll(() => t.close());

  /** Boots another instance of the API on the same database, as a restart would, and closes it. */
  async function restartWith(env: Record<string, string>): Promise<void> {
    const outboxDir = await mkdtemp(join(tmpdir(), 'hometown-outbox-'));
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_POOL_MAX: '2', MAIL_OUTBOX_DIR: outboxDir, ...env });
    const app = await createApp({ ...config, databaseUrl: t.databaseUrl });
    await app.close();
    await rm(outboxDir, { recursive: true, force: true });
  }

  it('makes the account that registers with that address (in any letter case) an admin; others stay members', async () => {
    const region = await createRegion(t.em());
    const register = (email: string) =>
      t.gql(`mutation ($input: RegisterInput!) { register(input: $input) { account { id role } } }`, {
        input: { email, password: 'lantern river copper 42', displayName: 'Registering', homeRegionId: region.id },
      });
    const boss = await register('Boss@Example.ORG');
    expect(boss.errors).toBeUndefined();
    expect(boss.data!.register.account.role).toBe('ADMIN');
    const events = await roleEvents(t, boss.data!.register.account.id);
    expect(events).toEqual([
      {
        action: 'account.role.granted',
        actor_id: null,
        before: { role: 'MEMBER' },
        after: { role: 'ADMIN', reason: 'ADMIN_EMAIL' },
        request_id: expect.any(String),
      },
    ]);

    const other = await register('someone.else@example.org');
    expect(other.data!.register.account.role).toBe('MEMBER');
    expect(await roleEvents(t, other.data!.register.account.id)).toEqual([]);

    // The address brought the first admin and is inert now: when its holder has made another
    // admin and left (freeing the address), whoever registers it next is a member.
    await sql(t, "UPDATE account SET role = 'ADMIN' WHERE id = ?", [other.data!.register.account.id]);
    await sql(t, "UPDATE account SET email = NULL, deleted_at = now(), role = 'MEMBER' WHERE id = ?", [boss.data!.register.account.id]);
    const again = await register(bossEmail);
    expect(again.errors).toBeUndefined();
    expect(again.data!.register.account.role).toBe('MEMBER');
    expect(await roleEvents(t, again.data!.register.account.id)).toEqual([]);
  });

  it('makes an existing account with that address the first admin at start-up, only while there is no admin, once', async () => {
    const account = await createAccount(t.em(), { email: 'founder@example.org' });
    // An admin exists (from the test above): a start leaves the address alone, even after a revoke.
    await t.expectUnchanged(() => restartWith({ ADMIN_EMAIL: 'Founder@example.org' }));
    await sql(t, "UPDATE account SET role = 'MEMBER' WHERE role = 'ADMIN'");
    await restartWith({ ADMIN_EMAIL: 'Founder@example.org' });
    const [row] = await sql(t, 'SELECT role FROM account WHERE id = ?', [account.id]);
    expect(row.role).toBe('ADMIN');
    expect(await roleEvents(t, account.id)).toEqual([
      {
        action: 'account.role.granted',
        actor_id: null,
        before: { role: 'MEMBER' },
        after: { role: 'ADMIN', reason: 'ADMIN_EMAIL' },
        request_id: expect.any(String),
      },
    ]);

    // Another start changes nothing; nor does an address no account has.
    await t.expectUnchanged(() => restartWith({ ADMIN_EMAIL: 'founder@example.org' }));
    await t.expectUnchanged(() => restartWith({ ADMIN_EMAIL: 'nobody-here@example.org' }));
  });
});

describe('npm run make-admin', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  function makeAdmin(...args: string[]): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/database/scripts/make-admin.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code, output }));
    });
  }

  it('makes an existing account an admin, audited with no actor; a second run changes nothing', async () => {
    const account = await createAccount(t.em());
    const run = await makeAdmin(account.email!.toUpperCase());
    expect({ code: run.code, output: run.output }).toEqual({ code: 0, output: expect.stringContaining('is now an admin') });

    const [row] = await sql(t, 'SELECT role FROM account WHERE id = ?', [account.id]);
    expect(row.role).toBe('ADMIN');
    expect(await roleEvents(t, account.id)).toEqual([
      {
        action: 'account.role.granted',
        actor_id: null,
        before: { role: 'MEMBER' },
        after: { role: 'ADMIN', reason: 'make-admin' },
        request_id: expect.any(String),
      },
    ]);

    const again = await t.expectUnchanged(() => makeAdmin(account.email!));
    expect(again.code).toBe(0);
    expect(again.output).toContain('was already an admin');
  }, 120_000);

  it('exits with 1 for an address no account has, changing nothing', async () => {
    await createAccount(t.em());
    const run = await t.expectUnchanged(() => makeAdmin('nobody-at-all@example.org'));
    expect(run.code).toBe(1);
    expect(run.output).toContain('no account has the address nobody-at-all@example.org');
  }, 120_000);
});

describe('auditLog', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAccount>>;
  let member: Awaited<ReturnType<typeof signedInAccount>>;
  let deputy: Awaited<ReturnType<typeof signedInAccount>>;
  let all: AuditNode[];

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_EMAIL: 'first-admin@example.org' });
    const region = await createRegion(t.em());
    // A system event (actor null): the ADMIN_EMAIL account registering.
    const registered = await t.gql(`mutation ($input: RegisterInput!) { register(input: $input) { tokens { accessToken } } }`, {
      input: { email: 'first-admin@example.org', password: 'lantern river copper 42', displayName: 'First', homeRegionId: region.id },
    });
    expect(registered.errors).toBeUndefined();
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });
    member = await signedInAccount(t);
    deputy = await signedInAccount(t);
    // Events by two actors on several subjects.
    const steps: [string, string, string][] = [
      [GRANT, deputy.account.id, admin.token],
      [GRANT, member.account.id, deputy.token],
      [REVOKE, member.account.id, admin.token],
      [GRANT, member.account.id, admin.token],
      [REVOKE, member.account.id, deputy.token],
    ];
    for (const [mutation, accountId, token] of steps)
      expect((await t.gql(mutation, { input: { accountId } }, token)).errors).toBeUndefined();
    const res = await t.gql(AUDIT_LOG, { first: 100 }, admin.token);
    expect(res.errors).toBeUndefined();
    all = res.data!.auditLog.edges.map((edge: { node: AuditNode }) => edge.node);
  });
  afterAll(() => t.close());

  const list = async (filter: Record<string, unknown>) => {
    const res = await t.gql(AUDIT_LOG, { first: 100, filter }, admin.token);
    expect(res.errors).toBeUndefined();
    return res.data!.auditLog.edges.map((edge: { node: AuditNode }) => edge.node) as AuditNode[];
  };

  it('refuses members (FORBIDDEN) and anonymous callers (UNAUTHENTICATED), changing nothing', async () => {
    const forbidden = await t.expectUnchanged(() => t.gql(AUDIT_LOG, { first: 10 }, member.token));
    expectError(forbidden, 'FORBIDDEN');
    expect(forbidden.data).toBeNull();
    const anonymous = await t.expectUnchanged(() => t.gql(AUDIT_LOG, { first: 10 }));
    expectError(anonymous, 'UNAUTHENTICATED');
  });

  it('lists every event, newest first, as stored', async () => {
    const rows = await sql(t, 'SELECT id, action, subject_id, actor_id FROM audit_event ORDER BY created_at DESC, id DESC');
    expect(rows).toHaveLength(6);
    expect(all.map((event) => event.id)).toEqual(rows.map((row) => row.id));
    const times = all.map((event) => Date.parse(event.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.map((event) => [event.action, event.subjectId, event.actor?.id ?? null])).toEqual(
      rows.map((row) => [row.action, row.subject_id, row.actor_id]),
    );
    // The oldest is the system's (no actor); the newest, the deputy's revocation.
    expect(all[all.length - 1]).toMatchObject({
      action: 'account.role.granted',
      actor: null,
      after: { role: 'ADMIN', reason: 'ADMIN_EMAIL' },
    });
    expect(all[0]).toMatchObject({
      action: 'account.role.revoked',
      subjectType: 'Account',
      subjectId: member.account.id,
      actor: { id: deputy.account.id },
      before: { role: 'ADMIN' },
      after: { role: 'MEMBER' },
    });
    expect(all.every((event) => typeof event.requestId === 'string' && event.requestId.length > 0)).toBe(true);
  });

  it('filters by actor, subject, action, and time', async () => {
    const byDeputy = await list({ actorId: deputy.account.id });
    expect(byDeputy.map((event) => event.id)).toEqual(
      all.filter((event) => event.actor?.id === deputy.account.id).map((event) => event.id),
    );
    expect(byDeputy).toHaveLength(2);

    const aboutMember = await list({ subjectId: member.account.id });
    expect(aboutMember.map((event) => event.id)).toEqual(
      all.filter((event) => event.subjectId === member.account.id).map((event) => event.id),
    );
    expect(aboutMember).toHaveLength(4);

    const revocations = await list({ action: 'account.role.revoked' });
    expect(revocations.map((event) => event.id)).toEqual(
      all.filter((event) => event.action === 'account.role.revoked').map((event) => event.id),
    );
    expect(revocations).toHaveLength(2);

    const combined = await list({ actorId: admin.account.id, subjectId: member.account.id, action: 'account.role.granted' });
    expect(combined).toHaveLength(1);

    expect(await list({ actorId: member.account.id })).toEqual([]);

    const pivot = all[2].createdAt;
    const from = await list({ from: pivot });
    expect(from.map((event) => event.id)).toEqual(all.filter((event) => event.createdAt >= pivot).map((event) => event.id));
    expect(from.map((event) => event.id)).toContain(all[2].id);
    const to = await list({ to: pivot });
    expect(to.map((event) => event.id)).toEqual(all.filter((event) => event.createdAt < pivot).map((event) => event.id));
    expect(to.map((event) => event.id)).not.toContain(all[2].id);
    expect(from.length + to.length).toBe(all.length);

    // Any ISO-8601 offset on input.
    const offset = new Date(Date.parse(all[all.length - 1].createdAt)).toISOString().replace('Z', '+00:00');
    expect((await list({ from: offset })).length).toBe(all.length);
    expect(await list({ to: offset })).toEqual([]);

    const badId = await t.expectUnchanged(() => t.gql(AUDIT_LOG, { first: 10, filter: { actorId: 'nope' } }, admin.token));
    expectError(badId, 'BAD_USER_INPUT', ['filter.actorId']);
    const badTime = await t.expectUnchanged(() => t.gql(AUDIT_LOG, { first: 10, filter: { from: 'yesterday' } }, admin.token));
    expectError(badTime, 'BAD_USER_INPUT');
    expect(badTime.errors![0].message).toContain('filter.from');
  });

  it('walks every event one at a time without duplicates or gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const res: GraphQLResponse = await t.gql(AUDIT_LOG, { first: 1, after }, admin.token);
      expect(res.errors).toBeUndefined();
      const connection: Record<string, any> = res.data!.auditLog;
      expect(connection.edges.length).toBeLessThanOrEqual(1);
      expect(connection.totalCount).toBe(all.length);
      seen.push(...connection.edges.map((edge: { node: AuditNode }) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((event) => event.id));
    expect(new Set(seen).size).toBe(all.length);
  });

  it("resolves an event's actor", async () => {
    const res = await t.gql(
      `query ($filter: AuditLogFilter) { auditLog(first: 10, filter: $filter) { edges { node { actor { id displayName role } } } } }`,
      { filter: { actorId: deputy.account.id } },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.auditLog.edges).toEqual([
      { node: { actor: { id: deputy.account.id, displayName: deputy.account.displayName, role: 'ADMIN' } } },
      { node: { actor: { id: deputy.account.id, displayName: deputy.account.displayName, role: 'ADMIN' } } },
    ]);
  });
});
