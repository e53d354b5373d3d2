import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { RequestContext } from '../../core/context/request-context';
import { UnauthenticatedError } from '../../core/errors/domain-errors';
import { Account } from './account.entity';

/**
 * The account, read with a shared lock in the caller's transaction, or undefined when there is
 * none or it is deleted. Deleting an account locks it first, so a change that is about to attach
 * something to an account (an owner row, a staff row, an application…) takes this lock first: it
 * waits for a deletion under way and then sees the account gone, or a deletion that comes after
 * waits for it and then erases what it attached with the rest.
 */
export async function lockLiveAccount(em: EntityManager, accountId: string): Promise<Account | undefined> {
  const account = await em.findOne(Account, accountId, { lockMode: LockMode.PESSIMISTIC_READ, refresh: true });
  return account && !account.deletedAt ? account : undefined;
}

/** {@link lockLiveAccount} for the viewer, before something is stored under their name: UNAUTHENTICATED once deleted. */
export async function lockViewerAccount(em: EntityManager, ctx: RequestContext): Promise<void> {
  if (!(await lockLiveAccount(em, ctx.requireViewer().account.id))) throw new UnauthenticatedError('This account no longer exists');
}
