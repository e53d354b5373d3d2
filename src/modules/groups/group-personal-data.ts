import { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../accounts/account.entity';
import { PersonalDataContributor } from '../accounts/personal-data.registry';
import { GroupMembership, GroupRole, MembershipStatus } from './group-membership.entity';
import { Rsvp, RsvpStatus } from './rsvp.entity';
import { changeMemberCount } from './member-count';
import { promoteWaitlists } from './waitlist';

/**
 * Groups' share of a member's data: memberships and RSVPs. An account cannot be deleted while it
 * is the last organizer of a group; on deletion its places at events go to their waitlists.
 */
export const groupPersonalData: PersonalDataContributor = {
  section: 'groups',

  async export(em: EntityManager, account: Account) {
    const [memberships, rsvps] = await Promise.all([
      em.find(GroupMembership, { account }, { populate: ['group'], orderBy: { createdAt: 'asc' } }),
      em.find(Rsvp, { account }, { populate: ['event'], orderBy: { respondedAt: 'asc' } }),
    ]);
    return {
      memberships: memberships.map((m) => ({
        groupId: m.group.id,
        group: m.group.getEntity().name,
        role: m.role,
        status: m.status,
        since: m.createdAt,
      })),
      rsvps: rsvps.map((r) => ({ eventId: r.event.id, event: r.event.getEntity().title, status: r.status, respondedAt: r.respondedAt })),
    };
  },

  async blockDeletion(em: EntityManager, account: Account) {
    // Lock the account's groups, as membership changes do: a co-organizer leaving or deleting
    // their account at the same moment waits, and then sees this deletion.
    await em
      .getConnection()
      .execute(
        `SELECT 1 FROM community_group WHERE id IN (SELECT group_id FROM group_membership WHERE account_id = ?) ORDER BY id FOR UPDATE`,
        [account.id],
        'all',
        em.getTransactionContext(),
      );
    const rows = await em.getConnection().execute<{ name: string }[]>(
      `SELECT g.name FROM group_membership m JOIN community_group g ON g.id = m.group_id
       WHERE m.account_id = ? AND m.role = ? AND m.status = ?
         AND NOT EXISTS (SELECT 1 FROM group_membership o WHERE o.group_id = m.group_id AND o.role = ? AND o.status = ? AND o.account_id <> m.account_id)
       ORDER BY g.name`,
      [account.id, GroupRole.ORGANIZER, MembershipStatus.ACTIVE, GroupRole.ORGANIZER, MembershipStatus.ACTIVE],
      'all',
      em.getTransactionContext(),
    );
    if (rows.length === 0) return undefined;
    return `You are the last organizer of ${rows.map((row) => `"${row.name}"`).join(', ')}: make someone else an organizer first`;
  },

  async erase(em: EntityManager, account: Account) {
    const active = await em.find(GroupMembership, { account, status: MembershipStatus.ACTIVE });
    await changeMemberCount(
      em,
      active.map((membership) => membership.group.id),
      -1,
    );
    await em.nativeDelete(GroupMembership, { account });
    const freed = await em.find(Rsvp, { account, status: RsvpStatus.GOING });
    await em.nativeDelete(Rsvp, { account });
    await promoteWaitlists(
      em,
      freed.map((rsvp) => rsvp.event.id),
    );
  },
};
