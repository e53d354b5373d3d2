import { randomUUID } from 'node:crypto';
import { AccountRole } from '../../../src/modules/accounts/account-role';
import { BusinessStatus } from '../../../src/modules/businesses/business-status';
import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { seedDemo } from '../../utils/seed';
import { auditOf, expectError, expectOk, ISO_INSTANT, SignedIn, sql } from '../../utils/graphql-assertions';
import { createTestApp, TestApp } from '../../utils/test-app';

/** Claims: a member asks to become an owner of a listing they do not maintain; an admin decides. */

const CLAIM_FIELDS = 'id status evidence decisionReason decidedAt createdAt business { id name } claimant { id }';
const CLAIM = `mutation ($input: ClaimBusinessInput!) { claimBusiness(input: $input) { claim { ${CLAIM_FIELDS} } } }`;
const APPROVE = `mutation ($input: ClaimDecisionInput!) { approveClaim(input: $input) { claim { ${CLAIM_FIELDS} } } }`;
const REJECT = `mutation ($input: ClaimDecisionInput!) { rejectClaim(input: $input) { claim { ${CLAIM_FIELDS} } } }`;
const QUEUE = `query ($first: Int!, $after: String) {
  claimsQueue(first: $first, after: $after) { totalCount edges { node { id status } } pageInfo { hasNextPage endCursor } }
}`;
const MY_CLAIMS = `{ myClaims(first: 100) { totalCount edges { node { id status evidence business { id } } } } }`;
const MINE = `{ myBusinesses(first: 100) { edges { node { id } } } }`;
const BUSINESS = `query ($id: ID!) { business(id: $id) { id owners { accountId role } viewerCan { edit manageOwners delete claim } } }`;
const ADD = `mutation ($input: BusinessOwnerInput!) { addBusinessOwner(input: $input) { business { id } } }`;

const EVIDENCE = 'I run this shop: my name is on the CAC registration and the shop sign.';

describe('claims', () => {
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

  const member = () => signedInAccount(t, { homeRegion: yaba });
  const listing = (status = BusinessStatus.PUBLISHED, name?: string) =>
    createBusiness(t.em(), { region: yaba, owner: owner.account, status, name });
  const claim = async (businessId: string, token: string, evidence = EVIDENCE) => {
    const res = await t.gql(CLAIM, { input: { businessId, evidence } }, token);
    return expectOk(res).claimBusiness.claim as Record<string, any>;
  };

  it('records a PENDING claim of a published listing the member does not maintain', async () => {
    const claimant = await member();
    const business = await listing(BusinessStatus.PUBLISHED, 'Claimable Kitchen');
    expect(expectOk(await t.gql(BUSINESS, { id: business.id }, claimant.token)).business.viewerCan.claim).toBe(true);
    expect(expectOk(await t.gql(BUSINESS, { id: business.id }, owner.token)).business.viewerCan.claim).toBe(false);
    expect(expectOk(await t.gql(BUSINESS, { id: business.id })).business.viewerCan.claim).toBe(false);

    const created = await claim(business.id, claimant.token, `  ${EVIDENCE}  `);
    expect(created).toMatchObject({
      status: 'PENDING',
      evidence: EVIDENCE,
      decisionReason: null,
      decidedAt: null,
      business: { id: business.id, name: 'Claimable Kitchen' },
      claimant: { id: claimant.account.id },
    });
    expect(created.createdAt).toMatch(ISO_INSTANT);
    expect(await sql(t, 'SELECT business_id, claimant_id, status, evidence FROM business_claim WHERE id = ?', [created.id])).toEqual([
      { business_id: business.id, claimant_id: claimant.account.id, status: 'PENDING', evidence: EVIDENCE },
    ]);
    // Claiming is not a decision: nothing audited, and the claimant owns nothing yet.
    expect(await auditOf(t, created.id)).toEqual([]);
    // With a claim pending, the claimant may not claim it again (in a search, too); others still may.
    expect(expectOk(await t.gql(BUSINESS, { id: business.id }, claimant.token)).business.viewerCan.claim).toBe(false);
    const inSearch = await t.gql(
      `query ($text: String!) { businesses(filter: { text: $text }) { edges { node { id viewerCan { claim } } } } }`,
      { text: 'Claimable Kitchen' },
      claimant.token,
    );
    expect(expectOk(inSearch).businesses.edges).toContainEqual({ node: { id: business.id, viewerCan: { claim: false } } });
    expect(expectOk(await t.gql(BUSINESS, { id: business.id }, (await member()).token)).business.viewerCan.claim).toBe(true);
    expect(expectOk(await t.gql(MINE, {}, claimant.token)).myBusinesses.edges).toEqual([]);
  });

  it('refuses a second pending claim of the same listing (CONFLICT), changing nothing', async () => {
    const claimant = await member();
    const business = await listing();
    await claim(business.id, claimant.token);
    const res = await t.expectUnchanged(() => t.gql(CLAIM, { input: { businessId: business.id, evidence: EVIDENCE } }, claimant.token));
    expectError(res, 'CONFLICT');
  });

  it('keeps one pending claim when the same member claims twice at the same time', async () => {
    const claimant = await member();
    const business = await listing();
    const results = await Promise.all(
      [1, 2].map(() => t.gql(CLAIM, { input: { businessId: business.id, evidence: EVIDENCE } }, claimant.token)),
    );
    expect(results.filter((res) => res.errors === undefined)).toHaveLength(1);
    expect(results.filter((res) => res.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(1);
    expect(await sql(t, 'SELECT status FROM business_claim WHERE business_id = ?', [business.id])).toEqual([{ status: 'PENDING' }]);
  });

  it('refuses a claim of a listing the member maintains (PRECONDITION_FAILED), changing nothing', async () => {
    const editor = await member();
    const business = await createBusiness(t.em(), { region: yaba, owner: owner.account, editors: [editor.account] });
    for (const token of [owner.token, editor.token]) {
      const res = await t.expectUnchanged(() => t.gql(CLAIM, { input: { businessId: business.id, evidence: EVIDENCE } }, token));
      expectError(res, 'PRECONDITION_FAILED');
    }
  });

  it.each([BusinessStatus.DRAFT, BusinessStatus.PENDING_REVIEW, BusinessStatus.SUSPENDED])(
    'answers NOT_FOUND to a claim of a %s listing, changing nothing',
    async (status) => {
      const claimant = await member();
      const business = await listing(status);
      const res = await t.expectUnchanged(() => t.gql(CLAIM, { input: { businessId: business.id, evidence: EVIDENCE } }, claimant.token));
      expectError(res, 'NOT_FOUND');
    },
  );

  it('refuses evidence under 10 characters (BAD_USER_INPUT), and anonymous callers, changing nothing', async () => {
    const claimant = await member();
    const business = await listing();
    const short = await t.expectUnchanged(() =>
      t.gql(CLAIM, { input: { businessId: business.id, evidence: '  trust me ' } }, claimant.token),
    );
    expectError(short, 'BAD_USER_INPUT', ['input.evidence']);
    expectError(await t.expectUnchanged(() => t.gql(CLAIM, { input: { businessId: business.id, evidence: EVIDENCE } })), 'UNAUTHENTICATED');
  });

  it('approves a claim: the claimant becomes an OWNER, one audit event; deciding it again is refused', async () => {
    const claimant = await member();
    const business = await listing(BusinessStatus.PUBLISHED, 'Approved Kitchen');
    const pending = await claim(business.id, claimant.token);

    const approved = expectOk(await t.gql(APPROVE, { input: { claimId: pending.id, reason: 'Checked the registration' } }, admin.token))
      .approveClaim.claim;
    expect(approved).toMatchObject({ id: pending.id, status: 'APPROVED', decisionReason: 'Checked the registration' });
    expect(approved.decidedAt).toMatch(ISO_INSTANT);

    expect(expectOk(await t.gql(MINE, {}, claimant.token)).myBusinesses.edges).toEqual([{ node: { id: business.id } }]);
    const seen = expectOk(await t.gql(BUSINESS, { id: business.id }, claimant.token)).business;
    expect(seen.viewerCan).toEqual({ edit: true, manageOwners: true, delete: true, claim: false });
    expect(seen.owners).toContainEqual({ accountId: claimant.account.id, role: 'OWNER' });
    expect(await sql(t, 'SELECT status, decided_by_id FROM business_claim WHERE id = ?', [pending.id])).toEqual([
      { status: 'APPROVED', decided_by_id: admin.account.id },
    ]);
    expect(await auditOf(t, pending.id)).toEqual([
      {
        action: 'business.claim.approved',
        actor_id: admin.account.id,
        subject_type: 'BusinessClaim',
        before: { status: 'PENDING' },
        after: expect.objectContaining({ status: 'APPROVED', businessId: business.id, claimantId: claimant.account.id }),
      },
    ]);

    expectError(await t.expectUnchanged(() => t.gql(APPROVE, { input: { claimId: pending.id } }, admin.token)), 'PRECONDITION_FAILED');
    expectError(
      await t.expectUnchanged(() => t.gql(REJECT, { input: { claimId: pending.id, reason: 'Changed my mind' } }, admin.token)),
      'PRECONDITION_FAILED',
    );
  });

  it('approves the claim of a member who has become an editor meanwhile: they are promoted to OWNER', async () => {
    const claimant = await member();
    const business = await listing();
    const pending = await claim(business.id, claimant.token);
    expectOk(await t.gql(ADD, { input: { businessId: business.id, accountId: claimant.account.id, role: 'EDITOR' } }, owner.token));
    expectOk(await t.gql(APPROVE, { input: { claimId: pending.id } }, admin.token));
    expect(
      await sql(t, 'SELECT role FROM business_owner WHERE business_id = ? AND account_id = ?', [business.id, claimant.account.id]),
    ).toEqual([{ role: 'OWNER' }]);
  });

  it('rejects a claim only with a reason, records it and audits once; deciding it again is refused', async () => {
    const claimant = await member();
    const business = await listing();
    const pending = await claim(business.id, claimant.token);

    for (const input of [{ claimId: pending.id }, { claimId: pending.id, reason: null }, { claimId: pending.id, reason: '  ' }]) {
      expectError(await t.expectUnchanged(() => t.gql(REJECT, { input }, admin.token)), 'BAD_USER_INPUT', ['input.reason']);
    }
    const reason = 'The registration names someone else';
    const rejected = expectOk(await t.gql(REJECT, { input: { claimId: pending.id, reason } }, admin.token)).rejectClaim.claim;
    expect(rejected).toMatchObject({ status: 'REJECTED', decisionReason: reason, decidedAt: expect.stringMatching(ISO_INSTANT) });
    expect(await sql(t, 'SELECT role FROM business_owner WHERE account_id = ?', [claimant.account.id])).toEqual([]);
    expect(await auditOf(t, pending.id)).toEqual([
      {
        action: 'business.claim.rejected',
        actor_id: admin.account.id,
        subject_type: 'BusinessClaim',
        before: { status: 'PENDING' },
        after: expect.objectContaining({ status: 'REJECTED', reason }),
      },
    ]);
    expectError(await t.expectUnchanged(() => t.gql(APPROVE, { input: { claimId: pending.id } }, admin.token)), 'PRECONDITION_FAILED');
    // A rejected claimant may try again.
    expect((await claim(business.id, claimant.token)).status).toBe('PENDING');
  });

  it('refuses members (FORBIDDEN), even the claimant, and anonymous callers, changing nothing', async () => {
    const claimant = await member();
    const business = await listing();
    const pending = await claim(business.id, claimant.token);
    for (const document of [APPROVE, REJECT]) {
      const input = { claimId: pending.id, reason: 'Looks right to me' };
      expectError(await t.expectUnchanged(() => t.gql(document, { input }, claimant.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(document, { input }, owner.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(document, { input })), 'UNAUTHENTICATED');
    }
    expectError(await t.expectUnchanged(() => t.gql(QUEUE, { first: 5 }, claimant.token)), 'FORBIDDEN');
    expectError(await t.expectUnchanged(() => t.gql(QUEUE, { first: 5 })), 'UNAUTHENTICATED');
    expectError(await t.expectUnchanged(() => t.gql(APPROVE, { input: { claimId: randomUUID() } }, admin.token)), 'NOT_FOUND');
  });

  it('lists pending claims for admins, oldest first, page by page without duplicates or gaps', async () => {
    const claimant = await member();
    const other = await member();
    const claims: string[] = [];
    for (let i = 0; i < 4; i += 1) claims.push((await claim((await listing()).id, claimant.token)).id);
    const othersClaim = (await claim((await listing()).id, other.token)).id;
    // A decided claim is not waiting any more.
    const decided = (await claim((await listing()).id, other.token)).id;
    expectOk(await t.gql(REJECT, { input: { claimId: decided, reason: 'Not convincing' } }, admin.token));
    // Made in one order, dated in another (two at the same instant).
    const dates = ['2026-01-04T08:00:00.000Z', '2026-01-02T08:00:00.000Z', '2026-01-03T08:00:00.000Z', '2026-01-02T08:00:00.000Z'];
    for (const [i, id] of claims.entries()) await sql(t, 'UPDATE business_claim SET created_at = ? WHERE id = ?', [dates[i], id]);
    await sql(t, 'UPDATE business_claim SET created_at = ? WHERE id = ?', ['2026-01-01T08:00:00.000Z', othersClaim]);

    const expected = (await sql<{ id: string }>(t, "SELECT id FROM business_claim WHERE status = 'PENDING' ORDER BY created_at, id")).map(
      (row) => row.id,
    );
    const tied = [claims[1], claims[3]].sort();
    expect(expected.filter((id) => [...claims, othersClaim].includes(id))).toEqual([othersClaim, ...tied, claims[2], claims[0]]);
    expect(expected).not.toContain(decided);

    for (const first of [1, 2, 100]) {
      const ids: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 100; pages += 1) {
        const page: Record<string, any> = expectOk(await t.gql(QUEUE, { first, after }, admin.token)).claimsQueue;
        expect(page.totalCount).toBe(expected.length);
        for (const edge of page.edges) expect(edge.node.status).toBe('PENDING');
        ids.push(...page.edges.map((edge: { node: { id: string } }) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(ids).toEqual(expected);
    }
  });

  it('reads the claimed listings of a queue page in one batch, whatever its size', async () => {
    for (let i = 0; i < 5; i += 1) await claim((await listing()).id, (await member()).token);
    const query = `query ($first: Int!) { claimsQueue(first: $first) { edges { node { id business { name } } } } }`;
    const one = await t.countSql(() => t.gql(query, { first: 1 }, admin.token));
    const five = await t.countSql(() => t.gql(query, { first: 5 }, admin.token));
    const edges = expectOk(five.result).claimsQueue.edges;
    expect(edges).toHaveLength(5);
    for (const edge of edges) expect(edge.node.business.name).toEqual(expect.any(String));
    expect(five.statements.length).toBe(one.statements.length);
  });

  it("lists the viewer's own claims in myClaims, decided or not, oldest first", async () => {
    const claimant = await member();
    const other = await member();
    const first = await claim((await listing()).id, claimant.token);
    const second = await claim((await listing()).id, claimant.token);
    await claim((await listing()).id, other.token);
    expectOk(await t.gql(REJECT, { input: { claimId: second.id, reason: 'The registration names someone else' } }, admin.token));
    await sql(t, 'UPDATE business_claim SET created_at = ? WHERE id = ?', ['2026-01-02T08:00:00.000Z', first.id]);
    await sql(t, 'UPDATE business_claim SET created_at = ? WHERE id = ?', ['2026-01-01T08:00:00.000Z', second.id]);

    const res = await t.expectUnchanged(() => t.gql(MY_CLAIMS, {}, claimant.token));
    const mine = expectOk(res).myClaims;
    expect(mine.totalCount).toBe(2);
    expect(mine.edges).toEqual([
      { node: { id: second.id, status: 'REJECTED', evidence: EVIDENCE, business: { id: second.business.id } } },
      { node: { id: first.id, status: 'PENDING', evidence: EVIDENCE, business: { id: first.business.id } } },
    ]);
    expectError(await t.gql(MY_CLAIMS), 'UNAUTHENTICATED');
  });
});

describe('claims of a deleted listing', () => {
  // An app of its own: the claim left behind must not disturb the queue's other tests.
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

  const member = () => signedInAccount(t, { homeRegion: yaba });
  const listing = () => createBusiness(t.em(), { region: yaba, owner: owner.account });
  const claim = async (businessId: string, token: string) =>
    expectOk(await t.gql(CLAIM, { input: { businessId, evidence: EVIDENCE } }, token)).claimBusiness.claim as Record<string, any>;

  it('does not leave admins a pending claim they cannot decide when its listing is deleted', async () => {
    const claimant = await member();
    const business = await listing();
    const pending = await claim(business.id, claimant.token);
    expectOk(
      await t.gql(
        `mutation ($input: BusinessIdInput!) { deleteBusiness(input: $input) { deletedBusinessId } }`,
        { input: { id: business.id } },
        owner.token,
      ),
    );

    const queued = async () => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 100; pages += 1) {
        const page: Record<string, any> = expectOk(await t.gql(QUEUE, { first: 100, after }, admin.token)).claimsQueue;
        ids.push(...page.edges.map((edge: { node: { id: string } }) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      return ids.includes(pending.id);
    };
    // Deleting the listing settles its pending claims: out of the queue, rejected with the reason.
    expect(await queued()).toBe(false);
    const [row] = await sql<{ status: string; decision_reason: string; decided_by_id: string; decided: boolean }>(
      t,
      'SELECT status, decision_reason, decided_by_id, decided_at IS NOT NULL AS decided FROM business_claim WHERE id = ?',
      [pending.id],
    );
    expect(row).toEqual({ status: 'REJECTED', decision_reason: 'The listing was deleted', decided_by_id: owner.account.id, decided: true });
    // Audited as a decision on a claim is, by whoever deleted the listing.
    expect(await auditOf(t, pending.id)).toEqual([
      {
        action: 'business.claim.rejected',
        actor_id: owner.account.id,
        subject_type: 'BusinessClaim',
        before: { status: 'PENDING' },
        after: { status: 'REJECTED', reason: 'The listing was deleted', businessId: business.id, claimantId: claimant.account.id },
      },
    ]);
  });
});
