import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { RegionType } from '../regions/dto/region.type';
import { RegionRecord } from '../regions/region.record';
import { RegionsService } from '../regions/regions.service';
import { RegionFacetType } from './dto/business.types';

@Resolver(() => RegionFacetType)
export class RegionFacetResolver {
  constructor(private readonly regions: RegionsService) {}

  @ResolveField(() => RegionType, { description: 'The region.' })
  async region(@Ctx() ctx: RequestContext, @Parent() facet: { regionId: string }): Promise<RegionRecord> {
    return (await this.regions.byId(ctx, facet.regionId))!;
  }
}
