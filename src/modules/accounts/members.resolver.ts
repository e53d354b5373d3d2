import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Connection } from '../../core/pagination/connection.types';
import { RegionType } from '../regions/dto/region.type';
import { RegionRecord } from '../regions/region.record';
import { RegionsService } from '../regions/regions.service';
import { Account } from './account.entity';
import { MemberConnection } from './dto/account-connection.types';
import { MemberType } from './dto/account.types';
import { MembersArgs } from './dto/members.args';
import { MembersService } from './members.service';

@Resolver(() => MemberType)
export class MembersResolver {
  constructor(
    private readonly membersService: MembersService,
    private readonly regions: RegionsService,
  ) {}

  @Public()
  @Query(() => MemberConnection, { description: 'Members with a public profile, by name. Private members never appear.' })
  members(@Ctx() ctx: RequestContext, @Args() args: MembersArgs): Promise<Connection<Account>> {
    return this.membersService.list(ctx, args);
  }

  @ResolveField(() => RegionType, { nullable: true, description: 'Where the member lives.' })
  homeRegion(@Ctx() ctx: RequestContext, @Parent() member: Account): Promise<RegionRecord | null> {
    return member.homeRegion ? this.regions.byId(ctx, member.homeRegion.id) : Promise.resolve(null);
  }
}

@Resolver(() => RegionType)
export class RegionMembersResolver {
  constructor(private readonly members: MembersService) {}

  @ResolveField(() => Int, { description: 'How many members live in this region or below it (public profiles or not).' })
  memberCount(@Ctx() ctx: RequestContext, @Parent() region: RegionRecord): Promise<number> {
    return this.members.memberCount(ctx, region.id);
  }
}
