import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { signAccessToken, verifyAccessToken } from '../../core/auth/access-token';
import { Authenticator } from '../../core/auth/authenticator';
import { Viewer } from '../../core/auth/viewer';
import { RequestContext } from '../../core/context/request-context';
import { RateLimitedError, UnauthenticatedError } from '../../core/errors/domain-errors';
import { RateLimiterService } from '../../core/rate-limit/rate-limiter.service';
import { Account, normaliseEmail } from './account.entity';
import { PasswordHasher } from './password-hasher.service';
import { RefreshToken } from './refresh-token.entity';
import { formatRefreshToken, newSecret, parseRefreshToken, secretMatches } from './secret-token';
import { Session, SessionEndReason } from './session.entity';

export interface AuthTokens {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** One message for a wrong e-mail and a wrong password alike. */
const WRONG_CREDENTIALS = 'Wrong e-mail or password';

/**
 * Sign-in sessions: login, rotating refresh tokens with reuse detection, logout, and turning an
 * access token back into a viewer on every request.
 */
@Injectable()
export class SessionsService extends Authenticator {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly rateLimiter: RateLimiterService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  /**
   * Signs in. Every attempt counts against the account and the client address (an aliased login
   * counts once per alias); an unknown e-mail costs a hash verification like a known one.
   */
  async login(ctx: RequestContext, email: string, password: string): Promise<{ account: Account; tokens: AuthTokens }> {
    const normalised = normaliseEmail(email);
    await this.countAttempt(ctx, normalised);
    const account = await this.em.findOne(Account, { email: normalised, deletedAt: null }, { populate: ['passwordHash'] });
    const valid = account?.passwordHash
      ? await this.hasher.verify(account.passwordHash, password)
      : await this.hasher.verifyAgainstDummy(password);
    if (!account || !valid) throw new UnauthenticatedError(WRONG_CREDENTIALS);

    await this.rateLimiter.reset(accountKey(normalised));
    const tokens = await this.em.transactional(async (em) => {
      if (this.hasher.needsRehash(account.passwordHash!)) account.passwordHash = await this.hasher.hash(password);
      return this.startSession(em, ctx, account);
    });
    return { account, tokens };
  }

  /** Counts a login attempt, per account and per client address, and refuses it when over the limit. */
  async countAttempt(ctx: RequestContext, email: string): Promise<void> {
    const { perAccount, perAddress, windowSeconds } = this.config.auth.loginLimits;
    const [byAccount, byAddress] = await Promise.all([
      this.rateLimiter.consume(accountKey(email), { limit: perAccount, windowSeconds }),
      this.rateLimiter.consume(`login:address:${ctx.clientIp}`, { limit: perAddress, windowSeconds }),
    ]);
    const refused = [byAccount, byAddress].filter((result) => !result.allowed);
    if (refused.length > 0) throw new RateLimitedError(Math.max(...refused.map((result) => result.retryAfterSeconds)));
  }

  /**
   * Counts a password re-entered by a signed-in member (to change it, or to delete the account)
   * on a count of its own: wrong logins sent to the address by someone else must not lock its
   * owner out of changing the password.
   */
  async countSignedInAttempt(ctx: RequestContext): Promise<void> {
    const { account } = ctx.requireViewer();
    const { perAccount, windowSeconds } = this.config.auth.loginLimits;
    const result = await this.rateLimiter.consume(`password:account:${account.id}`, { limit: perAccount, windowSeconds });
    if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
  }

  /**
   * Counts something that hashes a password for anyone who asks (registering, a reset link) against
   * the client address's password attempts: a stream of them must not take the server's cores.
   */
  async countAttemptFromAddress(ctx: RequestContext): Promise<void> {
    const { perAddress, windowSeconds } = this.config.auth.loginLimits;
    const result = await this.rateLimiter.consume(`login:address:${ctx.clientIp}`, { limit: perAddress, windowSeconds });
    if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
  }

  /**
   * Opens a session for an account that just proved who it is (flushed in the caller's
   * transaction); the rest of the request acts as that account.
   */
  async startSession(em: EntityManager, ctx: RequestContext, account: Account): Promise<AuthTokens> {
    const session = new Session(account, { userAgent: ctx.userAgent, ipAddress: ctx.clientIp });
    em.persist(session);
    ctx.signedInAs({ account, sessionId: session.id });
    return this.issueTokens(em, session, account);
  }

  /**
   * Exchanges a refresh token for new tokens. The token is locked while it is used, so of two
   * requests with the same token one wins; the other — like any later reuse — ends the whole
   * session, since a token used twice has probably been stolen.
   */
  async refresh(ctx: RequestContext, presented: string): Promise<AuthTokens> {
    const parsed = parseRefreshToken(presented);
    if (!parsed) throw new UnauthenticatedError('Invalid refresh token');
    const outcome = await this.em.transactional(async (em): Promise<AuthTokens | 'invalid' | 'reused'> => {
      const token = await em.findOne(RefreshToken, parsed.id, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
        populate: ['session', 'session.account'],
      });
      if (!token || !secretMatches(parsed.secret, token.secretHash)) return 'invalid';
      const session = token.session.getEntity();
      const account = session.account.getEntity();
      if (!session.isActive || account.isDeleted) return 'invalid';
      const now = new Date();
      if (token.usedAt) {
        session.end(SessionEndReason.REFRESH_TOKEN_REUSE, now);
        return 'reused';
      }
      if (token.expiresAt <= now) return 'invalid';
      token.usedAt = now;
      session.lastUsedAt = now;
      if (ctx.userAgent) session.userAgent = ctx.userAgent.slice(0, 300);
      session.ipAddress = ctx.clientIp;
      return this.issueTokens(em, session, account);
    });
    if (outcome === 'reused') throw new UnauthenticatedError('This refresh token was already used; the session has been ended');
    if (outcome === 'invalid') throw new UnauthenticatedError('Invalid or expired refresh token');
    return outcome;
  }

  /** Ends the viewer's current session: its refresh and access tokens stop working at once. */
  async logout(ctx: RequestContext): Promise<void> {
    const { sessionId } = ctx.requireViewer();
    await this.em.transactional(async (em) => {
      const session = await em.findOneOrFail(Session, sessionId);
      session.end(SessionEndReason.LOGOUT, new Date());
    });
  }

  /** Ends every session of the viewer's account (this one included); returns how many were active. */
  async logoutEverywhere(ctx: RequestContext): Promise<number> {
    const { account } = ctx.requireViewer();
    return this.endSessions(account, SessionEndReason.LOGOUT_EVERYWHERE);
  }

  /** Ends the account's active sessions, except `keep`, in the caller's transaction if there is one. */
  async endSessions(account: Account, reason: SessionEndReason, keep?: string): Promise<number> {
    return this.em.nativeUpdate(
      Session,
      { account, endedAt: null, ...(keep ? { id: { $ne: keep } } : {}) },
      { endedAt: new Date(), endReason: reason },
    );
  }

  async activeSessions(account: Account): Promise<Session[]> {
    return this.em.find(Session, { account, endedAt: null }, { orderBy: { lastUsedAt: 'desc', id: 'asc' } });
  }

  /** Access token → viewer, with one query (session joined with its account). */
  async authenticate(ctx: RequestContext): Promise<Viewer | null> {
    if (ctx.authorization === undefined) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(ctx.authorization);
    const claims = match ? verifyAccessToken(this.config.auth.jwtSecret, match[1]) : undefined;
    if (!claims) throw new UnauthenticatedError('Invalid or expired access token');
    const session = await this.em.findOne(
      Session,
      { id: claims.sid, endedAt: null, account: { id: claims.sub, deletedAt: null } },
      { populate: ['account'] },
    );
    if (!session) throw new UnauthenticatedError('This session has ended; sign in again');
    return { account: session.account.getEntity(), sessionId: session.id };
  }

  private issueTokens(em: EntityManager, session: Session, account: Account): AuthTokens {
    const now = new Date();
    const access = signAccessToken(this.config.auth.jwtSecret, { sub: account.id, sid: session.id }, now);
    const { secret, hash } = newSecret();
    const refreshTokenExpiresAt = new Date(now.getTime() + this.config.auth.refreshTokenTtlDays * DAY_MS);
    const refresh = new RefreshToken(session, hash, refreshTokenExpiresAt);
    em.persist(refresh);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: formatRefreshToken(refresh.id, secret),
      refreshTokenExpiresAt,
    };
  }
}

function accountKey(email: string): string {
  return `login:account:${email}`;
}
