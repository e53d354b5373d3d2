import { EntityManager } from '@mikro-orm/postgresql';
import { RequestContext } from '../context/request-context';
import { UnauthenticatedError } from '../errors/domain-errors';

/**
 * Reads the viewer's account with a shared lock, in the caller's transaction, before something is
 * stored under the viewer's name (an owner row, an application, a claim…). Deleting an account
 * locks it first, so this waits for a deletion under way and then refuses (UNAUTHENTICATED), or a
 * deletion that comes after waits and then erases what was stored with the rest.
 */
export async function lockViewerAccount(em: EntityManager, ctx: RequestContext): Promise<void> {
  const { account } = ctx.requireViewer();
  const [row] = await em
    .getConnection()
    .execute<{ deleted_at: Date | null }[]>(
      'SELECT deleted_at FROM account WHERE id = ? FOR SHARE',
      [account.id],
      'all',
      em.getTransactionContext(),
    );
  if (!row || row.deleted_at) throw new UnauthenticatedError('This account no longer exists');
}
