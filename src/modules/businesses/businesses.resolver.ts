import { Args, ArgsType, Field, Float, Info, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { GraphQLResolveInfo } from 'graphql';
import { AdminOnly, Public, SignedIn } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Input } from '../../core/graphql/input.decorator';
import { selectedPaths } from '../../core/graphql/selection';
import { ConnectionArgs } from '../../core/pagination/connection.args';
import { Connection } from '../../core/pagination/connection.types';
import { KeysetOrder } from '../../core/pagination/keyset';
import { RegionType } from '../regions/dto/region.type';
import { RegionRecord } from '../regions/region.record';
import { BusinessStatus } from './business-status';
import { BusinessNode } from './business.node';
import { BusinessConnection, BusinessesReader, readPlan } from './businesses-reader.service';
import { BusinessesService } from './businesses.service';
import { BusinessOwnersService } from './business-owners.service';
import { CategoriesService, CategoryNode } from './categories.service';
import {
  AddBusinessOwnerPayload,
  BusinessIdInput,
  BusinessOwnerInput,
  CreateBusinessInput,
  CreateBusinessPayload,
  DeleteBusinessPayload,
  RemoveBusinessOwnerInput,
  RemoveBusinessOwnerPayload,
  SubmitBusinessPayload,
  UpdateBusinessInput,
  UpdateBusinessPayload,
} from './dto/business.inputs';
import { BusinessConnection as BusinessConnectionType, BusinessType, CategoryTreeType } from './dto/business.types';
import { BusinessesArgs, BusinessLookupArgs, BusinessOrder } from './dto/businesses.args';

@ArgsType()
export class SuggestRegionArgs {
  @Field(() => Float, { description: 'Latitude, -90 to 90.' })
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat!: number;

  @Field(() => Float, { description: 'Longitude, -180 to 180.' })
  @IsNumber()
  @Min(-180)
  @Max(180)
  lng!: number;
}

@ArgsType()
export class StaleBusinessesArgs extends ConnectionArgs {
  @Field(() => Int, { defaultValue: 365, description: 'Listed, and not changed, for at least this many days (1 to 3,650).' })
  @IsInt()
  @Min(1)
  @Max(3650)
  olderThanDays: number = 365;
}

const SUBMITTED_FIRST: KeysetOrder<BusinessNode> = {
  name: 'submitted',
  keys: [
    // Whole milliseconds, as a JavaScript Date holds them; a listing pending without a date sorts first.
    {
      sql: "date_trunc('milliseconds', coalesce(b.submitted_at, '-infinity'::timestamptz))",
      direction: 'asc',
      type: 'instant',
      value: (b) => b.submittedAt?.toISOString() ?? '-infinity',
    },
    { sql: 'b.id', direction: 'asc', type: 'uuid', value: (b) => b.id },
  ],
};

const LEAST_RECENTLY_UPDATED: KeysetOrder<BusinessNode> = {
  name: 'stale',
  keys: [
    { sql: "date_trunc('milliseconds', b.updated_at)", direction: 'asc', type: 'instant', value: (b) => b.updatedAt.toISOString() },
    { sql: 'b.id', direction: 'asc', type: 'uuid', value: (b) => b.id },
  ],
};

@Resolver()
export class BusinessesResolver {
  constructor(
    private readonly reader: BusinessesReader,
    private readonly businessesService: BusinessesService,
    private readonly owners: BusinessOwnersService,
    private readonly categoriesService: CategoriesService,
  ) {}

  @Public()
  @Query(() => BusinessType, {
    nullable: true,
    description: 'One listing by id or slug; NOT_FOUND when it does not exist or the viewer may not see it.',
  })
  business(@Ctx() ctx: RequestContext, @Args() lookup: BusinessLookupArgs, @Info() info: GraphQLResolveInfo): Promise<BusinessNode> {
    return this.reader.findOne(ctx, lookup, readPlan(selectedPaths(info)));
  }

  @Public()
  @Query(() => BusinessConnectionType, {
    description:
      'Search the directory: filters combine freely. Everyone sees PUBLISHED listings; owners and editors also their own in any state.',
  })
  businesses(@Ctx() ctx: RequestContext, @Args() args: BusinessesArgs, @Info() info: GraphQLResolveInfo): Promise<BusinessConnection> {
    return this.reader.search(ctx, args, readPlan(selectedPaths(info), 'edges.node.'));
  }

  @SignedIn()
  @Query(() => BusinessConnectionType, { description: 'The listings the viewer owns or edits, in any state, by name.' })
  myBusinesses(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<BusinessNode>> {
    const mine = {
      sql: 'EXISTS (SELECT 1 FROM business_owner mo WHERE mo.business_id = b.id AND mo.account_id = ?)',
      params: [ctx.requireViewer().account.id],
    };
    return this.reader.list(ctx, [mine], BusinessOrder.NAME, args, readPlan(selectedPaths(info), 'edges.node.'));
  }

  @AdminOnly()
  @Query(() => BusinessConnectionType, { description: 'Listings waiting for review, oldest submission first (admins).' })
  moderationQueue(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<BusinessNode>> {
    const pending = { sql: `b.status = '${BusinessStatus.PENDING_REVIEW}'`, params: [] };
    return this.reader.list(ctx, [pending], SUBMITTED_FIRST, args, readPlan(selectedPaths(info), 'edges.node.'), { includeAll: true });
  }

  @AdminOnly()
  @Query(() => BusinessConnectionType, {
    description: 'Published listings not changed for a long time, least recently changed first (admins).',
  })
  staleBusinesses(
    @Ctx() ctx: RequestContext,
    @Args() args: StaleBusinessesArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<BusinessNode>> {
    const stale = {
      sql: `b.status = '${BusinessStatus.PUBLISHED}' AND b.updated_at < now() - make_interval(days => ?)`,
      params: [args.olderThanDays],
    };
    return this.reader.list(ctx, [stale], LEAST_RECENTLY_UPDATED, args, readPlan(selectedPaths(info), 'edges.node.'), { includeAll: true });
  }

  @Public()
  @Query(() => [CategoryTreeType], { description: 'The category taxonomy: top-level categories with their children.' })
  categories(): Promise<CategoryNode[]> {
    return this.categoriesService.tree();
  }

  @Public()
  @Query(() => RegionType, {
    nullable: true,
    description:
      'The region whose centre is nearest to a point, within 50 km (of equally near ones, the most specific); null when none is that close.',
  })
  async suggestRegion(@Ctx() ctx: RequestContext, @Args() args: SuggestRegionArgs): Promise<RegionRecord | null> {
    return (await this.businessesService.suggestRegion(ctx, args.lat, args.lng)) ?? null;
  }

  @SignedIn()
  @Mutation(() => CreateBusinessPayload, {
    description:
      'Lists a business as a DRAFT owned by the viewer. A listing with a similar name within 200 m → CONFLICT with `extensions.candidates`, unless confirmNotDuplicate.',
  })
  async createBusiness(
    @Ctx() ctx: RequestContext,
    @Input() input: CreateBusinessInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<{ business: BusinessNode }> {
    const business = await this.businessesService.create(ctx, input);
    return this.reader.payload(ctx, business.id, info);
  }

  @SignedIn()
  @Mutation(() => UpdateBusinessPayload, { description: 'Edits a listing (owners and editors); a published listing stays published.' })
  async updateBusiness(
    @Ctx() ctx: RequestContext,
    @Input() input: UpdateBusinessInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<{ business: BusinessNode }> {
    const business = await this.businessesService.update(ctx, input);
    return this.reader.payload(ctx, business.id, info);
  }

  @SignedIn()
  @Mutation(() => SubmitBusinessPayload, { description: 'Sends a draft, or a fixed rejected listing, for review (owners and editors).' })
  async submitBusiness(
    @Ctx() ctx: RequestContext,
    @Input() input: BusinessIdInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<{ business: BusinessNode }> {
    const business = await this.businessesService.submit(ctx, input.id);
    return this.reader.payload(ctx, business.id, info);
  }

  @SignedIn()
  @Mutation(() => DeleteBusinessPayload, { description: 'Deletes a listing (owners); it disappears from the directory.' })
  async deleteBusiness(@Ctx() ctx: RequestContext, @Input() input: BusinessIdInput): Promise<DeleteBusinessPayload> {
    await this.businessesService.delete(ctx, input.id);
    return { deletedBusinessId: input.id };
  }

  @SignedIn()
  @Mutation(() => AddBusinessOwnerPayload, { description: 'Adds an owner or editor to a listing, or changes their role (owners).' })
  async addBusinessOwner(
    @Ctx() ctx: RequestContext,
    @Input() input: BusinessOwnerInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<{ business: BusinessNode }> {
    const business = await this.owners.put(ctx, input.businessId, input.accountId, input.role);
    return this.reader.payload(ctx, business.id, info);
  }

  @SignedIn()
  @Mutation(() => RemoveBusinessOwnerPayload, {
    description: 'Removes an owner or editor (owners), or leaves a listing (anyone who maintains it). The last owner stays.',
  })
  async removeBusinessOwner(
    @Ctx() ctx: RequestContext,
    @Input() input: RemoveBusinessOwnerInput,
  ): Promise<{ business: BusinessNode | null }> {
    const business = await this.owners.remove(ctx, input.businessId, input.accountId);
    // Someone who left an unpublished listing may no longer see it.
    return { business: await this.reader.byId(ctx, business.id) };
  }
}
