import { TEST_PASSWORD } from '../../factories/account.factory';
import { whileLocked } from '../../utils/locks';
import { createTestApp, TestApp } from '../../utils/test-app';
import {
  ADD_STAFF,
  auditOf,
  CREATE_ORG,
  createOrganization,
  createWorld,
  expectError,
  expectOk,
  MY_ORGANIZATIONS,
  NOT_UUID,
  ok,
  ORGANIZATION,
  ORGANIZATIONS,
  REMOVE_STAFF,
  SignedIn,
  sql,
  suffix,
  UNKNOWN_ID,
  UPDATE_ORG,
  VERIFY_ORG,
  verifyOrganization,
  World,
} from './grants-fixture';

const MY_ORGANIZATIONS_FILTERED = `query ($filter: OrganizationFilter) { myOrganizations(filter: $filter) { edges { node { id } } } }`;

/** Organizations: creation, staff (owners and managers), verification by admins, and the lists. */

describe('organizations', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t);
  });
  afterAll(() => t.close());

  const staffOf = (organizationId: string) =>
    sql<{ account_id: string; role: string }>(
      t,
      'SELECT account_id, role FROM organization_member WHERE organization_id = ? ORDER BY role, account_id',
      [organizationId],
    );

  /** An organization with an owner and a manager. */
  async function staffed(): Promise<{ owner: SignedIn; manager: SignedIn; organization: Record<string, any> }> {
    const owner = await world.member();
    const manager = await world.member();
    const organization = await createOrganization(t, owner.token);
    await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id, role: 'MANAGER' } }, owner.token);
    return { owner, manager, organization };
  }

  describe('createOrganization', () => {
    it('lets any member create one and become its only OWNER, audited once', async () => {
      const owner = await world.member({ displayName: 'Ngozi Founder' });
      const slug = `lagos-fund-${suffix()}`;
      const res = await t.gql(
        CREATE_ORG,
        {
          input: {
            name: '  Lagos Community Fund ',
            slug,
            description: 'Small grants for Lagos',
            website: 'https://fund.example.org',
            logoUrl: 'https://fund.example.org/logo.png',
          },
        },
        owner.token,
      );
      const organization = expectOk(res).createOrganization.organization;
      expect(organization).toMatchObject({
        slug,
        name: 'Lagos Community Fund',
        description: 'Small grants for Lagos',
        website: 'https://fund.example.org',
        logoUrl: 'https://fund.example.org/logo.png',
        verifiedAt: null,
        version: 1,
        staff: [{ accountId: owner.account.id, displayName: 'Ngozi Founder', role: 'OWNER' }],
        viewerCan: { manage: true, manageStaff: true },
      });
      expect(await staffOf(organization.id)).toEqual([{ account_id: owner.account.id, role: 'OWNER' }]);
      expect(await auditOf(t, organization.id)).toEqual([
        {
          action: 'organization.member.added',
          actor_id: owner.account.id,
          subject_type: 'Organization',
          before: null,
          after: { accountId: owner.account.id, role: 'OWNER', reason: 'created the organization' },
        },
      ]);
    });

    it('derives the slug from the name when none is given', async () => {
      const owner = await world.member();
      const tag = suffix();
      const organization = await createOrganization(t, owner.token, { name: `Ọ̀yọ́ Trust ${tag}` });
      expect(organization.slug).toMatch(new RegExp(`^[a-z0-9]+(-[a-z0-9]+)*-${tag}$`));
    });

    it('refuses an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
      const res = await t.expectUnchanged(() => t.gql(CREATE_ORG, { input: { name: 'Anonymous Fund' } }));
      expectError(res, 'UNAUTHENTICATED');
    });

    it('refuses invalid fields (BAD_USER_INPUT at each path), changing nothing', async () => {
      const member = await world.member();
      const res = await t.expectUnchanged(() =>
        t.gql(
          CREATE_ORG,
          {
            input: {
              name: '   ',
              slug: 'Not A Slug',
              description: 'x'.repeat(5001),
              website: 'ftp://fund.example.org',
              logoUrl: 'http://fund.example.org/logo.png',
            },
          },
          member.token,
        ),
      );
      expectError(res, 'BAD_USER_INPUT', ['input.name', 'input.slug', 'input.description', 'input.website', 'input.logoUrl']);
    });

    it('refuses a slug that is taken (CONFLICT on input.slug), changing nothing', async () => {
      const first = await world.member();
      const second = await world.member();
      const slug = `taken-${suffix()}`;
      await createOrganization(t, first.token, { slug });
      const res = await t.expectUnchanged(() => t.gql(CREATE_ORG, { input: { name: 'Copycat', slug } }, second.token));
      expectError(res, 'CONFLICT', ['input.slug']);
    });
  });

  describe('updateOrganization', () => {
    it('lets owners and managers edit; null clears the website', async () => {
      const { owner, manager, organization } = await staffed();
      const byOwner = expectOk(
        await t.gql(
          UPDATE_ORG,
          { input: { id: organization.id, name: 'Renamed Fund', expectedVersion: organization.version } },
          owner.token,
        ),
      ).updateOrganization.organization;
      expect(byOwner).toMatchObject({ name: 'Renamed Fund', version: organization.version + 1 });
      const byManager = expectOk(
        await t.gql(UPDATE_ORG, { input: { id: organization.id, description: 'New words', website: null } }, manager.token),
      ).updateOrganization.organization;
      expect(byManager).toMatchObject({ name: 'Renamed Fund', description: 'New words', website: null });
      expect(await sql(t, 'SELECT name, description, website FROM organization WHERE id = ?', [organization.id])).toEqual([
        { name: 'Renamed Fund', description: 'New words', website: null },
      ]);
    });

    it('refuses a member who is not on the staff (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
      const { organization } = await staffed();
      const stranger = await world.member();
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_ORG, { input: { id: organization.id, name: 'Hijacked' } }, stranger.token)),
        'FORBIDDEN',
      );
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_ORG, { input: { id: organization.id, name: 'Hijacked' } })),
        'UNAUTHENTICATED',
      );
      // Admins do not run organizations they are not on the staff of.
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_ORG, { input: { id: organization.id, name: 'Hijacked' } }, world.admin.token)),
        'FORBIDDEN',
      );
    });

    it('answers NOT_FOUND for an unknown organization, CONFLICT for a stale version, BAD_USER_INPUT for bad fields; nothing changes', async () => {
      const { owner, organization } = await staffed();
      expectError(await t.expectUnchanged(() => t.gql(UPDATE_ORG, { input: { id: UNKNOWN_ID, name: 'X' } }, owner.token)), 'NOT_FOUND');
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_ORG, { input: { id: organization.id, name: 'X', expectedVersion: 99 } }, owner.token)),
        'CONFLICT',
      );
      expectError(
        await t.expectUnchanged(() =>
          t.gql(
            UPDATE_ORG,
            { input: { id: organization.id, name: null, website: 'not a url', logoUrl: 'ftp://x.org/a.png' } },
            owner.token,
          ),
        ),
        'BAD_USER_INPUT',
        ['input.name', 'input.website', 'input.logoUrl'],
      );
    });
  });

  describe('staff', () => {
    it('lets an owner add a manager and another owner, each audited exactly once', async () => {
      const owner = await world.member();
      const manager = await world.member({ displayName: 'Mary Manager' });
      const coOwner = await world.member();
      const organization = await createOrganization(t, owner.token);
      await sql(t, 'DELETE FROM audit_event WHERE subject_id = ?', [organization.id]);

      const added = expectOk(
        await t.gql(ADD_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id, role: 'MANAGER' } }, owner.token),
      ).addOrganizationMember.organization;
      expect(added.staff).toEqual([
        { accountId: owner.account.id, displayName: owner.account.displayName, role: 'OWNER' },
        { accountId: manager.account.id, displayName: 'Mary Manager', role: 'MANAGER' },
      ]);
      await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: coOwner.account.id, role: 'OWNER' } }, owner.token);

      expect(await auditOf(t, organization.id)).toEqual([
        {
          action: 'organization.member.added',
          actor_id: owner.account.id,
          subject_type: 'Organization',
          before: null,
          after: { accountId: manager.account.id, role: 'MANAGER' },
        },
        {
          action: 'organization.member.added',
          actor_id: owner.account.id,
          subject_type: 'Organization',
          before: null,
          after: { accountId: coOwner.account.id, role: 'OWNER' },
        },
      ]);
      const roles = [
        { account_id: owner.account.id, role: 'OWNER' },
        { account_id: coOwner.account.id, role: 'OWNER' },
        { account_id: manager.account.id, role: 'MANAGER' },
      ];
      expect(await staffOf(organization.id)).toEqual(
        [...roles].sort((a, b) => (a.role === b.role ? a.account_id.localeCompare(b.account_id) : a.role === 'OWNER' ? -1 : 1)),
      );

      // What each sees they may do.
      const asManager = expectOk(await t.gql(ORGANIZATION, { slug: organization.slug }, manager.token)).organization;
      expect(asManager.viewerCan).toEqual({ manage: true, manageStaff: false });
      const asCoOwner = expectOk(await t.gql(ORGANIZATION, { slug: organization.slug }, coOwner.token)).organization;
      expect(asCoOwner.viewerCan).toEqual({ manage: true, manageStaff: true });
      const anonymous = expectOk(await t.gql(ORGANIZATION, { slug: organization.slug })).organization;
      expect(anonymous.viewerCan).toEqual({ manage: false, manageStaff: false });
    });

    it('changes a role (audited as a role change); adding someone with the role they have changes nothing', async () => {
      const { owner, manager, organization } = await staffed();
      const before = await auditOf(t, organization.id);
      await t.expectUnchanged(() =>
        ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id, role: 'MANAGER' } }, owner.token),
      );
      await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id, role: 'OWNER' } }, owner.token);
      expect((await auditOf(t, organization.id)).slice(before.length)).toEqual([
        {
          action: 'organization.member.role-changed',
          actor_id: owner.account.id,
          subject_type: 'Organization',
          before: { accountId: manager.account.id, role: 'MANAGER' },
          after: { accountId: manager.account.id, role: 'OWNER' },
        },
      ]);
      // Two owners now: the first may step down to manager.
      await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: owner.account.id, role: 'MANAGER' } }, owner.token);
      expect(await staffOf(organization.id)).toEqual([
        { account_id: manager.account.id, role: 'OWNER' },
        { account_id: owner.account.id, role: 'MANAGER' },
      ]);
    });

    it('refuses a manager who adds or removes staff, and strangers (FORBIDDEN), and anonymous callers; nothing changes', async () => {
      const { owner, manager, organization } = await staffed();
      const newcomer = await world.member();
      const stranger = await world.member();
      for (const [token, code] of [
        [manager.token, 'FORBIDDEN'],
        [stranger.token, 'FORBIDDEN'],
        [world.admin.token, 'FORBIDDEN'],
        [undefined, 'UNAUTHENTICATED'],
      ] as const) {
        for (const role of ['MANAGER', 'OWNER']) {
          const res = await t.expectUnchanged(() =>
            t.gql(ADD_STAFF, { input: { organizationId: organization.id, accountId: newcomer.account.id, role } }, token),
          );
          expectError(res, code);
        }
        const removal = await t.expectUnchanged(() =>
          t.gql(REMOVE_STAFF, { input: { organizationId: organization.id, accountId: owner.account.id } }, token),
        );
        expectError(removal, code);
      }
      // Nor may a manager promote themselves.
      expectError(
        await t.expectUnchanged(() =>
          t.gql(ADD_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id, role: 'OWNER' } }, manager.token),
        ),
        'FORBIDDEN',
      );
    });

    it('refuses bad inputs: unknown account (BAD_USER_INPUT), unknown organization (NOT_FOUND), malformed ids; nothing changes', async () => {
      const { owner, organization } = await staffed();
      expectError(
        await t.expectUnchanged(() =>
          t.gql(ADD_STAFF, { input: { organizationId: organization.id, accountId: UNKNOWN_ID, role: 'MANAGER' } }, owner.token),
        ),
        'BAD_USER_INPUT',
        ['input.accountId'],
      );
      const someone = await world.member();
      expectError(
        await t.expectUnchanged(() =>
          t.gql(ADD_STAFF, { input: { organizationId: UNKNOWN_ID, accountId: someone.account.id, role: 'MANAGER' } }, owner.token),
        ),
        'NOT_FOUND',
      );
      expectError(
        await t.expectUnchanged(() => t.gql(REMOVE_STAFF, { input: { organizationId: NOT_UUID, accountId: NOT_UUID } }, owner.token)),
        'BAD_USER_INPUT',
        ['input.organizationId', 'input.accountId'],
      );
      // Someone who is not on the staff cannot be removed from it.
      expectError(
        await t.expectUnchanged(() =>
          t.gql(REMOVE_STAFF, { input: { organizationId: organization.id, accountId: someone.account.id } }, owner.token),
        ),
        'NOT_FOUND',
      );
    });

    it('lets an owner remove a manager, audited exactly once', async () => {
      const { owner, manager, organization } = await staffed();
      const before = await auditOf(t, organization.id);
      const res = expectOk(
        await t.gql(REMOVE_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id } }, owner.token),
      ).removeOrganizationMember.organization;
      expect(res.staff.map((member: { accountId: string }) => member.accountId)).toEqual([owner.account.id]);
      expect((await auditOf(t, organization.id)).slice(before.length)).toEqual([
        {
          action: 'organization.member.removed',
          actor_id: owner.account.id,
          subject_type: 'Organization',
          before: { accountId: manager.account.id, role: 'MANAGER' },
          after: null,
        },
      ]);
      // The former manager runs it no more.
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_ORG, { input: { id: organization.id, name: 'Still mine?' } }, manager.token)),
        'FORBIDDEN',
      );
    });

    it('lets a manager leave on their own, audited once', async () => {
      const { manager, organization } = await staffed();
      const before = await auditOf(t, organization.id);
      await ok(t, REMOVE_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id } }, manager.token);
      expect((await staffOf(organization.id)).map((row) => row.account_id)).not.toContain(manager.account.id);
      expect((await auditOf(t, organization.id)).slice(before.length)).toEqual([
        {
          action: 'organization.member.removed',
          actor_id: manager.account.id,
          subject_type: 'Organization',
          before: { accountId: manager.account.id, role: 'MANAGER' },
          after: null,
        },
      ]);
    });

    it('keeps the last owner: neither leaving nor stepping down to manager (PRECONDITION_FAILED), nothing changes', async () => {
      const { owner, organization } = await staffed();
      expectError(
        await t.expectUnchanged(() =>
          t.gql(REMOVE_STAFF, { input: { organizationId: organization.id, accountId: owner.account.id } }, owner.token),
        ),
        'PRECONDITION_FAILED',
      );
      expectError(
        await t.expectUnchanged(() =>
          t.gql(ADD_STAFF, { input: { organizationId: organization.id, accountId: owner.account.id, role: 'MANAGER' } }, owner.token),
        ),
        'PRECONDITION_FAILED',
      );
    });

    it('lets one of two owners leave, and then keeps the other', async () => {
      const { owner, manager, organization } = await staffed();
      await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id, role: 'OWNER' } }, owner.token);
      await ok(t, REMOVE_STAFF, { input: { organizationId: organization.id, accountId: owner.account.id } }, owner.token);
      expect(await staffOf(organization.id)).toEqual([{ account_id: manager.account.id, role: 'OWNER' }]);
      expectError(
        await t.expectUnchanged(() =>
          t.gql(REMOVE_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id } }, manager.token),
        ),
        'PRECONDITION_FAILED',
      );
    });

    it('keeps one owner when the two owners remove each other at the same time', async () => {
      const { owner, manager: second, organization } = await staffed();
      await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: second.account.id, role: 'OWNER' } }, owner.token);
      const [a, b] = await Promise.all([
        t.gql(REMOVE_STAFF, { input: { organizationId: organization.id, accountId: second.account.id } }, owner.token),
        t.gql(REMOVE_STAFF, { input: { organizationId: organization.id, accountId: owner.account.id } }, second.token),
      ]);
      const codes = [a, b].map((res) => res.errors?.[0].extensions?.code ?? 'ok').sort();
      // The loser either finds itself removed already (FORBIDDEN) or meets the last-owner rule.
      expect(codes[1]).toBe('ok');
      expect(['FORBIDDEN', 'PRECONDITION_FAILED']).toContain(codes[0]);
      const staff = await staffOf(organization.id);
      expect(staff).toHaveLength(1);
      expect(staff[0].role).toBe('OWNER');
    });

    it('shows a staff member with a private profile as "A member" to outsiders, by name to the staff', async () => {
      const owner = await world.member({ displayName: 'Public Owner' });
      const shy = await world.member({ displayName: 'Private Manager', publicProfile: false });
      const organization = await createOrganization(t, owner.token);
      await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: shy.account.id, role: 'MANAGER' } }, owner.token);
      const namesFor = async (token?: string) =>
        expectOk(await t.gql(ORGANIZATION, { slug: organization.slug }, token)).organization.staff.map(
          (member: { displayName: string }) => member.displayName,
        );
      expect(await namesFor(owner.token)).toEqual(['Public Owner', 'Private Manager']);
      expect(await namesFor(shy.token)).toEqual(['Public Owner', 'Private Manager']);
      const stranger = await world.member();
      expect(await namesFor()).toEqual(['Public Owner', 'A member']);
      expect(await namesFor(stranger.token)).toEqual(['Public Owner', 'A member']);
    });

    it('hides the account of a private staff member from outsiders too, but not from admins or the staff', async () => {
      const owner = await world.member();
      const shy = await world.member({ displayName: 'Private Manager', publicProfile: false });
      const organization = await createOrganization(t, owner.token);
      await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: shy.account.id, role: 'MANAGER' } }, owner.token);
      const staffFor = async (token?: string) =>
        expectOk(await t.expectUnchanged(() => t.gql(ORGANIZATION, { slug: organization.slug }, token))).organization.staff;
      const shown = [
        { accountId: owner.account.id, displayName: owner.account.displayName, role: 'OWNER' },
        { accountId: shy.account.id, displayName: 'Private Manager', role: 'MANAGER' },
      ];
      for (const token of [owner.token, shy.token, world.admin.token]) expect(await staffFor(token)).toEqual(shown);
      const hidden = [shown[0], { accountId: null, displayName: 'A member', role: 'MANAGER' }];
      for (const token of [undefined, (await world.member()).token]) expect(await staffFor(token)).toEqual(hidden);
    });
  });

  describe('verifyOrganization', () => {
    it('lets an admin verify, audited exactly once; verifying again changes nothing', async () => {
      const owner = await world.member();
      const organization = await createOrganization(t, owner.token);
      const before = await auditOf(t, organization.id);
      const verified = await verifyOrganization(t, world.admin.token, organization.id);
      expect(verified.verifiedAt).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
      const audit = (await auditOf(t, organization.id)).slice(before.length);
      expect(audit).toEqual([
        {
          action: 'organization.verified',
          actor_id: world.admin.account.id,
          subject_type: 'Organization',
          before: { verifiedAt: null },
          after: { verifiedAt: expect.any(String) },
        },
      ]);
      expect(new Date(audit[0].after.verifiedAt).toISOString()).toBe(verified.verifiedAt);

      const again = await t.expectUnchanged(() => t.gql(VERIFY_ORG, { input: { id: organization.id } }, world.admin.token));
      expect(expectOk(again).verifyOrganization.organization.verifiedAt).toBe(verified.verifiedAt);
    });

    it('refuses members, even the owner (FORBIDDEN), and anonymous callers (UNAUTHENTICATED); nothing changes', async () => {
      const owner = await world.member();
      const organization = await createOrganization(t, owner.token);
      expectError(await t.expectUnchanged(() => t.gql(VERIFY_ORG, { input: { id: organization.id } }, owner.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(VERIFY_ORG, { input: { id: organization.id } })), 'UNAUTHENTICATED');
    });

    it('answers NOT_FOUND for an unknown organization and BAD_USER_INPUT for a malformed id; nothing changes', async () => {
      expectError(await t.expectUnchanged(() => t.gql(VERIFY_ORG, { input: { id: UNKNOWN_ID } }, world.admin.token)), 'NOT_FOUND');
      expectError(await t.expectUnchanged(() => t.gql(VERIFY_ORG, { input: { id: NOT_UUID } }, world.admin.token)), 'BAD_USER_INPUT', [
        'input.id',
      ]);
    });
  });

  describe('queries', () => {
    it('finds an organization by slug for anyone, and answers NOT_FOUND for an unknown slug', async () => {
      const owner = await world.member();
      const organization = await createOrganization(t, owner.token);
      const res = await t.expectUnchanged(() => t.gql(ORGANIZATION, { slug: organization.slug }));
      expect(expectOk(res).organization).toMatchObject({ id: organization.id, staff: [{ accountId: owner.account.id, role: 'OWNER' }] });
      const missing = await t.expectUnchanged(() => t.gql(ORGANIZATION, { slug: `nobody-${suffix()}` }));
      expectError(missing, 'NOT_FOUND');
    });

    it('lists organizations by name, filtered by text and verification, page by page', async () => {
      const owner = await world.member();
      const tag = suffix();
      const alpha = await createOrganization(t, owner.token, { name: `Alpha Trust ${tag}` });
      const beta = await createOrganization(t, owner.token, { name: `Beta Trust ${tag}` });
      const gamma = await createOrganization(t, owner.token, { name: `Gamma Fund ${tag}` });
      await verifyOrganization(t, world.admin.token, beta.id);

      const byText = expectOk(await t.gql(ORGANIZATIONS, { filter: { text: tag } })).organizations;
      expect(byText.edges.map((edge: any) => edge.node.id)).toEqual([alpha.id, beta.id, gamma.id]);
      expect(byText.totalCount).toBe(3);

      // Accents are ignored (the match is typo-tolerant, so only inclusion is asserted).
      const accented = await createOrganization(t, owner.token, { name: `Fundação Ñandú ${tag}` });
      const plain = expectOk(await t.gql(ORGANIZATIONS, { filter: { text: `fundacao nandu ${tag}` } })).organizations;
      expect(plain.edges.map((edge: any) => edge.node.id)).toContain(accented.id);
      await sql(t, 'DELETE FROM organization WHERE id = ?', [accented.id]);

      const verified = expectOk(await t.gql(ORGANIZATIONS, { filter: { text: tag, verified: true } })).organizations;
      expect(verified.edges.map((edge: any) => edge.node.id)).toEqual([beta.id]);
      const unverified = expectOk(await t.gql(ORGANIZATIONS, { filter: { text: tag, verified: false } })).organizations;
      expect(unverified.edges.map((edge: any) => edge.node.id)).toEqual([alpha.id, gamma.id]);

      const page1 = expectOk(await t.gql(ORGANIZATIONS, { first: 2, filter: { text: tag } })).organizations;
      expect(page1.edges.map((edge: any) => edge.node.id)).toEqual([alpha.id, beta.id]);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = expectOk(
        await t.gql(ORGANIZATIONS, { first: 2, after: page1.pageInfo.endCursor, filter: { text: tag } }),
      ).organizations;
      expect(page2.edges.map((edge: any) => edge.node.id)).toEqual([gamma.id]);
      expect(page2.pageInfo.hasNextPage).toBe(false);

      expectError(await t.gql(ORGANIZATIONS, { first: 0 }), 'BAD_USER_INPUT', ['first']);
      expectError(await t.gql(ORGANIZATIONS, { first: 101 }), 'BAD_USER_INPUT', ['first']);
    });

    it("lists only the viewer's own organizations in myOrganizations, and refuses anonymous callers", async () => {
      const owner = await world.member();
      const { organization: managed, manager } = await (async () => {
        const s = await staffed();
        await ok(
          t,
          ADD_STAFF,
          { input: { organizationId: s.organization.id, accountId: owner.account.id, role: 'MANAGER' } },
          s.owner.token,
        );
        return s;
      })();
      const own = await createOrganization(t, owner.token);
      await createOrganization(t, manager.token);

      const mine = expectOk(await t.gql(MY_ORGANIZATIONS, {}, owner.token)).myOrganizations;
      expect(mine.totalCount).toBe(2);
      expect(mine.edges.map((edge: any) => edge.node.id).sort()).toEqual([managed.id, own.id].sort());
      const roles = Object.fromEntries(mine.edges.map((edge: any) => [edge.node.id, edge.node.viewerCan]));
      expect(roles[own.id]).toEqual({ manage: true, manageStaff: true });
      expect(roles[managed.id]).toEqual({ manage: true, manageStaff: false });

      expectError(await t.expectUnchanged(() => t.gql(MY_ORGANIZATIONS, {})), 'UNAUTHENTICATED');
    });

    it('applies its filter to myOrganizations too (text, verified)', async () => {
      const owner = await world.member();
      const tag = suffix();
      // Names without a word in common: the text match is typo-tolerant ("Unverified" matches "Verified").
      const verified = await createOrganization(t, owner.token, { name: `Verified Harbour ${tag}` });
      const unverified = await createOrganization(t, owner.token, { name: `Unverified Orchard ${tag}` });
      await verifyOrganization(t, world.admin.token, verified.id);
      const ids = async (filter: Record<string, unknown>) =>
        expectOk(await t.gql(MY_ORGANIZATIONS_FILTERED, { filter }, owner.token)).myOrganizations.edges.map((edge: any) => edge.node.id);
      expect((await ids({})).sort()).toEqual([verified.id, unverified.id].sort());
      expect(await ids({ verified: true })).toEqual([verified.id]);
      expect(await ids({ verified: false })).toEqual([unverified.id]);
      expect(await ids({ text: 'Orchard' })).toEqual([unverified.id]);
      expect(await ids({ text: 'harbour', verified: false })).toEqual([]);
    });
  });

  describe('races and limits', () => {
    const DELETE_ACCOUNT = `mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { deletedAccountId } }`;

    // B's request passes the owners-only check, then waits for the staff rows behind A, who
    // removes B: once it has the rows, B is no owner any more, so it may add nobody.
    it('an owner removed while their own staff change waits may change nothing', async () => {
      const [a, b, friend] = [await world.member(), await world.member(), await world.member()];
      const organization = await createOrganization(t, a.token);
      await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: b.account.id, role: 'OWNER' } }, a.token);

      const [removed, added] = await whileLocked(
        t,
        'SELECT account_id FROM organization_member WHERE organization_id = $1 FOR UPDATE',
        [organization.id],
        async (lockWaiters, release) => {
          const removal = t.gql(REMOVE_STAFF, { input: { organizationId: organization.id, accountId: b.account.id } }, a.token);
          await lockWaiters(1);
          const addition = t.gql(
            ADD_STAFF,
            { input: { organizationId: organization.id, accountId: friend.account.id, role: 'OWNER' } },
            b.token,
          );
          await lockWaiters(2);
          await release();
          return Promise.all([removal, addition]);
        },
      );
      expectOk(removed);
      expectError(added, 'FORBIDDEN');
      expect(await staffOf(organization.id)).toEqual([{ account_id: a.account.id, role: 'OWNER' }]);
    });

    // The deletion has taken the account off every staff and waits (on a lock on its sessions)
    // before it ends; an owner adding that account meanwhile must not put an erased account back.
    it('never puts an account that is being deleted on the staff', async () => {
      const owner = await world.member();
      const leaving = await world.member();
      const organization = await createOrganization(t, owner.token);
      const [deleted, added] = await whileLocked(
        t,
        'SELECT id FROM session WHERE account_id = $1 FOR UPDATE',
        [leaving.account.id],
        async (lockWaiters, release) => {
          const deletion = t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, leaving.token);
          await lockWaiters(1);
          const add = t.gql(
            ADD_STAFF,
            { input: { organizationId: organization.id, accountId: leaving.account.id, role: 'OWNER' } },
            owner.token,
          );
          await Promise.race([add, lockWaiters(2)]);
          await release();
          return Promise.all([deletion, add]);
        },
      );
      expectOk(deleted);
      expectError(added, 'BAD_USER_INPUT', ['input.accountId']);
      expect(await staffOf(organization.id)).toEqual([{ account_id: owner.account.id, role: 'OWNER' }]);
    });

    it('tells someone who may not change the staff nothing about an account id (FORBIDDEN either way)', async () => {
      const owner = await world.member();
      const stranger = await world.member();
      const organization = await createOrganization(t, owner.token);
      for (const accountId of [UNKNOWN_ID, owner.account.id]) {
        const res = await t.expectUnchanged(() =>
          t.gql(ADD_STAFF, { input: { organizationId: organization.id, accountId, role: 'OWNER' } }, stranger.token),
        );
        expectError(res, 'FORBIDDEN');
      }
    });

    it('makes a slug that fits its column from a name that folds into three times its length', async () => {
      const owner = await world.member();
      const name = 'ﬃ'.repeat(100);
      const organization = expectOk(await t.gql(CREATE_ORG, { input: { name } }, owner.token)).createOrganization.organization;
      expect(organization.name).toBe(name);
      expect(organization.slug).toMatch(/^(ffi)+f?f?$/);
      expect(organization.slug.length).toBeLessThanOrEqual(120);
    });
  });
});
