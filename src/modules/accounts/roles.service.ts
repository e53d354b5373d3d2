import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { RequestContext } from '../../core/context/request-context';
import { ForbiddenError, NotFoundError, PreconditionFailedError } from '../../core/errors/domain-errors';
import { AccountRole } from './account-role';
import { Account, normaliseEmail } from './account.entity';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';

/** Granting and revoking the ADMIN role, always leaving at least one admin. */
@Injectable()
export class RolesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * ADMIN_EMAIL's account becomes an admin once it has proved it controls the address (it opened
   * a link sent there): typing the address into the registration form is not enough, or whoever
   * registered it first (or again, after the founder left) would be an admin. Called in the
   * caller's transaction, with the account it has just verified.
   */
  grantForAdminEmail(ctx: RequestContext, account: Account): void {
    const adminEmail = this.config.auth.adminEmail;
    if (!adminEmail || account.email !== adminEmail || !account.emailVerifiedAt || account.role === AccountRole.ADMIN) return;
    account.role = AccountRole.ADMIN;
    this.audit.record(ctx, {
      action: 'account.role.granted',
      subjectType: 'Account',
      subjectId: account.id,
      before: { role: AccountRole.MEMBER },
      after: { role: AccountRole.ADMIN, reason: 'ADMIN_EMAIL' },
    });
  }

  async grantAdmin(ctx: RequestContext, accountId: string): Promise<Account> {
    return this.setRole(ctx, accountId, AccountRole.ADMIN);
  }

  /** Refused for the last admin; an admin may step down while others remain. */
  async revokeAdmin(ctx: RequestContext, accountId: string): Promise<Account> {
    return this.setRole(ctx, accountId, AccountRole.MEMBER);
  }

  /**
   * Makes the account with this e-mail an admin, for ADMIN_EMAIL at start-up (only once the
   * address is verified) and for `npm run make-admin` (an operator's word); 'missing' when no such
   * account exists.
   */
  async makeAdminByEmail(
    ctx: RequestContext,
    email: string,
    reason: string,
    { verifiedOnly }: { verifiedOnly: boolean },
  ): Promise<'granted' | 'already' | 'missing'> {
    const account = await this.em.findOne(Account, {
      email: normaliseEmail(email),
      deletedAt: null,
      ...(verifiedOnly ? { emailVerifiedAt: { $ne: null } } : {}),
    });
    if (!account) return 'missing';
    if (account.role === AccountRole.ADMIN) return 'already';
    await this.em.transactional(async () => {
      account.role = AccountRole.ADMIN;
      this.audit.record(ctx, {
        action: 'account.role.granted',
        subjectType: 'Account',
        subjectId: account.id,
        before: { role: AccountRole.MEMBER },
        after: { role: AccountRole.ADMIN, reason },
      });
    });
    return 'granted';
  }

  async adminCount(): Promise<number> {
    return this.em.count(Account, { role: AccountRole.ADMIN, deletedAt: null });
  }

  /** Locks every admin row: role changes that could remove the last admin run one at a time. */
  async lockAdmins(em: EntityManager): Promise<Account[]> {
    return em.find(Account, { role: AccountRole.ADMIN, deletedAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
  }

  private async setRole(ctx: RequestContext, accountId: string, role: AccountRole): Promise<Account> {
    return this.em.transactional(async (em) => {
      const admins = await this.lockAdmins(em);
      // Checked when the request came in, and again now the admins are locked: an admin whose
      // role was revoked meanwhile may not grant or revoke it any more.
      if (!admins.some((admin) => admin.id === ctx.requireViewer().account.id)) throw new ForbiddenError('Only admins may do this');
      const account = await em.findOne(Account, { id: accountId, deletedAt: null });
      if (!account) throw new NotFoundError('Account');
      if (account.role === role) return account;
      if (role === AccountRole.MEMBER && admins.length <= 1) {
        throw new PreconditionFailedError('The last admin cannot be removed: make someone else an admin first');
      }
      const before = account.role;
      account.role = role;
      this.audit.record(ctx, {
        action: role === AccountRole.ADMIN ? 'account.role.granted' : 'account.role.revoked',
        subjectType: 'Account',
        subjectId: account.id,
        before: { role: before },
        after: { role },
      });
      return account;
    });
  }
}
