import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Float } from '@nestjs/graphql';
import { isAdmin } from '../../core/auth/viewer';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { PRIVATE_MEMBER_NAME } from '../accounts/account.entity';
import { GeoPoint, RegionType } from '../regions/dto/region.type';
import { RegionRecord } from '../regions/region.record';
import { RegionsService } from '../regions/regions.service';
import { BusinessRole } from './business-owner.entity';
import { BusinessStatus } from './business-status';
import { BusinessRecord, CategoryRecord } from './business.record';
import { BusinessesReader } from './businesses-reader.service';
import { BusinessOwnerType, BusinessType, BusinessViewerCan, CategoryType, RegionFacetType } from './dto/business.types';
import { isOpenAt } from './opening-hours';

/**
 * Fields of a listing. Relations come with the row when the query selected them (one statement
 * for the whole page); otherwise they load in per-request batches.
 */
@Resolver(() => BusinessType)
export class BusinessFieldsResolver {
  constructor(
    private readonly reader: BusinessesReader,
    private readonly regions: RegionsService,
  ) {}

  @ResolveField(() => RegionType, { description: 'The region it is in.' })
  async region(@Ctx() ctx: RequestContext, @Parent() business: BusinessRecord): Promise<RegionRecord> {
    return business.region ?? (await this.regions.byId(ctx, business.regionId))!;
  }

  @ResolveField(() => [CategoryType], { description: 'Its categories.' })
  categories(@Ctx() ctx: RequestContext, @Parent() business: BusinessRecord): readonly CategoryRecord[] | Promise<CategoryRecord[]> {
    return business.categories ?? this.reader.categories(ctx, business.id);
  }

  @ResolveField(() => [BusinessOwnerType], { description: 'Who maintains it; private profiles show as "A member".' })
  async owners(@Ctx() ctx: RequestContext, @Parent() business: BusinessRecord): Promise<BusinessOwnerType[]> {
    const owners = business.owners ?? (await this.reader.owners(ctx, business.id));
    const insider = business.viewerRole === BusinessRole.OWNER || isAdmin(ctx.viewer);
    return owners.map((owner) => {
      const visible = owner.publicProfile || owner.accountId === ctx.viewer?.account.id;
      return {
        accountId: visible || insider ? owner.accountId : null,
        displayName: visible || insider ? owner.displayName : PRIVATE_MEMBER_NAME,
        role: owner.role,
      };
    });
  }

  @ResolveField(() => String, { nullable: true, description: 'Contact e-mail; null for anonymous callers.' })
  email(@Ctx() ctx: RequestContext, @Parent() business: BusinessRecord): string | null {
    return ctx.viewer ? business.email : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'Contact phone; null for anonymous callers.' })
  phone(@Ctx() ctx: RequestContext, @Parent() business: BusinessRecord): string | null {
    return ctx.viewer ? business.phone : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Why it was rejected or suspended; shown to its owners, editors and admins (null for others).',
  })
  statusReason(@Ctx() ctx: RequestContext, @Parent() business: BusinessRecord): string | null {
    return business.viewerRole || isAdmin(ctx.viewer) ? business.statusReason : null;
  }

  @ResolveField(() => GeoPoint, { nullable: true, description: 'Where it is on the map.' })
  location(@Parent() business: BusinessRecord): GeoPoint | null {
    return business.latitude === null || business.longitude === null ? null : { lat: business.latitude, lng: business.longitude };
  }

  @ResolveField(() => Float, { nullable: true, description: 'Distance in kilometres from `filter.near`; null without it.' })
  distanceKm(@Parent() business: BusinessRecord): number | null {
    return business.distanceKm ?? null;
  }

  @ResolveField(() => Boolean, { description: 'Whether it is open right now, by its opening hours in its time zone.' })
  isOpenNow(@Parent() business: BusinessRecord): boolean {
    return isOpenAt(business.openingHours, business.timeZone, new Date());
  }

  @ResolveField(() => BusinessViewerCan, { description: 'What the viewer may do with it.' })
  viewerCan(@Ctx() ctx: RequestContext, @Parent() business: BusinessRecord): BusinessViewerCan {
    const owner = business.viewerRole === BusinessRole.OWNER;
    return {
      edit: business.viewerRole !== null,
      manageOwners: owner,
      delete: owner,
      claim: ctx.viewer !== null && business.viewerRole === null && business.status === BusinessStatus.PUBLISHED,
    };
  }
}

@Resolver(() => RegionFacetType)
export class RegionFacetResolver {
  constructor(private readonly regions: RegionsService) {}

  @ResolveField(() => RegionType, { description: 'The region.' })
  async region(@Ctx() ctx: RequestContext, @Parent() facet: { regionId: string }): Promise<RegionRecord> {
    return (await this.regions.byId(ctx, facet.regionId))!;
  }
}
