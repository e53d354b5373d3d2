import { Input } from '../../core/graphql/input.decorator';
import { Mutation, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import {
  CreateRegionInput,
  CreateRegionPayload,
  DeleteRegionInput,
  DeleteRegionPayload,
  MoveRegionInput,
  MoveRegionPayload,
  UpdateRegionInput,
  UpdateRegionPayload,
} from './dto/region-admin.inputs';
import { RegionRecord, regionRecordOf } from './region.record';
import { RegionsAdminService } from './regions-admin.service';

@Resolver()
export class RegionsAdminResolver {
  constructor(private readonly admin: RegionsAdminService) {}

  @AdminOnly()
  @Mutation(() => CreateRegionPayload, { description: 'Adds a region to the tree (admins).' })
  async createRegion(@Ctx() ctx: RequestContext, @Input() input: CreateRegionInput): Promise<{ region: RegionRecord }> {
    return { region: regionRecordOf(await this.admin.create(ctx, input)) };
  }

  @AdminOnly()
  @Mutation(() => UpdateRegionPayload, { description: "Changes a region's name, slug, code, centre or time zone (admins)." })
  async updateRegion(@Ctx() ctx: RequestContext, @Input() input: UpdateRegionInput): Promise<{ region: RegionRecord }> {
    return { region: regionRecordOf(await this.admin.update(ctx, input)) };
  }

  @AdminOnly()
  @Mutation(() => MoveRegionPayload, { description: 'Moves a region, with everything below it, under another parent (admins).' })
  async moveRegion(@Ctx() ctx: RequestContext, @Input() input: MoveRegionInput): Promise<MoveRegionPayload> {
    const { region, movedDescendants } = await this.admin.move(ctx, input);
    return { region: regionRecordOf(region), movedDescendants };
  }

  @AdminOnly()
  @Mutation(() => DeleteRegionPayload, { description: 'Deletes a region that nothing refers to (admins); otherwise PRECONDITION_FAILED.' })
  async deleteRegion(@Ctx() ctx: RequestContext, @Input() input: DeleteRegionInput): Promise<DeleteRegionPayload> {
    await this.admin.delete(ctx, input.id);
    return { deletedRegionId: input.id };
  }
}
