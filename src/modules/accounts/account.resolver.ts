import { Input } from '../../core/graphql/input.decorator';
import { Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../../core/auth/access.decorators';
import { fieldAccess } from '../../core/auth/field-access';
import { isAdmin, Viewer } from '../../core/auth/viewer';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { RegionType } from '../regions/dto/region.type';
import { RegionRecord } from '../regions/region.record';
import { RegionsService } from '../regions/regions.service';
import { Account } from './account.entity';
import { AccountsService } from './accounts.service';
import { ChangePasswordInput, UpdateProfileInput } from './dto/account.inputs';
import { ChangePasswordPayload, UpdateProfilePayload } from './dto/account.payloads';
import { AccountType, SessionType } from './dto/account.types';
import { Session } from './session.entity';
import { SessionsService } from './sessions.service';

const isSelf = (viewer: Viewer | null, parent: unknown) => viewer?.account.id === (parent as Account).id;
const isSelfOrAdmin = (viewer: Viewer | null, parent: unknown) => isSelf(viewer, parent) || isAdmin(viewer);

@Resolver(() => AccountType)
export class AccountResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly regions: RegionsService,
  ) {}

  @SignedIn()
  @Query(() => AccountType, { description: 'The signed-in account. Anonymous → UNAUTHENTICATED.' })
  me(@Ctx() ctx: RequestContext): Account {
    return ctx.requireViewer().account;
  }

  @SignedIn()
  @Mutation(() => UpdateProfilePayload, { description: "Changes the viewer's display name, home region or profile visibility." })
  async updateProfile(@Ctx() ctx: RequestContext, @Input() input: UpdateProfileInput): Promise<UpdateProfilePayload> {
    return { account: await this.accounts.updateProfile(ctx, input) };
  }

  @SignedIn()
  @Mutation(() => ChangePasswordPayload, { description: 'Changes the password (the current one is re-entered); other sessions end.' })
  async changePassword(@Ctx() ctx: RequestContext, @Input() input: ChangePasswordInput): Promise<ChangePasswordPayload> {
    return { account: await this.accounts.changePassword(ctx, input) };
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'E-mail address (the account itself and admins only); null once deleted.',
    middleware: [fieldAccess('the account itself and admins', isSelfOrAdmin)],
  })
  email(@Parent() account: Account): string | null {
    return account.email;
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    middleware: [fieldAccess('the account itself and admins', isSelfOrAdmin)],
    description: 'Whether the e-mail address has been confirmed through its link (the account itself and admins only).',
  })
  emailVerified(@Parent() account: Account): boolean {
    return account.emailVerifiedAt !== null;
  }

  @ResolveField(() => RegionType, { nullable: true, description: 'Where the member lives; null once deleted.' })
  homeRegion(@Ctx() ctx: RequestContext, @Parent() account: Account): Promise<RegionRecord | null> {
    return account.homeRegion ? this.regions.byId(ctx, account.homeRegion.id) : Promise.resolve(null);
  }

  @ResolveField('sessions', () => [SessionType], {
    middleware: [fieldAccess('the account itself', isSelf)],
    // Nullable like every guarded field: a refusal nulls this field, not the whole object.
    nullable: true,
    description: 'Active sessions (signed-in devices), most recently used first. Only the account itself sees them, not admins.',
  })
  activeSessions(@Parent() account: Account): Promise<Session[]> {
    return this.sessions.activeSessions(account);
  }
}

@Resolver(() => SessionType)
export class SessionResolver {
  @ResolveField(() => Boolean, { description: 'Whether this is the session of the current request.' })
  current(@Ctx() ctx: RequestContext, @Parent() session: Session): boolean {
    return ctx.viewer?.sessionId === session.id;
  }
}
