import { Input } from '../../core/graphql/input.decorator';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Connection } from '../../core/pagination/connection.types';
import { Account } from './account.entity';
import { AccountRoleInput } from './dto/account.inputs';
import { GrantAdminRolePayload, RevokeAdminRolePayload } from './dto/account.payloads';
import { AccountConnection } from './dto/account-connection.types';
import { AccountsArgs } from './dto/members.args';
import { MembersService } from './members.service';
import { RolesService } from './roles.service';

@Resolver()
export class RolesResolver {
  constructor(
    private readonly roles: RolesService,
    private readonly members: MembersService,
  ) {}

  @AdminOnly()
  @Query(() => AccountConnection, { description: 'Every account, by e-mail address (admins).' })
  accounts(@Args() args: AccountsArgs): Promise<Connection<Account>> {
    return this.members.listAccounts(args);
  }

  @AdminOnly()
  @Mutation(() => GrantAdminRolePayload, { description: 'Makes an account a platform admin (admins).' })
  async grantAdminRole(@Ctx() ctx: RequestContext, @Input() input: AccountRoleInput): Promise<GrantAdminRolePayload> {
    return { account: await this.roles.grantAdmin(ctx, input.accountId) };
  }

  @AdminOnly()
  @Mutation(() => RevokeAdminRolePayload, { description: 'Takes the admin role away (admins). The last admin cannot be removed.' })
  async revokeAdminRole(@Ctx() ctx: RequestContext, @Input() input: AccountRoleInput): Promise<RevokeAdminRolePayload> {
    return { account: await this.roles.revokeAdmin(ctx, input.accountId) };
  }
}
