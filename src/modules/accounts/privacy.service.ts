import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditEvent } from '../../core/audit/audit-event.entity';
import { AuditService } from '../../core/audit/audit.service';
import { RequestContext } from '../../core/context/request-context';
import { PreconditionFailedError, UnauthenticatedError } from '../../core/errors/domain-errors';
import { AccountRole } from './account-role';
import { Account } from './account.entity';
import { AccountToken } from './account-token.entity';
import { PasswordHasher } from './password-hasher.service';
import { PersonalDataRegistry } from './personal-data.registry';
import { RolesService } from './roles.service';
import { SessionEndReason, Session } from './session.entity';
import { SessionsService } from './sessions.service';

/** Export and deletion of a member's personal data (the account's own, and every module's). */
@Injectable()
export class PrivacyService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: PersonalDataRegistry,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      section: 'account',
      export: (em, account) => exportAccount(em, account),
      blockDeletion: async (_em, account) =>
        account.role === AccountRole.ADMIN && (await this.roles.adminCount()) <= 1
          ? 'You are the last admin: make someone else an admin first'
          : undefined,
      erase: async (em, account) => {
        await em.nativeDelete(AccountToken, { account });
        await em.nativeUpdate(Session, { account }, { userAgent: null, ipAddress: null });
      },
    });
  }

  /** Everything Hometown stores about the viewer, by module. */
  async exportMyData(ctx: RequestContext): Promise<Record<string, unknown>> {
    const { account } = ctx.requireViewer();
    const em = this.em.fork();
    const data: Record<string, unknown> = { exportedAt: new Date().toISOString() };
    for (const contributor of this.registry.all()) data[contributor.section] = await contributor.export(em, account);
    return data;
  }

  /**
   * Deletes the viewer's account: the password is re-entered; every module may refuse (e.g. last
   * owner of something) before anything changes; then personal data is erased or anonymised and
   * every session ends, in one transaction.
   */
  async deleteAccount(ctx: RequestContext, password: string): Promise<string> {
    const { account } = ctx.requireViewer();
    await this.sessions.countSignedInAttempt(ctx);
    await this.em.populate(account, ['passwordHash']);
    if (!account.passwordHash || !(await this.hasher.verify(account.passwordHash, password))) {
      throw new UnauthenticatedError('The password is wrong');
    }
    await this.em.transactional(async (em) => {
      // Serialises against role changes, so the last admin cannot slip away concurrently.
      if (account.role === AccountRole.ADMIN) await this.roles.lockAdmins(em);
      // Serialises against whatever makes this account an owner or the like: those read it with a
      // shared lock and see it deleted, or finish before anything is erased.
      await em.getConnection().execute('SELECT 1 FROM account WHERE id = ? FOR UPDATE', [account.id], 'all', em.getTransactionContext());
      for (const contributor of this.registry.all()) {
        const reason = await contributor.blockDeletion?.(em, account);
        if (reason) throw new PreconditionFailedError(reason, { section: contributor.section });
      }
      for (const contributor of this.registry.all()) await contributor.erase(em, account, ctx);
      await this.sessions.endSessions(account, SessionEndReason.ACCOUNT_DELETED);
      this.audit.record(ctx, { action: 'account.deleted', subjectType: 'Account', subjectId: account.id, before: { role: account.role } });
      account.anonymise(new Date());
    });
    return account.id;
  }
}

async function exportAccount(em: EntityManager, account: Account): Promise<unknown> {
  const [sessions, tokens, actions] = await Promise.all([
    em.find(Session, { account }, { orderBy: { createdAt: 'asc' } }),
    em.find(AccountToken, { account }, { orderBy: { createdAt: 'asc' } }),
    em.find(AuditEvent, { actor: account }, { orderBy: { createdAt: 'asc' } }),
  ]);
  return {
    id: account.id,
    email: account.email,
    emailVerifiedAt: account.emailVerifiedAt,
    displayName: account.displayName,
    publicProfile: account.publicProfile,
    homeRegionId: account.homeRegion?.id ?? null,
    role: account.role,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
    sessions: sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastUsedAt: s.lastUsedAt,
      endedAt: s.endedAt,
      endReason: s.endReason,
      userAgent: s.userAgent,
      ipAddress: s.ipAddress,
    })),
    emailLinks: tokens.map((t) => ({
      purpose: t.purpose,
      email: t.email,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      usedAt: t.usedAt,
    })),
    auditedActions: actions.map((a) => ({ action: a.action, subjectType: a.subjectType, subjectId: a.subjectId, createdAt: a.createdAt })),
  };
}
