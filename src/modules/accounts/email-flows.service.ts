import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { BackgroundTasks } from '../../core/background/background-tasks.service';
import { RequestContext } from '../../core/context/request-context';
import { BadUserInputError, PreconditionFailedError, RateLimitedError } from '../../core/errors/domain-errors';
import { Mailer, MailMessage } from '../../core/mail/mailer.service';
import { RateLimiterService } from '../../core/rate-limit/rate-limiter.service';
import { Account, normaliseEmail } from './account.entity';
import { AccountToken, AccountTokenPurpose } from './account-token.entity';
import { PasswordHasher } from './password-hasher.service';
import { passwordProblem } from './password-policy';
import { hashSecret, newSecret } from './secret-token';
import { SessionEndReason } from './session.entity';
import { SessionsService } from './sessions.service';

const HOUR_MS = 60 * 60 * 1000;
const LIFETIME_MS: Readonly<Record<AccountTokenPurpose, number>> = {
  [AccountTokenPurpose.VERIFY_EMAIL]: 48 * HOUR_MS,
  [AccountTokenPurpose.RESET_PASSWORD]: 1 * HOUR_MS,
};
/** How many e-mails of one kind an address may be sent per hour. */
const MAILS_PER_HOUR = 5;

/** E-mail verification and password reset, through single-use expiring links. */
@Injectable()
export class EmailFlowsService {
  constructor(
    private readonly em: EntityManager,
    private readonly mailer: Mailer,
    private readonly background: BackgroundTasks,
    private readonly rateLimiter: RateLimiterService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Creates a verification token in the caller's unit of work and returns the e-mail to send after commit. */
  verificationMail(em: EntityManager, account: Account): MailMessage {
    const link = this.createToken(em, account, AccountTokenPurpose.VERIFY_EMAIL, 'verify-email');
    return {
      to: account.email!,
      subject: 'Confirm your e-mail address for Hometown',
      text: `Hello ${account.displayName},\n\nPlease confirm your e-mail address by opening this link (valid for 48 hours):\n\n${link}\n\nIf you did not create a Hometown account, ignore this message.\n`,
    };
  }

  sendInBackground(message: MailMessage): void {
    this.background.run('send e-mail', () => this.mailer.send(message));
  }

  /** Sends the viewer a new verification link. */
  async requestEmailVerification(ctx: RequestContext): Promise<void> {
    const { account } = ctx.requireViewer();
    if (account.emailVerifiedAt) throw new PreconditionFailedError('This e-mail address is already verified');
    await this.limitMail(`mail:verify:${account.id}`);
    const message = await this.em.transactional((em) => this.verificationMail(em, account));
    this.sendInBackground(message);
  }

  /** Marks the address verified, if the token is valid, unused, unexpired and for the account's current address. */
  async verifyEmail(token: string): Promise<Account> {
    return this.em.transactional(async (em) => {
      const stored = await this.consumeToken(em, token, AccountTokenPurpose.VERIFY_EMAIL);
      const account = stored.account.getEntity();
      if (account.email !== stored.email) throw invalidToken();
      account.emailVerifiedAt ??= new Date();
      return account;
    });
  }

  /**
   * Sends a reset link if an account has this address. The answer is the same either way, and the
   * lookup and e-mail happen after the response, so neither reveals whether the address exists.
   */
  async requestPasswordReset(ctx: RequestContext, email: string): Promise<void> {
    const normalised = normaliseEmail(email);
    await Promise.all([
      this.limitMail(`mail:reset:${normalised}`),
      this.limitMail(`mail:reset-address:${ctx.clientIp}`, 4 * MAILS_PER_HOUR),
    ]);
    this.background.run('password reset e-mail', async () => {
      const message = await this.em.fork().transactional(async (em) => {
        const account = await em.findOne(Account, { email: normalised, deletedAt: null });
        if (!account) return undefined;
        const link = this.createToken(em, account, AccountTokenPurpose.RESET_PASSWORD, 'reset-password');
        return {
          to: normalised,
          subject: 'Reset your Hometown password',
          text: `Hello ${account.displayName},\n\nSomeone asked to reset the password of your Hometown account. To choose a new one, open this link (valid for 1 hour):\n\n${link}\n\nIf it was not you, ignore this message: your password stays as it is.\n`,
        } satisfies MailMessage;
      });
      if (message) await this.mailer.send(message);
    });
  }

  /** Sets a new password from a reset link and ends every session of the account. */
  async resetPassword(ctx: RequestContext, token: string, newPassword: string): Promise<Account> {
    await this.sessions.countAttemptFromAddress(ctx);
    const tokenHash = hashSecret(token);
    const pending = await this.em.findOne(
      AccountToken,
      { secretHash: tokenHash, purpose: AccountTokenPurpose.RESET_PASSWORD },
      { populate: ['account'] },
    );
    const problem = passwordProblem(newPassword, pending?.account.getEntity());
    if (problem) throw BadUserInputError.field('input.newPassword', problem);
    // A password is hashed (which takes a core for a while) only for a link that can still be
    // used; the transaction checks it again, locked.
    if (!pending || pending.usedAt || pending.expiresAt <= new Date() || pending.account.getEntity().isDeleted) throw invalidToken();
    const passwordHash = await this.hasher.hash(newPassword);
    return this.em.transactional(async (em) => {
      const stored = await this.consumeToken(em, token, AccountTokenPurpose.RESET_PASSWORD);
      const account = stored.account.getEntity();
      account.passwordHash = passwordHash;
      // The link proved control of the address.
      if (account.email === stored.email) account.emailVerifiedAt ??= new Date();
      await em.nativeUpdate(AccountToken, { account, purpose: AccountTokenPurpose.RESET_PASSWORD, usedAt: null }, { usedAt: new Date() });
      await this.sessions.endSessions(account, SessionEndReason.PASSWORD_CHANGED);
      return account;
    });
  }

  private createToken(em: EntityManager, account: Account, purpose: AccountTokenPurpose, page: string): string {
    const { secret, hash } = newSecret();
    em.persist(
      new AccountToken({
        account,
        purpose,
        secretHash: hash,
        email: account.email!,
        expiresAt: new Date(Date.now() + LIFETIME_MS[purpose]),
      }),
    );
    return `${this.config.mail.publicUrl}/auth/${page}?token=${secret}`;
  }

  /**
   * Finds a usable token and marks it used. Locks the account first, then the token — the order
   * every writer of an account's tokens follows — so two links of one account used at once wait
   * for each other instead of deadlocking, and the second finds its token spent.
   */
  private async consumeToken(em: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<AccountToken> {
    const found = await em.findOne(AccountToken, { secretHash: hashSecret(token), purpose });
    if (!found) throw invalidToken();
    const account = await em.findOne(Account, found.account.id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const stored = await em.findOne(AccountToken, found.id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!account || !stored || stored.usedAt || stored.expiresAt <= new Date() || account.isDeleted) throw invalidToken();
    stored.usedAt = new Date();
    return stored;
  }

  private async limitMail(key: string, limit = MAILS_PER_HOUR): Promise<void> {
    const result = await this.rateLimiter.consume(key, { limit, windowSeconds: 3600 });
    if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
  }
}

function invalidToken(): BadUserInputError {
  return BadUserInputError.field('input.token', 'is invalid, already used or expired; ask for a new link');
}
