import { Input } from '../../core/graphql/input.decorator';
import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { DeleteAccountInput } from './dto/account.inputs';
import { DataExport, DeleteAccountPayload } from './dto/account.payloads';
import { PrivacyService } from './privacy.service';

@Resolver()
export class PrivacyResolver {
  constructor(private readonly privacy: PrivacyService) {}

  @SignedIn()
  @Query(() => DataExport, { description: 'Everything Hometown stores about the viewer, as JSON.' })
  async exportMyData(@Ctx() ctx: RequestContext): Promise<DataExport> {
    const data = await this.privacy.exportMyData(ctx);
    return { exportedAt: new Date(data.exportedAt as string), data };
  }

  @SignedIn()
  @Mutation(() => DeleteAccountPayload, {
    description:
      "Deletes the viewer's account (password re-entered): personal data is erased, what others' records need is anonymised, every session ends. Refused (PRECONDITION_FAILED) while the viewer is the last owner of something that needs one, or the last admin.",
  })
  async deleteAccount(@Ctx() ctx: RequestContext, @Input() input: DeleteAccountInput): Promise<DeleteAccountPayload> {
    const deletedAccountId = await this.privacy.deleteAccount(ctx, input.password);
    ctx.signedOut();
    return { deletedAccountId };
  }
}
