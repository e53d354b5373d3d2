import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Adds `delta` to the `member_count` of a group (or of each of several) in the database, in one
 * statement. Done in SQL rather than through the entity so that joins and leaves do not bump the
 * group's version: an organizer's edit, made against the version they read, must not fail because
 * someone joined meanwhile. Callers hold the group rows' locks.
 */
export async function changeMemberCount(em: EntityManager, groupIds: string | readonly string[], delta: number): Promise<void> {
  const ids = typeof groupIds === 'string' ? [groupIds] : groupIds;
  if (delta === 0 || ids.length === 0) return;
  await em
    .getConnection()
    .execute('UPDATE community_group SET member_count = member_count + ? WHERE id IN (?)', [delta, ids], 'run', em.getTransactionContext());
}
