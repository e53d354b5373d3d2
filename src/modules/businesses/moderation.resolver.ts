import { Info, Mutation, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { AdminOnly } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Input } from '../../core/graphql/input.decorator';
import { Business } from './business.entity';
import { BusinessNode } from './business.node';
import { BusinessesReader } from './businesses-reader.service';
import {
  BusinessDecisionInput,
  BusinessIdInput,
  BusinessNoteInput,
  PublishBusinessPayload,
  ReinstateBusinessPayload,
  RejectBusinessPayload,
  SuspendBusinessPayload,
  VerifyMemberOwnershipPayload,
} from './dto/business.inputs';
import { ModerationService } from './moderation.service';

/** Admins' moderation of listings. */
@Resolver()
export class ModerationResolver {
  constructor(
    private readonly moderation: ModerationService,
    private readonly reader: BusinessesReader,
  ) {}

  @AdminOnly()
  @Mutation(() => PublishBusinessPayload, { description: 'Publishes a listing waiting for review (admins).' })
  publishBusiness(
    @Ctx() ctx: RequestContext,
    @Input() input: BusinessNoteInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<{ business: BusinessNode }> {
    return this.payload(ctx, this.moderation.publish(ctx, input.id, input.note), info);
  }

  @AdminOnly()
  @Mutation(() => RejectBusinessPayload, { description: 'Sends a listing waiting for review back to its owners, with a reason (admins).' })
  rejectBusiness(
    @Ctx() ctx: RequestContext,
    @Input() input: BusinessDecisionInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<{ business: BusinessNode }> {
    return this.payload(ctx, this.moderation.reject(ctx, input.id, input.reason), info);
  }

  @AdminOnly()
  @Mutation(() => SuspendBusinessPayload, { description: 'Takes a published listing out of the directory, with a reason (admins).' })
  suspendBusiness(
    @Ctx() ctx: RequestContext,
    @Input() input: BusinessDecisionInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<{ business: BusinessNode }> {
    return this.payload(ctx, this.moderation.suspend(ctx, input.id, input.reason), info);
  }

  @AdminOnly()
  @Mutation(() => ReinstateBusinessPayload, { description: 'Puts a suspended listing back in the directory, with a reason (admins).' })
  reinstateBusiness(
    @Ctx() ctx: RequestContext,
    @Input() input: BusinessDecisionInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<{ business: BusinessNode }> {
    return this.payload(ctx, this.moderation.reinstate(ctx, input.id, input.reason), info);
  }

  @AdminOnly()
  @Mutation(() => VerifyMemberOwnershipPayload, { description: "Confirms a listing's member-owned declaration (admins)." })
  verifyMemberOwnership(
    @Ctx() ctx: RequestContext,
    @Input() input: BusinessIdInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<{ business: BusinessNode }> {
    return this.payload(ctx, this.moderation.verifyMemberOwnership(ctx, input.id), info);
  }

  private async payload(ctx: RequestContext, decision: Promise<Business>, info: GraphQLResolveInfo): Promise<{ business: BusinessNode }> {
    return this.reader.payload(ctx, (await decision).id, info);
  }
}
