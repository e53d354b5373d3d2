import { Input } from '../../core/graphql/input.decorator';
import { Mutation, Resolver } from '@nestjs/graphql';
import { Public, SignedIn } from '../../core/auth/access.decorators';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { AccountsService } from './accounts.service';
import { LoginInput, RefreshTokenInput, RegisterInput } from './dto/account.inputs';
import { LoginPayload, LogoutEverywherePayload, LogoutPayload, RefreshTokenPayload, RegisterPayload } from './dto/account.payloads';
import { SessionsService } from './sessions.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Mutation(() => RegisterPayload, { description: 'Creates an account and signs it in; a verification link is e-mailed.' })
  register(@Ctx() ctx: RequestContext, @Input() input: RegisterInput): Promise<RegisterPayload> {
    return this.accounts.register(ctx, input);
  }

  @Public()
  @Mutation(() => LoginPayload, {
    description: 'Signs in. A wrong e-mail and a wrong password get the same UNAUTHENTICATED answer; too many attempts → RATE_LIMITED.',
  })
  login(@Ctx() ctx: RequestContext, @Input() input: LoginInput): Promise<LoginPayload> {
    return this.sessions.login(ctx, input.email, input.password);
  }

  @Public()
  @Mutation(() => RefreshTokenPayload, {
    description: 'Exchanges a refresh token for new tokens. Each refresh token works once; using one twice ends its session.',
  })
  async refreshToken(@Ctx() ctx: RequestContext, @Input() input: RefreshTokenInput): Promise<RefreshTokenPayload> {
    return { tokens: await this.sessions.refresh(ctx, input.refreshToken) };
  }

  @SignedIn()
  @Mutation(() => LogoutPayload, { description: 'Ends the current session; its access and refresh tokens stop working at once.' })
  async logout(@Ctx() ctx: RequestContext): Promise<LogoutPayload> {
    await this.sessions.logout(ctx);
    const { sessionId } = ctx.requireViewer();
    ctx.signedOut();
    return { sessionId };
  }

  @SignedIn()
  @Mutation(() => LogoutEverywherePayload, { description: 'Ends every session of the account, this one included.' })
  async logoutEverywhere(@Ctx() ctx: RequestContext): Promise<LogoutEverywherePayload> {
    const endedSessions = await this.sessions.logoutEverywhere(ctx);
    ctx.signedOut();
    return { endedSessions };
  }
}
