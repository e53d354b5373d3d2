import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { RequestContext } from '../../core/context/request-context';
import { ForbiddenError, NotFoundError, PreconditionFailedError } from '../../core/errors/domain-errors';
import { AccountRole } from './account-role';
import { Account, normaliseEmail } from './account.entity';

/** Granting and revoking the ADMIN role, always leaving at least one admin. */
@Injectable()
export class RolesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async grantAdmin(ctx: RequestContext, accountId: string): Promise<Account> {
    return this.setRole(ctx, accountId, AccountRole.ADMIN);
  }

  /** Refused for the last admin; an admin may step down while others remain. */
  async revokeAdmin(ctx: RequestContext, accountId: string): Promise<Account> {
    return this.setRole(ctx, accountId, AccountRole.MEMBER);
  }

  /**
   * Makes the account with this e-mail an admin: for `npm run make-admin` (an operator's word), and
   * for ADMIN_EMAIL at start-up only while there is no admin (`firstOnly`: the address brings the
   * first admin, and is inert once there is one, so a revoked role is not handed back at the next
   * start). 'missing' when no such account exists.
   */
  async makeAdminByEmail(
    ctx: RequestContext,
    email: string,
    reason: string,
    { firstOnly }: { firstOnly: boolean },
  ): Promise<'granted' | 'already' | 'missing' | 'not-first'> {
    const account = await this.em.findOne(Account, { email: normaliseEmail(email), deletedAt: null });
    if (!account) return 'missing';
    if (account.role === AccountRole.ADMIN) return 'already';
    if (firstOnly && (await this.adminCount()) > 0) return 'not-first';
    await this.em.transactional(async () => this.makeAdmin(ctx, account, reason));
    return 'granted';
  }

  /** Makes a member an admin for a reason that is not an admin's grant (ADMIN_EMAIL, make-admin), audited, in the caller's transaction. */
  makeAdmin(ctx: RequestContext, account: Account, reason: string): void {
    account.role = AccountRole.ADMIN;
    this.audit.record(ctx, {
      action: 'account.role.granted',
      subjectType: 'Account',
      subjectId: account.id,
      before: { role: AccountRole.MEMBER },
      after: { role: AccountRole.ADMIN, reason },
    });
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
