import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Input } from '../../core/graphql/input.decorator';
import { Money } from '../../core/money/money.type';
import { ConnectionArgs } from '../../core/pagination/connection.args';
import { Connection } from '../../core/pagination/connection.types';
import { Account } from '../accounts/account.entity';
import { BusinessNode } from '../businesses/business.node';
import { BusinessesReader } from '../businesses/businesses-reader.service';
import { BusinessType } from '../businesses/dto/business.types';
import { RegionType } from '../regions/dto/region.type';
import { RegionRecord } from '../regions/region.record';
import { RegionsService } from '../regions/regions.service';
import { ApplicationsService } from './applications.service';
import {
  ApplicationIdInput,
  ApplicationLookupArgs,
  CreateApplicationInput,
  CreateApplicationPayload,
  ProgramApplicationsArgs,
  SubmitApplicationPayload,
  UpdateApplicationInput,
  UpdateApplicationPayload,
  WithdrawApplicationPayload,
} from './dto/application.inputs';
import {
  AnswerType,
  ApplicantType,
  BudgetLineType,
  GrantApplicationConnection,
  GrantApplicationType,
  GrantProgramType,
} from './dto/grants.types';
import { GrantApplication } from './grant-application.entity';
import { GrantProgram } from './grant-program.entity';

/**
 * Applications. Who applied, and the listing an application names, are reached only through the
 * `applicant` and `business` field resolvers: the one place where blind review will hide them.
 */
@Resolver(() => GrantApplicationType)
export class ApplicationsResolver {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly regions: RegionsService,
    private readonly businesses: BusinessesReader,
  ) {}

  @SignedIn()
  @Query(() => GrantApplicationType, {
    nullable: true,
    description: "An application: its applicant, its program's managers and admins see it; NOT_FOUND for anyone else.",
  })
  application(@Ctx() ctx: RequestContext, @Args() args: ApplicationLookupArgs): Promise<GrantApplication> {
    return this.applications.findVisible(ctx, args.id);
  }

  @SignedIn()
  @Query(() => GrantApplicationConnection, { description: "The viewer's applications, newest first." })
  myApplications(@Ctx() ctx: RequestContext, @Args() args: ConnectionArgs): Promise<Connection<GrantApplication>> {
    return this.applications.mine(ctx, args);
  }

  @SignedIn()
  @Query(() => GrantApplicationConnection, {
    description: "A program's submitted applications (its managers and admins; NOT_FOUND for others).",
  })
  programApplications(@Ctx() ctx: RequestContext, @Args() args: ProgramApplicationsArgs): Promise<Connection<GrantApplication>> {
    return this.applications.ofProgram(ctx, args);
  }

  @SignedIn()
  @Mutation(() => CreateApplicationPayload, {
    description: 'Starts an application to an OPEN program, as a DRAFT; one live application per member and program.',
  })
  async createApplication(@Ctx() ctx: RequestContext, @Input() input: CreateApplicationInput): Promise<{ application: GrantApplication }> {
    return { application: await this.applications.create(ctx, input) };
  }

  @SignedIn()
  @Mutation(() => UpdateApplicationPayload, { description: 'Edits a DRAFT application (its applicant).' })
  async updateApplication(@Ctx() ctx: RequestContext, @Input() input: UpdateApplicationInput): Promise<{ application: GrantApplication }> {
    return { application: await this.applications.update(ctx, input) };
  }

  @SignedIn()
  @Mutation(() => SubmitApplicationPayload, { description: 'Submits a DRAFT while the program is OPEN; submitting again changes nothing.' })
  async submitApplication(@Ctx() ctx: RequestContext, @Input() input: ApplicationIdInput): Promise<{ application: GrantApplication }> {
    return { application: await this.applications.submit(ctx, input.id) };
  }

  @SignedIn()
  @Mutation(() => WithdrawApplicationPayload, { description: 'Withdraws an application before a decision (its applicant).' })
  async withdrawApplication(@Ctx() ctx: RequestContext, @Input() input: ApplicationIdInput): Promise<{ application: GrantApplication }> {
    return { application: await this.applications.withdraw(ctx, input.id) };
  }

  @ResolveField(() => GrantProgramType, { description: 'The program applied to.' })
  async program(@Parent() application: GrantApplication): Promise<GrantProgram> {
    return (await application.program.load({ dataloader: true }))!;
  }

  @ResolveField(() => RegionType, { description: 'Where the work happens.' })
  async region(@Ctx() ctx: RequestContext, @Parent() application: GrantApplication): Promise<RegionRecord> {
    return (await this.regions.byId(ctx, application.region.id))!;
  }

  @ResolveField(() => Money, { description: 'Amount asked for.' })
  async requested(@Parent() application: GrantApplication): Promise<Money> {
    const program = (await application.program.load({ dataloader: true }))!;
    return Money.of(application.requestedMinor, program.currency);
  }

  @ResolveField(() => [BudgetLineType], { description: 'The budget, adding up to the amount asked for.' })
  async budgetLines(@Parent() application: GrantApplication): Promise<BudgetLineType[]> {
    const program = (await application.program.load({ dataloader: true }))!;
    return application.budgetLines.map((line) => ({ item: line.item, amount: Money.of(BigInt(line.amountMinor), program.currency) }));
  }

  @ResolveField(() => [AnswerType], { description: "Answers to the program's questions." })
  answers(@Parent() application: GrantApplication): AnswerType[] {
    return Object.entries(application.answers).map(([key, value]) => ({
      key,
      text: typeof value === 'string' ? value : null,
      number: typeof value === 'number' ? value : null,
    }));
  }

  @ResolveField(() => ApplicantType, { description: "Who applied (the applicant, the program's managers and admins see it)." })
  async applicant(@Parent() application: GrantApplication): Promise<ApplicantType> {
    const account = (await application.applicant.load({ dataloader: true })) as Account;
    return { accountId: account.id, displayName: account.displayName, email: account.email };
  }

  @ResolveField(() => BusinessType, { nullable: true, description: "The applicant's listing the grant would help, if named." })
  business(@Ctx() ctx: RequestContext, @Parent() application: GrantApplication): Promise<BusinessNode | null> {
    return application.business ? this.businesses.byId(ctx, application.business.id) : Promise.resolve(null);
  }
}
