import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public, SignedIn } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Input } from '../../core/graphql/input.decorator';
import { Money } from '../../core/money/money.type';
import { Connection } from '../../core/pagination/connection.types';
import { RegionType } from '../regions/dto/region.type';
import { RegionRecord } from '../regions/region.record';
import { ApplicationStatus } from './grant-application.entity';
import {
  ArchiveProgramPayload,
  CreateProgramInput,
  CreateProgramPayload,
  ExtendProgramDeadlineInput,
  ExtendProgramDeadlinePayload,
  OpenProgramPayload,
  ProgramIdInput,
  ProgramLookupArgs,
  ProgramsArgs,
  StartProgramReviewPayload,
  UpdateProgramInput,
  UpdateProgramPayload,
} from './dto/program.inputs';
import { ApplicationCountType, GrantProgramConnection, GrantProgramType, OrganizationType, ProgramViewerCan } from './dto/grants.types';
import { GrantProgram } from './grant-program.entity';
import { Organization } from './organization.entity';
import { OrganizationsService } from './organizations.service';
import { effectiveStatus, ProgramStatus } from './program-rules';
import { ProgramsService } from './programs.service';

const SUBMITTED_STATUSES = [
  ApplicationStatus.SUBMITTED,
  ApplicationStatus.IN_REVIEW,
  ApplicationStatus.AWARDED,
  ApplicationStatus.DECLINED,
];

@Resolver(() => GrantProgramType)
export class ProgramsResolver {
  constructor(
    private readonly programsService: ProgramsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Public()
  @Query(() => GrantProgramType, {
    nullable: true,
    description:
      "A program by slug. A DRAFT only to its organization's staff and to admins (who moderate everything); NOT_FOUND for anyone else.",
  })
  program(@Ctx() ctx: RequestContext, @Args() args: ProgramLookupArgs): Promise<GrantProgram> {
    return this.programsService.findBySlug(ctx, args.slug);
  }

  @Public()
  @Query(() => GrantProgramConnection, { description: 'Programs, soonest deadline first; drafts only of organizations the viewer runs.' })
  programs(@Ctx() ctx: RequestContext, @Args() args: ProgramsArgs): Promise<Connection<GrantProgram>> {
    return this.programsService.list(ctx, args);
  }

  @SignedIn()
  @Query(() => GrantProgramConnection, { description: "Open programs whose eligible regions contain the viewer's home region." })
  eligiblePrograms(@Ctx() ctx: RequestContext, @Args() args: ProgramsArgs): Promise<Connection<GrantProgram>> {
    return this.programsService.eligible(ctx, args);
  }

  @SignedIn()
  @Mutation(() => CreateProgramPayload, { description: "Creates a program as a DRAFT (the organization's owners and managers)." })
  async createProgram(@Ctx() ctx: RequestContext, @Input() input: CreateProgramInput): Promise<{ program: GrantProgram }> {
    return { program: await this.programsService.create(ctx, input) };
  }

  @SignedIn()
  @Mutation(() => UpdateProgramPayload, { description: 'Edits a program (managers); what may change depends on its status.' })
  async updateProgram(@Ctx() ctx: RequestContext, @Input() input: UpdateProgramInput): Promise<{ program: GrantProgram }> {
    return { program: await this.programsService.update(ctx, input) };
  }

  @SignedIn()
  @Mutation(() => OpenProgramPayload, {
    description: 'Opens a DRAFT program: a verified organization, a rubric, a budget and a future deadline are required.',
  })
  async openProgram(@Ctx() ctx: RequestContext, @Input() input: ProgramIdInput): Promise<{ program: GrantProgram }> {
    return { program: await this.programsService.open(ctx, input.id) };
  }

  @SignedIn()
  @Mutation(() => ExtendProgramDeadlinePayload, { description: "Moves an OPEN program's deadline later (managers)." })
  async extendProgramDeadline(@Ctx() ctx: RequestContext, @Input() input: ExtendProgramDeadlineInput): Promise<{ program: GrantProgram }> {
    return { program: await this.programsService.extendDeadline(ctx, input.id, input.closesAt) };
  }

  @SignedIn()
  @Mutation(() => StartProgramReviewPayload, { description: 'Starts the review of a CLOSED program (managers).' })
  async startProgramReview(@Ctx() ctx: RequestContext, @Input() input: ProgramIdInput): Promise<{ program: GrantProgram }> {
    return { program: await this.programsService.startReview(ctx, input.id) };
  }

  @SignedIn()
  @Mutation(() => ArchiveProgramPayload, { description: 'Archives a DECIDED program (managers).' })
  async archiveProgram(@Ctx() ctx: RequestContext, @Input() input: ProgramIdInput): Promise<{ program: GrantProgram }> {
    return { program: await this.programsService.archive(ctx, input.id) };
  }

  @ResolveField(() => ProgramStatus, { description: 'Where it is, as of now: an OPEN program past its deadline is CLOSED.' })
  status(@Parent() program: GrantProgram): ProgramStatus {
    return effectiveStatus(program.status, program.closesAt, new Date());
  }

  @ResolveField(() => OrganizationType, { description: 'The organization that runs it.' })
  async organization(@Parent() program: GrantProgram): Promise<Organization> {
    return (await program.organization.load({ dataloader: true }))!;
  }

  @ResolveField(() => [RegionType], { description: 'Regions whose members may apply (each with everything below it).' })
  async eligibleRegions(@Ctx() ctx: RequestContext, @Parent() program: GrantProgram): Promise<RegionRecord[]> {
    return this.programsService.eligibleRegions(ctx, program.id);
  }

  @ResolveField(() => Money, { description: 'Declared budget.' })
  budget(@Parent() program: GrantProgram): Money {
    return Money.of(program.budgetMinor, program.currency);
  }

  @ResolveField(() => Money, { description: 'Smallest award.' })
  minAward(@Parent() program: GrantProgram): Money {
    return Money.of(program.minAwardMinor, program.currency);
  }

  @ResolveField(() => Money, { description: 'Largest award.' })
  maxAward(@Parent() program: GrantProgram): Money {
    return Money.of(program.maxAwardMinor, program.currency);
  }

  @ResolveField(() => Int, { description: 'How many applications have been submitted (not counting drafts and withdrawn ones).' })
  async applicationCount(@Ctx() ctx: RequestContext, @Parent() program: GrantProgram): Promise<number> {
    const counts = await this.programsService.applicationCounts(ctx, program.id);
    return counts.filter((row) => SUBMITTED_STATUSES.includes(row.status as ApplicationStatus)).reduce((sum, row) => sum + row.count, 0);
  }

  @ResolveField(() => [ApplicationCountType], {
    nullable: true,
    description:
      "Applications that were submitted, by status, withdrawn ones included (its managers and admins; null for others). Drafts are their applicants' alone.",
  })
  async applicationCounts(@Ctx() ctx: RequestContext, @Parent() program: GrantProgram): Promise<ApplicationCountType[] | null> {
    if (!(await this.organizations.canManage(ctx, program.organization.id))) return null;
    return (await this.programsService.applicationCounts(ctx, program.id)) as ApplicationCountType[];
  }

  @ResolveField(() => ProgramViewerCan, { description: 'What the viewer may do with it.' })
  async viewerCan(@Ctx() ctx: RequestContext, @Parent() program: GrantProgram): Promise<ProgramViewerCan> {
    const viewer = ctx.viewer;
    const edit = viewer !== null && (await this.organizations.viewerRole(ctx, program.organization.id)) !== null;
    // The same rule createApplication applies: open, the viewer lives there, no live application.
    const apply = viewer !== null && (await this.programsService.applyRefusal(ctx, program)) === null;
    return { edit, apply };
  }
}
