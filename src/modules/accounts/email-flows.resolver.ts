import { Input } from '../../core/graphql/input.decorator';
import { Mutation, Resolver } from '@nestjs/graphql';
import { Public, SignedIn } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { RequestPasswordResetInput, ResetPasswordInput, VerifyEmailInput } from './dto/account.inputs';
import {
  RequestEmailVerificationPayload,
  RequestPasswordResetPayload,
  ResetPasswordPayload,
  VerifyEmailPayload,
} from './dto/account.payloads';
import { EmailFlowsService } from './email-flows.service';

@Resolver()
export class EmailFlowsResolver {
  constructor(private readonly emailFlows: EmailFlowsService) {}

  @SignedIn()
  @Mutation(() => RequestEmailVerificationPayload, { description: 'E-mails the viewer a new verification link (48 hours).' })
  async requestEmailVerification(@Ctx() ctx: RequestContext): Promise<RequestEmailVerificationPayload> {
    await this.emailFlows.requestEmailVerification(ctx);
    return { email: ctx.requireViewer().account.email! };
  }

  @Public()
  @Mutation(() => VerifyEmailPayload, { description: 'Confirms an e-mail address with the token from its link (single use).' })
  async verifyEmail(@Input() input: VerifyEmailInput): Promise<VerifyEmailPayload> {
    return { accountId: (await this.emailFlows.verifyEmail(input.token)).id };
  }

  @Public()
  @Mutation(() => RequestPasswordResetPayload, {
    description: 'E-mails a password reset link (1 hour) if an account has this address; the answer never says whether one does.',
  })
  async requestPasswordReset(@Ctx() ctx: RequestContext, @Input() input: RequestPasswordResetInput): Promise<RequestPasswordResetPayload> {
    await this.emailFlows.requestPasswordReset(ctx, input.email);
    return { accepted: true };
  }

  @Public()
  @Mutation(() => ResetPasswordPayload, {
    description: 'Sets a new password with the token from a reset link (single use); every session ends.',
  })
  async resetPassword(@Ctx() ctx: RequestContext, @Input() input: ResetPasswordInput): Promise<ResetPasswordPayload> {
    return { accountId: (await this.emailFlows.resetPassword(ctx, input.token, input.newPassword)).id };
  }
}
