import { randomUUID } from 'node:crypto';
import { AccountRole } from '../../../src/modules/accounts/account-role';
import { BusinessStatus } from '../../../src/modules/businesses/business-status';
import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { categoriesBySlug, createBusiness } from '../../factories/business.factory';
import { seedDemo } from '../../utils/seed';
import { auditOf, expectError, expectOk, ISO_INSTANT, SignedIn, sql } from '../../utils/graphql-assertions';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';

/** The life of a listing: submitted by its owners, published, rejected, suspended and reinstated by admins. */

const FIELDS = 'id name status statusReason submittedAt publishedAt memberOwned memberOwnedVerifiedAt version';
const payload = (name: string, input: string) => `mutation ($input: ${input}!) { ${name}(input: $input) { business { ${FIELDS} } } }`;
const SUBMIT = payload('submitBusiness', 'BusinessIdInput');
const PUBLISH = payload('publishBusiness', 'BusinessNoteInput');
const REJECT = payload('rejectBusiness', 'BusinessDecisionInput');
const SUSPEND = payload('suspendBusiness', 'BusinessDecisionInput');
const REINSTATE = payload('reinstateBusiness', 'BusinessDecisionInput');
const VERIFY = payload('verifyMemberOwnership', 'BusinessIdInput');
const CREATE = payload('createBusiness', 'CreateBusinessInput');
const UPDATE = payload('updateBusiness', 'UpdateBusinessInput');
const BUSINESS = `query ($id: ID!) { business(id: $id) { ${FIELDS} } }`;
const SEARCH = `query ($filter: BusinessFilter) { businesses(filter: $filter, first: 100) { edges { node { id } } } }`;
const QUEUE = `query ($first: Int!, $after: String) {
  moderationQueue(first: $first, after: $after) { totalCount edges { cursor node { id status submittedAt } } pageInfo { hasNextPage endCursor } }
}`;
const STALE = `query ($days: Int) { staleBusinesses(olderThanDays: $days, first: 100) { edges { node { id } } } }`;
const STALE_PAGE = `query ($first: Int!, $after: String) {
  staleBusinesses(olderThanDays: 450, first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
}`;
const STALE_DEFAULT = `{ staleBusinesses(first: 100) { edges { node { id } } } }`;

describe('listing lifecycle', () => {
  let t: TestApp;
  let yaba: Region;
  let bakeryId: string;
  let admin: SignedIn;
  let owner: SignedIn;
  let editor: SignedIn;
  let member: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    yaba = (await seedDemo(t.em())).get('yaba-lagos-ng')!;
    bakeryId = (await categoriesBySlug(t.em())).get('bakery')!.id;
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });
    owner = await signedInAccount(t, { homeRegion: yaba });
    editor = await signedInAccount(t, { homeRegion: yaba });
    member = await signedInAccount(t, { homeRegion: yaba });
  });
  afterAll(() => t.close());

  const listing = (status: BusinessStatus, name?: string) =>
    createBusiness(t.em(), { region: yaba, owner: owner.account, editors: [editor.account], status, name });
  const act = async (document: string, input: Record<string, unknown>, token: string) => {
    const res = await t.gql(document, { input }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0].business as Record<string, any>;
  };
  const visibleIn = async (id: string, token?: string) =>
    expectOk(await t.gql(SEARCH, {}, token)).businesses.edges.some((edge: { node: { id: string } }) => edge.node.id === id);

  it('lets the owner submit a draft they created (PENDING_REVIEW, submittedAt set), and an editor submit another', async () => {
    const created = await act(CREATE, { name: 'Fresh Loaves', regionId: yaba.id, categoryIds: [bakeryId] }, owner.token);
    expect(created).toMatchObject({ status: 'DRAFT', submittedAt: null });
    const submitted = await act(SUBMIT, { id: created.id }, owner.token);
    expect(submitted).toMatchObject({ status: 'PENDING_REVIEW', statusReason: null, publishedAt: null });
    expect(submitted.submittedAt).toMatch(ISO_INSTANT);

    const draft = await listing(BusinessStatus.DRAFT);
    expect(await act(SUBMIT, { id: draft.id }, editor.token)).toMatchObject({ status: 'PENDING_REVIEW' });
    // Waiting for review is not published: others still cannot see it.
    expectError(await t.gql(BUSINESS, { id: draft.id }, member.token), 'NOT_FOUND');
    expect(await visibleIn(draft.id)).toBe(false);
    // Submitting is not a moderation decision: nothing audited.
    expect(await auditOf(t, draft.id)).toEqual([]);
  });

  it.each([BusinessStatus.PUBLISHED, BusinessStatus.PENDING_REVIEW, BusinessStatus.SUSPENDED])(
    'refuses to submit a %s listing (PRECONDITION_FAILED), changing nothing',
    async (status) => {
      const business = await listing(status);
      const res = await t.expectUnchanged(() => t.gql(SUBMIT, { input: { id: business.id } }, owner.token));
      expectError(res, 'PRECONDITION_FAILED');
    },
  );

  it("refuses to submit someone else's draft (NOT_FOUND) or anonymously, changing nothing", async () => {
    const draft = await listing(BusinessStatus.DRAFT);
    expectError(await t.expectUnchanged(() => t.gql(SUBMIT, { input: { id: draft.id } }, member.token)), 'NOT_FOUND');
    expectError(await t.expectUnchanged(() => t.gql(SUBMIT, { input: { id: draft.id } })), 'UNAUTHENTICATED');
  });

  it('publishes a listing under review: PUBLISHED, publishedAt set, visible to all, one audit event', async () => {
    const business = await listing(BusinessStatus.DRAFT, 'Publish Me Bakery');
    await act(SUBMIT, { id: business.id }, owner.token);
    const published = await act(PUBLISH, { id: business.id, note: 'Looks good' }, admin.token);
    expect(published).toMatchObject({ status: 'PUBLISHED', statusReason: null });
    expect(published.publishedAt).toMatch(ISO_INSTANT);
    expect(await visibleIn(business.id)).toBe(true);
    expect(await auditOf(t, business.id)).toEqual([
      {
        action: 'business.published',
        actor_id: admin.account.id,
        subject_type: 'Business',
        before: { status: 'PENDING_REVIEW' },
        after: { status: 'PUBLISHED', reason: 'Looks good' },
      },
    ]);
  });

  it('rejects with a reason shown to owners, editors and admins; the owner fixes it and submits again', async () => {
    const business = await listing(BusinessStatus.DRAFT, 'Blurry Photos Bakery');
    const first = await act(SUBMIT, { id: business.id }, owner.token);
    const reason = 'Please add real opening hours and a photo of the shop';
    const rejected = await act(REJECT, { id: business.id, reason: `  ${reason}  ` }, admin.token);
    expect(rejected).toMatchObject({ status: 'REJECTED', statusReason: reason, publishedAt: null });
    for (const token of [owner.token, editor.token, admin.token]) {
      expect(expectOk(await t.gql(BUSINESS, { id: business.id }, token)).business).toMatchObject({
        status: 'REJECTED',
        statusReason: reason,
      });
    }
    // Others do not even see a rejected listing.
    expectError(await t.gql(BUSINESS, { id: business.id }, member.token), 'NOT_FOUND');
    expectError(await t.gql(BUSINESS, { id: business.id }), 'NOT_FOUND');
    expect(await auditOf(t, business.id)).toEqual([
      {
        action: 'business.rejected',
        actor_id: admin.account.id,
        subject_type: 'Business',
        before: { status: 'PENDING_REVIEW' },
        after: { status: 'REJECTED', reason },
      },
    ]);

    const fixed = await act(UPDATE, { id: business.id, name: 'Sharp Photos Bakery' }, owner.token);
    expect(fixed).toMatchObject({ status: 'REJECTED', name: 'Sharp Photos Bakery' });
    const again = await act(SUBMIT, { id: business.id }, owner.token);
    expect(again).toMatchObject({ status: 'PENDING_REVIEW', statusReason: null });
    expect(new Date(again.submittedAt).getTime()).toBeGreaterThanOrEqual(new Date(first.submittedAt).getTime());
    expect(await act(PUBLISH, { id: business.id }, admin.token)).toMatchObject({ status: 'PUBLISHED', statusReason: null });
    expect((await auditOf(t, business.id)).map((row) => row.action)).toEqual(['business.rejected', 'business.published']);
  });

  it('shows a status reason to nobody but owners, editors and admins', async () => {
    const business = await listing(BusinessStatus.PUBLISHED);
    // A published listing that still carries an old reason.
    await sql(t, 'UPDATE business SET status_reason = ? WHERE id = ?', ['Old complaint', business.id]);
    for (const token of [undefined, member.token]) {
      expect(expectOk(await t.gql(BUSINESS, { id: business.id }, token)).business.statusReason).toBeNull();
    }
    for (const token of [owner.token, editor.token, admin.token]) {
      expect(expectOk(await t.gql(BUSINESS, { id: business.id }, token)).business.statusReason).toBe('Old complaint');
    }
  });

  it('suspends a published listing (gone from the directory for all but its owners) and reinstates it, each audited once', async () => {
    const business = await listing(BusinessStatus.PUBLISHED, 'Suspicious Suya Spot');
    const publishedAt = expectOk(await t.gql(BUSINESS, { id: business.id })).business.publishedAt;
    const reason = 'Reported as permanently closed';
    const suspended = await act(SUSPEND, { id: business.id, reason }, admin.token);
    expect(suspended).toMatchObject({ status: 'SUSPENDED', statusReason: reason });

    for (const token of [undefined, member.token, admin.token]) expect(await visibleIn(business.id, token)).toBe(false);
    for (const token of [owner.token, editor.token]) expect(await visibleIn(business.id, token)).toBe(true);
    expectError(await t.gql(BUSINESS, { id: business.id }), 'NOT_FOUND');
    expectError(await t.gql(BUSINESS, { id: business.id }, member.token), 'NOT_FOUND');
    expect(expectOk(await t.gql(BUSINESS, { id: business.id }, owner.token)).business.statusReason).toBe(reason);

    const reinstated = await act(REINSTATE, { id: business.id, reason: 'Reopened, checked by phone' }, admin.token);
    expect(reinstated).toMatchObject({ status: 'PUBLISHED', statusReason: null, publishedAt });
    expect(await visibleIn(business.id)).toBe(true);

    expect(await auditOf(t, business.id)).toEqual([
      {
        action: 'business.suspended',
        actor_id: admin.account.id,
        subject_type: 'Business',
        before: { status: 'PUBLISHED' },
        after: { status: 'SUSPENDED', reason },
      },
      {
        action: 'business.reinstated',
        actor_id: admin.account.id,
        subject_type: 'Business',
        before: { status: 'SUSPENDED' },
        after: { status: 'PUBLISHED', reason: 'Reopened, checked by phone' },
      },
    ]);
  });

  const wrongTransitions: [string, BusinessStatus, string, Record<string, unknown>][] = [
    ['publish', BusinessStatus.DRAFT, PUBLISH, {}],
    ['publish', BusinessStatus.PUBLISHED, PUBLISH, {}],
    ['publish', BusinessStatus.REJECTED, PUBLISH, {}],
    ['publish', BusinessStatus.SUSPENDED, PUBLISH, {}],
    ['reject', BusinessStatus.DRAFT, REJECT, { reason: 'Not ready' }],
    ['reject', BusinessStatus.PUBLISHED, REJECT, { reason: 'Not ready' }],
    ['suspend', BusinessStatus.DRAFT, SUSPEND, { reason: 'Closed' }],
    ['suspend', BusinessStatus.PENDING_REVIEW, SUSPEND, { reason: 'Closed' }],
    ['suspend', BusinessStatus.SUSPENDED, SUSPEND, { reason: 'Closed' }],
    ['reinstate', BusinessStatus.PUBLISHED, REINSTATE, { reason: 'Reopened' }],
    ['reinstate', BusinessStatus.REJECTED, REINSTATE, { reason: 'Reopened' }],
    ['reinstate', BusinessStatus.DRAFT, REINSTATE, { reason: 'Reopened' }],
  ];

  it.each(wrongTransitions)('refuses to %s a %s listing (PRECONDITION_FAILED), changing nothing', async (_, status, document, extra) => {
    const business = await listing(status);
    const res = await t.expectUnchanged(() => t.gql(document, { input: { id: business.id, ...extra } }, admin.token));
    expectError(res, 'PRECONDITION_FAILED');
  });

  const decisions: [string, string, Record<string, unknown>][] = [
    ['publishBusiness', PUBLISH, {}],
    ['rejectBusiness', REJECT, { reason: 'Not ready' }],
    ['suspendBusiness', SUSPEND, { reason: 'Closed' }],
    ['reinstateBusiness', REINSTATE, { reason: 'Reopened' }],
    ['verifyMemberOwnership', VERIFY, {}],
  ];

  it.each(decisions)(
    'refuses %s to a member (FORBIDDEN), even an owner, and to anonymous callers, changing nothing',
    async (_, document, extra) => {
      const business = await listing(BusinessStatus.PENDING_REVIEW);
      const input = { id: business.id, ...extra };
      expectError(await t.expectUnchanged(() => t.gql(document, { input }, member.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(document, { input }, owner.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(document, { input })), 'UNAUTHENTICATED');
    },
  );

  it('refuses a reason that is too short or missing (BAD_USER_INPUT) and an unknown listing (NOT_FOUND), changing nothing', async () => {
    const business = await listing(BusinessStatus.PUBLISHED);
    expectError(
      await t.expectUnchanged(() => t.gql(SUSPEND, { input: { id: business.id, reason: ' x ' } }, admin.token)),
      'BAD_USER_INPUT',
      ['input.reason'],
    );
    const suspended = await listing(BusinessStatus.SUSPENDED);
    expectError(await t.expectUnchanged(() => t.gql(REINSTATE, { input: { id: suspended.id } }, admin.token)), 'BAD_USER_INPUT');
    expectError(
      await t.expectUnchanged(() => t.gql(REINSTATE, { input: { id: suspended.id, reason: '  ' } }, admin.token)),
      'BAD_USER_INPUT',
      ['input.reason'],
    );
    expectError(await t.expectUnchanged(() => t.gql(PUBLISH, { input: { id: randomUUID() } }, admin.token)), 'NOT_FOUND');
  });
});

describe('verifyMemberOwnership', () => {
  let t: TestApp;
  let yaba: Region;
  let admin: SignedIn;
  let owner: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    yaba = (await seedDemo(t.em())).get('yaba-lagos-ng')!;
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });
    owner = await signedInAccount(t, { homeRegion: yaba });
  });
  afterAll(() => t.close());

  it('refuses a listing whose owners have not declared it member-owned (PRECONDITION_FAILED), changing nothing', async () => {
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, memberOwned: false });
    expectError(await t.expectUnchanged(() => t.gql(VERIFY, { input: { id: business.id } }, admin.token)), 'PRECONDITION_FAILED');
  });

  it('confirms the declaration: memberOwnedVerifiedAt set, one audit event; confirming again changes nothing', async () => {
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, memberOwned: true });
    const verified = expectOk(await t.gql(VERIFY, { input: { id: business.id } }, admin.token)).verifyMemberOwnership.business;
    expect(verified).toMatchObject({ memberOwned: true, status: 'PUBLISHED' });
    expect(verified.memberOwnedVerifiedAt).toMatch(ISO_INSTANT);
    expect(await auditOf(t, business.id)).toEqual([
      {
        action: 'business.member-ownership.verified',
        actor_id: admin.account.id,
        subject_type: 'Business',
        before: { memberOwnedVerifiedAt: null },
        after: { memberOwnedVerifiedAt: verified.memberOwnedVerifiedAt },
      },
    ]);
    const filtered = expectOk(await t.gql(SEARCH, { filter: { memberOwnedVerified: true } })).businesses.edges;
    expect(filtered).toEqual([{ node: { id: business.id } }]);

    const again = await t.expectUnchanged(() => t.gql(VERIFY, { input: { id: business.id } }, admin.token));
    expect(expectOk(again).verifyMemberOwnership.business.memberOwnedVerifiedAt).toBe(verified.memberOwnedVerifiedAt);
  });

  it('works on a listing that is not published yet (admins see every listing)', async () => {
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, memberOwned: true, status: BusinessStatus.DRAFT });
    const verified = expectOk(await t.gql(VERIFY, { input: { id: business.id } }, admin.token)).verifyMemberOwnership.business;
    expect(verified).toMatchObject({ status: 'DRAFT', memberOwnedVerifiedAt: expect.stringMatching(ISO_INSTANT) });
  });
});

describe('moderationQueue', () => {
  let t: TestApp;
  let yaba: Region;
  let admin: SignedIn;
  let owner: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    yaba = (await seedDemo(t.em())).get('yaba-lagos-ng')!;
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });
    owner = await signedInAccount(t, { homeRegion: yaba });
  });
  afterAll(() => t.close());

  async function readQueue(first: number): Promise<{ ids: string[]; totalCount: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (let pages = 0; pages < 50; pages += 1) {
      const res: GraphQLResponse = await t.gql(QUEUE, { first, after }, admin.token);
      const page = expectOk(res).moderationQueue;
      expect(page.edges.length).toBeLessThanOrEqual(first);
      for (const edge of page.edges) expect(edge.node.status).toBe('PENDING_REVIEW');
      ids.push(...page.edges.map((edge: { node: { id: string } }) => edge.node.id));
      totalCount = page.totalCount;
      if (!page.pageInfo.hasNextPage) return { ids, totalCount };
      after = page.pageInfo.endCursor;
    }
    throw new Error('the queue never ends');
  }

  it('lists listings under review, oldest submission first, page by page without duplicates or gaps', async () => {
    // Submitted through the API in one order, then given submission times in another (two of them equal).
    const drafts = [];
    for (let i = 0; i < 7; i += 1)
      drafts.push(await createBusiness(t.em(), { region: yaba, owner: owner.account, status: BusinessStatus.DRAFT }));
    for (const draft of drafts) expectOk(await t.gql(SUBMIT, { input: { id: draft.id } }, owner.token));
    const times = [
      '2026-03-05T10:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
      '2026-03-03T10:00:00.000Z',
      '2026-03-03T10:00:00.000Z',
      '2026-03-02T10:00:00.123Z',
      '2026-03-04T10:00:00.000Z',
      '2026-02-27T23:59:59.999Z',
    ];
    for (const [i, draft] of drafts.entries()) await sql(t, 'UPDATE business SET submitted_at = ? WHERE id = ?', [times[i], draft.id]);
    // Neither a published, a draft nor a deleted listing waits for review.
    await createBusiness(t.em(), { region: yaba, owner: owner.account, status: BusinessStatus.PUBLISHED });
    await createBusiness(t.em(), { region: yaba, owner: owner.account, status: BusinessStatus.DRAFT });
    const deleted = await createBusiness(t.em(), { region: yaba, owner: owner.account, status: BusinessStatus.DRAFT });
    expectOk(await t.gql(SUBMIT, { input: { id: deleted.id } }, owner.token));
    expectOk(
      await t.gql(
        `mutation ($input: BusinessIdInput!) { deleteBusiness(input: $input) { deletedBusinessId } }`,
        { input: { id: deleted.id } },
        owner.token,
      ),
    );

    const tied = [drafts[2].id, drafts[3].id].sort();
    const expected = [drafts[6].id, drafts[1].id, drafts[4].id, ...tied, drafts[5].id, drafts[0].id];
    for (const first of [1, 2, 3, 100]) {
      const { ids, totalCount } = await readQueue(first);
      expect(ids).toEqual(expected);
      expect(totalCount).toBe(7);
    }
  });

  it('is for admins: members FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    expectError(await t.gql(QUEUE, { first: 5 }, owner.token), 'FORBIDDEN');
    expectError(await t.gql(QUEUE, { first: 5 }), 'UNAUTHENTICATED');
  });
});

describe('staleBusinesses', () => {
  let t: TestApp;
  let yaba: Region;
  let admin: SignedIn;
  let member: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    yaba = (await seedDemo(t.em())).get('yaba-lagos-ng')!;
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });
    member = await signedInAccount(t, { homeRegion: yaba });
  });
  afterAll(() => t.close());

  it('lists published listings not changed for longer than the given days, least recently changed first', async () => {
    const older = await createBusiness(t.em(), { region: yaba, owner: member.account, name: 'Older Listing' });
    const old = await createBusiness(t.em(), { region: yaba, owner: member.account, name: 'Old Listing' });
    const fresh = await createBusiness(t.em(), { region: yaba, owner: member.account, name: 'Fresh Listing' });
    const oldDraft = await createBusiness(t.em(), { region: yaba, owner: member.account, status: BusinessStatus.DRAFT });
    await sql(t, "UPDATE business SET updated_at = now() - interval '40 days' WHERE id IN (?, ?)", [old.id, oldDraft.id]);
    await sql(t, "UPDATE business SET updated_at = now() - interval '400 days' WHERE id = ?", [older.id]);

    const res = await t.expectUnchanged(() => t.gql(STALE, { days: 30 }, admin.token));
    expect(expectOk(res).staleBusinesses.edges).toEqual([{ node: { id: older.id } }, { node: { id: old.id } }]);
    expect(JSON.stringify(res.data)).not.toContain(fresh.id);
    // By default: a year.
    expect(expectOk(await t.gql(STALE_DEFAULT, {}, admin.token)).staleBusinesses.edges).toEqual([{ node: { id: older.id } }]);
  });

  it('pages through stale listings without duplicates or gaps', async () => {
    const listings = [];
    for (let i = 0; i < 5; i += 1) listings.push(await createBusiness(t.em(), { region: yaba, owner: member.account }));
    // Two changed at the very same instant; the others a day apart (to the microsecond, as SQL writes it).
    for (const [i, days] of [500, 600, 600, 700, 800].entries()) {
      await sql(
        t,
        "UPDATE business SET updated_at = date_trunc('second', now()) - make_interval(days => ?) - interval '1.234567 seconds' WHERE id = ?",
        [days, listings[i].id],
      );
    }
    const expected = (
      await sql<{ id: string }>(
        t,
        "SELECT id FROM business WHERE status = 'PUBLISHED' AND updated_at < now() - interval '450 days' ORDER BY updated_at, id",
      )
    ).map((row) => row.id);
    expect(expected).toHaveLength(5);
    for (const first of [1, 2]) {
      const ids: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages += 1) {
        const res: GraphQLResponse = await t.gql(STALE_PAGE, { first, after }, admin.token);
        const page = expectOk(res).staleBusinesses;
        ids.push(...page.edges.map((edge: { node: { id: string } }) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(ids).toEqual(expected);
    }
  });

  it('is for admins: members FORBIDDEN, anonymous callers UNAUTHENTICATED; days outside 1 to 3,650 are refused', async () => {
    expectError(await t.expectUnchanged(() => t.gql(STALE, { days: 30 }, member.token)), 'FORBIDDEN');
    expectError(await t.expectUnchanged(() => t.gql(STALE, { days: 30 })), 'UNAUTHENTICATED');
    expectError(await t.gql(STALE, { days: 0 }, admin.token), 'BAD_USER_INPUT', ['olderThanDays']);
  });
});
