import { Mutation, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { Input } from '../../core/graphql/input.decorator';
import { Business } from './business.entity';
import { BusinessNode } from './business.node';
import { BusinessesReader, EMPTY_PLAN } from './businesses-reader.service';
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
  publishBusiness(@Ctx() ctx: RequestContext, @Input() input: BusinessNoteInput): Promise<{ business: BusinessNode }> {
    return this.payload(ctx, this.moderation.publish(ctx, input.id, input.note));
  }

  @AdminOnly()
  @Mutation(() => RejectBusinessPayload, { description: 'Sends a listing waiting for review back to its owners, with a reason (admins).' })
  rejectBusiness(@Ctx() ctx: RequestContext, @Input() input: BusinessDecisionInput): Promise<{ business: BusinessNode }> {
    return this.payload(ctx, this.moderation.reject(ctx, input.id, input.reason));
  }

  @AdminOnly()
  @Mutation(() => SuspendBusinessPayload, { description: 'Takes a published listing out of the directory, with a reason (admins).' })
  suspendBusiness(@Ctx() ctx: RequestContext, @Input() input: BusinessDecisionInput): Promise<{ business: BusinessNode }> {
    return this.payload(ctx, this.moderation.suspend(ctx, input.id, input.reason));
  }

  @AdminOnly()
  @Mutation(() => ReinstateBusinessPayload, { description: 'Puts a suspended listing back in the directory (admins).' })
  reinstateBusiness(@Ctx() ctx: RequestContext, @Input() input: BusinessNoteInput): Promise<{ business: BusinessNode }> {
    return this.payload(ctx, this.moderation.reinstate(ctx, input.id, input.note));
  }

  @AdminOnly()
  @Mutation(() => VerifyMemberOwnershipPayload, { description: "Confirms a listing's member-owned declaration (admins)." })
  verifyMemberOwnership(@Ctx() ctx: RequestContext, @Input() input: BusinessIdInput): Promise<{ business: BusinessNode }> {
    return this.payload(ctx, this.moderation.verifyMemberOwnership(ctx, input.id));
  }

  private async payload(ctx: RequestContext, decision: Promise<Business>): Promise<{ business: BusinessNode }> {
    const business = await decision;
    return { business: await this.reader.findOne(ctx, { id: business.id }, EMPTY_PLAN) };
  }
}
