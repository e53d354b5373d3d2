import { TEST_PASSWORD } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { createTestApp, TestApp } from '../../utils/test-app';
import {
  ADD_STAFF,
  ANSWERS,
  APPLICATION,
  applicationInput,
  auditOf,
  CREATE_APPLICATION,
  createApplication,
  createOrganization,
  createProgram,
  createWorld,
  DAY,
  DELETE_ACCOUNT,
  expectError,
  expectOk,
  EXPORT,
  fundedProgram,
  HOUR,
  MY_APPLICATIONS,
  NOT_UUID,
  ok,
  passDeadline,
  PROGRAM,
  PROGRAM_APPLICATIONS,
  programInput,
  SignedIn,
  sql,
  START_REVIEW,
  SUBMIT_APPLICATION,
  submitApplication,
  UNKNOWN_ID,
  UPDATE_APPLICATION,
  WITHDRAW_APPLICATION,
  World,
} from './grants-fixture';

/** Members' applications: drafts, edits, submission, withdrawal, who sees what, and their personal data. */

describe('grant applications', () => {
  let t: TestApp;
  let world: World;
  /** A shared OPEN program for Lagos (USD 500–5000, questions team_size*, stage*, pitch). */
  let shared: Awaited<ReturnType<typeof fundedProgram>>;
  let yaba: string;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t);
    shared = await fundedProgram(t, world);
    yaba = world.region('yaba-lagos-ng').id;
  });
  afterAll(() => t.close());

  const input = (overrides: Record<string, unknown> = {}) => applicationInput(shared.program.id, yaba, overrides);
  const rowOf = async (id: string) => (await sql(t, 'SELECT * FROM grant_application WHERE id = ?', [id]))[0];
  const liveOf = (programId: string, applicantId: string) =>
    sql(t, "SELECT id, status FROM grant_application WHERE program_id = ? AND applicant_id = ? AND status <> 'WITHDRAWN'", [
      programId,
      applicantId,
    ]);

  describe('createApplication', () => {
    it('creates a DRAFT with answers, a budget that adds up and a listing the member owns', async () => {
      const member = await world.member({ displayName: 'Bola Baker' });
      const business = await createBusiness(t.em(), { region: world.region('yaba-lagos-ng'), owner: member.account, name: 'Bola Bakes' });
      const res = await t.gql(
        CREATE_APPLICATION,
        { input: input({ businessId: business.id, answers: [{ key: 'pitch', text: 'Bread' }] }) },
        member.token,
      );
      const application = expectOk(res).createApplication.application;
      expect(application).toMatchObject({
        title: 'A bakery co-op',
        summary: 'A shared oven for three bakers',
        proposal: 'We will buy an oven and share it.',
        status: 'DRAFT',
        submittedAt: null,
        withdrawnAt: null,
        version: 1,
        region: { id: yaba, slug: 'yaba-lagos-ng' },
        requested: { amount: '2500.00', currency: 'USD' },
        budgetLines: [
          { item: 'Oven', amount: { amount: '1500.00', currency: 'USD' } },
          { item: 'Training', amount: { amount: '1000.00', currency: 'USD' } },
        ],
        // A draft may leave required questions unanswered.
        answers: [{ key: 'pitch', text: 'Bread', number: null }],
        program: { id: shared.program.id },
        applicant: { accountId: member.account.id, displayName: 'Bola Baker', email: member.account.email },
        business: { id: business.id, name: 'Bola Bakes' },
      });
      expect(await rowOf(application.id)).toMatchObject({
        applicant_id: member.account.id,
        requested_minor: '250000',
        budget_lines: [
          { item: 'Oven', amountMinor: '150000' },
          { item: 'Training', amountMinor: '100000' },
        ],
        answers: { pitch: 'Bread' },
        business_id: business.id,
        status: 'DRAFT',
      });
    });

    it('refuses an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
      expectError(await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: input() })), 'UNAUTHENTICATED');
    });

    it('requires every field of the application but the answers and the listing (BAD_USER_INPUT), changing nothing', async () => {
      const member = await world.member();
      const res = await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: { programId: shared.program.id } }, member.token));
      expectError(res, 'BAD_USER_INPUT', [
        'input.regionId',
        'input.title',
        'input.summary',
        'input.proposal',
        'input.requestedAmount',
        'input.budgetLines',
      ]);
    });

    it('limits the lengths of title, summary and proposal (BAD_USER_INPUT), changing nothing', async () => {
      const member = await world.member();
      const res = await t.expectUnchanged(() =>
        t.gql(
          CREATE_APPLICATION,
          { input: input({ title: 'x'.repeat(201), summary: 'y'.repeat(1001), proposal: 'z'.repeat(20001), regionId: NOT_UUID }) },
          member.token,
        ),
      );
      expectError(res, 'BAD_USER_INPUT', ['input.title', 'input.summary', 'input.proposal', 'input.regionId']);
      const blank = await t.expectUnchanged(() =>
        t.gql(CREATE_APPLICATION, { input: input({ title: '   ', proposal: '' }) }, member.token),
      );
      expectError(blank, 'BAD_USER_INPUT', ['input.title', 'input.proposal']);
    });

    it('refuses a region outside the eligible regions, above them, or unknown (BAD_USER_INPUT on input.regionId), changing nothing', async () => {
      const member = await world.member();
      for (const regionId of [world.region('accra-gh').id, world.region('nigeria').id, UNKNOWN_ID]) {
        const res = await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: input({ regionId }) }, member.token));
        expectError(res, 'BAD_USER_INPUT', ['input.regionId']);
      }
      // The eligible region itself and anything below it are fine.
      const inLagos = await createApplication(t, member.token, input({ regionId: world.region('lagos-ng').id }));
      expect(inLagos.region.slug).toBe('lagos-ng');
    });

    it("refuses requested amounts outside the program's awards (BAD_USER_INPUT on input.requestedAmount), changing nothing", async () => {
      const member = await world.member();
      for (const amount of ['499.99', '5000.01', '0.00', '999999999']) {
        const res = await t.expectUnchanged(() =>
          t.gql(CREATE_APPLICATION, { input: input({ requestedAmount: amount, budgetLines: [{ item: 'All', amount }] }) }, member.token),
        );
        expectError(
          res,
          'BAD_USER_INPUT',
          amount === '0.00' ? ['input.requestedAmount', 'input.budgetLines.0.amount'] : ['input.requestedAmount'],
        );
      }
      // The bounds themselves are allowed.
      const atMin = await createApplication(
        t,
        member.token,
        input({ requestedAmount: '500', budgetLines: [{ item: 'All', amount: '500.00' }] }),
      );
      expect(atMin.requested.amount).toBe('500.00');
      const other = await world.member();
      const atMax = await createApplication(
        t,
        other.token,
        input({ requestedAmount: '5000.00', budgetLines: [{ item: 'All', amount: '5000' }] }),
      );
      expect(atMax.requested.amount).toBe('5000.00');
    });

    it('refuses amounts with more decimals than the currency has, or that are not amounts (BAD_USER_INPUT), changing nothing', async () => {
      const member = await world.member();
      const tooPrecise = await t.expectUnchanged(() =>
        t.gql(
          CREATE_APPLICATION,
          {
            input: input({
              requestedAmount: '2500.001',
              budgetLines: [
                { item: 'Oven', amount: '1500.0005' },
                { item: 'Training', amount: '999.9995' },
              ],
            }),
          },
          member.token,
        ),
      );
      expectError(tooPrecise, 'BAD_USER_INPUT', ['input.requestedAmount', 'input.budgetLines.0.amount', 'input.budgetLines.1.amount']);
      const notAmounts = await t.expectUnchanged(() =>
        t.gql(
          CREATE_APPLICATION,
          {
            input: input({
              requestedAmount: '2,500',
              budgetLines: [
                { item: 'Oven', amount: '-2500.00' },
                { item: '', amount: '1e3' },
              ],
            }),
          },
          member.token,
        ),
      );
      expectError(notAmounts, 'BAD_USER_INPUT', [
        'input.requestedAmount',
        'input.budgetLines.0.amount',
        'input.budgetLines.1.item',
        'input.budgetLines.1.amount',
      ]);
    });

    it('refuses budget lines that do not add up, none at all, more than 30, or a zero line (BAD_USER_INPUT), changing nothing', async () => {
      const member = await world.member();
      const cases: [unknown[], string[]][] = [
        [
          [
            { item: 'Oven', amount: '1500.00' },
            { item: 'Training', amount: '999.99' },
          ],
          ['input.budgetLines'],
        ],
        [[], ['input.budgetLines']],
        [Array.from({ length: 31 }, (_, i) => ({ item: `Line ${i}`, amount: '10.00' })), ['input.budgetLines']],
        [
          [
            { item: 'Oven', amount: '2500.00' },
            { item: 'Nothing', amount: '0.00' },
          ],
          ['input.budgetLines.1.amount'],
        ],
      ];
      for (const [budgetLines, paths] of cases) {
        const res = await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: input({ budgetLines }) }, member.token));
        expectError(res, 'BAD_USER_INPUT', paths);
      }
      // Thirty lines are fine.
      const thirty = Array.from({ length: 30 }, (_, i) => ({ item: `Line ${i}`, amount: i === 0 ? '2210.00' : '10.00' }));
      const application = await createApplication(t, member.token, input({ budgetLines: thirty }));
      expect(application.budgetLines).toHaveLength(30);
    });

    it("checks answers against the program's questions even in a draft (BAD_USER_INPUT per answer), changing nothing", async () => {
      const member = await world.member();
      const cases: [unknown[], string[]][] = [
        [[{ key: 'favourite_colour', text: 'blue' }], ['input.answers.favourite_colour']],
        [[{ key: 'team_size', text: 'three' }], ['input.answers.team_size']],
        [[{ key: 'stage', text: 'scaling' }], ['input.answers.stage']],
        [[{ key: 'stage', number: 1 }], ['input.answers.stage']],
        [[{ key: 'pitch', number: 5 }], ['input.answers.pitch']],
        [[{ key: 'pitch', text: 'x'.repeat(201) }], ['input.answers.pitch']],
        [[{ key: 'pitch', text: 'both', number: 1 }], ['input.answers.pitch']],
        [[{ key: 'pitch' }], ['input.answers.pitch']],
        [
          [
            { key: 'pitch', text: 'once' },
            { key: 'pitch', text: 'twice' },
          ],
          ['input.answers.pitch'],
        ],
        [
          [
            { key: 'team_size', text: '3' },
            { key: 'stage', text: 'Idea' },
            { key: 'extra', number: 1 },
          ],
          ['input.answers.team_size', 'input.answers.stage', 'input.answers.extra'],
        ],
      ];
      for (const [answers, paths] of cases) {
        const res = await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: input({ answers }) }, member.token));
        expectError(res, 'BAD_USER_INPUT', paths);
      }
    });

    it('refuses a listing the member does not own (another owner’s, one they only edit, an unknown one), changing nothing', async () => {
      const member = await world.member();
      const someoneElse = await world.member();
      const region = world.region('yaba-lagos-ng');
      const theirs = await createBusiness(t.em(), { region, owner: someoneElse.account });
      const edited = await createBusiness(t.em(), { region, owner: someoneElse.account, editors: [member.account] });
      for (const businessId of [theirs.id, edited.id, UNKNOWN_ID]) {
        const res = await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: input({ businessId }) }, member.token));
        expectError(res, 'BAD_USER_INPUT', ['input.businessId']);
      }
    });

    it('refuses a program that is not OPEN: a draft is NOT_FOUND, a closed, reviewing or not-yet-open one PRECONDITION_FAILED', async () => {
      const member = await world.member();
      const { owner, organization, program } = await fundedProgram(t, world);
      const draft = await createProgram(t, owner.token, programInput(organization.id, [world.region('lagos-ng').id]));
      expectError(
        await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: applicationInput(draft.id, yaba) }, member.token)),
        'NOT_FOUND',
      );
      expectError(
        await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: applicationInput(UNKNOWN_ID, yaba) }, member.token)),
        'NOT_FOUND',
      );
      // Even its own staff cannot apply to a draft.
      expectError(
        await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: applicationInput(draft.id, yaba) }, owner.token)),
        'PRECONDITION_FAILED',
      );

      const later = await fundedProgram(t, world, { program: { opensAt: new Date(Date.now() + DAY).toISOString() } });
      expectError(
        await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: applicationInput(later.program.id, yaba) }, member.token)),
        'PRECONDITION_FAILED',
      );

      await passDeadline(t, program.id);
      expect(expectOk(await t.gql(PROGRAM, { slug: program.slug })).program.status).toBe('CLOSED');
      expectError(
        await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: applicationInput(program.id, yaba) }, member.token)),
        'PRECONDITION_FAILED',
      );
      await ok(t, START_REVIEW, { input: { id: program.id } }, owner.token);
      expectError(
        await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: applicationInput(program.id, yaba) }, member.token)),
        'PRECONDITION_FAILED',
      );
    });

    it('allows one live application per member and program (CONFLICT), and a new one after withdrawing', async () => {
      const member = await world.member();
      const first = await createApplication(t, member.token, input());
      expectError(await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: input() }, member.token)), 'CONFLICT');
      await submitApplication(t, member.token, first.id);
      expectError(await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: input() }, member.token)), 'CONFLICT');
      await ok(t, WITHDRAW_APPLICATION, { input: { id: first.id } }, member.token);
      const second = await createApplication(t, member.token, input({ title: 'Second try' }));
      expect(second.status).toBe('DRAFT');
      expect(await liveOf(shared.program.id, member.account.id)).toEqual([{ id: second.id, status: 'DRAFT' }]);
    });

    it('leaves exactly one live application when the same member creates two at once (the other: CONFLICT)', async () => {
      for (let round = 0; round < 3; round += 1) {
        const member = await world.member();
        const results = await Promise.all([
          t.gql(CREATE_APPLICATION, { input: input({ title: 'First' }) }, member.token),
          t.gql(CREATE_APPLICATION, { input: input({ title: 'Second' }) }, member.token),
        ]);
        const codes = results.map((res) => res.errors?.[0].extensions?.code ?? 'ok').sort();
        expect(codes).toEqual(['CONFLICT', 'ok']);
        const loser = results.find((res) => res.errors)!;
        expect(loser.data).toBeNull();
        const winner = results.find((res) => !res.errors)!.data!.createApplication.application;
        expect(await liveOf(shared.program.id, member.account.id)).toEqual([{ id: winner.id, status: 'DRAFT' }]);
        expect(await sql(t, 'SELECT id FROM grant_application WHERE applicant_id = ?', [member.account.id])).toHaveLength(1);
      }
    });

    it('accepts an answer to a question keyed "constructor" (a valid key)', async () => {
      const { program } = await fundedProgram(t, world, {
        program: { questions: [{ key: 'constructor', label: 'Who builds it?', type: 'SHORT_TEXT', required: true }] },
      });
      const member = await world.member();
      const res = await t.gql(
        CREATE_APPLICATION,
        { input: applicationInput(program.id, yaba, { answers: [{ key: 'constructor', text: 'Bola' }] }) },
        member.token,
      );
      expect(expectOk(res).createApplication.application.answers).toEqual([{ key: 'constructor', text: 'Bola', number: null }]);
    });

    it('refuses a member who does not live within an eligible region (FORBIDDEN), whatever region the work is in', async () => {
      const outsider = await world.member({ home: 'accra-gh' });
      const res = await t.expectUnchanged(() => t.gql(CREATE_APPLICATION, { input: input() }, outsider.token));
      expectError(res, 'FORBIDDEN');
      // Living in the eligible region itself is enough.
      const inLagos = await world.member({ home: 'lagos-ng' });
      expect((await createApplication(t, inLagos.token, input())).status).toBe('DRAFT');
    });

    it('agrees with viewerCan.apply: createApplication succeeds exactly for the viewers it says may apply', async () => {
      const notYet = await fundedProgram(t, world, {
        program: { opensAt: new Date(Date.now() + HOUR).toISOString(), closesAt: new Date(Date.now() + 2 * DAY).toISOString() },
      });
      const closed = await fundedProgram(t, world);
      await passDeadline(t, closed.program.id);
      const fresh = await fundedProgram(t, world, { regions: ['yaba-lagos-ng', 'accra-gh'] });
      const inYaba = await world.member({ home: 'yaba-lagos-ng' });
      const inIkeja = await world.member({ home: 'ikeja-lagos-ng' });
      const inAccra = await world.member({ home: 'accra-gh' });
      const inNigeria = await world.member({ home: 'nigeria' });
      const cases: [string, Record<string, any>, SignedIn | undefined][] = [];
      for (const [name, funded] of Object.entries({ shared, notYet, closed, fresh })) {
        for (const [who, viewer] of Object.entries({ inYaba, inIkeja, inAccra, inNigeria, owner: funded.owner, anonymous: undefined })) {
          cases.push([`${who} → ${name}`, funded.program, viewer]);
        }
      }
      const seen: Record<string, [boolean, string]> = {};
      // Twice: the second round meets the live applications the first one made.
      for (const round of [1, 2]) {
        for (const [label, program, viewer] of cases) {
          const can = (await t.gql(PROGRAM, { slug: program.slug }, viewer?.token)).data!.program.viewerCan.apply as boolean;
          const res = await t.gql(CREATE_APPLICATION, { input: applicationInput(program.id, yaba) }, viewer?.token);
          const outcome = res.errors?.[0].extensions?.code ?? 'ok';
          expect({ label, round, can, outcome }).toEqual({ label, round, can, outcome: can ? 'ok' : expect.not.stringMatching(/^ok$/) });
          seen[`${label} #${round}`] = [can, outcome as string];
        }
      }
      // The cases cover every reason to refuse, and some successes.
      expect(seen['inYaba → shared #1']).toEqual([true, 'ok']);
      expect(seen['inYaba → shared #2']).toEqual([false, 'CONFLICT']);
      expect(seen['inAccra → fresh #1']).toEqual([true, 'ok']);
      expect(seen['inIkeja → fresh #1']).toEqual([false, 'FORBIDDEN']);
      expect(seen['inNigeria → shared #1']).toEqual([false, 'FORBIDDEN']);
      expect(seen['inYaba → notYet #1']).toEqual([false, 'PRECONDITION_FAILED']);
      expect(seen['inYaba → closed #1']).toEqual([false, 'PRECONDITION_FAILED']);
      expect(seen['anonymous → shared #1']).toEqual([false, 'UNAUTHENTICATED']);
    });

    it('takes and shows amounts of a 0-decimal currency (JPY) without decimals, and refuses decimals in it', async () => {
      const { program } = await fundedProgram(t, world, {
        program: { currency: 'JPY', budget: '10000000', minAward: '50000', maxAward: '500000' },
      });
      const member = await world.member();
      const yen = (overrides: Record<string, unknown>) => applicationInput(program.id, yaba, overrides);
      const refused = await t.expectUnchanged(() =>
        t.gql(
          CREATE_APPLICATION,
          { input: yen({ requestedAmount: '150000.00', budgetLines: [{ item: 'Oven', amount: '150000.5' }] }) },
          member.token,
        ),
      );
      expectError(refused, 'BAD_USER_INPUT', ['input.requestedAmount', 'input.budgetLines.0.amount']);
      const application = await createApplication(
        t,
        member.token,
        yen({
          requestedAmount: '150000',
          budgetLines: [
            { item: 'Oven', amount: '100000' },
            { item: 'Flour', amount: '50000' },
          ],
        }),
      );
      expect({ requested: application.requested, lines: application.budgetLines.map((line: any) => line.amount) }).toEqual({
        requested: { amount: '150000', currency: 'JPY' },
        lines: [
          { amount: '100000', currency: 'JPY' },
          { amount: '50000', currency: 'JPY' },
        ],
      });
      expect((await rowOf(application.id)).requested_minor).toBe('150000');
    });
  });

  describe('updateApplication', () => {
    it('edits a DRAFT: the edit is checked as a whole with what is stored', async () => {
      const member = await world.member();
      const business = await createBusiness(t.em(), { region: world.region('yaba-lagos-ng'), owner: member.account });
      const draft = await createApplication(t, member.token, input({ businessId: business.id }));
      const edited = expectOk(
        await t.gql(
          UPDATE_APPLICATION,
          {
            input: {
              id: draft.id,
              expectedVersion: draft.version,
              title: 'Renamed',
              requestedAmount: '3000.00',
              budgetLines: [{ item: 'Everything', amount: '3000.00' }],
              answers: ANSWERS,
              regionId: world.region('ikeja-lagos-ng').id,
              businessId: null,
            },
          },
          member.token,
        ),
      ).updateApplication.application;
      expect(edited).toMatchObject({
        title: 'Renamed',
        summary: draft.summary,
        status: 'DRAFT',
        version: draft.version + 1,
        requested: { amount: '3000.00', currency: 'USD' },
        budgetLines: [{ item: 'Everything', amount: { amount: '3000.00', currency: 'USD' } }],
        answers: [
          { key: 'team_size', text: null, number: 3 },
          { key: 'stage', text: 'idea', number: null },
          { key: 'pitch', text: 'Fresh bread for Yaba', number: null },
        ],
        region: { slug: 'ikeja-lagos-ng' },
        business: null,
      });

      // A new amount alone no longer matches the stored budget lines.
      const partial = await t.expectUnchanged(() =>
        t.gql(UPDATE_APPLICATION, { input: { id: draft.id, requestedAmount: '3500.00' } }, member.token),
      );
      expectError(partial, 'BAD_USER_INPUT', ['input.budgetLines']);
      const outOfRange = await t.expectUnchanged(() =>
        t.gql(
          UPDATE_APPLICATION,
          { input: { id: draft.id, requestedAmount: '6000.00', budgetLines: [{ item: 'All', amount: '6000.00' }] } },
          member.token,
        ),
      );
      expectError(outOfRange, 'BAD_USER_INPUT', ['input.requestedAmount']);
      const badAnswers = await t.expectUnchanged(() =>
        t.gql(UPDATE_APPLICATION, { input: { id: draft.id, answers: [{ key: 'stage', text: 'grown' }] } }, member.token),
      );
      expectError(badAnswers, 'BAD_USER_INPUT', ['input.answers.stage']);
      const badRegion = await t.expectUnchanged(() =>
        t.gql(UPDATE_APPLICATION, { input: { id: draft.id, regionId: world.region('accra-gh').id } }, member.token),
      );
      expectError(badRegion, 'BAD_USER_INPUT', ['input.regionId']);
      const nulls = await t.expectUnchanged(() =>
        t.gql(UPDATE_APPLICATION, { input: { id: draft.id, title: null, budgetLines: null } }, member.token),
      );
      expectError(nulls, 'BAD_USER_INPUT', ['input.title', 'input.budgetLines']);
    });

    it('refuses a stale version (CONFLICT) and an application that is no longer a DRAFT (PRECONDITION_FAILED), changing nothing', async () => {
      const member = await world.member();
      const draft = await createApplication(t, member.token, input({ answers: ANSWERS }));
      expectError(
        await t.expectUnchanged(() =>
          t.gql(UPDATE_APPLICATION, { input: { id: draft.id, title: 'X', expectedVersion: 42 } }, member.token),
        ),
        'CONFLICT',
      );
      await submitApplication(t, member.token, draft.id);
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_APPLICATION, { input: { id: draft.id, title: 'Too late' } }, member.token)),
        'PRECONDITION_FAILED',
      );
    });

    it("answers NOT_FOUND to anyone but the applicant (other members, the program's managers, admins); anonymous: UNAUTHENTICATED", async () => {
      const member = await world.member();
      const stranger = await world.member();
      const draft = await createApplication(t, member.token, input({ answers: ANSWERS }));
      for (const token of [stranger.token, shared.owner.token, world.admin.token]) {
        expectError(
          await t.expectUnchanged(() => t.gql(UPDATE_APPLICATION, { input: { id: draft.id, title: 'Mine now' } }, token)),
          'NOT_FOUND',
        );
      }
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_APPLICATION, { input: { id: draft.id, title: 'Mine now' } })),
        'UNAUTHENTICATED',
      );
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_APPLICATION, { input: { id: UNKNOWN_ID, title: 'X' } }, member.token)),
        'NOT_FOUND',
      );
    });
  });

  describe('submitApplication', () => {
    it('demands the required answers at submission (BAD_USER_INPUT), then submits and freezes the program', async () => {
      const { owner, program } = await fundedProgram(t, world);
      const member = await world.member();
      const draft = await createApplication(
        t,
        member.token,
        applicationInput(program.id, yaba, { answers: [{ key: 'pitch', text: 'Hi' }] }),
      );
      const refused = await t.expectUnchanged(() => t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, member.token));
      expectError(refused, 'BAD_USER_INPUT', ['input.answers.team_size', 'input.answers.stage']);

      await ok(t, UPDATE_APPLICATION, { input: { id: draft.id, answers: ANSWERS } }, member.token);
      const submitted = expectOk(await t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, member.token)).submitApplication.application;
      expect(submitted).toMatchObject({ status: 'SUBMITTED', submittedAt: expect.stringMatching(/^\d{4}-/) });
      const seen = expectOk(await t.gql(PROGRAM, { slug: program.slug }, owner.token)).program;
      expect(seen).toMatchObject({ applicationCount: 1, contentFrozenAt: expect.stringMatching(/^\d{4}-/) });
    });

    it('is harmless to submit twice: the second answers the same application and changes nothing', async () => {
      const member = await world.member();
      const draft = await createApplication(t, member.token, input());
      const first = await submitApplication(t, member.token, draft.id);
      const second = await t.expectUnchanged(() => t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, member.token));
      expect(expectOk(second).submitApplication.application).toEqual(first);
    });

    it('counts two concurrent submissions once: one SUBMITTED application and identical answers', async () => {
      for (let round = 0; round < 3; round += 1) {
        const { program } = await fundedProgram(t, world);
        const member = await world.member();
        const draft = await createApplication(t, member.token, applicationInput(program.id, yaba));
        const [a, b] = await Promise.all([
          t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, member.token),
          t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, member.token),
        ]);
        expect(a.errors).toBeUndefined();
        expect(b.errors).toBeUndefined();
        expect(a.data).toEqual(b.data);
        expect(a.data!.submitApplication.application.status).toBe('SUBMITTED');
        const rows = await sql(
          t,
          'SELECT id, status, (extract(epoch FROM submitted_at) * 1000)::bigint::text AS submitted_ms, version FROM grant_application WHERE program_id = ?',
          [program.id],
        );
        expect(rows).toEqual([
          {
            id: draft.id,
            status: 'SUBMITTED',
            submitted_ms: String(Date.parse(a.data!.submitApplication.application.submittedAt)),
            version: draft.version + 1,
          },
        ]);
      }
    });

    it('refuses after the deadline by the server clock (PRECONDITION_FAILED), changing nothing; the program shows CLOSED', async () => {
      const { program } = await fundedProgram(t, world);
      const member = await world.member();
      const draft = await createApplication(t, member.token, applicationInput(program.id, yaba));
      await passDeadline(t, program.id);
      const res = await t.expectUnchanged(() => t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, member.token));
      expectError(res, 'PRECONDITION_FAILED');
      expect(res.errors![0].extensions?.status).toBe('CLOSED');
      expect(expectOk(await t.gql(PROGRAM, { slug: program.slug }, member.token)).program.status).toBe('CLOSED');
      expect((await rowOf(draft.id)).status).toBe('DRAFT');
    });

    it('refuses a member who moved out of the eligible regions since drafting (FORBIDDEN), changing nothing; moving back lets them submit', async () => {
      const member = await world.member({ home: 'yaba-lagos-ng' });
      const draft = await createApplication(t, member.token, input());
      await sql(t, 'UPDATE account SET home_region_id = ? WHERE id = ?', [world.region('accra-gh').id, member.account.id]);
      expectError(await t.expectUnchanged(() => t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, member.token)), 'FORBIDDEN');
      expect((await rowOf(draft.id)).status).toBe('DRAFT');
      await sql(t, 'UPDATE account SET home_region_id = ? WHERE id = ?', [yaba, member.account.id]);
      const submitted = expectOk(await t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, member.token)).submitApplication.application;
      expect(submitted.status).toBe('SUBMITTED');
    });

    it('answers NOT_FOUND to anyone but the applicant, UNAUTHENTICATED anonymously, PRECONDITION_FAILED once withdrawn', async () => {
      const member = await world.member();
      const stranger = await world.member();
      const draft = await createApplication(t, member.token, input());
      for (const token of [stranger.token, shared.owner.token, world.admin.token]) {
        expectError(await t.expectUnchanged(() => t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, token)), 'NOT_FOUND');
      }
      expectError(await t.expectUnchanged(() => t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } })), 'UNAUTHENTICATED');
      expectError(await t.expectUnchanged(() => t.gql(SUBMIT_APPLICATION, { input: { id: NOT_UUID } }, member.token)), 'BAD_USER_INPUT', [
        'input.id',
      ]);
      await ok(t, WITHDRAW_APPLICATION, { input: { id: draft.id } }, member.token);
      expectError(
        await t.expectUnchanged(() => t.gql(SUBMIT_APPLICATION, { input: { id: draft.id } }, member.token)),
        'PRECONDITION_FAILED',
      );
    });
  });

  describe('withdrawApplication', () => {
    it('withdraws a draft or a submitted application; withdrawing again changes nothing', async () => {
      const member = await world.member();
      const other = await world.member();
      const draft = await createApplication(t, member.token, input());
      const withdrawn = expectOk(await t.gql(WITHDRAW_APPLICATION, { input: { id: draft.id } }, member.token)).withdrawApplication
        .application;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', withdrawnAt: expect.stringMatching(/^\d{4}-/) });
      const again = await t.expectUnchanged(() => t.gql(WITHDRAW_APPLICATION, { input: { id: draft.id } }, member.token));
      expect(expectOk(again).withdrawApplication.application).toEqual(withdrawn);

      const submitted = await createApplication(t, other.token, input());
      await submitApplication(t, other.token, submitted.id);
      const out = expectOk(await t.gql(WITHDRAW_APPLICATION, { input: { id: submitted.id } }, other.token)).withdrawApplication.application;
      expect(out).toMatchObject({ status: 'WITHDRAWN', submittedAt: expect.any(String) });
    });

    it('withdraws before a decision only: AWARDED and DECLINED answer PRECONDITION_FAILED, changing nothing', async () => {
      for (const status of ['IN_REVIEW', 'AWARDED', 'DECLINED']) {
        const member = await world.member();
        const application = await createApplication(t, member.token, input());
        await submitApplication(t, member.token, application.id);
        await sql(t, `UPDATE grant_application SET status = '${status}' WHERE id = ?`, [application.id]);
        if (status === 'IN_REVIEW') {
          const res = expectOk(await t.gql(WITHDRAW_APPLICATION, { input: { id: application.id } }, member.token));
          expect(res.withdrawApplication.application.status).toBe('WITHDRAWN');
        } else {
          const res = await t.expectUnchanged(() => t.gql(WITHDRAW_APPLICATION, { input: { id: application.id } }, member.token));
          expectError(res, 'PRECONDITION_FAILED');
        }
      }
    });

    it('answers NOT_FOUND to anyone but the applicant and UNAUTHENTICATED anonymously, changing nothing', async () => {
      const member = await world.member();
      const stranger = await world.member();
      const application = await createApplication(t, member.token, input());
      for (const token of [stranger.token, shared.owner.token, world.admin.token]) {
        expectError(await t.expectUnchanged(() => t.gql(WITHDRAW_APPLICATION, { input: { id: application.id } }, token)), 'NOT_FOUND');
      }
      expectError(await t.expectUnchanged(() => t.gql(WITHDRAW_APPLICATION, { input: { id: application.id } })), 'UNAUTHENTICATED');
    });
  });

  describe('who sees what', () => {
    let program: Record<string, any>;
    let owner: SignedIn;
    let manager: SignedIn;
    let applicants: SignedIn[];
    /** first: SUBMITTED (Yaba), second: SUBMITTED (Ikeja), third: DRAFT, fourth: WITHDRAWN after submission. */
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const funded = await fundedProgram(t, world);
      program = funded.program;
      owner = funded.owner;
      manager = await world.member();
      await ok(
        t,
        ADD_STAFF,
        { input: { organizationId: funded.organization.id, accountId: manager.account.id, role: 'MANAGER' } },
        owner.token,
      );
      applicants = [
        await world.member({ displayName: 'First Applicant' }),
        await world.member(),
        await world.member(),
        await world.member(),
      ];
      const business = await createBusiness(t.em(), {
        region: world.region('yaba-lagos-ng'),
        owner: applicants[0].account,
        name: 'First Shop',
      });
      const first = await createApplication(t, applicants[0].token, applicationInput(program.id, yaba, { businessId: business.id }));
      ids.first = first.id;
      const second = await createApplication(t, applicants[1].token, applicationInput(program.id, world.region('ikeja-lagos-ng').id));
      ids.second = second.id;
      ids.third = (await createApplication(t, applicants[2].token, applicationInput(program.id, yaba))).id;
      ids.fourth = (await createApplication(t, applicants[3].token, applicationInput(program.id, yaba))).id;
      // Submitted in the order second, first, fourth.
      await submitApplication(t, applicants[1].token, ids.second);
      await submitApplication(t, applicants[0].token, ids.first);
      await submitApplication(t, applicants[3].token, ids.fourth);
      await ok(t, WITHDRAW_APPLICATION, { input: { id: ids.fourth } }, applicants[3].token);
    });

    const nameOf = (id: string) => Object.keys(ids).find((key) => ids[key] === id) ?? id;
    const names = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => nameOf(edge.node.id));

    it("shows an application to its applicant, the program's managers (once submitted) and admins, with who applied", async () => {
      const asApplicant = expectOk(await t.gql(APPLICATION, { id: ids.first }, applicants[0].token)).application;
      expect(asApplicant).toMatchObject({
        id: ids.first,
        status: 'SUBMITTED',
        applicant: { accountId: applicants[0].account.id, displayName: 'First Applicant', email: applicants[0].account.email },
        business: { name: 'First Shop' },
      });
      for (const token of [owner.token, manager.token, world.admin.token]) {
        const seen = await t.expectUnchanged(() => t.gql(APPLICATION, { id: ids.first }, token));
        expect(expectOk(seen).application).toEqual(asApplicant);
      }
    });

    it('keeps drafts to their applicant (and admins): NOT_FOUND for managers and other members', async () => {
      expect(expectOk(await t.gql(APPLICATION, { id: ids.third }, applicants[2].token)).application.status).toBe('DRAFT');
      expect(expectOk(await t.gql(APPLICATION, { id: ids.third }, world.admin.token)).application.status).toBe('DRAFT');
      for (const token of [owner.token, manager.token, applicants[0].token]) {
        expectError(await t.expectUnchanged(() => t.gql(APPLICATION, { id: ids.third }, token)), 'NOT_FOUND');
      }
    });

    it('answers NOT_FOUND to other members for any application, UNAUTHENTICATED anonymously', async () => {
      const stranger = await world.member();
      for (const id of [ids.first, ids.second, ids.fourth, UNKNOWN_ID]) {
        expectError(await t.expectUnchanged(() => t.gql(APPLICATION, { id }, stranger.token)), 'NOT_FOUND');
      }
      expectError(await t.expectUnchanged(() => t.gql(APPLICATION, { id: ids.first })), 'UNAUTHENTICATED');
    });

    it("lists the viewer's own applications in myApplications, newest first", async () => {
      const member = applicants[3];
      const again = await createApplication(t, member.token, applicationInput(program.id, yaba, { title: 'Again' }));
      try {
        const mine = expectOk(await t.expectUnchanged(() => t.gql(MY_APPLICATIONS, {}, member.token))).myApplications;
        expect(mine.totalCount).toBe(2);
        expect(mine.edges.map((edge: any) => [edge.node.id, edge.node.status])).toEqual([
          [again.id, 'DRAFT'],
          [ids.fourth, 'WITHDRAWN'],
        ]);
        expectError(await t.gql(MY_APPLICATIONS, {}), 'UNAUTHENTICATED');
      } finally {
        await sql(t, 'DELETE FROM grant_application WHERE id = ?', [again.id]);
      }
    });

    it("lists a program's submitted (non-draft) applications to its managers and admins, in submission order", async () => {
      for (const token of [owner.token, manager.token, world.admin.token]) {
        const res = await t.expectUnchanged(() => t.gql(PROGRAM_APPLICATIONS, { programId: program.id }, token));
        const list = expectOk(res).programApplications;
        expect(names(list)).toEqual(['second', 'first', 'fourth']);
        expect(list.totalCount).toBe(3);
      }
      const list = expectOk(await t.gql(PROGRAM_APPLICATIONS, { programId: program.id }, manager.token)).programApplications;
      expect(list.edges[1].node).toMatchObject({
        status: 'SUBMITTED',
        region: { slug: 'yaba-lagos-ng' },
        applicant: { accountId: applicants[0].account.id, displayName: 'First Applicant' },
      });
      const page1 = expectOk(await t.gql(PROGRAM_APPLICATIONS, { programId: program.id, first: 2 }, manager.token)).programApplications;
      expect(names(page1)).toEqual(['second', 'first']);
      const page2 = expectOk(
        await t.gql(PROGRAM_APPLICATIONS, { programId: program.id, first: 2, after: page1.pageInfo.endCursor }, manager.token),
      ).programApplications;
      expect(names(page2)).toEqual(['fourth']);
      expect(page2.pageInfo.hasNextPage).toBe(false);
    });

    it('filters by status and region, and orders newest first on request', async () => {
      const list = async (variables: Record<string, unknown>) =>
        names(expectOk(await t.gql(PROGRAM_APPLICATIONS, { programId: program.id, ...variables }, owner.token)).programApplications);
      expect(await list({ filter: { status: 'SUBMITTED' } })).toEqual(['second', 'first']);
      expect(await list({ filter: { status: 'WITHDRAWN' } })).toEqual(['fourth']);
      expect(await list({ filter: { status: 'DRAFT' } })).toEqual([]);
      expect(await list({ filter: { regionId: world.region('ikeja-lagos-ng').id } })).toEqual(['second']);
      expect(await list({ filter: { regionId: world.region('lagos-ng').id } })).toEqual(['second', 'first', 'fourth']);
      expect(await list({ filter: { regionId: world.region('ghana').id } })).toEqual([]);
      expect(await list({ orderBy: 'NEWEST' })).toEqual(['fourth', 'second', 'first']);
      const unknown = await t.gql(PROGRAM_APPLICATIONS, { programId: program.id, filter: { regionId: UNKNOWN_ID } }, owner.token);
      expectError(unknown, 'BAD_USER_INPUT', ['filter.regionId']);
    });

    it('answers NOT_FOUND to members who do not run the program (applicants too), UNAUTHENTICATED anonymously', async () => {
      for (const token of [applicants[0].token, (await world.member()).token]) {
        expectError(await t.expectUnchanged(() => t.gql(PROGRAM_APPLICATIONS, { programId: program.id }, token)), 'NOT_FOUND');
      }
      expectError(await t.expectUnchanged(() => t.gql(PROGRAM_APPLICATIONS, { programId: program.id })), 'UNAUTHENTICATED');
      expectError(await t.gql(PROGRAM_APPLICATIONS, { programId: UNKNOWN_ID }, owner.token), 'NOT_FOUND');
    });

    it('keeps a draft withdrawn before it was ever submitted away from the managers', async () => {
      const member = await world.member();
      const draft = await createApplication(t, member.token, applicationInput(program.id, yaba, { title: 'Never sent' }));
      await ok(t, WITHDRAW_APPLICATION, { input: { id: draft.id } }, member.token);
      try {
        expectError(await t.expectUnchanged(() => t.gql(APPLICATION, { id: draft.id }, manager.token)), 'NOT_FOUND');
        const listed = expectOk(await t.gql(PROGRAM_APPLICATIONS, { programId: program.id }, manager.token)).programApplications;
        expect(names(listed)).toEqual(['second', 'first', 'fourth']);
      } finally {
        await sql(t, 'DELETE FROM grant_application WHERE id = ?', [draft.id]);
      }
    });
  });

  describe('personal data', () => {
    it('exports the organizations a member runs and their applications in a grants section', async () => {
      const member = await world.member();
      const organization = await createOrganization(t, member.token, { name: 'Member Trust' });
      const draft = await createApplication(t, member.token, input({ answers: ANSWERS }));
      await submitApplication(t, member.token, draft.id);
      const res = await t.expectUnchanged(() => t.gql(EXPORT, {}, member.token));
      const grants = expectOk(res).exportMyData.data.grants;
      expect(grants).toEqual({
        organizations: [{ organizationId: organization.id, organization: 'Member Trust', role: 'OWNER', since: expect.any(String) }],
        applications: [
          expect.objectContaining({
            id: draft.id,
            programId: shared.program.id,
            program: shared.program.name,
            status: 'SUBMITTED',
            title: draft.title,
            answers: { team_size: 3, stage: 'idea', pitch: 'Fresh bread for Yaba' },
            requestedMinor: '250000',
            currency: 'USD',
            budgetLines: [
              { item: 'Oven', amountMinor: '150000' },
              { item: 'Training', amountMinor: '100000' },
            ],
            regionId: yaba,
            businessId: null,
          }),
        ],
      });
      // Nobody else's data.
      const other = await world.member();
      expect(expectOk(await t.gql(EXPORT, {}, other.token)).exportMyData.data.grants).toEqual({ organizations: [], applications: [] });
    });

    it('refuses to delete the last owner of an organization (PRECONDITION_FAILED), changing nothing', async () => {
      const member = await world.member();
      await createOrganization(t, member.token, { name: 'Only Mine' });
      const res = await t.expectUnchanged(() => t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, member.token));
      expectError(res, 'PRECONDITION_FAILED');
      expect(res.errors![0].message).toContain('Only Mine');
    });

    it('deletes the drafts, keeps submitted applications as "Deleted member", and leaves organizations that have another owner', async () => {
      const { program, owner } = await fundedProgram(t, world);
      const member = await world.member();
      const organization = await createOrganization(t, member.token);
      await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: owner.account.id, role: 'OWNER' } }, member.token);
      const kept = await createApplication(t, member.token, applicationInput(program.id, yaba));
      await submitApplication(t, member.token, kept.id);
      const draft = await createApplication(t, member.token, input());

      expectOk(await t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, member.token));

      expect(await sql(t, 'SELECT id FROM grant_application WHERE id = ?', [draft.id])).toEqual([]);
      expect(await sql(t, 'SELECT id, status FROM grant_application WHERE applicant_id = ?', [member.account.id])).toEqual([
        { id: kept.id, status: 'SUBMITTED' },
      ]);
      expect(await sql(t, 'SELECT role FROM organization_member WHERE organization_id = ?', [organization.id])).toEqual([
        { role: 'OWNER' },
      ]);
      const seen = expectOk(await t.gql(APPLICATION, { id: kept.id }, owner.token)).application;
      expect(seen.applicant).toEqual({ accountId: member.account.id, displayName: 'Deleted member', email: null });
      expect(seen.status).toBe('SUBMITTED');
    });

    it('deletes a draft withdrawn before it was ever submitted, and keeps one withdrawn after its submission', async () => {
      const { program } = await fundedProgram(t, world);
      const member = await world.member();
      const neverSent = await createApplication(t, member.token, applicationInput(program.id, yaba));
      await ok(t, WITHDRAW_APPLICATION, { input: { id: neverSent.id } }, member.token);
      const sent = await createApplication(t, member.token, input());
      await submitApplication(t, member.token, sent.id);
      await ok(t, WITHDRAW_APPLICATION, { input: { id: sent.id } }, member.token);

      expectOk(await t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, member.token));

      expect(await sql(t, 'SELECT id, status FROM grant_application WHERE applicant_id = ?', [member.account.id])).toEqual([
        { id: sent.id, status: 'WITHDRAWN' },
      ]);
    });

    it('audits leaving every staff on account deletion as a removal, one event per organization', async () => {
      const member = await world.member();
      const coOwner = await world.member();
      const owned = await createOrganization(t, member.token);
      await ok(t, ADD_STAFF, { input: { organizationId: owned.id, accountId: coOwner.account.id, role: 'OWNER' } }, member.token);
      const managed = await createOrganization(t, coOwner.token);
      await ok(t, ADD_STAFF, { input: { organizationId: managed.id, accountId: member.account.id, role: 'MANAGER' } }, coOwner.token);
      const before = { owned: (await auditOf(t, owned.id)).length, managed: (await auditOf(t, managed.id)).length };

      expectOk(await t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, member.token));

      const removal = (role: string) => ({
        action: 'organization.member.removed',
        actor_id: member.account.id,
        subject_type: 'Organization',
        before: { accountId: member.account.id, role },
        after: null,
      });
      expect((await auditOf(t, owned.id)).slice(before.owned)).toEqual([removal('OWNER')]);
      expect((await auditOf(t, managed.id)).slice(before.managed)).toEqual([removal('MANAGER')]);
      expect(await sql(t, 'SELECT organization_id FROM organization_member WHERE account_id = ?', [member.account.id])).toEqual([]);
    });
  });
});
