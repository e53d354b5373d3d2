import { createTestApp, TestApp } from '../../utils/test-app';
import {
  ADD_STAFF,
  APPLICATION,
  CREATE_APPLICATION,
  CREATE_ORG,
  CREATE_PROGRAM,
  createWorld,
  DAY,
  ELIGIBLE_PROGRAMS,
  expectError,
  expectOk,
  HOUR,
  MY_APPLICATIONS,
  OPEN_PROGRAM,
  PROGRAM,
  PROGRAM_APPLICATIONS,
  SUBMIT_APPLICATION,
  suffix,
  UPDATE_APPLICATION,
  UPDATE_PROGRAM,
  VERIFY_ORG,
  WITHDRAW_APPLICATION,
  World,
} from './grants-fixture';

/** The whole micro-grants flow, over GraphQL only, as the issue describes it. */

describe('micro-grants, end to end', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t);
  });
  afterAll(() => t.close());

  it('organization → verification → program → eligiblePrograms → draft → edit → submit → withdraw → a new application', async () => {
    const funder = await world.member({ home: 'accra-gh', displayName: 'Funder Owner' });
    const manager = await world.member({ home: 'accra-gh' });
    const applicant = await world.member({ home: 'yaba-lagos-ng', displayName: 'Adaeze Applicant' });
    const tag = suffix();

    // 1. A member creates an organization and adds a manager.
    const organization = expectOk(
      await t.gql(
        CREATE_ORG,
        { input: { name: `Flow Foundation ${tag}`, description: 'Funds neighbourhood projects', website: 'https://flow.example.org' } },
        funder.token,
      ),
    ).createOrganization.organization;
    expect(organization.staff).toEqual([{ accountId: funder.account.id, displayName: 'Funder Owner', role: 'OWNER' }]);
    expectOk(
      await t.gql(ADD_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id, role: 'MANAGER' } }, funder.token),
    );

    // 2. The manager sets up a program; it cannot open before an admin verifies the organization.
    const now = Date.now();
    const program = expectOk(
      await t.gql(
        CREATE_PROGRAM,
        {
          input: {
            organizationId: organization.id,
            name: `Neighbourhood Grants ${tag}`,
            description: 'Up to $5,000 for projects in Nigeria',
            eligibleRegionIds: [world.region('nigeria').id],
            currency: 'USD',
            budget: '25000.00',
            minAward: '250.00',
            maxAward: '5000.00',
            opensAt: new Date(now - HOUR).toISOString(),
            closesAt: new Date(now + 14 * DAY).toISOString(),
            reviewDeadline: new Date(now + 45 * DAY).toISOString(),
            rubric: [
              { key: 'impact', title: 'Impact', guidance: 'Who benefits?', weight: 3, maxScore: 10 },
              { key: 'plan', title: 'Plan', weight: 1, maxScore: 10 },
            ],
            questions: [
              { key: 'people_served', label: 'How many people will it serve?', type: 'NUMBER', required: true },
              { key: 'kind', label: 'What kind of project?', type: 'CHOICE', options: ['business', 'community'], required: true },
              { key: 'website', label: 'Website, if any', type: 'SHORT_TEXT' },
            ],
          },
        },
        manager.token,
      ),
    ).createProgram.program;
    expect(program).toMatchObject({ status: 'DRAFT', reviewersPerApplication: 3, blindReview: true, budget: { amount: '25000.00' } });
    // A draft is invisible to the applicant.
    expectError(await t.gql(PROGRAM, { slug: program.slug }, applicant.token), 'NOT_FOUND');
    expectError(await t.expectUnchanged(() => t.gql(OPEN_PROGRAM, { input: { id: program.id } }, manager.token)), 'PRECONDITION_FAILED', [
      'organization',
    ]);
    const verified = expectOk(await t.gql(VERIFY_ORG, { input: { id: organization.id } }, world.admin.token)).verifyOrganization
      .organization;
    expect(verified.verifiedAt).not.toBeNull();
    const opened = expectOk(await t.gql(OPEN_PROGRAM, { input: { id: program.id } }, manager.token)).openProgram.program;
    expect(opened.status).toBe('OPEN');

    // 3. The applicant, at home in Yaba (within Nigeria), finds it among the programs they may apply to.
    const eligible = expectOk(await t.gql(ELIGIBLE_PROGRAMS, { filter: { text: tag } }, applicant.token)).eligiblePrograms;
    expect(eligible.edges.map((edge: any) => edge.node)).toEqual([
      { id: program.id, slug: program.slug, status: 'OPEN', viewerCan: { edit: false, apply: true } },
    ]);

    // 4. A draft with some answers.
    const draft = expectOk(
      await t.gql(
        CREATE_APPLICATION,
        {
          input: {
            programId: program.id,
            regionId: world.region('yaba-lagos-ng').id,
            title: 'Solar lights for Yaba market',
            summary: 'Lights so the market can stay open after dark',
            proposal: 'Ten solar lamps, installed by local electricians.',
            answers: [{ key: 'kind', text: 'community' }],
            requestedAmount: '1200.00',
            budgetLines: [
              { item: 'Lamps', amount: '900.00' },
              { item: 'Installation', amount: '300.00' },
            ],
          },
        },
        applicant.token,
      ),
    ).createApplication.application;
    expect(draft).toMatchObject({ status: 'DRAFT', requested: { amount: '1200.00', currency: 'USD' } });
    // Required answers are missing: it cannot be submitted yet.
    expectError(await t.expectUnchanged(() => t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, applicant.token)), 'BAD_USER_INPUT', [
      'input.answers.people_served',
    ]);

    // 5. Edit, then submit.
    const edited = expectOk(
      await t.gql(
        UPDATE_APPLICATION,
        {
          input: {
            id: draft.id,
            expectedVersion: draft.version,
            answers: [
              { key: 'people_served', number: 400 },
              { key: 'kind', text: 'community' },
            ],
            requestedAmount: '1500.00',
            budgetLines: [
              { item: 'Lamps', amount: '1100.00' },
              { item: 'Installation', amount: '400.00' },
            ],
          },
        },
        applicant.token,
      ),
    ).updateApplication.application;
    expect(edited).toMatchObject({ version: draft.version + 1, requested: { amount: '1500.00' } });
    const submitted = expectOk(await t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, applicant.token)).submitApplication.application;
    expect(submitted).toMatchObject({ status: 'SUBMITTED', submittedAt: expect.any(String) });

    // The managers see it, with who applied; the rubric and questions are frozen now.
    const listed = expectOk(await t.gql(PROGRAM_APPLICATIONS, { programId: program.id }, manager.token)).programApplications;
    expect(listed.edges.map((edge: any) => edge.node)).toEqual([
      {
        id: draft.id,
        status: 'SUBMITTED',
        submittedAt: submitted.submittedAt,
        region: { slug: 'yaba-lagos-ng' },
        applicant: { accountId: applicant.account.id, displayName: 'Adaeze Applicant' },
      },
    ]);
    const asManager = expectOk(await t.gql(PROGRAM, { slug: program.slug }, manager.token)).program;
    expect(asManager).toMatchObject({
      applicationCount: 1,
      applicationCounts: [{ status: 'SUBMITTED', count: 1 }],
      contentFrozenAt: expect.any(String),
    });
    expectError(
      await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: program.id, questions: [] } }, manager.token)),
      'PRECONDITION_FAILED',
      ['input.questions'],
    );
    // The applicant may not apply twice.
    const asApplicant = expectOk(await t.gql(PROGRAM, { slug: program.slug }, applicant.token)).program;
    expect(asApplicant.viewerCan).toEqual({ edit: false, apply: false });

    // 6. Withdraw it, and start again.
    const withdrawn = expectOk(await t.gql(WITHDRAW_APPLICATION, { input: { id: draft.id } }, applicant.token)).withdrawApplication
      .application;
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(expectOk(await t.gql(PROGRAM, { slug: program.slug }, applicant.token)).program.viewerCan).toEqual({ edit: false, apply: true });
    const fresh = expectOk(
      await t.gql(
        CREATE_APPLICATION,
        {
          input: {
            programId: program.id,
            regionId: world.region('lagos-ng').id,
            title: 'Solar lights for all of Lagos',
            summary: 'A bigger plan',
            proposal: 'Fifty lamps.',
            answers: [
              { key: 'people_served', number: 2000 },
              { key: 'kind', text: 'community' },
            ],
            requestedAmount: '5000',
            budgetLines: [{ item: 'Lamps', amount: '5000.00' }],
          },
        },
        applicant.token,
      ),
    ).createApplication.application;
    expect(fresh).toMatchObject({ status: 'DRAFT', region: { slug: 'lagos-ng' }, requested: { amount: '5000.00' } });

    const mine = expectOk(await t.gql(MY_APPLICATIONS, {}, applicant.token)).myApplications;
    expect(mine.edges.map((edge: any) => [edge.node.id, edge.node.status])).toEqual([
      [fresh.id, 'DRAFT'],
      [draft.id, 'WITHDRAWN'],
    ]);
    // The new draft is the applicant's own business until it is submitted.
    expectError(await t.gql(APPLICATION, { id: fresh.id }, manager.token), 'NOT_FOUND');
    expect(expectOk(await t.gql(APPLICATION, { id: draft.id }, manager.token)).application.status).toBe('WITHDRAWN');
  });
});
