/**
 * Pure rules of grant programs and applications: status, rubric, questions and answers, budget
 * lines. No framework here; unit-tested in program-rules.spec.ts.
 */

export enum ProgramStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  /** Derived: an OPEN program from its closesAt on. */
  CLOSED = 'CLOSED',
  REVIEWING = 'REVIEWING',
  DECIDED = 'DECIDED',
  ARCHIVED = 'ARCHIVED',
}

/** The status as of `now`: an OPEN program counts as CLOSED from its deadline on, by the server's clock. */
export function effectiveStatus(stored: ProgramStatus, closesAt: Date, now: Date): ProgramStatus {
  return stored === ProgramStatus.OPEN && now >= closesAt ? ProgramStatus.CLOSED : stored;
}

/**
 * Whether a region lies within one of the given regions (or is one of them), by materialised path
 * (`/<country id>/<state id>/…/`): "a region and everything below it".
 */
export function regionWithin(path: string, regionPaths: readonly string[]): boolean {
  return regionPaths.some((within) => path.startsWith(within));
}

/** Why a member may not start an application to a program now. */
export enum ApplyRefusal {
  /** The program is not OPEN by the server's clock (a DRAFT, or past its deadline, or later). */
  NOT_OPEN = 'NOT_OPEN',
  /** OPEN, but before its opensAt. */
  NOT_YET_OPEN = 'NOT_YET_OPEN',
  /** The member's home region is not within any of the program's eligible regions. */
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  /** The member has a live (not withdrawn) application to the program already. */
  LIVE_APPLICATION = 'LIVE_APPLICATION',
}

export interface ApplyFacts {
  /** The stored status (CLOSED is derived here from closesAt). */
  readonly status: ProgramStatus;
  readonly opensAt: Date;
  readonly closesAt: Date;
  /** Materialised paths of the program's eligible regions. */
  readonly eligibleRegionPaths: readonly string[];
  /** Materialised path of the member's home region; null when they have none. */
  readonly homeRegionPath: string | null;
  readonly hasLiveApplication: boolean;
}

/**
 * The one rule of who may apply, asked by both `viewerCan.apply` and `createApplication`: the
 * program takes applications (OPEN by the server's clock, from opensAt on), the member lives
 * there (their home region is within an eligible region: the members `eligiblePrograms` lists the
 * program for), and has no live application to it. Returns the first reason against, or null.
 * (The application's own region must also be within an eligible region: an input rule, checked
 * with {@link regionWithin} when the application is written.)
 */
export function applyRefusal(facts: ApplyFacts, now: Date): ApplyRefusal | null {
  if (effectiveStatus(facts.status, facts.closesAt, now) !== ProgramStatus.OPEN) return ApplyRefusal.NOT_OPEN;
  if (facts.opensAt > now) return ApplyRefusal.NOT_YET_OPEN;
  if (facts.homeRegionPath === null || !regionWithin(facts.homeRegionPath, facts.eligibleRegionPaths)) return ApplyRefusal.NOT_ELIGIBLE;
  if (facts.hasLiveApplication) return ApplyRefusal.LIVE_APPLICATION;
  return null;
}

export interface RubricCriterion {
  readonly key: string;
  readonly title: string;
  readonly guidance: string;
  readonly weight: number;
  readonly maxScore: number;
}

export enum QuestionType {
  SHORT_TEXT = 'SHORT_TEXT',
  LONG_TEXT = 'LONG_TEXT',
  NUMBER = 'NUMBER',
  CHOICE = 'CHOICE',
}

export interface Question {
  readonly key: string;
  readonly label: string;
  readonly type: QuestionType;
  readonly required: boolean;
  readonly options: readonly string[];
}

export interface Problem {
  readonly path: string;
  readonly message: string;
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_CRITERIA = 20;
export const MAX_QUESTIONS = 20;
export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 5000;

/** A rubric: 1 to 20 criteria with unique keys, weight > 0, max score 1 to 100. */
export function rubricProblems(rubric: readonly RubricCriterion[], path: string): Problem[] {
  const problems: Problem[] = [];
  if (rubric.length < 1 || rubric.length > MAX_CRITERIA) problems.push({ path, message: `must have 1 to ${MAX_CRITERIA} criteria` });
  const seen = new Set<string>();
  rubric.forEach((criterion, index) => {
    const at = `${path}.${index}`;
    if (!KEY.test(criterion.key))
      problems.push({ path: `${at}.key`, message: 'must be lower-case letters, digits and _ (starting with a letter, up to 40)' });
    else if (seen.has(criterion.key)) problems.push({ path: `${at}.key`, message: `repeats the key "${criterion.key}"` });
    seen.add(criterion.key);
    if (!(criterion.weight > 0) || !Number.isFinite(criterion.weight))
      problems.push({ path: `${at}.weight`, message: 'must be more than 0' });
    if (!Number.isInteger(criterion.maxScore) || criterion.maxScore < 1 || criterion.maxScore > 100) {
      problems.push({ path: `${at}.maxScore`, message: 'must be a whole number from 1 to 100' });
    }
  });
  return problems;
}

/** Up to 20 questions with unique keys; CHOICE questions have 2 to 20 distinct options, others none. */
export function questionProblems(questions: readonly Question[], path: string): Problem[] {
  const problems: Problem[] = [];
  if (questions.length > MAX_QUESTIONS) problems.push({ path, message: `must have at most ${MAX_QUESTIONS} questions` });
  const seen = new Set<string>();
  questions.forEach((question, index) => {
    const at = `${path}.${index}`;
    if (!KEY.test(question.key))
      problems.push({ path: `${at}.key`, message: 'must be lower-case letters, digits and _ (starting with a letter, up to 40)' });
    else if (seen.has(question.key)) problems.push({ path: `${at}.key`, message: `repeats the key "${question.key}"` });
    seen.add(question.key);
    if (question.type === QuestionType.CHOICE) {
      const distinct = new Set(question.options);
      if (question.options.length < 2 || question.options.length > 20 || distinct.size !== question.options.length) {
        problems.push({ path: `${at}.options`, message: 'a CHOICE question needs 2 to 20 distinct options' });
      }
    } else if (question.options.length > 0) {
      problems.push({ path: `${at}.options`, message: `only CHOICE questions have options` });
    }
  });
  return problems;
}

export type AnswerValue = string | number;

/**
 * Answers checked against the questions: every required question answered, each answer of its
 * question's type (text within its length, a finite number, one of the options), no answer to a
 * question that does not exist.
 */
export function answerProblems(
  questions: readonly Question[],
  answers: Readonly<Record<string, AnswerValue>>,
  path: string,
  { requireAll }: { requireAll: boolean },
): Problem[] {
  const problems: Problem[] = [];
  const byKey = new Map(questions.map((question) => [question.key, question]));
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) problems.push({ path: `${path}.${key}`, message: 'is not a question of this program' });
  }
  for (const question of questions) {
    const at = `${path}.${question.key}`;
    // Own keys only: a question keyed "constructor" must not read Object.prototype.constructor.
    const value = Object.hasOwn(answers, question.key) ? answers[question.key] : undefined;
    if (value === undefined || value === '') {
      if (question.required && requireAll) problems.push({ path: at, message: 'is required' });
      continue;
    }
    switch (question.type) {
      case QuestionType.SHORT_TEXT:
      case QuestionType.LONG_TEXT: {
        const max = question.type === QuestionType.SHORT_TEXT ? SHORT_TEXT_MAX : LONG_TEXT_MAX;
        if (typeof value !== 'string') problems.push({ path: at, message: 'must be text' });
        else if (value.length > max) problems.push({ path: at, message: `must be at most ${max} characters` });
        break;
      }
      case QuestionType.NUMBER:
        if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ path: at, message: 'must be a number' });
        break;
      case QuestionType.CHOICE:
        if (typeof value !== 'string' || !question.options.includes(value))
          problems.push({ path: at, message: `must be one of: ${question.options.join(', ')}` });
        break;
    }
  }
  return problems;
}

export interface BudgetLine {
  readonly item: string;
  readonly amountMinor: bigint;
}

/** 1 to 30 lines, each positive, adding up exactly to the requested amount. */
export function budgetLineProblems(lines: readonly BudgetLine[], requestedMinor: bigint, path: string): Problem[] {
  const problems: Problem[] = [];
  if (lines.length < 1 || lines.length > 30) problems.push({ path, message: 'must have 1 to 30 lines' });
  lines.forEach((line, index) => {
    if (line.amountMinor <= 0n) problems.push({ path: `${path}.${index}.amount`, message: 'must be more than 0' });
  });
  const total = lines.reduce((sum, line) => sum + line.amountMinor, 0n);
  if (lines.length > 0 && total !== requestedMinor) problems.push({ path, message: 'must add up to the requested amount' });
  return problems;
}
