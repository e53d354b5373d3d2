import {
  answerProblems,
  AnswerValue,
  ApplyFacts,
  applyRefusal,
  ApplyRefusal,
  BudgetLine,
  budgetLineProblems,
  effectiveStatus,
  LONG_TEXT_MAX,
  MAX_CRITERIA,
  MAX_QUESTIONS,
  Problem,
  ProgramStatus,
  Question,
  QuestionType,
  rubricProblems,
  RubricCriterion,
  questionProblems,
  regionWithin,
  SHORT_TEXT_MAX,
} from './program-rules';

const criterion = (key: string, overrides: Partial<RubricCriterion> = {}): RubricCriterion => ({
  key,
  title: `Criterion ${key}`,
  guidance: '',
  weight: 1,
  maxScore: 10,
  ...overrides,
});

const question = (key: string, type: QuestionType, overrides: Partial<Question> = {}): Question => ({
  key,
  label: `Question ${key}`,
  type,
  required: false,
  options: [],
  ...overrides,
});

const line = (amountMinor: bigint, item = 'Item'): BudgetLine => ({ item, amountMinor });
const paths = (problems: readonly Problem[]) => problems.map((problem) => problem.path);

describe('effectiveStatus', () => {
  const closesAt = new Date('2030-06-30T23:59:59.000Z');
  const before = new Date(closesAt.getTime() - 1);
  const after = new Date(closesAt.getTime() + 1);

  it('keeps an OPEN program OPEN until the last millisecond before its deadline', () => {
    expect(effectiveStatus(ProgramStatus.OPEN, closesAt, before)).toBe(ProgramStatus.OPEN);
  });

  it('counts an OPEN program as CLOSED at the deadline instant itself, and after it', () => {
    expect(effectiveStatus(ProgramStatus.OPEN, closesAt, new Date(closesAt.getTime()))).toBe(ProgramStatus.CLOSED);
    expect(effectiveStatus(ProgramStatus.OPEN, closesAt, after)).toBe(ProgramStatus.CLOSED);
    expect(effectiveStatus(ProgramStatus.OPEN, closesAt, new Date('2099-01-01T00:00:00Z'))).toBe(ProgramStatus.CLOSED);
  });

  it.each([ProgramStatus.DRAFT, ProgramStatus.REVIEWING, ProgramStatus.DECIDED, ProgramStatus.ARCHIVED])(
    'leaves a %s program as it is, before and after the deadline',
    (status) => {
      expect(effectiveStatus(status, closesAt, before)).toBe(status);
      expect(effectiveStatus(status, closesAt, closesAt)).toBe(status);
      expect(effectiveStatus(status, closesAt, after)).toBe(status);
    },
  );
});

describe('regionWithin', () => {
  const lagos = '/ng/lagos/';
  const yaba = '/ng/lagos/yaba/';

  it('takes a region itself and everything below it', () => {
    expect(regionWithin(lagos, [lagos])).toBe(true);
    expect(regionWithin(yaba, [lagos])).toBe(true);
    expect(regionWithin(yaba, ['/gh/', lagos])).toBe(true);
  });

  it('refuses a region above, beside, or merely sharing a prefix of an id', () => {
    expect(regionWithin('/ng/', [lagos])).toBe(false);
    expect(regionWithin('/ng/abuja/', [lagos])).toBe(false);
    // Paths end with the separator, so "lagos" does not contain "lagos2".
    expect(regionWithin('/ng/lagos2/', [lagos])).toBe(false);
    expect(regionWithin(yaba, [])).toBe(false);
  });
});

describe('applyRefusal (the rule behind both viewerCan.apply and createApplication)', () => {
  const now = new Date('2030-06-01T12:00:00Z');
  const open: ApplyFacts = {
    status: ProgramStatus.OPEN,
    opensAt: new Date('2030-05-01T00:00:00Z'),
    closesAt: new Date('2030-07-01T00:00:00Z'),
    eligibleRegionPaths: ['/ng/lagos/', '/gh/'],
    homeRegionPath: '/ng/lagos/yaba/',
    hasLiveApplication: false,
  };

  it('lets a member who lives within an eligible region apply to an open program they have no live application to', () => {
    expect(applyRefusal(open, now)).toBeNull();
    expect(applyRefusal({ ...open, homeRegionPath: '/gh/' }, now)).toBeNull();
    expect(applyRefusal({ ...open, opensAt: now }, now)).toBeNull();
  });

  it.each([ProgramStatus.DRAFT, ProgramStatus.REVIEWING, ProgramStatus.DECIDED, ProgramStatus.ARCHIVED])(
    'refuses a %s program (NOT_OPEN)',
    (status) => {
      expect(applyRefusal({ ...open, status }, now)).toBe(ApplyRefusal.NOT_OPEN);
    },
  );

  it('refuses an OPEN program from its deadline on (NOT_OPEN), and before it opens (NOT_YET_OPEN)', () => {
    expect(applyRefusal({ ...open, closesAt: now }, now)).toBe(ApplyRefusal.NOT_OPEN);
    expect(applyRefusal({ ...open, opensAt: new Date(now.getTime() + 1) }, now)).toBe(ApplyRefusal.NOT_YET_OPEN);
  });

  it('refuses a member whose home is outside, above the eligible regions, or unknown (NOT_ELIGIBLE)', () => {
    for (const homeRegionPath of ['/ng/abuja/', '/ng/', '/us/nyc/', null]) {
      expect(applyRefusal({ ...open, homeRegionPath }, now)).toBe(ApplyRefusal.NOT_ELIGIBLE);
    }
  });

  it('refuses a member with a live application (LIVE_APPLICATION)', () => {
    expect(applyRefusal({ ...open, hasLiveApplication: true }, now)).toBe(ApplyRefusal.LIVE_APPLICATION);
  });

  it('gives the first reason: the program, then where the member lives, then their applications', () => {
    const everything: ApplyFacts = { ...open, status: ProgramStatus.DRAFT, homeRegionPath: null, hasLiveApplication: true };
    expect(applyRefusal(everything, now)).toBe(ApplyRefusal.NOT_OPEN);
    expect(applyRefusal({ ...everything, status: ProgramStatus.OPEN }, now)).toBe(ApplyRefusal.NOT_ELIGIBLE);
  });
});

describe('rubricProblems', () => {
  it('accepts one criterion, and the largest rubric with the extreme allowed values', () => {
    expect(rubricProblems([criterion('impact')], 'input.rubric')).toEqual([]);
    const largest = Array.from({ length: MAX_CRITERIA }, (_, i) =>
      criterion(`c${i}`, { weight: i % 2 ? 0.001 : 1000, maxScore: i % 2 ? 1 : 100 }),
    );
    expect(MAX_CRITERIA).toBe(20);
    expect(rubricProblems(largest, 'input.rubric')).toEqual([]);
  });

  it('refuses an empty rubric and one with more than 20 criteria, at the path of the rubric', () => {
    expect(rubricProblems([], 'input.rubric')).toEqual([{ path: 'input.rubric', message: 'must have 1 to 20 criteria' }]);
    const tooMany = Array.from({ length: MAX_CRITERIA + 1 }, (_, i) => criterion(`c${i}`));
    expect(rubricProblems(tooMany, 'input.rubric')).toEqual([{ path: 'input.rubric', message: 'must have 1 to 20 criteria' }]);
  });

  it.each(['Impact', '1st', '_x', 'has-dash', 'has space', '', 'é', 'a'.repeat(41)])('refuses the key %j', (key) => {
    expect(rubricProblems([criterion(key)], 'r')).toEqual([{ path: 'r.0.key', message: expect.stringMatching(/lower-case/) }]);
  });

  it('accepts a key of 40 characters with digits and underscores', () => {
    expect(rubricProblems([criterion(`a${'_1'.repeat(19)}b`)], 'r')).toEqual([]);
  });

  it('refuses a repeated key at the repetition only', () => {
    expect(rubricProblems([criterion('impact'), criterion('team'), criterion('impact')], 'r')).toEqual([
      { path: 'r.2.key', message: 'repeats the key "impact"' },
    ]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses the weight %p', (weight) => {
    expect(rubricProblems([criterion('impact', { weight })], 'r')).toEqual([{ path: 'r.0.weight', message: 'must be more than 0' }]);
  });

  it('accepts a fractional positive weight', () => {
    expect(rubricProblems([criterion('impact', { weight: 0.25 })], 'r')).toEqual([]);
  });

  it.each([0, 101, 1.5, -3, Number.NaN])('refuses the max score %p', (maxScore) => {
    expect(rubricProblems([criterion('impact', { maxScore })], 'r')).toEqual([
      { path: 'r.0.maxScore', message: 'must be a whole number from 1 to 100' },
    ]);
  });

  it('reports every problem at once, each at its own path', () => {
    const problems = rubricProblems(
      [
        criterion('ok'),
        criterion('Bad', { weight: 0 }),
        criterion('ok', { maxScore: 0 }),
        criterion('fine', { weight: -2, maxScore: 200 }),
      ],
      'input.rubric',
    );
    expect(paths(problems)).toEqual([
      'input.rubric.1.key',
      'input.rubric.1.weight',
      'input.rubric.2.key',
      'input.rubric.2.maxScore',
      'input.rubric.3.weight',
      'input.rubric.3.maxScore',
    ]);
  });
});

describe('questionProblems', () => {
  it('accepts no questions at all, and 20 valid ones', () => {
    expect(questionProblems([], 'q')).toEqual([]);
    const twenty = Array.from({ length: MAX_QUESTIONS }, (_, i) => question(`q${i}`, QuestionType.SHORT_TEXT));
    expect(MAX_QUESTIONS).toBe(20);
    expect(questionProblems(twenty, 'q')).toEqual([]);
  });

  it('refuses more than 20 questions at the path of the list', () => {
    const many = Array.from({ length: MAX_QUESTIONS + 1 }, (_, i) => question(`q${i}`, QuestionType.NUMBER));
    expect(questionProblems(many, 'q')).toEqual([{ path: 'q', message: 'must have at most 20 questions' }]);
  });

  it('refuses an invalid key and a repeated key', () => {
    expect(questionProblems([question('Team Size', QuestionType.NUMBER)], 'q')).toEqual([
      { path: 'q.0.key', message: expect.stringMatching(/lower-case/) },
    ]);
    expect(questionProblems([question('size', QuestionType.NUMBER), question('size', QuestionType.LONG_TEXT)], 'q')).toEqual([
      { path: 'q.1.key', message: 'repeats the key "size"' },
    ]);
  });

  it('accepts a CHOICE question with 2 and with 20 distinct options', () => {
    expect(questionProblems([question('stage', QuestionType.CHOICE, { options: ['idea', 'launched'] })], 'q')).toEqual([]);
    const options = Array.from({ length: 20 }, (_, i) => `option ${i}`);
    expect(questionProblems([question('stage', QuestionType.CHOICE, { options })], 'q')).toEqual([]);
  });

  it.each([
    ['no options', []],
    ['one option', ['only']],
    ['21 options', Array.from({ length: 21 }, (_, i) => `o${i}`)],
    ['repeated options', ['idea', 'launched', 'idea']],
  ])('refuses a CHOICE question with %s', (_name, options) => {
    expect(questionProblems([question('stage', QuestionType.CHOICE, { options })], 'q')).toEqual([
      { path: 'q.0.options', message: 'a CHOICE question needs 2 to 20 distinct options' },
    ]);
  });

  it.each([QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT, QuestionType.NUMBER])('refuses options on a %s question', (type) => {
    expect(questionProblems([question('x', type, { options: ['a', 'b'] })], 'q')).toEqual([
      { path: 'q.0.options', message: 'only CHOICE questions have options' },
    ]);
  });

  it('reports every problem at once', () => {
    const problems = questionProblems(
      [
        question('name', QuestionType.SHORT_TEXT),
        question('name', QuestionType.CHOICE, { options: [] }),
        question('9lives', QuestionType.NUMBER, { options: ['1'] }),
      ],
      'input.questions',
    );
    expect(paths(problems)).toEqual([
      'input.questions.1.key',
      'input.questions.1.options',
      'input.questions.2.key',
      'input.questions.2.options',
    ]);
  });
});

describe('answerProblems', () => {
  const questions: Question[] = [
    question('pitch', QuestionType.SHORT_TEXT, { required: true }),
    question('story', QuestionType.LONG_TEXT),
    question('team_size', QuestionType.NUMBER, { required: true }),
    question('stage', QuestionType.CHOICE, { options: ['idea', 'launched'], required: true }),
  ];
  const complete: Record<string, AnswerValue> = { pitch: 'Bread for Yaba', story: 'A long story', team_size: 3, stage: 'idea' };
  const check = (answers: Record<string, AnswerValue>, requireAll: boolean) =>
    answerProblems(questions, answers, 'input.answers', { requireAll });

  it('accepts complete, well-typed answers, whether or not every required answer is demanded', () => {
    expect(check(complete, true)).toEqual([]);
    expect(check(complete, false)).toEqual([]);
  });

  it('demands the required answers only when asked to (at submission): a draft may leave them out', () => {
    expect(check({}, false)).toEqual([]);
    expect(check({}, true)).toEqual([
      { path: 'input.answers.pitch', message: 'is required' },
      { path: 'input.answers.team_size', message: 'is required' },
      { path: 'input.answers.stage', message: 'is required' },
    ]);
  });

  it('counts an empty text as no answer, and 0 as an answer', () => {
    expect(check({ ...complete, pitch: '' }, true)).toEqual([{ path: 'input.answers.pitch', message: 'is required' }]);
    expect(check({ ...complete, pitch: '' }, false)).toEqual([]);
    expect(check({ ...complete, team_size: 0 }, true)).toEqual([]);
  });

  it('lets an optional question go unanswered', () => {
    const { story: _story, ...withoutStory } = complete;
    expect(check(withoutStory, true)).toEqual([]);
  });

  it('refuses an answer to a question that does not exist, even in a draft', () => {
    expect(check({ ...complete, budget_note: 'extra' }, false)).toEqual([
      { path: 'input.answers.budget_note', message: 'is not a question of this program' },
    ]);
    expect(answerProblems([], { anything: 1 }, 'a', { requireAll: false })).toEqual([
      { path: 'a.anything', message: 'is not a question of this program' },
    ]);
  });

  it('checks types even in a draft: text questions take text, NUMBER questions a finite number', () => {
    expect(check({ pitch: 42 }, false)).toEqual([{ path: 'input.answers.pitch', message: 'must be text' }]);
    expect(check({ story: 7 }, false)).toEqual([{ path: 'input.answers.story', message: 'must be text' }]);
    expect(check({ team_size: '3' }, false)).toEqual([{ path: 'input.answers.team_size', message: 'must be a number' }]);
    expect(check({ team_size: Number.NaN }, false)).toEqual([{ path: 'input.answers.team_size', message: 'must be a number' }]);
    expect(check({ team_size: Number.POSITIVE_INFINITY }, false)).toEqual([
      { path: 'input.answers.team_size', message: 'must be a number' },
    ]);
    expect(check({ team_size: -2.5 }, false)).toEqual([]);
  });

  it('limits text answers: 200 characters for SHORT_TEXT, 5,000 for LONG_TEXT', () => {
    expect(SHORT_TEXT_MAX).toBe(200);
    expect(LONG_TEXT_MAX).toBe(5000);
    expect(check({ pitch: 'x'.repeat(200), story: 'y'.repeat(5000) }, false)).toEqual([]);
    expect(check({ pitch: 'x'.repeat(201), story: 'y'.repeat(5001) }, false)).toEqual([
      { path: 'input.answers.pitch', message: 'must be at most 200 characters' },
      { path: 'input.answers.story', message: 'must be at most 5000 characters' },
    ]);
  });

  it('takes one of the options for a CHOICE question, exactly as spelled', () => {
    expect(check({ stage: 'launched' }, false)).toEqual([]);
    for (const value of ['Idea', 'idea ', 'scaling', 1] as AnswerValue[]) {
      expect(check({ stage: value }, false)).toEqual([{ path: 'input.answers.stage', message: 'must be one of: idea, launched' }]);
    }
  });

  it('treats a question keyed like an Object.prototype member ("constructor") as any other question', () => {
    const odd = [question('constructor', QuestionType.SHORT_TEXT, { required: true })];
    // Unanswered: fine in a draft, required at submission; answered with text: fine.
    expect(answerProblems(odd, {}, 'a', { requireAll: false })).toEqual([]);
    expect(answerProblems(odd, {}, 'a', { requireAll: true })).toEqual([{ path: 'a.constructor', message: 'is required' }]);
    expect(answerProblems(odd, { constructor: 'Bola' }, 'a', { requireAll: true })).toEqual([]);
    // Answers stored as JSON come back as ordinary objects, with a prototype.
    expect(answerProblems(odd, JSON.parse('{}') as Record<string, AnswerValue>, 'a', { requireAll: true })).toEqual([
      { path: 'a.constructor', message: 'is required' },
    ]);
    const counted = [question('constructor', QuestionType.NUMBER, { required: true })];
    expect(answerProblems(counted, { constructor: 3 }, 'a', { requireAll: true })).toEqual([]);
    expect(answerProblems(counted, { constructor: 'three' }, 'a', { requireAll: true })).toEqual([
      { path: 'a.constructor', message: 'must be a number' },
    ]);
  });

  it('reports unknown keys, type errors and missing answers together', () => {
    expect(paths(check({ pitch: 5, stage: 'nope', extra: 'x' }, true))).toEqual([
      'input.answers.extra',
      'input.answers.pitch',
      'input.answers.team_size',
      'input.answers.stage',
    ]);
  });
});

describe('budgetLineProblems', () => {
  it('accepts lines that add up exactly to the requested amount', () => {
    expect(budgetLineProblems([line(150000n), line(100000n)], 250000n, 'input.budgetLines')).toEqual([]);
    expect(budgetLineProblems([line(1n)], 1n, 'b')).toEqual([]);
  });

  it('refuses lines that do not add up, by one minor unit either way', () => {
    for (const requested of [249999n, 250001n]) {
      expect(budgetLineProblems([line(150000n), line(100000n)], requested, 'input.budgetLines')).toEqual([
        { path: 'input.budgetLines', message: 'must add up to the requested amount' },
      ]);
    }
  });

  it('adds with bigint: amounts beyond 2^53 are summed exactly', () => {
    const big = 9_007_199_254_740_993n; // 2^53 + 1: not representable as a number
    expect(budgetLineProblems([line(big), line(big)], 18_014_398_509_481_986n, 'b')).toEqual([]);
    // As floats, both sums would round to the same value; as bigints they differ by one.
    expect(Number(18_014_398_509_481_986n) === Number(18_014_398_509_481_985n)).toBe(true);
    expect(budgetLineProblems([line(big), line(big)], 18_014_398_509_481_985n, 'b')).toEqual([
      { path: 'b', message: 'must add up to the requested amount' },
    ]);
  });

  it('needs at least one line', () => {
    expect(budgetLineProblems([], 100n, 'b')).toEqual([{ path: 'b', message: 'must have 1 to 30 lines' }]);
    expect(budgetLineProblems([], 0n, 'b')).toEqual([{ path: 'b', message: 'must have 1 to 30 lines' }]);
  });

  it('takes 30 lines and refuses 31', () => {
    const thirty = Array.from({ length: 30 }, () => line(100n));
    expect(budgetLineProblems(thirty, 3000n, 'b')).toEqual([]);
    const thirtyOne = Array.from({ length: 31 }, () => line(100n));
    expect(budgetLineProblems(thirtyOne, 3100n, 'b')).toEqual([{ path: 'b', message: 'must have 1 to 30 lines' }]);
  });

  it('refuses a zero or negative line at its own path, even when the total matches', () => {
    expect(budgetLineProblems([line(0n), line(500n)], 500n, 'b')).toEqual([{ path: 'b.0.amount', message: 'must be more than 0' }]);
    expect(budgetLineProblems([line(700n), line(-200n)], 500n, 'b')).toEqual([{ path: 'b.1.amount', message: 'must be more than 0' }]);
  });

  it('reports a bad line and a wrong total together', () => {
    expect(budgetLineProblems([line(-1n), line(0n)], 500n, 'b')).toEqual([
      { path: 'b.0.amount', message: 'must be more than 0' },
      { path: 'b.1.amount', message: 'must be more than 0' },
      { path: 'b', message: 'must add up to the requested amount' },
    ]);
  });
});
