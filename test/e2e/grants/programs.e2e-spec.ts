import { createRegion } from '../../factories/region.factory';
import { createTestApp, TestApp } from '../../utils/test-app';
import {
  ADD_STAFF,
  applicationInput,
  ARCHIVE_PROGRAM,
  createApplication,
  createOrganization,
  CREATE_PROGRAM,
  createProgram,
  createWorld,
  DAY,
  ELIGIBLE_PROGRAMS,
  expectError,
  expectOk,
  EXTEND_DEADLINE,
  fundedProgram,
  HOUR,
  NOT_UUID,
  ok,
  OPEN_PROGRAM,
  openProgram,
  passDeadline,
  PROGRAM,
  programInput,
  PROGRAMS,
  QUESTIONS,
  RUBRIC,
  SignedIn,
  sql,
  START_REVIEW,
  submitApplication,
  suffix,
  UNKNOWN_ID,
  UPDATE_PROGRAM,
  verifyOrganization,
  WITHDRAW_APPLICATION,
  World,
} from './grants-fixture';

/** Grant programs: set-up by managers, opening, the clock, freezing, review and archive, and the lists. */

describe('grant programs', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t);
  });
  afterAll(() => t.close());

  /** A verified organization with an owner and a manager. */
  async function organizationWithStaff(): Promise<{ owner: SignedIn; manager: SignedIn; organization: Record<string, any> }> {
    const owner = await world.member({ home: 'accra-gh' });
    const manager = await world.member({ home: 'accra-gh' });
    const organization = await createOrganization(t, owner.token);
    await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id, role: 'MANAGER' } }, owner.token);
    await verifyOrganization(t, world.admin.token, organization.id);
    return { owner, manager, organization };
  }

  const lagos = () => world.region('lagos-ng').id;
  const row = async (id: string) => (await sql(t, 'SELECT * FROM grant_program WHERE id = ?', [id]))[0];

  describe('createProgram', () => {
    it('makes a slug that fits its column from a name that folds into three times its length', async () => {
      const { manager, organization } = await organizationWithStaff();
      const name = 'ﬃ'.repeat(100);
      const program = await createProgram(
        t,
        manager.token,
        programInput(organization.id, [world.region('accra-gh').id], { name, slug: undefined }),
      );
      expect(program.name).toBe(name);
      expect(program.slug).toMatch(/^(ffi)+f?f?$/);
      expect(program.slug.length).toBeLessThanOrEqual(120);
    });

    it('lets a manager create a DRAFT with a rubric and questions; money goes in as minor units and out as Money', async () => {
      const { manager, organization } = await organizationWithStaff();
      const input = programInput(organization.id, [lagos(), world.region('accra-gh').id], {
        slug: `lagos-small-${suffix()}`,
        budget: '50000.5',
        minAward: '500',
        maxAward: '5000.00',
      });
      const program = expectOk(await t.gql(CREATE_PROGRAM, { input }, manager.token)).createProgram.program;
      expect(program).toMatchObject({
        slug: input.slug,
        name: input.name,
        description: input.description,
        currency: 'USD',
        status: 'DRAFT',
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        reviewDeadline: input.reviewDeadline,
        reviewersPerApplication: 3,
        blindReview: true,
        contentFrozenAt: null,
        version: 1,
        budget: { amount: '50000.50', currency: 'USD' },
        minAward: { amount: '500.00', currency: 'USD' },
        maxAward: { amount: '5000.00', currency: 'USD' },
        rubric: [
          { key: 'impact', title: 'Impact', guidance: 'Who benefits, and how much?', weight: 2, maxScore: 10 },
          { key: 'feasibility', title: 'Feasibility', guidance: '', weight: 1, maxScore: 5 },
        ],
        questions: [
          { key: 'team_size', label: 'How many people work on it?', type: 'NUMBER', required: true, options: [] },
          { key: 'stage', label: 'How far along is it?', type: 'CHOICE', required: true, options: ['idea', 'launched'] },
          { key: 'pitch', label: 'One sentence', type: 'SHORT_TEXT', required: false, options: [] },
        ],
        organization: { id: organization.id },
        applicationCount: 0,
        applicationCounts: [],
        viewerCan: { edit: true, apply: false },
      });
      expect(program.eligibleRegions.map((region: { slug: string }) => region.slug).sort()).toEqual(['accra-gh', 'lagos-ng']);
      expect(await row(program.id)).toMatchObject({
        budget_minor: '5000050',
        min_award_minor: '50000',
        max_award_minor: '500000',
        status: 'DRAFT',
        organization_id: organization.id,
      });
    });

    it('takes reviewersPerApplication and blindReview when given, and lets an owner create too', async () => {
      const { owner, organization } = await organizationWithStaff();
      const program = await createProgram(
        t,
        owner.token,
        programInput(organization.id, [lagos()], { reviewersPerApplication: 10, blindReview: false }),
      );
      expect(program).toMatchObject({ reviewersPerApplication: 10, blindReview: false, status: 'DRAFT' });
    });

    it('refuses members who are not on the staff (FORBIDDEN, admins too), anonymous callers, unknown organizations; nothing changes', async () => {
      const { organization } = await organizationWithStaff();
      const stranger = await world.member();
      const input = programInput(organization.id, [lagos()]);
      expectError(await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input }, stranger.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input }, world.admin.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input })), 'UNAUTHENTICATED');
      expectError(
        await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input: { ...input, organizationId: UNKNOWN_ID } }, stranger.token)),
        'NOT_FOUND',
      );
    });

    it('refuses malformed fields (BAD_USER_INPUT at each path), changing nothing', async () => {
      const { manager, organization } = await organizationWithStaff();
      const input = programInput(organization.id, [lagos()], {
        name: ' ',
        slug: 'Bad Slug',
        currency: 'usd',
        budget: '1,000',
        minAward: '-5',
        eligibleRegionIds: [],
        reviewersPerApplication: 11,
        rubric: [
          { key: 'impact', title: 'Impact', weight: 0, maxScore: 10 },
          { key: 'team', title: 'Team', weight: 1, maxScore: 101 },
        ],
        questions: [{ key: 'q', label: '', type: 'NUMBER' }],
      });
      const res = await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input }, manager.token));
      expectError(res, 'BAD_USER_INPUT', [
        'input.name',
        'input.slug',
        'input.currency',
        'input.budget',
        'input.minAward',
        'input.eligibleRegionIds',
        'input.reviewersPerApplication',
        'input.rubric.0.weight',
        'input.rubric.1.maxScore',
        'input.questions.0.label',
      ]);
      expectError(
        await t.expectUnchanged(() =>
          t.gql(CREATE_PROGRAM, { input: { ...programInput(organization.id, [lagos()]), reviewersPerApplication: 0 } }, manager.token),
        ),
        'BAD_USER_INPUT',
        ['input.reviewersPerApplication'],
      );
      const tooMany = programInput(organization.id, [lagos()], {
        rubric: Array.from({ length: 21 }, (_, i) => ({ key: `c${i}`, title: `C${i}`, weight: 1, maxScore: 5 })),
        questions: Array.from({ length: 21 }, (_, i) => ({ key: `q${i}`, label: `Q${i}`, type: 'SHORT_TEXT' })),
      });
      expectError(await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input: tooMany }, manager.token)), 'BAD_USER_INPUT', [
        'input.rubric',
        'input.questions',
      ]);
    });

    it('checks the rubric, the questions, the amounts and the dates together (BAD_USER_INPUT), changing nothing', async () => {
      const { manager, organization } = await organizationWithStaff();
      const now = Date.now();
      const input = programInput(organization.id, [lagos()], {
        budget: '1000.00',
        minAward: '600.00',
        maxAward: '2000.00',
        opensAt: new Date(now + 2 * DAY).toISOString(),
        closesAt: new Date(now + DAY).toISOString(),
        reviewDeadline: new Date(now + HOUR).toISOString(),
        rubric: [
          { key: 'Impact', title: 'Impact', weight: 1, maxScore: 10 },
          { key: 'team', title: 'Team', weight: 1, maxScore: 10 },
          { key: 'team', title: 'Team again', weight: 1, maxScore: 10 },
        ],
        questions: [
          { key: 'stage', label: 'Stage', type: 'CHOICE', options: ['only one'] },
          { key: 'size', label: 'Size', type: 'NUMBER', options: ['1', '2'] },
          { key: 'size', label: 'Size again', type: 'LONG_TEXT' },
        ],
      });
      const res = await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input }, manager.token));
      expectError(res, 'BAD_USER_INPUT', [
        'input.maxAward', // above the budget
        'input.closesAt', // before opensAt
        'input.reviewDeadline', // before closesAt
        'input.rubric.0.key',
        'input.rubric.2.key',
        'input.questions.0.options',
        'input.questions.1.options',
        'input.questions.2.key',
      ]);

      const minAboveMax = programInput(organization.id, [lagos()], { minAward: '3000.00', maxAward: '2000.00' });
      expectError(await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input: minAboveMax }, manager.token)), 'BAD_USER_INPUT', [
        'input.maxAward',
      ]);
      const zeroMin = programInput(organization.id, [lagos()], { minAward: '0.00' });
      expectError(await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input: zeroMin }, manager.token)), 'BAD_USER_INPUT', [
        'input.minAward',
      ]);
      const { minAward: _min, maxAward: _max, closesAt: _closes, ...incomplete } = programInput(organization.id, [lagos()]);
      expectError(await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input: incomplete }, manager.token)), 'BAD_USER_INPUT', [
        'input.minAward',
        'input.maxAward',
        'input.closesAt',
      ]);
    });

    it('refuses an unknown currency, an unknown region and a taken slug, changing nothing', async () => {
      const { manager, organization } = await organizationWithStaff();
      expectError(
        await t.expectUnchanged(() =>
          t.gql(CREATE_PROGRAM, { input: programInput(organization.id, [lagos()], { currency: 'XYZ' }) }, manager.token),
        ),
        'BAD_USER_INPUT',
        ['input.currency'],
      );
      expectError(
        await t.expectUnchanged(() =>
          t.gql(CREATE_PROGRAM, { input: programInput(organization.id, [lagos(), UNKNOWN_ID]) }, manager.token),
        ),
        'BAD_USER_INPUT',
        ['input.eligibleRegionIds'],
      );
      const slug = `taken-${suffix()}`;
      await createProgram(t, manager.token, programInput(organization.id, [lagos()], { slug }));
      expectError(
        await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input: programInput(organization.id, [lagos()], { slug }) }, manager.token)),
        'CONFLICT',
        ['input.slug'],
      );
    });

    it('formats a 0-decimal currency (JPY) without decimals and refuses amounts with more decimals than the currency has', async () => {
      const { manager, organization } = await organizationWithStaff();
      const yen = await createProgram(
        t,
        manager.token,
        programInput(organization.id, [lagos()], { currency: 'JPY', budget: '1000000', minAward: '5000', maxAward: '150000' }),
      );
      expect({ budget: yen.budget, minAward: yen.minAward, maxAward: yen.maxAward }).toEqual({
        budget: { amount: '1000000', currency: 'JPY' },
        minAward: { amount: '5000', currency: 'JPY' },
        maxAward: { amount: '150000', currency: 'JPY' },
      });
      expect(await row(yen.id)).toMatchObject({ budget_minor: '1000000', min_award_minor: '5000', max_award_minor: '150000' });

      const decimalsInYen = programInput(organization.id, [lagos()], {
        currency: 'JPY',
        budget: '1000000.5',
        minAward: '5000.00',
        maxAward: '150000',
      });
      expectError(await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input: decimalsInYen }, manager.token)), 'BAD_USER_INPUT', [
        'input.budget',
        'input.minAward',
      ]);
      const centsOfCents = programInput(organization.id, [lagos()], { budget: '50000.001' });
      expectError(await t.expectUnchanged(() => t.gql(CREATE_PROGRAM, { input: centsOfCents }, manager.token)), 'BAD_USER_INPUT', [
        'input.budget',
      ]);

      // Three decimals where the currency has three (Kuwaiti dinar).
      const dinar = await createProgram(
        t,
        manager.token,
        programInput(organization.id, [lagos()], { currency: 'KWD', budget: '10000.125', minAward: '100', maxAward: '1000.5' }),
      );
      expect([dinar.budget.amount, dinar.minAward.amount, dinar.maxAward.amount]).toEqual(['10000.125', '100.000', '1000.500']);
    });
  });

  describe('openProgram', () => {
    it('opens a complete DRAFT of a verified organization', async () => {
      const { manager, organization } = await organizationWithStaff();
      const draft = await createProgram(t, manager.token, programInput(organization.id, [lagos()]));
      const opened = expectOk(await t.gql(OPEN_PROGRAM, { input: { id: draft.id } }, manager.token)).openProgram.program;
      expect(opened).toMatchObject({ id: draft.id, status: 'OPEN' });
      expect((await row(draft.id)).status).toBe('OPEN');
      // Once open, anyone sees it.
      expect(expectOk(await t.gql(PROGRAM, { slug: draft.slug })).program.status).toBe('OPEN');
    });

    it('refuses an organization that is not verified (PRECONDITION_FAILED), changing nothing', async () => {
      const owner = await world.member();
      const organization = await createOrganization(t, owner.token);
      const draft = await createProgram(t, owner.token, programInput(organization.id, [lagos()]));
      const res = await t.expectUnchanged(() => t.gql(OPEN_PROGRAM, { input: { id: draft.id } }, owner.token));
      expectError(res, 'PRECONDITION_FAILED', ['organization']);
    });

    it('refuses a program without rubric, budget, regions or a future deadline, naming each (PRECONDITION_FAILED)', async () => {
      const { manager, organization } = await organizationWithStaff();
      const {
        rubric: _r,
        budget: _b,
        eligibleRegionIds: _e,
        ...bare
      } = programInput(organization.id, [lagos()], {
        opensAt: new Date(Date.now() - 2 * DAY).toISOString(),
        closesAt: new Date(Date.now() - DAY).toISOString(),
      });
      const draft = await createProgram(t, manager.token, bare);
      expect(draft.budget.amount).toBe('0.00');
      const res = await t.expectUnchanged(() => t.gql(OPEN_PROGRAM, { input: { id: draft.id } }, manager.token));
      expectError(res, 'PRECONDITION_FAILED', ['rubric', 'budget', 'closesAt', 'eligibleRegionIds', 'maxAward']);
    });

    it('refuses to open a program twice (PRECONDITION_FAILED), changing nothing', async () => {
      const { owner, program } = await fundedProgram(t, world);
      expectError(await t.expectUnchanged(() => t.gql(OPEN_PROGRAM, { input: { id: program.id } }, owner.token)), 'PRECONDITION_FAILED');
    });

    it('hides a draft from others (NOT_FOUND) and refuses anonymous callers', async () => {
      const { manager, organization } = await organizationWithStaff();
      const draft = await createProgram(t, manager.token, programInput(organization.id, [lagos()]));
      const stranger = await world.member();
      expectError(await t.expectUnchanged(() => t.gql(OPEN_PROGRAM, { input: { id: draft.id } }, stranger.token)), 'NOT_FOUND');
      expectError(await t.expectUnchanged(() => t.gql(OPEN_PROGRAM, { input: { id: draft.id } })), 'UNAUTHENTICATED');
      expectError(await t.expectUnchanged(() => t.gql(OPEN_PROGRAM, { input: { id: UNKNOWN_ID } }, manager.token)), 'NOT_FOUND');
      expectError(await t.expectUnchanged(() => t.gql(OPEN_PROGRAM, { input: { id: NOT_UUID } }, manager.token)), 'BAD_USER_INPUT', [
        'input.id',
      ]);
    });
  });

  describe('updateProgram', () => {
    it('changes everything while DRAFT, including the budget, the regions and the currency', async () => {
      const { manager, organization } = await organizationWithStaff();
      const draft = await createProgram(t, manager.token, programInput(organization.id, [lagos()]));
      const updated = expectOk(
        await t.gql(
          UPDATE_PROGRAM,
          {
            input: {
              id: draft.id,
              expectedVersion: draft.version,
              name: 'Renamed Program',
              budget: '80000',
              eligibleRegionIds: [world.region('ghana').id],
              rubric: [{ key: 'reach', title: 'Reach', weight: 1.5, maxScore: 100 }],
              questions: [],
              reviewersPerApplication: 1,
            },
          },
          manager.token,
        ),
      ).updateProgram.program;
      expect(updated).toMatchObject({
        name: 'Renamed Program',
        budget: { amount: '80000.00', currency: 'USD' },
        eligibleRegions: [{ slug: 'ghana' }],
        rubric: [{ key: 'reach', weight: 1.5, maxScore: 100 }],
        questions: [],
        reviewersPerApplication: 1,
        version: draft.version + 1,
      });
      // A new currency needs its amounts again.
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: draft.id, currency: 'EUR' } }, manager.token)),
        'BAD_USER_INPUT',
        ['input.currency'],
      );
      const euros = expectOk(
        await t.gql(
          UPDATE_PROGRAM,
          { input: { id: draft.id, currency: 'EUR', budget: '70000', minAward: '100', maxAward: '700' } },
          manager.token,
        ),
      ).updateProgram.program;
      expect([euros.budget, euros.minAward, euros.maxAward]).toEqual([
        { amount: '70000.00', currency: 'EUR' },
        { amount: '100.00', currency: 'EUR' },
        { amount: '700.00', currency: 'EUR' },
      ]);
    });

    it('checks edited amounts against the stored ones (BAD_USER_INPUT), changing nothing', async () => {
      const { manager, organization } = await organizationWithStaff();
      const draft = await createProgram(t, manager.token, programInput(organization.id, [lagos()]));
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: draft.id, minAward: '6000.00' } }, manager.token)),
        'BAD_USER_INPUT',
        ['input.maxAward'],
      );
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: draft.id, budget: '4000.00' } }, manager.token)),
        'BAD_USER_INPUT',
        ['input.maxAward'],
      );
      expectError(
        await t.expectUnchanged(() =>
          t.gql(
            UPDATE_PROGRAM,
            {
              input: {
                id: draft.id,
                rubric: [
                  { key: 'a', title: 'A', weight: 1, maxScore: 5 },
                  { key: 'a', title: 'B', weight: 1, maxScore: 5 },
                ],
              },
            },
            manager.token,
          ),
        ),
        'BAD_USER_INPUT',
        ['input.rubric.1.key'],
      );
    });

    it('refuses the budget, regions, awards and dates once OPEN (PRECONDITION_FAILED naming each), changing nothing', async () => {
      const { owner, program } = await fundedProgram(t, world);
      const res = await t.expectUnchanged(() =>
        t.gql(
          UPDATE_PROGRAM,
          {
            input: {
              id: program.id,
              budget: '60000.00',
              eligibleRegionIds: [world.region('ghana').id],
              minAward: '100.00',
              maxAward: '6000.00',
              opensAt: new Date().toISOString(),
              closesAt: new Date(Date.now() + 10 * DAY).toISOString(),
            },
          },
          owner.token,
        ),
      );
      expectError(res, 'PRECONDITION_FAILED', [
        'input.budget',
        'input.eligibleRegionIds',
        'input.minAward',
        'input.maxAward',
        'input.opensAt',
        'input.closesAt',
      ]);
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: program.id, budget: '50000.00' } }, owner.token)),
        'PRECONDITION_FAILED',
        ['input.budget'],
      );
    });

    it('still changes the name, description and rubric while OPEN, until the first submission', async () => {
      const { owner, program } = await fundedProgram(t, world);
      const updated = expectOk(
        await t.gql(
          UPDATE_PROGRAM,
          { input: { id: program.id, name: 'Open and renamed', description: 'Clearer words', rubric: [RUBRIC[0]] } },
          owner.token,
        ),
      ).updateProgram.program;
      expect(updated).toMatchObject({ name: 'Open and renamed', description: 'Clearer words', status: 'OPEN', contentFrozenAt: null });
      expect(updated.rubric.map((criterion: { key: string }) => criterion.key)).toEqual(['impact']);
    });

    it('freezes the rubric, the questions and the currency at the first submission (PRECONDITION_FAILED), changing nothing', async () => {
      const { owner, program } = await fundedProgram(t, world);
      const applicant = await world.member();
      const application = await createApplication(t, applicant.token, applicationInput(program.id, world.region('yaba-lagos-ng').id));
      await submitApplication(t, applicant.token, application.id);
      const frozen = expectOk(await t.gql(PROGRAM, { slug: program.slug }, owner.token)).program;
      expect(frozen.contentFrozenAt).toEqual(expect.stringMatching(/^\d{4}-/));

      const res = await t.expectUnchanged(() =>
        t.gql(
          UPDATE_PROGRAM,
          { input: { id: program.id, rubric: [RUBRIC[1]], questions: QUESTIONS.slice(0, 1), currency: 'USD' } },
          owner.token,
        ),
      );
      expectError(res, 'PRECONDITION_FAILED', ['input.rubric', 'input.questions', 'input.currency']);
      for (const field of [{ rubric: RUBRIC }, { questions: [] }]) {
        expectError(
          await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: program.id, ...field } }, owner.token)),
          'PRECONDITION_FAILED',
          Object.keys(field).map((key) => `input.${key}`),
        );
      }
      // The name is not frozen.
      expect(
        expectOk(await t.gql(UPDATE_PROGRAM, { input: { id: program.id, name: 'Still renamable' } }, owner.token)).updateProgram.program
          .name,
      ).toBe('Still renamable');
    });

    it('refuses a change of currency once frozen with PRECONDITION_FAILED on input.currency, changing nothing', async () => {
      const { owner, program } = await fundedProgram(t, world);
      const applicant = await world.member();
      const application = await createApplication(t, applicant.token, applicationInput(program.id, world.region('yaba-lagos-ng').id));
      await submitApplication(t, applicant.token, application.id);
      const res = await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: program.id, currency: 'EUR' } }, owner.token));
      expectError(res, 'PRECONDITION_FAILED', ['input.currency']);
    });

    it('changes the currency of an OPEN program until the first submission: its amounts keep their figures', async () => {
      const { owner, program } = await fundedProgram(t, world);
      const applicant = await world.member();
      const draft = await createApplication(t, applicant.token, applicationInput(program.id, world.region('yaba-lagos-ng').id));
      // The amounts change only while DRAFT, so they are not given again with the currency...
      expectError(
        await t.expectUnchanged(() =>
          t.gql(
            UPDATE_PROGRAM,
            { input: { id: program.id, currency: 'EUR', budget: '50000.00', minAward: '500.00', maxAward: '5000.00' } },
            owner.token,
          ),
        ),
        'PRECONDITION_FAILED',
        ['input.budget', 'input.minAward', 'input.maxAward'],
      );
      // ...and a currency with other decimals would make the same minor units say something else.
      for (const currency of ['JPY', 'KWD']) {
        const res = await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: program.id, currency } }, owner.token));
        expectError(res, 'BAD_USER_INPUT', ['input.currency']);
        expect(res.errors![0].extensions!.fieldErrors[0].message).toMatch(/as many decimals as USD/);
      }
      const euros = expectOk(await t.gql(UPDATE_PROGRAM, { input: { id: program.id, currency: 'EUR' } }, owner.token)).updateProgram
        .program;
      expect(euros).toMatchObject({
        currency: 'EUR',
        status: 'OPEN',
        contentFrozenAt: null,
        budget: { amount: '50000.00', currency: 'EUR' },
        minAward: { amount: '500.00', currency: 'EUR' },
        maxAward: { amount: '5000.00', currency: 'EUR' },
      });
      expect(await row(program.id)).toMatchObject({ currency: 'EUR', budget_minor: '5000000', min_award_minor: '50000' });
      // The draft in progress reads in the new currency, and submits in it.
      const submitted = await submitApplication(t, applicant.token, draft.id);
      expect(submitted.requested).toEqual({ amount: '2500.00', currency: 'EUR' });
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: program.id, currency: 'GBP' } }, owner.token)),
        'PRECONDITION_FAILED',
        ['input.currency'],
      );
    });

    it('refuses strangers (FORBIDDEN on an open program, NOT_FOUND on a draft), anonymous callers and stale versions', async () => {
      const { owner, organization, program } = await fundedProgram(t, world);
      const draft = await createProgram(t, owner.token, programInput(organization.id, [lagos()]));
      const stranger = await world.member();
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: program.id, name: 'Mine' } }, stranger.token)),
        'FORBIDDEN',
      );
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: draft.id, name: 'Mine' } }, stranger.token)),
        'NOT_FOUND',
      );
      expectError(await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: program.id, name: 'Mine' } })), 'UNAUTHENTICATED');
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: program.id, name: 'Mine', expectedVersion: 99 } }, owner.token)),
        'CONFLICT',
      );
    });
  });

  describe('the deadline', () => {
    it('counts an OPEN program as CLOSED once closes_at has passed by the server clock', async () => {
      const { owner, program } = await fundedProgram(t, world);
      const member = await world.member();
      expect(expectOk(await t.gql(PROGRAM, { slug: program.slug }, member.token)).program.viewerCan).toEqual({ edit: false, apply: true });
      await passDeadline(t, program.id);
      expect((await row(program.id)).status).toBe('OPEN');
      const closed = expectOk(await t.gql(PROGRAM, { slug: program.slug }, member.token)).program;
      expect(closed).toMatchObject({ status: 'CLOSED', viewerCan: { edit: false, apply: false } });
      expect(expectOk(await t.gql(PROGRAM, { slug: program.slug }, owner.token)).program.viewerCan).toEqual({ edit: true, apply: false });
    });

    it('extends the deadline of an OPEN program (managers)', async () => {
      const { owner, program } = await fundedProgram(t, world);
      const later = new Date(Date.parse(program.closesAt) + 3 * DAY).toISOString();
      const extended = expectOk(await t.gql(EXTEND_DEADLINE, { input: { id: program.id, closesAt: later } }, owner.token))
        .extendProgramDeadline.program;
      expect(extended).toMatchObject({ closesAt: later, status: 'OPEN' });
    });

    it('refuses an earlier deadline, or one at or after the review deadline (BAD_USER_INPUT), changing nothing', async () => {
      const { owner, program } = await fundedProgram(t, world);
      for (const closesAt of [
        new Date(Date.parse(program.closesAt) - HOUR).toISOString(),
        program.closesAt,
        program.reviewDeadline,
        new Date(Date.parse(program.reviewDeadline) + DAY).toISOString(),
      ]) {
        const res = await t.expectUnchanged(() => t.gql(EXTEND_DEADLINE, { input: { id: program.id, closesAt } }, owner.token));
        expectError(res, 'BAD_USER_INPUT', ['input.closesAt']);
      }
    });

    it('extends only while OPEN: a DRAFT or a CLOSED program answers PRECONDITION_FAILED, changing nothing', async () => {
      const { owner, organization, program } = await fundedProgram(t, world);
      const draft = await createProgram(t, owner.token, programInput(organization.id, [lagos()]));
      const later = (iso: string) => new Date(Date.parse(iso) + DAY).toISOString();
      expectError(
        await t.expectUnchanged(() => t.gql(EXTEND_DEADLINE, { input: { id: draft.id, closesAt: later(draft.closesAt) } }, owner.token)),
        'PRECONDITION_FAILED',
      );
      await passDeadline(t, program.id);
      expectError(
        await t.expectUnchanged(() =>
          t.gql(EXTEND_DEADLINE, { input: { id: program.id, closesAt: later(program.closesAt) } }, owner.token),
        ),
        'PRECONDITION_FAILED',
      );
      expect(expectOk(await t.gql(PROGRAM, { slug: program.slug })).program.status).toBe('CLOSED');
    });

    it('refuses strangers (FORBIDDEN) and anonymous callers (UNAUTHENTICATED), changing nothing', async () => {
      const { program } = await fundedProgram(t, world);
      const stranger = await world.member();
      const input = { id: program.id, closesAt: new Date(Date.parse(program.closesAt) + DAY).toISOString() };
      expectError(await t.expectUnchanged(() => t.gql(EXTEND_DEADLINE, { input }, stranger.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(EXTEND_DEADLINE, { input })), 'UNAUTHENTICATED');
    });
  });

  describe('review and archive', () => {
    it('starts the review of a CLOSED program only; archives a DECIDED program only', async () => {
      const { owner, organization, program } = await fundedProgram(t, world);
      const draft = await createProgram(t, owner.token, programInput(organization.id, [lagos()]));
      // Not while OPEN, nor as a DRAFT.
      expectError(await t.expectUnchanged(() => t.gql(START_REVIEW, { input: { id: program.id } }, owner.token)), 'PRECONDITION_FAILED');
      expectError(await t.expectUnchanged(() => t.gql(START_REVIEW, { input: { id: draft.id } }, owner.token)), 'PRECONDITION_FAILED');
      expectError(await t.expectUnchanged(() => t.gql(ARCHIVE_PROGRAM, { input: { id: program.id } }, owner.token)), 'PRECONDITION_FAILED');
      expectError(await t.expectUnchanged(() => t.gql(ARCHIVE_PROGRAM, { input: { id: draft.id } }, owner.token)), 'PRECONDITION_FAILED');

      await passDeadline(t, program.id);
      const stranger = await world.member();
      expectError(await t.expectUnchanged(() => t.gql(START_REVIEW, { input: { id: program.id } }, stranger.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(START_REVIEW, { input: { id: program.id } })), 'UNAUTHENTICATED');
      const reviewing = expectOk(await t.gql(START_REVIEW, { input: { id: program.id } }, owner.token)).startProgramReview.program;
      expect(reviewing.status).toBe('REVIEWING');
      expect((await row(program.id)).status).toBe('REVIEWING');
      expectError(await t.expectUnchanged(() => t.gql(START_REVIEW, { input: { id: program.id } }, owner.token)), 'PRECONDITION_FAILED');
      expectError(await t.expectUnchanged(() => t.gql(ARCHIVE_PROGRAM, { input: { id: program.id } }, owner.token)), 'PRECONDITION_FAILED');
      expectError(
        await t.expectUnchanged(() =>
          t.gql(EXTEND_DEADLINE, { input: { id: program.id, closesAt: new Date(Date.now() + DAY).toISOString() } }, owner.token),
        ),
        'PRECONDITION_FAILED',
      );

      // DECIDED cannot be reached through the API yet.
      await sql(t, "UPDATE grant_program SET status = 'DECIDED' WHERE id = ?", [program.id]);
      expectError(await t.expectUnchanged(() => t.gql(ARCHIVE_PROGRAM, { input: { id: program.id } }, stranger.token)), 'FORBIDDEN');
      expectError(await t.expectUnchanged(() => t.gql(ARCHIVE_PROGRAM, { input: { id: program.id } })), 'UNAUTHENTICATED');
      const archived = expectOk(await t.gql(ARCHIVE_PROGRAM, { input: { id: program.id } }, owner.token)).archiveProgram.program;
      expect(archived.status).toBe('ARCHIVED');
      expectError(await t.expectUnchanged(() => t.gql(ARCHIVE_PROGRAM, { input: { id: program.id } }, owner.token)), 'PRECONDITION_FAILED');
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_PROGRAM, { input: { id: program.id, name: 'Back from the archive' } }, owner.token)),
        'PRECONDITION_FAILED',
        ['input.id'],
      );
    });
  });

  describe('visibility, counts and viewerCan', () => {
    it('shows a draft only to its staff and admins: NOT_FOUND for anyone else', async () => {
      const { owner, manager, organization } = await organizationWithStaff();
      const draft = await createProgram(t, owner.token, programInput(organization.id, [lagos()]));
      const stranger = await world.member();
      expectError(await t.expectUnchanged(() => t.gql(PROGRAM, { slug: draft.slug })), 'NOT_FOUND');
      expectError(await t.expectUnchanged(() => t.gql(PROGRAM, { slug: draft.slug }, stranger.token)), 'NOT_FOUND');
      expect(expectOk(await t.gql(PROGRAM, { slug: draft.slug }, manager.token)).program.id).toBe(draft.id);
      expect(expectOk(await t.gql(PROGRAM, { slug: draft.slug }, owner.token)).program.id).toBe(draft.id);
      expectError(await t.gql(PROGRAM, { slug: `nothing-${suffix()}` }), 'NOT_FOUND');
    });

    it('lets admins read a draft by slug (as ProgramsService documents) but not run it', async () => {
      const { owner, organization } = await organizationWithStaff();
      const draft = await createProgram(t, owner.token, programInput(organization.id, [lagos()]));
      const seen = expectOk(await t.expectUnchanged(() => t.gql(PROGRAM, { slug: draft.slug }, world.admin.token))).program;
      expect(seen).toMatchObject({ id: draft.id, status: 'DRAFT', viewerCan: { edit: false, apply: false }, applicationCounts: [] });
      expectError(await t.expectUnchanged(() => t.gql(OPEN_PROGRAM, { input: { id: draft.id } }, world.admin.token)), 'FORBIDDEN');
    });

    it('counts submitted applications for everyone, and those ever submitted by status for its managers and admins only', async () => {
      const { owner, program } = await fundedProgram(t, world);
      const yaba = world.region('yaba-lagos-ng').id;
      const [drafter, submitter, withdrawer] = [await world.member(), await world.member(), await world.member()];
      await createApplication(t, drafter.token, applicationInput(program.id, yaba));
      const submitted = await createApplication(t, submitter.token, applicationInput(program.id, yaba));
      await submitApplication(t, submitter.token, submitted.id);
      const withdrawn = await createApplication(t, withdrawer.token, applicationInput(program.id, yaba));
      await submitApplication(t, withdrawer.token, withdrawn.id);
      await ok(t, WITHDRAW_APPLICATION, { input: { id: withdrawn.id } }, withdrawer.token);
      // Drafts, and applications withdrawn before they were ever submitted, are their applicants' alone: not counted.
      const quitter = await world.member();
      const neverSent = await createApplication(t, quitter.token, applicationInput(program.id, yaba));
      await ok(t, WITHDRAW_APPLICATION, { input: { id: neverSent.id } }, quitter.token);

      const counts = [
        { status: 'SUBMITTED', count: 1 },
        { status: 'WITHDRAWN', count: 1 },
      ];
      const asOwner = expectOk(await t.gql(PROGRAM, { slug: program.slug }, owner.token)).program;
      expect(asOwner).toMatchObject({ applicationCount: 1, applicationCounts: counts });
      expect(expectOk(await t.gql(PROGRAM, { slug: program.slug }, world.admin.token)).program.applicationCounts).toEqual(counts);
      for (const token of [undefined, submitter.token, drafter.token]) {
        const seen = expectOk(await t.gql(PROGRAM, { slug: program.slug }, token)).program;
        expect({ applicationCount: seen.applicationCount, applicationCounts: seen.applicationCounts }).toEqual({
          applicationCount: 1,
          applicationCounts: null,
        });
      }
    });

    it('lets a member apply only when open, eligible by home region and without a live application', async () => {
      const { owner, program } = await fundedProgram(t, world);
      const inYaba = await world.member({ home: 'yaba-lagos-ng' });
      const inAccra = await world.member({ home: 'accra-gh' });
      const canOf = async (token?: string) => expectOk(await t.gql(PROGRAM, { slug: program.slug }, token)).program.viewerCan;
      expect(await canOf(inYaba.token)).toEqual({ edit: false, apply: true });
      expect(await canOf(inAccra.token)).toEqual({ edit: false, apply: false });
      expect(await canOf()).toEqual({ edit: false, apply: false });
      expect(await canOf(owner.token)).toEqual({ edit: true, apply: false });
      const application = await createApplication(t, inYaba.token, applicationInput(program.id, world.region('yaba-lagos-ng').id));
      expect(await canOf(inYaba.token)).toEqual({ edit: false, apply: false });
      await ok(t, WITHDRAW_APPLICATION, { input: { id: application.id } }, inYaba.token);
      expect(await canOf(inYaba.token)).toEqual({ edit: false, apply: true });
    });
  });

  describe('programs and eligiblePrograms', () => {
    let tag: string;
    let owner: SignedIn;
    let organizationId: string;
    let otherOrganizationId: string;
    /** By name: lagos (OPEN), ghana (OPEN), nigeria (CLOSED), yaba (DRAFT), nyc (OPEN, opens later), yabaOnly (OPEN), sibling (OPEN), other (OPEN, other organization). */
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      tag = `zq${suffix()}`;
      owner = await world.member({ home: 'accra-gh' });
      const organization = await createOrganization(t, owner.token);
      await verifyOrganization(t, world.admin.token, organization.id);
      organizationId = organization.id;
      const other = await createOrganization(t, owner.token);
      await verifyOrganization(t, world.admin.token, other.id);
      otherOrganizationId = other.id;
      const sibling = await createRegion(t.em(), { parent: world.region('lagos-ng'), name: `Sibling ${tag}` });

      const now = Date.now();
      const make = async (name: string, regions: string[], closesInDays: number, extra: Record<string, unknown> = {}, open = true) => {
        const draft = await createProgram(
          t,
          owner.token,
          programInput(organizationId, regions, {
            name: `${name} ${tag}`,
            closesAt: new Date(now + closesInDays * DAY).toISOString(),
            reviewDeadline: new Date(now + 60 * DAY).toISOString(),
            ...extra,
          }),
        );
        if (open) await openProgram(t, owner.token, draft.id);
        ids[name] = draft.id;
      };
      await make('lagos', [world.region('lagos-ng').id], 1);
      await make('ghana', [world.region('ghana').id], 2);
      await make('nigeria', [world.region('nigeria').id], 3);
      await make('yaba', [world.region('yaba-lagos-ng').id], 4, {}, false);
      await make('nyc', [world.region('new-york-city-us').id], 5, { opensAt: new Date(now + DAY).toISOString() });
      await make('yabaOnly', [world.region('yaba-lagos-ng').id], 6, { description: `Only for Yaba: sourdough ${tag}` });
      await make('sibling', [sibling.id], 7);
      await make('other', [world.region('lagos-ng').id], 8, { organizationId: otherOrganizationId });
      await passDeadline(t, ids.nigeria);
    });

    const names = (connection: { edges: { node: { id: string } }[] }) =>
      connection.edges.map((edge) => Object.keys(ids).find((name) => ids[name] === edge.node.id) ?? edge.node.id);
    const list = async (filter: Record<string, unknown>, token?: string, first?: number) => {
      const res = await t.expectUnchanged(() => t.gql(PROGRAMS, { filter: { text: tag, ...filter }, first }, token));
      return expectOk(res).programs;
    };

    it('lists programs by deadline, drafts only to their staff', async () => {
      const everyone = ['nigeria', 'lagos', 'ghana', 'nyc', 'yabaOnly', 'sibling', 'other'];
      // nigeria's deadline moved into the past: it comes first.
      expect(names(await list({}))).toEqual(everyone);
      expect(names(await list({}, (await world.member()).token))).toEqual(everyone);
      expect(names(await list({}, owner.token))).toEqual(['nigeria', 'lagos', 'ghana', 'yaba', 'nyc', 'yabaOnly', 'sibling', 'other']);
      expect((await list({})).totalCount).toBe(everyone.length);
    });

    it('pages through the list with first and after', async () => {
      const page1 = await list({}, undefined, 3);
      expect(names(page1)).toEqual(['nigeria', 'lagos', 'ghana']);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = expectOk(await t.gql(PROGRAMS, { filter: { text: tag }, first: 3, after: page1.pageInfo.endCursor })).programs;
      expect(names(page2)).toEqual(['nyc', 'yabaOnly', 'sibling']);
      expectError(await t.gql(PROGRAMS, { first: 0 }), 'BAD_USER_INPUT', ['first']);
    });

    it('filters by status as of now: CLOSED is OPEN past its deadline', async () => {
      expect(names(await list({ status: 'CLOSED' }))).toEqual(['nigeria']);
      expect(names(await list({ status: 'OPEN' }))).toEqual(['lagos', 'ghana', 'nyc', 'yabaOnly', 'sibling', 'other']);
      expect(names(await list({ status: 'DRAFT' }))).toEqual([]);
      expect(names(await list({ status: 'DRAFT' }, owner.token))).toEqual(['yaba']);
    });

    it('filters by open: taking applications now (opened, before the deadline)', async () => {
      expect(names(await list({ open: true }))).toEqual(['lagos', 'ghana', 'yabaOnly', 'sibling', 'other']);
      expect(names(await list({ open: false }))).toEqual(['nigeria', 'nyc']);
    });

    it('filters by region: an eligible region contains it, or lies within it', async () => {
      expect(names(await list({ regionId: world.region('yaba-lagos-ng').id }))).toEqual(['nigeria', 'lagos', 'yabaOnly', 'other']);
      expect(names(await list({ regionId: world.region('nigeria').id }))).toEqual(['nigeria', 'lagos', 'yabaOnly', 'sibling', 'other']);
      expect(names(await list({ regionId: world.region('ghana').id }))).toEqual(['ghana']);
      expect(names(await list({ regionId: world.region('brooklyn-new-york-city-us').id }))).toEqual(['nyc']);
      expect(names(await list({ regionId: UNKNOWN_ID }))).toEqual([]);
      expectError(await t.gql(PROGRAMS, { filter: { regionId: NOT_UUID } }), 'BAD_USER_INPUT', ['filter.regionId']);
    });

    it('filters by text in the name or the description, and by organization', async () => {
      expect(names(expectOk(await t.gql(PROGRAMS, { filter: { text: `sourdough ${tag}` } })).programs)).toEqual(['yabaOnly']);
      expect(names(expectOk(await t.gql(PROGRAMS, { filter: { text: `ghana ${tag}` } })).programs)).toEqual(['ghana']);
      expect(names(await list({ organizationId: otherOrganizationId }))).toEqual(['other']);
      expect(names(await list({ organizationId, open: true, regionId: world.region('lagos-ng').id }))).toEqual([
        'lagos',
        'yabaOnly',
        'sibling',
      ]);
    });

    it("lists in eligiblePrograms the open programs whose eligible regions contain the member's home", async () => {
      const eligible = async (home: string) => {
        const member = await world.member({ home });
        const res = await t.expectUnchanged(() => t.gql(ELIGIBLE_PROGRAMS, { filter: { text: tag } }, member.token));
        return names(expectOk(res).eligiblePrograms);
      };
      // Lagos and Nigeria contain Yaba; the closed, draft, not-yet-open and sibling programs are left out.
      expect(await eligible('yaba-lagos-ng')).toEqual(['lagos', 'yabaOnly', 'other']);
      // A home above an eligible region does not make a member eligible for it.
      expect(await eligible('lagos-ng')).toEqual(['lagos', 'other']);
      expect(await eligible('accra-gh')).toEqual(['ghana']);
      expect(await eligible('brooklyn-new-york-city-us')).toEqual([]);
      // A filter cannot widen it to programs that are not open.
      const member = await world.member();
      const notOpen = expectOk(await t.gql(ELIGIBLE_PROGRAMS, { filter: { text: tag, open: false } }, member.token)).eligiblePrograms;
      expect(names(notOpen)).toEqual(['lagos', 'yabaOnly', 'other']);
      const closed = expectOk(await t.gql(ELIGIBLE_PROGRAMS, { filter: { text: tag, status: 'CLOSED' } }, member.token)).eligiblePrograms;
      expect(names(closed)).toEqual([]);
      expectError(await t.expectUnchanged(() => t.gql(ELIGIBLE_PROGRAMS, { filter: { text: tag } })), 'UNAUTHENTICATED');
    });
  });
});
