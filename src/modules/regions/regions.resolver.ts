import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Connection } from '../../core/pagination/connection.types';
import { RegionConnection } from './dto/region-connection.type';
import { GeoPoint, RegionType } from './dto/region.type';
import { RegionChildrenArgs, RegionLookupArgs, RegionsArgs } from './dto/regions.args';
import { RegionRecord } from './region.record';
import { RegionsService } from './regions.service';

const PATH_JOINER = ' › ';

@Resolver(() => RegionType)
export class RegionsResolver {
  constructor(private readonly regionsService: RegionsService) {}

  @Public()
  @Query(() => RegionType, { nullable: true, description: 'One region, by id or by slug. Unknown → NOT_FOUND.' })
  region(@Ctx() ctx: RequestContext, @Args() lookup: RegionLookupArgs): Promise<RegionRecord> {
    return this.regionsService.findOne(ctx, lookup);
  }

  @Public()
  @Query(() => RegionConnection, { description: 'Regions, filtered and paginated.' })
  regions(@Ctx() ctx: RequestContext, @Args() args: RegionsArgs): Promise<Connection<RegionRecord>> {
    return this.regionsService.list(ctx, args);
  }

  @ResolveField(() => RegionType, { nullable: true, description: 'The region directly above this one; null for a country.' })
  parent(@Ctx() ctx: RequestContext, @Parent() region: RegionRecord): Promise<RegionRecord | null> {
    return this.regionsService.parent(ctx, region);
  }

  @ResolveField(() => [RegionType], { description: 'The regions above this one, from the country down to the parent.' })
  ancestors(@Ctx() ctx: RequestContext, @Parent() region: RegionRecord): Promise<RegionRecord[]> {
    return this.regionsService.ancestors(ctx, region);
  }

  @ResolveField(() => RegionConnection, { description: 'The regions directly below this one.' })
  children(
    @Ctx() ctx: RequestContext,
    @Parent() region: RegionRecord,
    @Args() args: RegionChildrenArgs,
  ): Promise<Connection<RegionRecord>> {
    return this.regionsService.children(ctx, region, args);
  }

  @ResolveField(() => String, {
    description: `Names from the country down to this region, joined by "${PATH_JOINER}", e.g. "Nigeria${PATH_JOINER}Lagos${PATH_JOINER}Ikeja".`,
  })
  async path(@Ctx() ctx: RequestContext, @Parent() region: RegionRecord): Promise<string> {
    const ancestors = await this.regionsService.ancestors(ctx, region);
    return [...ancestors.map((ancestor) => ancestor.name), region.name].join(PATH_JOINER);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'IANA time zone, e.g. "Africa/Lagos": the region\'s own, else the nearest ancestor\'s; null for a country that spans several zones.',
  })
  timeZone(@Ctx() ctx: RequestContext, @Parent() region: RegionRecord): Promise<string | null> {
    return this.regionsService.effectiveTimeZone(ctx, region);
  }

  @ResolveField(() => GeoPoint, { nullable: true, description: 'Centre of the region, when known.' })
  centroid(@Parent() region: RegionRecord): GeoPoint | null {
    return region.latitude === null || region.longitude === null ? null : { lat: region.latitude, lng: region.longitude };
  }
}
