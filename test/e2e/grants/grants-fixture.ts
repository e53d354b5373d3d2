/**
 * Shared by the grants/*.e2e-spec.ts files: GraphQL documents, error assertions and helpers that
 * set up organizations, programs and applications through the API (the way members do).
 */
import { randomBytes } from 'node:crypto';
import { AccountRole } from '../../../src/modules/accounts/account-role';
import { Region } from '../../../src/modules/regions/region.entity';
import { AccountOptions, signedInAccount } from '../../factories/account.factory';
import { seedDemo } from '../../utils/seed';
import { TestApp } from '../../utils/test-app';
import { sql, type SignedIn } from '../../utils/graphql-assertions';

export { auditOf, expectError, expectOk, sql } from '../../utils/graphql-assertions';
export type { SignedIn };

export const ORG_FIELDS = `id slug name description website logoUrl verifiedAt version createdAt
  staff { accountId displayName role } viewerCan { manage manageStaff }`;

export const PROGRAM_FIELDS = `id slug name description currency status opensAt closesAt reviewDeadline reviewersPerApplication blindReview
  version contentFrozenAt createdAt
  budget { amount currency } minAward { amount currency } maxAward { amount currency }
  rubric { key title guidance weight maxScore } questions { key label type required options }
  eligibleRegions { id slug } organization { id slug } applicationCount applicationCounts { status count } viewerCan { edit apply }`;

export const APPLICATION_FIELDS = `id title summary proposal status submittedAt withdrawnAt version createdAt updatedAt
  region { id slug } requested { amount currency } budgetLines { item amount { amount currency } } answers { key text number }
  program { id slug } applicant { accountId displayName email } business { id name }`;

export const ORGANIZATION = `query ($slug: String!) { organization(slug: $slug) { ${ORG_FIELDS} } }`;
export const ORGANIZATIONS = `query ($first: Int, $after: String, $filter: OrganizationFilter) {
  organizations(first: $first, after: $after, filter: $filter) {
    totalCount edges { cursor node { id slug name verifiedAt } } pageInfo { hasNextPage endCursor }
  }
}`;
export const MY_ORGANIZATIONS = `query ($first: Int, $after: String) {
  myOrganizations(first: $first, after: $after) { totalCount edges { node { id slug viewerCan { manage manageStaff } } } }
}`;
export const CREATE_ORG = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { ${ORG_FIELDS} } } }`;
export const UPDATE_ORG = `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { ${ORG_FIELDS} } } }`;
export const ADD_STAFF = `mutation ($input: OrganizationMemberInput!) { addOrganizationMember(input: $input) { organization { ${ORG_FIELDS} } } }`;
export const REMOVE_STAFF = `mutation ($input: RemoveOrganizationMemberInput!) {
  removeOrganizationMember(input: $input) { organization { ${ORG_FIELDS} } }
}`;
export const VERIFY_ORG = `mutation ($input: VerifyOrganizationInput!) { verifyOrganization(input: $input) { organization { ${ORG_FIELDS} } } }`;

export const PROGRAM = `query ($slug: String!) { program(slug: $slug) { ${PROGRAM_FIELDS} } }`;
export const PROGRAMS = `query ($first: Int, $after: String, $filter: ProgramFilter) {
  programs(first: $first, after: $after, filter: $filter) {
    totalCount edges { cursor node { id slug status } } pageInfo { hasNextPage endCursor }
  }
}`;
export const ELIGIBLE_PROGRAMS = `query ($first: Int, $after: String, $filter: ProgramFilter) {
  eligiblePrograms(first: $first, after: $after, filter: $filter) {
    totalCount edges { node { id slug status viewerCan { edit apply } } } pageInfo { hasNextPage endCursor }
  }
}`;
export const CREATE_PROGRAM = `mutation ($input: CreateProgramInput!) { createProgram(input: $input) { program { ${PROGRAM_FIELDS} } } }`;
export const UPDATE_PROGRAM = `mutation ($input: UpdateProgramInput!) { updateProgram(input: $input) { program { ${PROGRAM_FIELDS} } } }`;
export const OPEN_PROGRAM = `mutation ($input: ProgramIdInput!) { openProgram(input: $input) { program { ${PROGRAM_FIELDS} } } }`;
export const EXTEND_DEADLINE = `mutation ($input: ExtendProgramDeadlineInput!) {
  extendProgramDeadline(input: $input) { program { ${PROGRAM_FIELDS} } }
}`;
export const START_REVIEW = `mutation ($input: ProgramIdInput!) { startProgramReview(input: $input) { program { ${PROGRAM_FIELDS} } } }`;
export const ARCHIVE_PROGRAM = `mutation ($input: ProgramIdInput!) { archiveProgram(input: $input) { program { ${PROGRAM_FIELDS} } } }`;

export const APPLICATION = `query ($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`;
export const MY_APPLICATIONS = `query ($first: Int, $after: String) {
  myApplications(first: $first, after: $after) { totalCount edges { node { id status program { id } } } pageInfo { hasNextPage endCursor } }
}`;
export const PROGRAM_APPLICATIONS = `query ($programId: ID!, $first: Int, $after: String, $filter: ApplicationFilter, $orderBy: ApplicationOrder) {
  programApplications(programId: $programId, first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount edges { cursor node { id status submittedAt region { slug } applicant { accountId displayName } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
export const CREATE_APPLICATION = `mutation ($input: CreateApplicationInput!) {
  createApplication(input: $input) { application { ${APPLICATION_FIELDS} } }
}`;
export const UPDATE_APPLICATION = `mutation ($input: UpdateApplicationInput!) {
  updateApplication(input: $input) { application { ${APPLICATION_FIELDS} } }
}`;
export const SUBMIT_APPLICATION = `mutation ($input: ApplicationIdInput!) {
  submitApplication(input: $input) { application { ${APPLICATION_FIELDS} } }
}`;
export const WITHDRAW_APPLICATION = `mutation ($input: ApplicationIdInput!) {
  withdrawApplication(input: $input) { application { ${APPLICATION_FIELDS} } }
}`;

export const EXPORT = `{ exportMyData { data } }`;
export const DELETE_ACCOUNT = `mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { deletedAccountId } }`;

export const NOT_UUID = 'not-a-uuid';
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
export const HOUR = 3600 * 1000;
export const DAY = 24 * HOUR;

/** Runs an operation that must succeed and returns its data (failing with the errors otherwise). */
export async function ok(t: TestApp, query: string, variables?: Record<string, unknown>, token?: string): Promise<Record<string, any>> {
  const res = await t.gql(query, variables, token);
  if (res.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data!;
}

export const suffix = () => randomBytes(4).toString('hex');

/** The demo regions and an admin: what every grants spec starts from. */
export interface World {
  region(slug: string): Region;
  admin: SignedIn;
  member(options?: AccountOptions & { home?: string }): Promise<SignedIn>;
}

export async function createWorld(t: TestApp): Promise<World> {
  const regions = await seedDemo(t.em());
  const region = (slug: string) => {
    const found = regions.get(slug);
    if (!found) throw new Error(`no demo region ${slug}`);
    return found;
  };
  const admin = await signedInAccount(t, { role: AccountRole.ADMIN, homeRegion: region('accra-gh') });
  return {
    region,
    admin,
    member: ({ home = 'yaba-lagos-ng', ...options } = {}) =>
      signedInAccount(t, { homeRegion: region(home), publicProfile: true, ...options }),
  };
}

export async function createOrganization(t: TestApp, token: string, input: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const name = `Foundation ${suffix()}`;
  return (await ok(t, CREATE_ORG, { input: { name, description: 'Funds things', ...input } }, token)).createOrganization.organization;
}

export async function verifyOrganization(t: TestApp, adminToken: string, id: string): Promise<Record<string, any>> {
  return (await ok(t, VERIFY_ORG, { input: { id } }, adminToken)).verifyOrganization.organization;
}

export const RUBRIC = [
  { key: 'impact', title: 'Impact', guidance: 'Who benefits, and how much?', weight: 2, maxScore: 10 },
  { key: 'feasibility', title: 'Feasibility', weight: 1, maxScore: 5 },
];

export const QUESTIONS = [
  { key: 'team_size', label: 'How many people work on it?', type: 'NUMBER', required: true },
  { key: 'stage', label: 'How far along is it?', type: 'CHOICE', options: ['idea', 'launched'], required: true },
  { key: 'pitch', label: 'One sentence', type: 'SHORT_TEXT' },
];

/** A valid createProgram input: USD, 500–5000 of 50,000, open from an hour ago for a week. */
export function programInput(
  organizationId: string,
  eligibleRegionIds: string[],
  overrides: Record<string, unknown> = {},
): Record<string, any> {
  const now = Date.now();
  return {
    organizationId,
    name: `Small Grants ${suffix()}`,
    description: 'Grants for small community projects',
    eligibleRegionIds,
    currency: 'USD',
    budget: '50000.00',
    minAward: '500.00',
    maxAward: '5000.00',
    opensAt: new Date(now - HOUR).toISOString(),
    closesAt: new Date(now + 7 * DAY).toISOString(),
    reviewDeadline: new Date(now + 30 * DAY).toISOString(),
    rubric: RUBRIC,
    questions: QUESTIONS,
    ...overrides,
  };
}

export async function createProgram(t: TestApp, token: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  return (await ok(t, CREATE_PROGRAM, { input }, token)).createProgram.program;
}

export async function openProgram(t: TestApp, token: string, id: string): Promise<Record<string, any>> {
  return (await ok(t, OPEN_PROGRAM, { input: { id } }, token)).openProgram.program;
}

/** A verified organization run by a new owner, with an OPEN program for `regions` (Lagos by default). */
export async function fundedProgram(
  t: TestApp,
  world: World,
  { regions = ['lagos-ng'], program: overrides = {} }: { regions?: string[]; program?: Record<string, unknown> } = {},
): Promise<{ owner: SignedIn; organization: Record<string, any>; program: Record<string, any> }> {
  const owner = await world.member({ home: 'accra-gh' });
  const organization = await createOrganization(t, owner.token);
  await verifyOrganization(t, world.admin.token, organization.id);
  const draft = await createProgram(
    t,
    owner.token,
    programInput(
      organization.id,
      regions.map((slug) => world.region(slug).id),
      overrides,
    ),
  );
  const program = await openProgram(t, owner.token, draft.id);
  return { owner, organization, program };
}

/** Complete answers to {@link QUESTIONS}. */
export const ANSWERS = [
  { key: 'team_size', number: 3 },
  { key: 'stage', text: 'idea' },
  { key: 'pitch', text: 'Fresh bread for Yaba' },
];

/** A valid createApplication input: 2500.00 in two lines, work in Yaba. */
export function applicationInput(programId: string, regionId: string, overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    programId,
    regionId,
    title: 'A bakery co-op',
    summary: 'A shared oven for three bakers',
    proposal: 'We will buy an oven and share it.',
    answers: ANSWERS,
    requestedAmount: '2500.00',
    budgetLines: [
      { item: 'Oven', amount: '1500.00' },
      { item: 'Training', amount: '1000.00' },
    ],
    ...overrides,
  };
}

export async function createApplication(t: TestApp, token: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  return (await ok(t, CREATE_APPLICATION, { input }, token)).createApplication.application;
}

export async function submitApplication(t: TestApp, token: string, id: string): Promise<Record<string, any>> {
  return (await ok(t, SUBMIT_APPLICATION, { input: { id } }, token)).submitApplication.application;
}

/** The deadline passes: the program row's closes_at moves into the past (the server's clock decides). */
export async function passDeadline(t: TestApp, programId: string): Promise<void> {
  await sql(t, "UPDATE grant_program SET closes_at = now() - interval '1 minute' WHERE id = ?", [programId]);
}
