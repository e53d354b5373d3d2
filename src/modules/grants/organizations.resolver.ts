import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly, Public, SignedIn } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Input } from '../../core/graphql/input.decorator';
import { Connection } from '../../core/pagination/connection.types';
import {
  AddOrganizationMemberPayload,
  CreateOrganizationInput,
  CreateOrganizationPayload,
  OrganizationLookupArgs,
  OrganizationMemberInput,
  OrganizationsArgs,
  RemoveOrganizationMemberInput,
  RemoveOrganizationMemberPayload,
  UpdateOrganizationInput,
  UpdateOrganizationPayload,
  VerifyOrganizationInput,
  VerifyOrganizationPayload,
} from './dto/organization.inputs';
import { OrganizationConnection, OrganizationMemberType, OrganizationType, OrganizationViewerCan } from './dto/grants.types';
import { Organization, OrganizationRole } from './organization.entity';
import { OrganizationsService } from './organizations.service';

@Resolver(() => OrganizationType)
export class OrganizationsResolver {
  constructor(private readonly organizationsService: OrganizationsService) {}

  @Public()
  @Query(() => OrganizationType, { nullable: true, description: 'An organization by slug; NOT_FOUND when none has it.' })
  organization(@Args() args: OrganizationLookupArgs): Promise<Organization> {
    return this.organizationsService.findBySlug(args.slug);
  }

  @Public()
  @Query(() => OrganizationConnection, { description: 'Organizations, by name.' })
  organizations(@Args() args: OrganizationsArgs): Promise<Connection<Organization>> {
    return this.organizationsService.list(args);
  }

  @SignedIn()
  @Query(() => OrganizationConnection, { description: 'The organizations the viewer is on the staff of, by name.' })
  myOrganizations(@Ctx() ctx: RequestContext, @Args() args: OrganizationsArgs): Promise<Connection<Organization>> {
    return this.organizationsService.mine(ctx, args);
  }

  @SignedIn()
  @Mutation(() => CreateOrganizationPayload, { description: 'Creates an organization; the viewer becomes its owner.' })
  async createOrganization(@Ctx() ctx: RequestContext, @Input() input: CreateOrganizationInput): Promise<{ organization: Organization }> {
    return { organization: await this.organizationsService.create(ctx, input) };
  }

  @SignedIn()
  @Mutation(() => UpdateOrganizationPayload, { description: 'Edits an organization (owners and managers).' })
  async updateOrganization(@Ctx() ctx: RequestContext, @Input() input: UpdateOrganizationInput): Promise<{ organization: Organization }> {
    return { organization: await this.organizationsService.update(ctx, input) };
  }

  @SignedIn()
  @Mutation(() => AddOrganizationMemberPayload, { description: 'Adds an owner or manager, or changes their role (owners). Audited.' })
  async addOrganizationMember(
    @Ctx() ctx: RequestContext,
    @Input() input: OrganizationMemberInput,
  ): Promise<{ organization: Organization }> {
    return { organization: await this.organizationsService.putMember(ctx, input.organizationId, input.accountId, input.role) };
  }

  @SignedIn()
  @Mutation(() => RemoveOrganizationMemberPayload, {
    description: 'Removes a staff member (owners), or leaves (anyone on the staff); the last owner stays. Audited.',
  })
  async removeOrganizationMember(
    @Ctx() ctx: RequestContext,
    @Input() input: RemoveOrganizationMemberInput,
  ): Promise<{ organization: Organization }> {
    return { organization: await this.organizationsService.removeMember(ctx, input.organizationId, input.accountId) };
  }

  @AdminOnly()
  @Mutation(() => VerifyOrganizationPayload, {
    description: 'Verifies an organization (admins): only verified organizations open programs. Audited.',
  })
  async verifyOrganization(@Ctx() ctx: RequestContext, @Input() input: VerifyOrganizationInput): Promise<{ organization: Organization }> {
    return { organization: await this.organizationsService.verify(ctx, input.id) };
  }

  @ResolveField(() => [OrganizationMemberType], {
    description:
      'Its staff: owners, then managers. Private profiles show as "A member", without their account, except to themselves, the staff and admins.',
  })
  staff(@Ctx() ctx: RequestContext, @Parent() organization: Organization): Promise<OrganizationMemberType[]> {
    return this.organizationsService.staff(ctx, organization.id);
  }

  @ResolveField(() => OrganizationViewerCan, { description: 'What the viewer may do with it.' })
  async viewerCan(@Ctx() ctx: RequestContext, @Parent() organization: Organization): Promise<OrganizationViewerCan> {
    const role = await this.organizationsService.viewerRole(ctx, organization.id);
    return { manage: role !== null, manageStaff: role === OrganizationRole.OWNER };
  }
}
