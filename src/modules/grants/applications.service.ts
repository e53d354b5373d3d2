import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isAdmin } from '../../core/auth/viewer';
import { RequestContext } from '../../core/context/request-context';
import {
  assertExpectedVersion,
  BadUserInputError,
  ConflictError,
  FieldError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from '../../core/errors/domain-errors';
import { formatMinorUnits, parseMinorUnits } from '../../core/money/money';
import { Connection } from '../../core/pagination/connection.types';
import { KeysetOrder, SqlFragment } from '../../core/pagination/keyset';
import { PageQuery, paginate, sqlRunner } from '../../core/pagination/paginate';
import { Account } from '../accounts/account.entity';
import { BusinessOwner, BusinessRole } from '../businesses/business-owner.entity';
import { Business } from '../businesses/business.entity';
import { Region } from '../regions/region.entity';
import { RegionsService } from '../regions/regions.service';
import {
  AnswerInput,
  ApplicationOrder,
  CreateApplicationInput,
  ProgramApplicationsArgs,
  UpdateApplicationInput,
} from './dto/application.inputs';
import { ApplicationStatus, GrantApplication } from './grant-application.entity';
import { GrantProgram } from './grant-program.entity';
import { OrganizationsService } from './organizations.service';
import {
  answerProblems,
  AnswerValue,
  ApplyRefusal,
  budgetLineProblems,
  effectiveStatus,
  ProgramStatus,
  regionWithin,
} from './program-rules';
import { ProgramsService } from './programs.service';
import { lockViewerAccount } from '../accounts/account-lock';

const ORDERS: Record<ApplicationOrder, KeysetOrder<GrantApplication>> = {
  [ApplicationOrder.SUBMITTED]: {
    name: 'submitted',
    keys: [
      // Drafts (never submitted) sort after every submission.
      {
        sql: "coalesce(a.submitted_at, 'infinity'::timestamptz)",
        direction: 'asc',
        type: 'instant',
        value: (a) => a.submittedAt?.toISOString() ?? 'infinity',
      },
      { sql: 'a.id', direction: 'asc', type: 'uuid', value: (a) => a.id },
    ],
  },
  [ApplicationOrder.NEWEST]: {
    name: 'newest',
    keys: [
      { sql: 'a.created_at', direction: 'desc', type: 'instant', value: (a) => a.createdAt.toISOString() },
      { sql: 'a.id', direction: 'desc', type: 'uuid', value: (a) => a.id },
    ],
  },
};

/** Before a decision, an application may still be withdrawn. */
const UNDECIDED = [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW];

/** Members' applications to grant programs. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly programs: ProgramsService,
    private readonly organizations: OrganizationsService,
    private readonly regions: RegionsService,
  ) {}

  private readonly run = sqlRunner(this.em);

  /**
   * Starts a DRAFT for an OPEN program, by the rule `viewerCan.apply` shows ({@link applyRefusal}):
   * open, the member lives within an eligible region, no live application of theirs (the partial
   * unique index settles concurrent creates).
   */
  async create(ctx: RequestContext, input: CreateApplicationInput): Promise<GrantApplication> {
    const { account } = ctx.requireViewer();
    const program = await this.programs.findById(ctx, input.programId);
    const refusal = await this.programs.applyRefusal(ctx, program);
    if (refusal === ApplyRefusal.NOT_OPEN || refusal === ApplyRefusal.NOT_YET_OPEN) assertOpen(program);
    if (refusal === ApplyRefusal.NOT_ELIGIBLE)
      throw new ForbiddenError("Only members whose home region is within one of this program's regions may apply");
    if (refusal === ApplyRefusal.LIVE_APPLICATION)
      throw new ConflictError('You already have an application to this program: edit it, or withdraw it first');
    const missing = (['regionId', 'title', 'summary', 'proposal', 'requestedAmount', 'budgetLines'] as const)
      .filter((field) => input[field] === undefined)
      .map((field): FieldError => ({ path: `input.${field}`, message: 'is required' }));
    if (missing.length) throw new BadUserInputError(missing);
    const checked = await this.check(program, account, input, { requireAllAnswers: false });
    return this.em.transactional(async (em) => {
      await lockViewerAccount(em, ctx);
      const application = new GrantApplication({ program, applicant: em.getReference(Account, account.id) });
      apply(em, application, input, checked);
      em.persist(application);
      return application;
    });
  }

  /** Edits a DRAFT (the applicant). */
  async update(ctx: RequestContext, input: UpdateApplicationInput): Promise<GrantApplication> {
    const { account } = ctx.requireViewer();
    return this.em.transactional(async (em) => {
      const application = await this.ownLocked(ctx, em, input.id);
      assertExpectedVersion(application.version, input.expectedVersion);
      if (application.status !== ApplicationStatus.DRAFT)
        throw new PreconditionFailedError(`A ${application.status} application cannot be edited`);
      const program = application.program.getEntity();
      const merged = { ...currentFields(application, program.currency), ...definedFields(input) };
      const checked = await this.check(program, account, merged, { requireAllAnswers: false });
      apply(em, application, input, checked);
      return application;
    });
  }

  /**
   * Submits a DRAFT while the program is OPEN by the server's clock; submitting again changes
   * nothing. Eligibility is checked again: the applicant's home region must still lie within one
   * of the program's regions (a member who moved away since drafting is refused, FORBIDDEN, as
   * `createApplication` would refuse them), and so must the application's region. Locks the
   * program (freezing its rubric, questions and currency at the first submission, against a
   * concurrent edit) and the application (two submits count once).
   */
  async submit(ctx: RequestContext, id: string): Promise<GrantApplication> {
    const { account } = ctx.requireViewer();
    return this.em.transactional(async (em) => {
      const application = await this.ownLocked(ctx, em, id);
      const program = await em.findOneOrFail(GrantProgram, application.program.id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (application.status === ApplicationStatus.SUBMITTED) return application;
      if (application.status !== ApplicationStatus.DRAFT)
        throw new PreconditionFailedError(`A ${application.status} application cannot be submitted`);
      assertOpen(program);
      const home = account.homeRegion ? await this.programs.regionPath(account.homeRegion.id) : null;
      if (home === null || !regionWithin(home, await this.programs.eligibleRegionPaths(program)))
        throw new ForbiddenError("Only members whose home region is within one of this program's regions may submit");
      await this.check(program, account, currentFields(application, program.currency), { requireAllAnswers: true });
      const now = new Date();
      application.status = ApplicationStatus.SUBMITTED;
      application.submittedAt = now;
      program.contentFrozenAt ??= now;
      return application;
    });
  }

  /** Withdraws an application before a decision (the applicant). */
  async withdraw(ctx: RequestContext, id: string): Promise<GrantApplication> {
    return this.em.transactional(async (em) => {
      const application = await this.ownLocked(ctx, em, id);
      if (application.status === ApplicationStatus.WITHDRAWN) return application;
      if (!UNDECIDED.includes(application.status))
        throw new PreconditionFailedError(`A ${application.status} application cannot be withdrawn`);
      application.status = ApplicationStatus.WITHDRAWN;
      application.withdrawnAt = new Date();
      return application;
    });
  }

  /** An application the viewer may see: their own, any of a program they run, or (admins) any. Else NOT_FOUND. */
  async findVisible(ctx: RequestContext, id: string): Promise<GrantApplication> {
    const application = await this.em.findOne(GrantApplication, id);
    if (!application || !(await this.canSee(ctx, application))) throw new NotFoundError('Application');
    return application;
  }

  async canSee(ctx: RequestContext, application: GrantApplication): Promise<boolean> {
    const viewer = ctx.viewer;
    if (!viewer) return false;
    if (application.applicant.id === viewer.account.id || isAdmin(viewer)) return true;
    // Never submitted (a draft, or a draft withdrawn as such): the applicant's alone.
    if (application.submittedAt === null) return false;
    const program = await this.em.findOneOrFail(GrantProgram, application.program.id);
    return (await this.organizations.viewerRole(ctx, program.organization.id)) !== null;
  }

  mine(
    ctx: RequestContext,
    args: ProgramApplicationsArgs | { first: number; after?: string | null },
  ): Promise<Connection<GrantApplication>> {
    return this.page([{ sql: 'a.applicant_id = ?', params: [ctx.requireViewer().account.id] }], ORDERS[ApplicationOrder.NEWEST], args);
  }

  /**
   * A program's submitted applications (its managers and admins), withdrawn ones included; what
   * was never submitted (drafts, and drafts withdrawn as such) stays private to its applicant.
   */
  async ofProgram(ctx: RequestContext, args: ProgramApplicationsArgs): Promise<Connection<GrantApplication>> {
    const program = await this.programs.findById(ctx, args.programId);
    if (!(await this.organizations.canManage(ctx, program.organization.id))) throw new NotFoundError('Program');
    const where: SqlFragment[] = [{ sql: 'a.program_id = ? AND a.submitted_at IS NOT NULL', params: [program.id] }];
    if (args.filter?.status) where.push({ sql: 'a.status = ?', params: [args.filter.status] });
    const order = ORDERS[args.orderBy];
    const regionId = args.filter?.regionId;
    if (!regionId) return this.page(where, order, args);
    // Within a region and below it: one statement, the subtree from the region tree.
    return this.regions.pageWithin(
      ctx,
      regionId,
      'filter.regionId',
      'a.region_id',
      (within) => query([...where, within], order),
      args,
      toNode(this.em),
    );
  }

  private page(
    where: SqlFragment[],
    order: KeysetOrder<GrantApplication>,
    args: { first: number; after?: string | null },
  ): Promise<Connection<GrantApplication>> {
    return paginate(this.run, query(where, order), args, toNode(this.em));
  }

  /** The viewer's own application, locked; anyone else's is NOT_FOUND here. */
  private async ownLocked(ctx: RequestContext, em: EntityManager, id: string): Promise<GrantApplication> {
    const application = await em.findOne(GrantApplication, id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
      populate: ['program'],
    });
    if (!application || application.applicant.id !== ctx.requireViewer().account.id) throw new NotFoundError('Application');
    return application;
  }

  /** Everything an application's content must satisfy; returns the parsed amounts and answers. */
  private async check(
    program: GrantProgram,
    account: Account,
    fields: ApplicationFields,
    { requireAllAnswers }: { requireAllAnswers: boolean },
  ): Promise<CheckedFields> {
    const problems: FieldError[] = [];
    if (fields.regionId !== undefined) {
      const path = await this.programs.regionPath(fields.regionId);
      if (path === null) {
        problems.push({ path: 'input.regionId', message: 'no region has this id' });
      } else if (!regionWithin(path, await this.programs.eligibleRegionPaths(program))) {
        problems.push({ path: 'input.regionId', message: 'is not within a region this program is open to' });
      }
    }
    const requested = fields.requestedAmount === undefined ? undefined : parseMinorUnits(fields.requestedAmount, program.currency);
    if (fields.requestedAmount !== undefined && requested === undefined)
      problems.push({ path: 'input.requestedAmount', message: `has more decimals than ${program.currency} allows` });
    if (requested !== undefined && (requested < program.minAwardMinor || requested > program.maxAwardMinor)) {
      problems.push({ path: 'input.requestedAmount', message: "must be between the program's smallest and largest award" });
    }
    const lines = (fields.budgetLines ?? []).map((line, index) => {
      const amountMinor = parseMinorUnits(line.amount, program.currency);
      if (amountMinor === undefined)
        problems.push({ path: `input.budgetLines.${index}.amount`, message: `has more decimals than ${program.currency} allows` });
      return { item: line.item, amountMinor: amountMinor ?? 0n };
    });
    if (fields.budgetLines !== undefined && requested !== undefined)
      problems.push(...budgetLineProblems(lines, requested, 'input.budgetLines'));
    const answers = fields.answers === undefined ? undefined : answersByKey(fields.answers, problems);
    if (answers) problems.push(...answerProblems(program.questions, answers, 'input.answers', { requireAll: requireAllAnswers }));
    else if (requireAllAnswers) problems.push(...answerProblems(program.questions, {}, 'input.answers', { requireAll: true }));
    if (fields.businessId) {
      const owns = await this.em.count(BusinessOwner, {
        business: { id: fields.businessId, deletedAt: null },
        account: account.id,
        role: BusinessRole.OWNER,
      });
      if (!owns) problems.push({ path: 'input.businessId', message: 'must be a listing you own' });
    }
    if (problems.length) throw new BadUserInputError(problems);
    return { requested, lines, answers };
  }
}

interface ApplicationFields {
  regionId?: string;
  title?: string;
  summary?: string;
  proposal?: string;
  answers?: AnswerInput[];
  requestedAmount?: string;
  budgetLines?: { item: string; amount: string }[];
  businessId?: string | null;
}

interface CheckedFields {
  requested: bigint | undefined;
  lines: { item: string; amountMinor: bigint }[];
  answers: Record<string, AnswerValue> | undefined;
}

function assertOpen(program: GrantProgram): void {
  const now = new Date();
  const status = effectiveStatus(program.status, program.closesAt, now);
  if (status !== ProgramStatus.OPEN) throw new PreconditionFailedError(`This program is ${status}: it takes no applications`, { status });
  if (program.opensAt > now)
    throw new PreconditionFailedError('This program does not take applications yet', { opensAt: program.opensAt.toISOString() });
}

/**
 * `[{ key, text | number }]` → `{ key: value }`; an answer with both or neither is refused. The
 * record has no prototype, so a key such as "constructor" is just a key.
 */
function answersByKey(answers: readonly AnswerInput[], problems: FieldError[]): Record<string, AnswerValue> {
  const byKey: Record<string, AnswerValue> = Object.create(null) as Record<string, AnswerValue>;
  for (const answer of answers) {
    const hasText = answer.text !== undefined && answer.text !== null;
    const hasNumber = answer.number !== undefined && answer.number !== null;
    if (hasText === hasNumber) problems.push({ path: `input.answers.${answer.key}`, message: 'give either text or number' });
    else if (Object.hasOwn(byKey, answer.key)) problems.push({ path: `input.answers.${answer.key}`, message: 'is answered twice' });
    else byKey[answer.key] = hasText ? answer.text! : answer.number!;
  }
  return byKey;
}

/** What an application holds, in the shape of an input, so a partial edit is checked as a whole. */
function currentFields(application: GrantApplication, currency: string): ApplicationFields {
  return {
    regionId: application.region.id,
    title: application.title,
    summary: application.summary,
    proposal: application.proposal,
    answers: Object.entries(application.answers).map(([key, value]) =>
      typeof value === 'number' ? { key, number: value } : { key, text: value },
    ),
    requestedAmount: formatMinorUnits(application.requestedMinor, currency),
    budgetLines: application.budgetLines.map((line) => ({ item: line.item, amount: formatMinorUnits(BigInt(line.amountMinor), currency) })),
    businessId: application.business?.id ?? null,
  };
}

function definedFields(input: UpdateApplicationInput): Partial<ApplicationFields> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

function apply(
  em: EntityManager,
  application: GrantApplication,
  input: Partial<CreateApplicationInput & UpdateApplicationInput>,
  checked: CheckedFields,
): void {
  if (input.regionId !== undefined) application.region = em.getReference(Region, input.regionId, { wrapped: true });
  if (input.title !== undefined) application.title = input.title;
  if (input.summary !== undefined) application.summary = input.summary;
  if (input.proposal !== undefined) application.proposal = input.proposal;
  if (checked.answers !== undefined) application.answers = checked.answers;
  if (checked.requested !== undefined) application.requestedMinor = checked.requested;
  if (input.budgetLines !== undefined)
    application.budgetLines = checked.lines.map((line) => ({ item: line.item, amountMinor: line.amountMinor.toString() }));
  if (input.businessId !== undefined)
    application.business = input.businessId ? em.getReference(Business, input.businessId, { wrapped: true }) : null;
}

/** The applications matching `where`, as a page query. */
function query(where: SqlFragment[], order: KeysetOrder<GrantApplication>): PageQuery<GrantApplication> {
  return { select: 'a.*', from: 'grant_application a', where, order };
}

const toNode = (em: EntityManager) => (row: Record<string, unknown>) => em.map(GrantApplication, row);
