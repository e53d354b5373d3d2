import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { RequestContext } from '../../core/context/request-context';
import { assertExpectedVersion, BadUserInputError, ConflictError, UnauthenticatedError } from '../../core/errors/domain-errors';
import { Region } from '../regions/region.entity';
import { Account, normaliseEmail } from './account.entity';
import { ChangePasswordInput, RegisterInput, UpdateProfileInput } from './dto/account.inputs';
import { EmailFlowsService } from './email-flows.service';
import { RolesService } from './roles.service';
import { PasswordHasher } from './password-hasher.service';
import { passwordProblem } from './password-policy';
import { AuthTokens, SessionsService } from './sessions.service';
import { SessionEndReason } from './session.entity';

/** Registration and what members change about their own account. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly emailFlows: EmailFlowsService,
    private readonly roles: RolesService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async register(ctx: RequestContext, input: RegisterInput): Promise<{ account: Account; tokens: AuthTokens }> {
    const email = normaliseEmail(input.email);
    const problem = passwordProblem(input.password, { email, displayName: input.displayName });
    if (problem) throw BadUserInputError.field('input.password', problem);
    await this.sessions.countAttemptFromAddress(ctx);
    const homeRegion = await this.findRegion(input.homeRegionId, 'input.homeRegionId');
    if (await this.em.count(Account, { email })) {
      throw new ConflictError('An account with this e-mail address already exists', {
        fieldErrors: [{ path: 'input.email', message: 'is taken' }],
      });
    }
    const passwordHash = await this.hasher.hash(input.password);

    const result = await this.em.transactional(async (em) => {
      const account = new Account({ email, passwordHash, displayName: input.displayName, homeRegion, publicProfile: input.publicProfile });
      em.persist(account);
      // ADMIN_EMAIL brings the first admin: once there is one, the address is an address like any
      // other (a founder who left frees it, and whoever registers it next is not made an admin).
      if (this.config.auth.adminEmail === email && (await this.roles.adminCount()) === 0) this.roles.makeAdmin(ctx, account, 'ADMIN_EMAIL');
      const tokens = await this.sessions.startSession(em, ctx, account);
      const verification = this.emailFlows.verificationMail(em, account);
      return { account, tokens, verification };
    });
    // After the commit: no e-mail for an account that was never stored.
    this.emailFlows.sendInBackground(result.verification);
    return { account: result.account, tokens: result.tokens };
  }

  async updateProfile(ctx: RequestContext, input: UpdateProfileInput): Promise<Account> {
    const { account } = ctx.requireViewer();
    assertExpectedVersion(account.version, input.expectedVersion);
    const homeRegion = input.homeRegionId === undefined ? undefined : await this.findRegion(input.homeRegionId, 'input.homeRegionId');
    await this.em.transactional(async (em) => {
      if (input.displayName !== undefined) account.displayName = input.displayName;
      if (input.publicProfile !== undefined) account.publicProfile = input.publicProfile;
      if (homeRegion) account.homeRegion = em.getReference(Region, homeRegion.id, { wrapped: true });
    });
    return account;
  }

  /** Changes the password; every other session of the account ends, this one stays. */
  async changePassword(ctx: RequestContext, input: ChangePasswordInput): Promise<Account> {
    const { account, sessionId } = ctx.requireViewer();
    await this.sessions.countSignedInAttempt(ctx);
    await this.em.populate(account, ['passwordHash']);
    if (!account.passwordHash || !(await this.hasher.verify(account.passwordHash, input.currentPassword))) {
      throw new UnauthenticatedError('The current password is wrong');
    }
    const problem = passwordProblem(input.newPassword, account);
    if (problem) throw BadUserInputError.field('input.newPassword', problem);
    const passwordHash = await this.hasher.hash(input.newPassword);
    await this.em.transactional(async () => {
      account.passwordHash = passwordHash;
      await this.sessions.endSessions(account, SessionEndReason.PASSWORD_CHANGED, sessionId);
    });
    return account;
  }

  private async findRegion(id: string, path: string): Promise<Region> {
    const region = await this.em.findOne(Region, id);
    if (!region) throw BadUserInputError.field(path, 'no region has this id');
    return region;
  }
}
