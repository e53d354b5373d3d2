import { randomUUID } from 'node:crypto';
import { AccountRole } from '../../../src/modules/accounts/account-role';
import { BusinessStatus } from '../../../src/modules/businesses/business-status';
import { Region } from '../../../src/modules/regions/region.entity';
import { createAccount, signedInAccount, TEST_PASSWORD } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { seedDemo } from '../../utils/seed';
import { auditOf, expectError, expectOk, SignedIn, sql } from '../../utils/graphql-assertions';
import { createTestApp, TestApp } from '../../utils/test-app';
import { whileLocked } from '../../utils/locks';

/** Who maintains a listing (owners and editors), what others see of them, and the members' personal data. */

const OWNERS = 'owners { accountId displayName role } viewerCan { edit manageOwners delete claim }';
const ADD = `mutation ($input: BusinessOwnerInput!) { addBusinessOwner(input: $input) { business { id ${OWNERS} } } }`;
const REMOVE = `mutation ($input: RemoveBusinessOwnerInput!) { removeBusinessOwner(input: $input) { business { id ${OWNERS} } } }`;
const BUSINESS = `query ($id: ID!) { business(id: $id) { id email phone ${OWNERS} } }`;
const SEARCH = `query ($text: String!) { businesses(filter: { text: $text }) { edges { node { id email phone owners { accountId displayName role } } } } }`;
const DELETE_BUSINESS = `mutation ($input: BusinessIdInput!) { deleteBusiness(input: $input) { deletedBusinessId } }`;
const CLAIM = `mutation ($input: ClaimBusinessInput!) { claimBusiness(input: $input) { claim { id status } } }`;
const EXPORT = `{ exportMyData { data } }`;
const DELETE_ACCOUNT = `mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { deletedAccountId } }`;

const rolesOf = (t: TestApp, businessId: string) =>
  sql<{ account_id: string; role: string }>(t, 'SELECT account_id, role FROM business_owner WHERE business_id = ? ORDER BY account_id', [
    businessId,
  ]);

const sorted = <T extends { account_id: string }>(rows: T[]) => [...rows].sort((a, b) => a.account_id.localeCompare(b.account_id));

describe('owners and editors', () => {
  let t: TestApp;
  let yaba: Region;

  beforeAll(async () => {
    t = await createTestApp();
    yaba = (await seedDemo(t.em())).get('yaba-lagos-ng')!;
  });
  afterAll(() => t.close());

  const member = () => signedInAccount(t, { homeRegion: yaba, publicProfile: true });

  it('lets an owner add an editor and another owner, each change audited once', async () => {
    const owner = await member();
    const editor = await member();
    const coOwner = await member();
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account });

    const added = await t.gql(ADD, { input: { businessId: business.id, accountId: editor.account.id, role: 'EDITOR' } }, owner.token);
    expect(expectOk(added).addBusinessOwner.business.owners).toEqual([
      { accountId: owner.account.id, displayName: owner.account.displayName, role: 'OWNER' },
      { accountId: editor.account.id, displayName: editor.account.displayName, role: 'EDITOR' },
    ]);
    expectOk(await t.gql(ADD, { input: { businessId: business.id, accountId: coOwner.account.id, role: 'OWNER' } }, owner.token));

    expect(await rolesOf(t, business.id)).toEqual(
      sorted([
        { account_id: owner.account.id, role: 'OWNER' },
        { account_id: editor.account.id, role: 'EDITOR' },
        { account_id: coOwner.account.id, role: 'OWNER' },
      ]),
    );
    expect(await auditOf(t, business.id)).toEqual([
      {
        action: 'business.owner.added',
        actor_id: owner.account.id,
        subject_type: 'Business',
        before: null,
        after: { accountId: editor.account.id, role: 'EDITOR' },
      },
      {
        action: 'business.owner.added',
        actor_id: owner.account.id,
        subject_type: 'Business',
        before: null,
        after: { accountId: coOwner.account.id, role: 'OWNER' },
      },
    ]);

    // The new owner manages owners; the editor only edits.
    const asCoOwner = expectOk(await t.gql(BUSINESS, { id: business.id }, coOwner.token)).business;
    expect(asCoOwner.viewerCan).toEqual({ edit: true, manageOwners: true, delete: true, claim: false });
    const asEditor = expectOk(await t.gql(BUSINESS, { id: business.id }, editor.token)).business;
    expect(asEditor.viewerCan).toEqual({ edit: true, manageOwners: false, delete: false, claim: false });
  });

  it('refuses an editor who tries to add someone (FORBIDDEN), changing nothing', async () => {
    const owner = await member();
    const editor = await member();
    const newcomer = await member();
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, editors: [editor.account] });
    for (const role of ['EDITOR', 'OWNER']) {
      const res = await t.expectUnchanged(() =>
        t.gql(ADD, { input: { businessId: business.id, accountId: newcomer.account.id, role } }, editor.token),
      );
      expectError(res, 'FORBIDDEN');
    }
    // Nor may they promote themselves.
    const self = await t.expectUnchanged(() =>
      t.gql(ADD, { input: { businessId: business.id, accountId: editor.account.id, role: 'OWNER' } }, editor.token),
    );
    expectError(self, 'FORBIDDEN');
  });

  it('lets an editor edit but not declare the listing member-owned or withdraw it (FORBIDDEN), changing nothing; an owner may', async () => {
    const owner = await member();
    const editor = await member();
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, editors: [editor.account], memberOwned: false });
    const update = (input: Record<string, unknown>, token: string) =>
      t.gql(
        `mutation ($input: UpdateBusinessInput!) { updateBusiness(input: $input) { business { description memberOwned } } }`,
        {
          input: { id: business.id, ...input },
        },
        token,
      );
    expectError(await t.expectUnchanged(() => update({ memberOwned: true, description: 'Ours' }, editor.token)), 'FORBIDDEN');
    // Sending the declaration as it stands is no change.
    expect(expectOk(await update({ memberOwned: false, description: 'Fresh bread daily' }, editor.token)).updateBusiness.business).toEqual({
      description: 'Fresh bread daily',
      memberOwned: false,
    });
    expect(expectOk(await update({ memberOwned: true }, owner.token)).updateBusiness.business.memberOwned).toBe(true);
    expectError(await t.expectUnchanged(() => update({ memberOwned: false }, editor.token)), 'FORBIDDEN');
  });

  it("changes a role (audited with before and after), and does nothing when it is already the account's role", async () => {
    const owner = await member();
    const editor = await member();
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, editors: [editor.account] });
    const res = await t.gql(ADD, { input: { businessId: business.id, accountId: editor.account.id, role: 'OWNER' } }, owner.token);
    expect(expectOk(res).addBusinessOwner.business.owners.map((o: { role: string }) => o.role)).toEqual(['OWNER', 'OWNER']);
    // With two owners, the first may step down to editor.
    expectOk(await t.gql(ADD, { input: { businessId: business.id, accountId: owner.account.id, role: 'EDITOR' } }, owner.token));
    expect(await rolesOf(t, business.id)).toEqual(
      sorted([
        { account_id: owner.account.id, role: 'EDITOR' },
        { account_id: editor.account.id, role: 'OWNER' },
      ]),
    );
    expect(await auditOf(t, business.id)).toEqual([
      {
        action: 'business.owner.role-changed',
        actor_id: owner.account.id,
        subject_type: 'Business',
        before: { accountId: editor.account.id, role: 'EDITOR' },
        after: { accountId: editor.account.id, role: 'OWNER' },
      },
      {
        action: 'business.owner.role-changed',
        actor_id: owner.account.id,
        subject_type: 'Business',
        before: { accountId: owner.account.id, role: 'OWNER' },
        after: { accountId: owner.account.id, role: 'EDITOR' },
      },
    ]);

    const same = await t.expectUnchanged(() =>
      t.gql(ADD, { input: { businessId: business.id, accountId: owner.account.id, role: 'EDITOR' } }, editor.token),
    );
    expect(expectOk(same).addBusinessOwner.business.id).toBe(business.id);
  });

  it('lets an owner remove an editor, and an editor leave by removing themselves', async () => {
    const owner = await member();
    const editor = await member();
    const leaver = await member();
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, editors: [editor.account, leaver.account] });

    const removed = await t.gql(REMOVE, { input: { businessId: business.id, accountId: editor.account.id } }, owner.token);
    expect(
      expectOk(removed)
        .removeBusinessOwner.business.owners.map((o: { accountId: string }) => o.accountId)
        .sort(),
    ).toEqual([owner.account.id, leaver.account.id].sort());
    const left = await t.gql(REMOVE, { input: { businessId: business.id, accountId: leaver.account.id } }, leaver.token);
    // The listing is published: the one who left still sees it, as anyone does.
    expect(expectOk(left).removeBusinessOwner.business).toMatchObject({
      id: business.id,
      viewerCan: { edit: false, manageOwners: false, delete: false, claim: true },
    });
    expect(await rolesOf(t, business.id)).toEqual([{ account_id: owner.account.id, role: 'OWNER' }]);
    expect((await auditOf(t, business.id)).map((row) => [row.action, row.actor_id, row.before])).toEqual([
      ['business.owner.removed', owner.account.id, { accountId: editor.account.id, role: 'EDITOR' }],
      ['business.owner.removed', leaver.account.id, { accountId: leaver.account.id, role: 'EDITOR' }],
    ]);
    // The editor who left can no longer edit.
    const edit = await t.expectUnchanged(() =>
      t.gql(
        `mutation ($input: UpdateBusinessInput!) { updateBusiness(input: $input) { business { id } } }`,
        {
          input: { id: business.id, name: 'Mine now' },
        },
        leaver.token,
      ),
    );
    expectError(edit, 'FORBIDDEN');
  });

  it('answers a null listing to an editor who left a draft (they may no longer see it)', async () => {
    const owner = await member();
    const editor = await member();
    const draft = await createBusiness(t.em(), {
      region: yaba,
      owner: owner.account,
      editors: [editor.account],
      status: BusinessStatus.DRAFT,
    });
    const res = await t.gql(REMOVE, { input: { businessId: draft.id, accountId: editor.account.id } }, editor.token);
    expect(expectOk(res).removeBusinessOwner).toEqual({ business: null });
    expect(await rolesOf(t, draft.id)).toEqual([{ account_id: owner.account.id, role: 'OWNER' }]);
  });

  it('refuses an editor who tries to remove someone else (FORBIDDEN), changing nothing', async () => {
    const owner = await member();
    const editor = await member();
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, editors: [editor.account] });
    const res = await t.expectUnchanged(() =>
      t.gql(REMOVE, { input: { businessId: business.id, accountId: owner.account.id } }, editor.token),
    );
    expectError(res, 'FORBIDDEN');
  });

  it('keeps the last owner: they can neither leave nor become an editor (PRECONDITION_FAILED), changing nothing', async () => {
    const owner = await member();
    const editor = await member();
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, editors: [editor.account] });
    const leave = await t.expectUnchanged(() =>
      t.gql(REMOVE, { input: { businessId: business.id, accountId: owner.account.id } }, owner.token),
    );
    expectError(leave, 'PRECONDITION_FAILED');
    expect(leave.errors![0].message).toMatch(/last owner/i);
    const demote = await t.expectUnchanged(() =>
      t.gql(ADD, { input: { businessId: business.id, accountId: owner.account.id, role: 'EDITOR' } }, owner.token),
    );
    expectError(demote, 'PRECONDITION_FAILED');
  });

  it('leaves at least one owner when two owners remove each other at the same time', async () => {
    for (let round = 0; round < 5; round += 1) {
      const a = await member();
      const b = await member();
      const business = await createBusiness(t.em(), { region: yaba, owner: a.account });
      expectOk(await t.gql(ADD, { input: { businessId: business.id, accountId: b.account.id, role: 'OWNER' } }, a.token));

      const results = await Promise.all([
        t.gql(REMOVE, { input: { businessId: business.id, accountId: b.account.id } }, a.token),
        t.gql(REMOVE, { input: { businessId: business.id, accountId: a.account.id } }, b.token),
      ]);
      const succeeded = results.filter((res) => res.errors === undefined);
      const failed = results.filter((res) => res.errors !== undefined);
      expect({ round, succeeded: succeeded.length }).toEqual({ round, succeeded: 1 });
      // The loser either found the last owner (PRECONDITION_FAILED) or had already been removed (FORBIDDEN).
      expect(['PRECONDITION_FAILED', 'FORBIDDEN']).toContain(failed[0].errors![0].extensions?.code);
      const owners = await rolesOf(t, business.id);
      expect(owners).toHaveLength(1);
      expect(owners[0].role).toBe('OWNER');
      expect((await auditOf(t, business.id)).filter((row) => row.action === 'business.owner.removed')).toHaveLength(1);
    }
  });

  it('refuses an unknown account (BAD_USER_INPUT on input.accountId), changing nothing', async () => {
    const owner = await member();
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account });
    const res = await t.expectUnchanged(() =>
      t.gql(ADD, { input: { businessId: business.id, accountId: randomUUID(), role: 'EDITOR' } }, owner.token),
    );
    expectError(res, 'BAD_USER_INPUT', ['input.accountId']);
  });

  it('answers NOT_FOUND when removing someone who does not maintain the listing, changing nothing', async () => {
    const owner = await member();
    const stranger = await member();
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account });
    const res = await t.expectUnchanged(() =>
      t.gql(REMOVE, { input: { businessId: business.id, accountId: stranger.account.id } }, owner.token),
    );
    expectError(res, 'NOT_FOUND');
  });

  it("refuses a member who does not maintain someone else's listing (NOT_FOUND for a draft, FORBIDDEN once published), and an anonymous caller, changing nothing", async () => {
    const owner = await member();
    const outsider = await member();
    const draft = await createBusiness(t.em(), { region: yaba, owner: owner.account, status: BusinessStatus.DRAFT });
    const input = { businessId: draft.id, accountId: outsider.account.id, role: 'OWNER' };
    expectError(await t.expectUnchanged(() => t.gql(ADD, { input }, outsider.token)), 'NOT_FOUND');
    expectError(await t.expectUnchanged(() => t.gql(ADD, { input })), 'UNAUTHENTICATED');
    // A published listing is visible to them, so the refusal there is FORBIDDEN.
    const published = await createBusiness(t.em(), { region: yaba, owner: owner.account });
    const onPublished = { businessId: published.id, accountId: outsider.account.id, role: 'OWNER' };
    expectError(await t.expectUnchanged(() => t.gql(ADD, { input: onPublished }, outsider.token)), 'FORBIDDEN');
    expectError(
      await t.expectUnchanged(() => t.gql(REMOVE, { input: { businessId: draft.id, accountId: owner.account.id } })),
      'UNAUTHENTICATED',
    );
  });
});

describe('contact details and owners as others see them', () => {
  let t: TestApp;
  let yaba: Region;
  let privateOwner: SignedIn;
  let publicOwner: SignedIn;
  let editor: SignedIn;
  let member: SignedIn;
  let admin: SignedIn;
  let businessId: string;

  beforeAll(async () => {
    t = await createTestApp();
    yaba = (await seedDemo(t.em())).get('yaba-lagos-ng')!;
    privateOwner = await signedInAccount(t, { homeRegion: yaba, publicProfile: false, displayName: 'Adaeze Private' });
    publicOwner = await signedInAccount(t, { homeRegion: yaba, publicProfile: true, displayName: 'Bola Public' });
    editor = await signedInAccount(t, { homeRegion: yaba, publicProfile: true, displayName: 'Chidi Editor' });
    member = await signedInAccount(t, { homeRegion: yaba });
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });
    const business = await createBusiness(t.em(), {
      region: yaba,
      owner: privateOwner.account,
      editors: [editor.account],
      name: 'Zuma Tailoring',
      email: 'hello@zuma.example.org',
      phone: '+234 803 555 0101',
    });
    businessId = business.id;
    expectOk(await t.gql(ADD, { input: { businessId, accountId: publicOwner.account.id, role: 'OWNER' } }, privateOwner.token));
  });
  afterAll(() => t.close());

  const masked = () => [
    { accountId: null, displayName: 'A member', role: 'OWNER' },
    { accountId: publicOwner.account.id, displayName: 'Bola Public', role: 'OWNER' },
  ];
  const revealed = () => [
    { accountId: privateOwner.account.id, displayName: 'Adaeze Private', role: 'OWNER' },
    { accountId: publicOwner.account.id, displayName: 'Bola Public', role: 'OWNER' },
  ];
  /** Owners first, then editors; the editor's profile is public. */
  const withEditor = (owners: { accountId: string | null; displayName: string; role: string }[]) => [
    ...owners,
    { accountId: editor.account.id, displayName: 'Chidi Editor', role: 'EDITOR' },
  ];

  it('hides the e-mail address and phone from anonymous callers, in a lookup and in a search', async () => {
    const one = expectOk(await t.gql(BUSINESS, { id: businessId })).business;
    expect(one).toMatchObject({ email: null, phone: null });
    const found = expectOk(await t.gql(SEARCH, { text: 'Zuma Tailoring' })).businesses.edges;
    expect(found).toEqual([{ node: expect.objectContaining({ id: businessId, email: null, phone: null }) }]);
  });

  it('shows them to a signed-in member', async () => {
    const one = expectOk(await t.gql(BUSINESS, { id: businessId }, member.token)).business;
    expect(one).toMatchObject({ email: 'hello@zuma.example.org', phone: '+234 803 555 0101' });
    const found = expectOk(await t.gql(SEARCH, { text: 'Zuma Tailoring' }, member.token)).businesses.edges;
    expect(found[0].node).toMatchObject({ email: 'hello@zuma.example.org', phone: '+234 803 555 0101' });
  });

  it('shows a private owner as "A member" without an id to anonymous callers and members', async () => {
    for (const token of [undefined, member.token]) {
      expect(expectOk(await t.gql(BUSINESS, { id: businessId }, token)).business.owners).toEqual(withEditor(masked()));
      expect(expectOk(await t.gql(SEARCH, { text: 'Zuma Tailoring' }, token)).businesses.edges[0].node.owners).toEqual(
        withEditor(masked()),
      );
    }
  });

  it("shows the private owner's name to the listing's owners (themselves included) and to admins", async () => {
    for (const token of [privateOwner.token, publicOwner.token, admin.token]) {
      expect(expectOk(await t.gql(BUSINESS, { id: businessId }, token)).business.owners).toEqual(withEditor(revealed()));
      expect(expectOk(await t.gql(SEARCH, { text: 'Zuma Tailoring' }, token)).businesses.edges[0].node.owners).toEqual(
        withEditor(revealed()),
      );
    }
    // In a mutation's payload too (the owners load separately there).
    const payload = await t.gql(ADD, { input: { businessId, accountId: editor.account.id, role: 'EDITOR' } }, publicOwner.token);
    expect(expectOk(payload).addBusinessOwner.business.owners).toEqual(withEditor(revealed()));
  });
});

describe('personal data: exportMyData and deleteAccount', () => {
  let t: TestApp;
  let yaba: Region;

  beforeAll(async () => {
    t = await createTestApp();
    yaba = (await seedDemo(t.em())).get('yaba-lagos-ng')!;
  });
  afterAll(() => t.close());

  it('exports the listings the member maintains (with the role) and their claims (with the evidence)', async () => {
    const me = await signedInAccount(t, { homeRegion: yaba });
    const someone = await createAccount(t.em(), { homeRegion: yaba });
    const owned = await createBusiness(t.em(), { region: yaba, owner: me.account, name: 'Ours Bakery', status: BusinessStatus.DRAFT });
    const edited = await createBusiness(t.em(), { region: yaba, owner: someone, editors: [me.account], name: 'Theirs Bakery' });
    const claimed = await createBusiness(t.em(), { region: yaba, owner: someone, name: 'Claimed Bakery' });
    const untouched = await createBusiness(t.em(), { region: yaba, owner: someone, name: 'Untouched Bakery' });
    const evidence = 'I am the registered proprietor; CAC number RC-123456.';
    expectOk(await t.gql(CLAIM, { input: { businessId: claimed.id, evidence } }, me.token));

    const { businesses } = expectOk(await t.expectUnchanged(() => t.gql(EXPORT, {}, me.token))).exportMyData.data;
    expect([...businesses.listings].sort((a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name))).toEqual([
      expect.objectContaining({ businessId: owned.id, name: 'Ours Bakery', status: 'DRAFT', role: 'OWNER', deleted: false }),
      expect.objectContaining({ businessId: edited.id, name: 'Theirs Bakery', status: 'PUBLISHED', role: 'EDITOR', deleted: false }),
    ]);
    expect(businesses.claims).toEqual([
      expect.objectContaining({ businessId: claimed.id, evidence, status: 'PENDING', decisionReason: null }),
    ]);
    expect(JSON.stringify(businesses)).not.toContain(untouched.id);
  });

  it('refuses to delete the last owner of a live listing (PRECONDITION_FAILED naming it), changing nothing', async () => {
    const me = await signedInAccount(t, { homeRegion: yaba });
    await createBusiness(t.em(), { region: yaba, owner: me.account, name: 'Only Mine Printing' });
    // A draft counts as live too.
    await createBusiness(t.em(), { region: yaba, owner: me.account, name: 'Draft Mine Printing', status: BusinessStatus.DRAFT });
    const res = await t.expectUnchanged(() => t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, me.token));
    expectError(res, 'PRECONDITION_FAILED');
    expect(res.errors![0].message).toContain('"Only Mine Printing"');
    expect(res.errors![0].message).toContain('"Draft Mine Printing"');
  });

  it('deletes the account once another owner exists: its owner rows and claims are gone, the listing keeps its other owner', async () => {
    const me = await signedInAccount(t, { homeRegion: yaba });
    const partner = await createAccount(t.em(), { homeRegion: yaba });
    const stranger = await createAccount(t.em(), { homeRegion: yaba });
    const shared = await createBusiness(t.em(), { region: yaba, owner: me.account, name: 'Shared Salon' });
    const claimed = await createBusiness(t.em(), { region: yaba, owner: stranger, name: 'Claimed Salon' });
    expectOk(await t.gql(CLAIM, { input: { businessId: claimed.id, evidence: 'My name is on the shop licence.' } }, me.token));
    const refused = await t.expectUnchanged(() => t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, me.token));
    expectError(refused, 'PRECONDITION_FAILED');
    expect(refused.errors![0].message).toContain('"Shared Salon"');

    expectOk(await t.gql(ADD, { input: { businessId: shared.id, accountId: partner.id, role: 'OWNER' } }, me.token));
    const res = await t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, me.token);
    expect(expectOk(res).deleteAccount).toEqual({ deletedAccountId: me.account.id });

    expect(await sql(t, 'SELECT * FROM business_owner WHERE account_id = ?', [me.account.id])).toEqual([]);
    expect(await sql(t, 'SELECT * FROM business_claim WHERE claimant_id = ?', [me.account.id])).toEqual([]);
    expect(await rolesOf(t, shared.id)).toEqual([{ account_id: partner.id, role: 'OWNER' }]);
    expect(await sql(t, 'SELECT status, deleted_at FROM business WHERE id = ?', [shared.id])).toEqual([
      { status: 'PUBLISHED', deleted_at: null },
    ]);
  });

  // Both owners pass the "someone else owns it" check before either has left: each deletion is held
  // (by a lock on its sessions, which deleteAccount ends after the check) until both have checked.
  it('never leaves a listing without an owner when its two owners delete their accounts at the same time', async () => {
    const a = await signedInAccount(t, { homeRegion: yaba });
    const b = await signedInAccount(t, { homeRegion: yaba });
    const shared = await createBusiness(t.em(), { region: yaba, owner: a.account, name: 'Twin Owners Bakery' });
    expectOk(await t.gql(ADD, { input: { businessId: shared.id, accountId: b.account.id, role: 'OWNER' } }, a.token));

    const results = await whileLocked(
      t,
      'SELECT id FROM session WHERE account_id IN ($1, $2) FOR UPDATE',
      [a.account.id, b.account.id],
      async (lockWaiters, release) => {
        const deletions = [a, b].map((owner) => t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, owner.token));
        await lockWaiters(2);
        await release();
        return Promise.all(deletions);
      },
    );
    const owners = await rolesOf(t, shared.id);
    expect(owners.filter((owner) => owner.role === 'OWNER')).toHaveLength(1);
    expect(results.filter((res) => res.errors?.[0].extensions?.code === 'PRECONDITION_FAILED')).toHaveLength(1);
  });

  it('never leaves a listing without an owner when one owner deletes their account while the other leaves', async () => {
    const leaving = await signedInAccount(t, { homeRegion: yaba });
    const deleting = await signedInAccount(t, { homeRegion: yaba });
    const shared = await createBusiness(t.em(), { region: yaba, owner: deleting.account, name: 'Parting Ways Bakery' });
    expectOk(await t.gql(ADD, { input: { businessId: shared.id, accountId: leaving.account.id, role: 'OWNER' } }, deleting.token));

    const results = await whileLocked(
      t,
      'SELECT id FROM session WHERE account_id = $1 FOR UPDATE',
      [deleting.account.id],
      async (lockWaiters, release) => {
        const deletion = t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, deleting.token);
        await lockWaiters(1);
        // The deletion has checked that another owner exists; now that owner leaves (or waits, if the check locked them out).
        const leave = t.gql(REMOVE, { input: { businessId: shared.id, accountId: leaving.account.id } }, leaving.token);
        await Promise.race([leave, lockWaiters(2)]);
        await release();
        return Promise.all([deletion, leave]);
      },
    );
    const owners = await rolesOf(t, shared.id);
    expect(owners.filter((owner) => owner.role === 'OWNER')).toHaveLength(1);
    expect(results.filter((res) => res.errors?.[0].extensions?.code === 'PRECONDITION_FAILED')).toHaveLength(1);
  });

  it('deletes the account once its only listing is deleted; an editor role never blocks', async () => {
    const me = await signedInAccount(t, { homeRegion: yaba });
    const someone = await createAccount(t.em(), { homeRegion: yaba });
    const mine = await createBusiness(t.em(), { region: yaba, owner: me.account, name: 'Closing Down Cafe' });
    const edited = await createBusiness(t.em(), { region: yaba, owner: someone, editors: [me.account] });
    expectError(
      await t.expectUnchanged(() => t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, me.token)),
      'PRECONDITION_FAILED',
    );

    expectOk(await t.gql(DELETE_BUSINESS, { input: { id: mine.id } }, me.token));
    expectOk(await t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, me.token));
    expect(await sql(t, 'SELECT * FROM business_owner WHERE account_id = ?', [me.account.id])).toEqual([]);
    expect(await rolesOf(t, edited.id)).toEqual([{ account_id: someone.id, role: 'OWNER' }]);
  });
});

describe('races between owners, deletions and claims', () => {
  let t: TestApp;
  let yaba: Region;

  beforeAll(async () => {
    t = await createTestApp();
    yaba = (await seedDemo(t.em())).get('yaba-lagos-ng')!;
  });
  afterAll(() => t.close());

  // B's request passes the "is an owner" check, then waits for the owner rows behind A, who removes
  // B: once it has the rows, B is no owner any more, so it may remove nobody.
  it('an owner removed while their own removal of another owner waits may not remove anyone', async () => {
    const [a, b] = await Promise.all([signedInAccount(t, { homeRegion: yaba }), signedInAccount(t, { homeRegion: yaba })]);
    const c = await createAccount(t.em(), { homeRegion: yaba });
    const business = await createBusiness(t.em(), { region: yaba, owner: a.account, name: 'Three Owners Bakery' });
    for (const account of [b.account, c]) {
      expectOk(await t.gql(ADD, { input: { businessId: business.id, accountId: account.id, role: 'OWNER' } }, a.token));
    }

    const [removedB, removedC] = await whileLocked(
      t,
      'SELECT account_id FROM business_owner WHERE business_id = $1 FOR UPDATE',
      [business.id],
      async (lockWaiters, release) => {
        const first = t.gql(REMOVE, { input: { businessId: business.id, accountId: b.account.id } }, a.token);
        await lockWaiters(1);
        const second = t.gql(REMOVE, { input: { businessId: business.id, accountId: c.id } }, b.token);
        await lockWaiters(2);
        await release();
        return Promise.all([first, second]);
      },
    );
    expectOk(removedB);
    expectError(removedC, 'FORBIDDEN');
    expect(await rolesOf(t, business.id)).toEqual(
      sorted([
        { account_id: a.account.id, role: 'OWNER' },
        { account_id: c.id, role: 'OWNER' },
      ]),
    );
  });

  // The deletion has erased what the account owned and waits (on a lock on its sessions) before it
  // ends; an owner adding that account meanwhile must not make an erased account an owner.
  it('never makes an account that is being deleted an owner', async () => {
    const owner = await signedInAccount(t, { homeRegion: yaba });
    const leaving = await signedInAccount(t, { homeRegion: yaba });
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, name: 'Farewell Bakery' });

    const [deleted, added] = await whileLocked(
      t,
      'SELECT id FROM session WHERE account_id = $1 FOR UPDATE',
      [leaving.account.id],
      async (lockWaiters, release) => {
        const deletion = t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, leaving.token);
        await lockWaiters(1);
        const add = t.gql(ADD, { input: { businessId: business.id, accountId: leaving.account.id, role: 'OWNER' } }, owner.token);
        await Promise.race([add, lockWaiters(2)]);
        await release();
        return Promise.all([deletion, add]);
      },
    );
    expectOk(deleted);
    expectError(added, 'BAD_USER_INPUT', ['input.accountId']);
    expect(await rolesOf(t, business.id)).toEqual([{ account_id: owner.account.id, role: 'OWNER' }]);
  });

  // The owner deletes the listing while a member's claim on it is on its way: the claim is either
  // settled with the listing or refused, never left pending on a deleted listing.
  it('never leaves a claim pending on a deleted listing', async () => {
    const owner = await signedInAccount(t, { homeRegion: yaba });
    const claimant = await signedInAccount(t, { homeRegion: yaba });
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, name: 'Vanishing Bakery' });

    const [deleted, claimed] = await whileLocked(
      t,
      'SELECT id FROM business WHERE id = $1 FOR UPDATE',
      [business.id],
      async (lockWaiters, release) => {
        const deletion = t.gql(DELETE_BUSINESS, { input: { id: business.id } }, owner.token);
        await lockWaiters(1);
        const claim = t.gql(CLAIM, { input: { businessId: business.id, evidence: 'I run it since last year.' } }, claimant.token);
        await lockWaiters(2);
        await release();
        return Promise.all([deletion, claim]);
      },
    );
    expectOk(deleted);
    expectError(claimed, 'NOT_FOUND');
    expect(await sql(t, "SELECT status FROM business_claim WHERE business_id = ? AND status = 'PENDING'", [business.id])).toEqual([]);
  });
});
