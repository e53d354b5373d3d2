import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '../../core/context/request-context';
import {
  assertExpectedVersion,
  BadUserInputError,
  ConflictError,
  FieldError,
  NotFoundError,
  PreconditionFailedError,
} from '../../core/errors/domain-errors';
import { isCurrencyCode, minorDigits, parseMinorUnits } from '../../core/money/money';
import { Connection } from '../../core/pagination/connection.types';
import { KeysetOrder, SqlFragment } from '../../core/pagination/keyset';
import { paginate, sqlRunner } from '../../core/pagination/paginate';
import { slugOfName } from '../../core/text/slug';
import { Region } from '../regions/region.entity';
import { REGION_COLUMNS, RegionRecord, regionRecordFromRow } from '../regions/region.record';
import { containsPattern, RegionsService } from '../regions/regions.service';
import { CreateProgramInput, ProgramsArgs, UpdateProgramInput } from './dto/program.inputs';
import { GrantProgram } from './grant-program.entity';
import { OrganizationsService } from './organizations.service';
import {
  applyRefusal,
  ApplyRefusal,
  effectiveStatus,
  ProgramStatus,
  Question,
  questionProblems,
  RubricCriterion,
  rubricProblems,
} from './program-rules';

/** The length of the slug's column. */
const SLUG_LENGTH = 120;

const eligibleRegionsByProgram = Symbol('eligible regions by program');
const applicationCountsByProgram = Symbol('application counts by program');
const liveApplicationsOfViewer = Symbol("the viewer's live applications by program");

const BY_DEADLINE: KeysetOrder<GrantProgram> = {
  name: 'deadline',
  keys: [
    { sql: "date_trunc('milliseconds', p.closes_at)", direction: 'asc', type: 'instant', value: (p) => p.closesAt.toISOString() },
    { sql: 'p.id', direction: 'asc', type: 'uuid', value: (p) => p.id },
  ],
};

/** Grant programs: set up by an organization's managers, opened once verified, closed by the clock. */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly em: EntityManager,
    private readonly organizations: OrganizationsService,
    private readonly regions: RegionsService,
  ) {}

  private readonly run = sqlRunner(this.em);

  async create(ctx: RequestContext, input: CreateProgramInput): Promise<GrantProgram> {
    const organization = await this.organizations.asStaff(ctx, input.organizationId, 'manage');
    const slug = input.slug ?? slugOfName(input.name, SLUG_LENGTH);
    if (!slug) throw BadUserInputError.field('input.slug', 'give a slug (letters or digits)');
    if (await this.em.count(GrantProgram, { slug })) {
      throw new ConflictError('Another program already has this slug', { fieldErrors: [{ path: 'input.slug', message: 'is taken' }] });
    }
    const regions = input.eligibleRegionIds ? await this.findRegions(input.eligibleRegionIds) : [];
    return this.em.transactional(async (em) => {
      const program = new GrantProgram({ organization, name: input.name, slug });
      program.currency = input.currency;
      applyFields(program, input);
      program.eligibleRegions.set(regions);
      em.persist(program);
      return program;
    });
  }

  /**
   * Edits a program (managers). The budget, awards, dates and eligible regions change while DRAFT
   * only; the rubric, questions and currency until the first application is submitted; the
   * program row is locked, so a submission cannot slip in between the check and the change.
   * Refusals for the state come first (PRECONDITION_FAILED), then the input's (BAD_USER_INPUT).
   * A new currency comes, while DRAFT, with budget, minAward and maxAward given again in it; once
   * OPEN those amounts no longer change, so they keep their figures in the new currency, which
   * must therefore have as many decimals as the old one.
   */
  async update(ctx: RequestContext, input: UpdateProgramInput): Promise<GrantProgram> {
    return this.em.transactional(async (em) => {
      const program = await this.lockedForManager(ctx, em, input.id);
      assertExpectedVersion(program.version, input.expectedVersion);
      const status = effectiveStatus(program.status, program.closesAt, new Date());
      const problems: FieldError[] = [];
      if (program.status !== ProgramStatus.DRAFT) {
        for (const field of ['budget', 'eligibleRegionIds', 'minAward', 'maxAward', 'opensAt', 'closesAt'] as const) {
          if (input[field] !== undefined)
            problems.push({
              path: `input.${field}`,
              message: `changes only while the program is a DRAFT${field === 'closesAt' ? ' (use extendProgramDeadline)' : ''}`,
            });
        }
      }
      if (program.contentFrozenAt) {
        for (const field of ['rubric', 'questions', 'currency'] as const) {
          if (input[field] !== undefined)
            problems.push({ path: `input.${field}`, message: 'is frozen: an application has been submitted' });
        }
      }
      if (status === ProgramStatus.ARCHIVED) problems.push({ path: 'input.id', message: 'an archived program does not change' });
      if (problems.length) throw new PreconditionFailedError('These fields cannot change now', { fieldErrors: problems });
      if (input.currency !== undefined && input.currency !== program.currency) assertCurrencyChange(program, input);
      const regions = input.eligibleRegionIds ? await this.findRegions(input.eligibleRegionIds) : undefined;
      if (input.name !== undefined) program.name = input.name;
      if (input.currency !== undefined) program.currency = input.currency;
      applyFields(program, input);
      if (regions) {
        await program.eligibleRegions.init();
        program.eligibleRegions.set(regions);
      }
      program.updatedAt = new Date();
      return program;
    });
  }

  /** DRAFT → OPEN: the organization is verified and the program has a rubric, a budget and a future deadline. */
  async open(ctx: RequestContext, id: string): Promise<GrantProgram> {
    return this.em.transactional(async (em) => {
      const program = await this.lockedForManager(ctx, em, id);
      if (program.status !== ProgramStatus.DRAFT)
        throw new PreconditionFailedError(`A ${effectiveStatus(program.status, program.closesAt, new Date())} program cannot be opened`);
      const organization = program.organization.getEntity();
      const missing: FieldError[] = [];
      if (!organization.verifiedAt) missing.push({ path: 'organization', message: 'must be verified by an admin' });
      if (program.rubric.length === 0) missing.push({ path: 'rubric', message: 'needs at least one criterion' });
      if (program.budgetMinor <= 0n) missing.push({ path: 'budget', message: 'needs a budget' });
      if (program.closesAt <= new Date()) missing.push({ path: 'closesAt', message: 'must be in the future' });
      if ((await program.eligibleRegions.loadCount()) === 0)
        missing.push({ path: 'eligibleRegionIds', message: 'needs at least one eligible region' });
      if (program.maxAwardMinor > program.budgetMinor) missing.push({ path: 'maxAward', message: 'must not exceed the budget' });
      if (missing.length) throw new PreconditionFailedError('The program is not ready to open', { fieldErrors: missing });
      program.status = ProgramStatus.OPEN;
      return program;
    });
  }

  /** Moves the deadline of an OPEN program later. */
  async extendDeadline(ctx: RequestContext, id: string, closesAt: Date): Promise<GrantProgram> {
    return this.em.transactional(async (em) => {
      const program = await this.lockedForManager(ctx, em, id);
      const now = new Date();
      if (effectiveStatus(program.status, program.closesAt, now) !== ProgramStatus.OPEN) {
        throw new PreconditionFailedError("Only an OPEN program's deadline can be extended");
      }
      if (closesAt <= program.closesAt) throw BadUserInputError.field('input.closesAt', 'must be later than the current deadline');
      if (closesAt >= program.reviewDeadline) throw BadUserInputError.field('input.closesAt', 'must be before the review deadline');
      program.closesAt = closesAt;
      return program;
    });
  }

  /** CLOSED (past its deadline) → REVIEWING. */
  async startReview(ctx: RequestContext, id: string): Promise<GrantProgram> {
    return this.em.transactional(async (em) => {
      const program = await this.lockedForManager(ctx, em, id);
      const status = effectiveStatus(program.status, program.closesAt, new Date());
      if (status !== ProgramStatus.CLOSED)
        throw new PreconditionFailedError(`A ${status} program cannot start its review: it must be closed`);
      program.status = ProgramStatus.REVIEWING;
      return program;
    });
  }

  /** DECIDED → ARCHIVED. */
  async archive(ctx: RequestContext, id: string): Promise<GrantProgram> {
    return this.em.transactional(async (em) => {
      const program = await this.lockedForManager(ctx, em, id);
      const status = effectiveStatus(program.status, program.closesAt, new Date());
      if (status !== ProgramStatus.DECIDED) throw new PreconditionFailedError(`A ${status} program cannot be archived: it must be decided`);
      program.status = ProgramStatus.ARCHIVED;
      return program;
    });
  }

  /** A program by slug; drafts only to their organization's staff and admins. */
  async findBySlug(ctx: RequestContext, slug: string): Promise<GrantProgram> {
    const program = await this.em.findOne(GrantProgram, { slug });
    if (!program || !(await this.visible(ctx, program))) throw new NotFoundError('Program');
    return program;
  }

  async findById(ctx: RequestContext, id: string): Promise<GrantProgram> {
    const program = await this.em.findOne(GrantProgram, id);
    if (!program || !(await this.visible(ctx, program))) throw new NotFoundError('Program');
    return program;
  }

  async visible(ctx: RequestContext, program: GrantProgram): Promise<boolean> {
    return program.status !== ProgramStatus.DRAFT || (await this.organizations.canManage(ctx, program.organization.id));
  }

  /** Programs by deadline; drafts only of organizations the viewer runs. */
  list(ctx: RequestContext, args: ProgramsArgs, extra: SqlFragment[] = []): Promise<Connection<GrantProgram>> {
    const filter = args.filter ?? {};
    const viewerId = ctx.viewer?.account.id;
    const where: SqlFragment[] = [
      viewerId
        ? {
            sql: "p.status <> 'DRAFT' OR EXISTS (SELECT 1 FROM organization_member om WHERE om.organization_id = p.organization_id AND om.account_id = ?)",
            params: [viewerId],
          }
        : { sql: "p.status <> 'DRAFT'", params: [] },
      ...extra,
    ];
    if (filter.organizationId) where.push({ sql: 'p.organization_id = ?', params: [filter.organizationId] });
    if (filter.text) {
      const pattern = containsPattern(filter.text);
      where.push({
        sql: 'hometown_unaccent(p.name) ILIKE hometown_unaccent(?) OR hometown_unaccent(p.description) ILIKE hometown_unaccent(?)',
        params: [pattern, pattern],
      });
    }
    if (filter.open === true) where.push({ sql: "p.status = 'OPEN' AND p.closes_at > now() AND p.opens_at <= now()", params: [] });
    if (filter.open === false) where.push({ sql: "NOT (p.status = 'OPEN' AND p.closes_at > now() AND p.opens_at <= now())", params: [] });
    if (filter.status) where.push(statusCondition(filter.status));
    if (filter.regionId) {
      // Applicable in the region: an eligible region contains it, or lies within it.
      where.push({
        sql: `EXISTS (SELECT 1 FROM grant_program_region pr JOIN region er ON er.id = pr.region_id, region fr
                      WHERE pr.program_id = p.id AND fr.id = ? AND (fr.path LIKE er.path || '%' OR er.path LIKE fr.path || '%'))`,
        params: [filter.regionId],
      });
    }
    return paginate(this.run, { select: 'p.*', from: 'grant_program p', where, order: BY_DEADLINE }, args, (row) =>
      this.em.map(GrantProgram, row),
    );
  }

  /** Open programs whose eligible regions contain the viewer's home region. */
  eligible(ctx: RequestContext, args: ProgramsArgs): Promise<Connection<GrantProgram>> {
    const home = ctx.requireViewer().account.homeRegion?.id ?? '00000000-0000-0000-0000-000000000000';
    return this.list(ctx, { ...args, filter: { ...args.filter, open: true } }, [
      {
        sql: `EXISTS (SELECT 1 FROM grant_program_region pr JOIN region er ON er.id = pr.region_id, region hr
                      WHERE pr.program_id = p.id AND hr.id = ? AND hr.path LIKE er.path || '%')`,
        params: [home],
      },
    ]);
  }

  /** Materialised paths of the program's eligible regions (batched per request when given the request). */
  async eligibleRegionPaths(program: GrantProgram, ctx?: RequestContext): Promise<string[]> {
    if (ctx) return (await this.eligibleRegions(ctx, program.id)).map((region) => region.path);
    const regions = await program.eligibleRegions.load({ dataloader: true });
    return regions.getItems().map((region) => region.path);
  }

  /** A program's eligible regions by name, for every program asked for in the request in one statement. */
  eligibleRegions(ctx: RequestContext, programId: string): Promise<RegionRecord[]> {
    const loader = ctx.loader(
      eligibleRegionsByProgram,
      () =>
        new DataLoader<string, RegionRecord[]>(async (ids) => {
          const rows = await this.run(
            `SELECT ${REGION_COLUMNS}, pr.program_id FROM grant_program_region pr JOIN region r ON r.id = pr.region_id
             WHERE pr.program_id IN (?) ORDER BY r.name, r.id`,
            [ids],
          );
          return ids.map((id) =>
            rows.filter((row) => row.program_id === id).map((row) => this.regions.prime(ctx, regionRecordFromRow(row))),
          );
        }),
    );
    return loader.load(programId);
  }

  /** A region's materialised path; null when no region has the id. */
  async regionPath(regionId: string): Promise<string | null> {
    return (await this.em.findOne(Region, regionId))?.path ?? null;
  }

  /**
   * Why the viewer may not start an application to the program now, or null when they may: the
   * one rule ({@link applyRefusal}) behind both `viewerCan.apply` and `createApplication`. The
   * lookups go through the request's batches, so a list of programs costs one statement each.
   */
  async applyRefusal(ctx: RequestContext, program: GrantProgram): Promise<ApplyRefusal | null> {
    const { account } = ctx.requireViewer();
    const now = new Date();
    const { status, opensAt, closesAt } = program;
    const live = this.viewerHasLiveApplication(ctx, program.id);
    live.catch(() => undefined); // awaited below only when the rule gets that far
    const [eligibleRegionPaths, homeRegionPath] = await Promise.all([
      this.eligibleRegionPaths(program, ctx),
      account.homeRegion ? this.regionPathIn(ctx, account.homeRegion.id) : null,
    ]);
    const facts = { status, opensAt, closesAt, eligibleRegionPaths, homeRegionPath, hasLiveApplication: false };
    // The live application is the last thing the rule looks at.
    const refusal = applyRefusal(facts, now);
    if (refusal !== null) return refusal;
    return applyRefusal({ ...facts, hasLiveApplication: await live }, now);
  }

  /** A region's path through the request's batched region lookups. */
  private async regionPathIn(ctx: RequestContext, regionId: string): Promise<string | null> {
    return (await this.regions.byId(ctx, regionId))?.path ?? null;
  }

  /** Whether the viewer has a live application to the program, batched per request. */
  private viewerHasLiveApplication(ctx: RequestContext, programId: string): Promise<boolean> {
    const viewer = ctx.requireViewer();
    const loader = ctx.loader(
      liveApplicationsOfViewer,
      () =>
        new DataLoader<string, boolean>(async (ids) => {
          const rows = await this.run<{ program_id: string }>(
            "SELECT DISTINCT program_id FROM grant_application WHERE applicant_id = ? AND program_id IN (?) AND status <> 'WITHDRAWN'",
            [viewer.account.id, ids],
          );
          const live = new Set(rows.map((row) => row.program_id));
          return ids.map((id) => live.has(id));
        }),
    );
    return loader.load(programId);
  }

  /**
   * Applications to a program by status, batched per request. Only applications that were
   * submitted count: a draft, or one withdrawn before it was ever submitted, is its applicant's alone.
   */
  applicationCounts(ctx: RequestContext, programId: string): Promise<{ status: string; count: number }[]> {
    const loader = ctx.loader(
      applicationCountsByProgram,
      () =>
        new DataLoader<string, { status: string; count: number }[]>(async (ids) => {
          const rows = await this.run<{ program_id: string; status: string; count: string }>(
            `SELECT program_id, status, count(*) AS count FROM grant_application
             WHERE program_id IN (?) AND submitted_at IS NOT NULL GROUP BY program_id, status ORDER BY status`,
            [ids],
          );
          return ids.map((id) =>
            rows.filter((row) => row.program_id === id).map((row) => ({ status: row.status, count: Number(row.count) })),
          );
        }),
    );
    return loader.load(programId);
  }

  /** The program, locked, if the viewer runs its organization. */
  async lockedForManager(ctx: RequestContext, em: EntityManager, id: string): Promise<GrantProgram> {
    const program = await em.findOne(GrantProgram, id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!program || !(await this.visible(ctx, program))) throw new NotFoundError('Program');
    await this.organizations.asStaff(ctx, program.organization.id, 'manage', em);
    return program;
  }

  private async findRegions(ids: readonly string[]): Promise<Region[]> {
    const unique = [...new Set(ids)];
    const regions = await this.em.find(Region, { id: { $in: unique } });
    const missing = unique.filter((id) => !regions.some((region) => region.id === id));
    if (missing.length) throw BadUserInputError.field('input.eligibleRegionIds', `no region has the id ${missing.join(', ')}`);
    return regions;
  }
}

/**
 * A change of currency (before the first submission, which freezes it). While DRAFT the amounts
 * change with it: budget, minAward and maxAward are given again in the new currency. Once OPEN
 * they no longer change, so they keep their figures (5000.00 USD becomes 5000.00 EUR) and the new
 * currency must write them with as many decimals; applications in progress keep theirs likewise.
 */
function assertCurrencyChange(program: GrantProgram, input: UpdateProgramInput): void {
  const currency = input.currency!;
  if (!isCurrencyCode(currency)) throw BadUserInputError.field('input.currency', 'must be an ISO 4217 currency code');
  if (program.status === ProgramStatus.DRAFT) {
    if ([input.budget, input.minAward, input.maxAward].includes(undefined))
      throw BadUserInputError.field('input.currency', 'give budget, minAward and maxAward again, in the new currency, with it');
    return;
  }
  if (minorDigits(currency) !== minorDigits(program.currency)) {
    throw BadUserInputError.field(
      'input.currency',
      `once the program is open its amounts keep their figures, so the new currency must have as many decimals as ${program.currency} (${minorDigits(program.currency)})`,
    );
  }
}

/** The stored condition for a status as of now (CLOSED is OPEN past its deadline). */
function statusCondition(status: ProgramStatus): SqlFragment {
  if (status === ProgramStatus.CLOSED) return { sql: "p.status = 'OPEN' AND p.closes_at <= now()", params: [] };
  if (status === ProgramStatus.OPEN) return { sql: "p.status = 'OPEN' AND p.closes_at > now()", params: [] };
  return { sql: 'p.status = ?', params: [status] };
}

/**
 * Applies the fields given, after checking them together: valid currency and amounts in it,
 * min ≤ max (≤ budget when there is one), opensAt < closesAt < reviewDeadline, a valid rubric and
 * valid questions. Everything wrong is reported at once.
 */
function applyFields(program: GrantProgram, input: Partial<CreateProgramInput & UpdateProgramInput>): void {
  const problems: FieldError[] = [];
  if (!isCurrencyCode(program.currency)) {
    throw BadUserInputError.field('input.currency', 'must be an ISO 4217 currency code');
  }
  const amount = (value: string | undefined, field: string): bigint | undefined => {
    if (value === undefined) return undefined;
    const minor = parseMinorUnits(value, program.currency);
    if (minor === undefined) problems.push({ path: `input.${field}`, message: `has more decimals than ${program.currency} allows` });
    return minor;
  };
  const budget = amount(input.budget, 'budget') ?? program.budgetMinor;
  const min = amount(input.minAward, 'minAward') ?? program.minAwardMinor;
  const max = amount(input.maxAward, 'maxAward') ?? program.maxAwardMinor;
  if (min === undefined) problems.push({ path: 'input.minAward', message: 'is required' });
  if (max === undefined) problems.push({ path: 'input.maxAward', message: 'is required' });
  if (min !== undefined && min <= 0n) problems.push({ path: 'input.minAward', message: 'must be more than 0' });
  if (min !== undefined && max !== undefined && min > max) problems.push({ path: 'input.maxAward', message: 'must not be below minAward' });
  if (max !== undefined && budget > 0n && max > budget) problems.push({ path: 'input.maxAward', message: 'must not exceed the budget' });

  const opensAt = input.opensAt ?? program.opensAt;
  const closesAt = input.closesAt ?? program.closesAt;
  const reviewDeadline = input.reviewDeadline ?? program.reviewDeadline;
  for (const [field, value] of Object.entries({ opensAt, closesAt, reviewDeadline })) {
    if (value === undefined) problems.push({ path: `input.${field}`, message: 'is required' });
  }
  if (opensAt && closesAt && closesAt <= opensAt) problems.push({ path: 'input.closesAt', message: 'must be after opensAt' });
  if (closesAt && reviewDeadline && reviewDeadline <= closesAt)
    problems.push({ path: 'input.reviewDeadline', message: 'must be after closesAt' });

  const rubric: RubricCriterion[] | undefined = input.rubric?.map((c) => ({
    key: c.key,
    title: c.title,
    guidance: c.guidance ?? '',
    weight: c.weight,
    maxScore: c.maxScore,
  }));
  if (rubric && rubric.length > 0) problems.push(...rubricProblems(rubric, 'input.rubric'));
  const questions: Question[] | undefined = input.questions?.map((q) => ({
    key: q.key,
    label: q.label,
    type: q.type,
    required: q.required ?? false,
    options: q.options ?? [],
  }));
  if (questions) problems.push(...questionProblems(questions, 'input.questions'));
  if (problems.length) throw new BadUserInputError(problems);

  program.budgetMinor = budget;
  program.minAwardMinor = min!;
  program.maxAwardMinor = max!;
  program.opensAt = opensAt;
  program.closesAt = closesAt;
  program.reviewDeadline = reviewDeadline;
  if (input.description !== undefined) program.description = input.description;
  if (input.reviewersPerApplication !== undefined) program.reviewersPerApplication = input.reviewersPerApplication;
  if (input.blindReview !== undefined) program.blindReview = input.blindReview;
  if (rubric) program.rubric = rubric;
  if (questions) program.questions = questions;
}
