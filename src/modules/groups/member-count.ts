import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Adds `delta` to a group's `member_count` in the database. Done in SQL rather than through the
 * entity so that joins and leaves do not bump the group's version: an organizer's edit, made
 * against the version they read, must not fail because someone joined meanwhile. Callers hold
 * the group row's lock.
 */
export async function changeMemberCount(em: EntityManager, groupId: string, delta: number): Promise<void> {
  if (delta === 0) return;
  await em
    .getConnection()
    .execute(
      'UPDATE community_group SET member_count = member_count + ? WHERE id = ?',
      [delta, groupId],
      'run',
      em.getTransactionContext(),
    );
}
