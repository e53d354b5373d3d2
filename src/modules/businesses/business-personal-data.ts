import { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../accounts/account.entity';
import { PersonalDataContributor } from '../accounts/personal-data.registry';
import { BusinessClaim } from './business-claim.entity';
import { BusinessOwner, BusinessRole } from './business-owner.entity';

/**
 * The directory's share of a member's data: the listings they maintain and their claims. An
 * account cannot be deleted while it is the last owner of a live listing (someone must keep it up).
 */
export const businessPersonalData: PersonalDataContributor = {
  section: 'businesses',

  async export(em: EntityManager, account: Account) {
    const [owned, claims] = await Promise.all([
      em.find(BusinessOwner, { account }, { populate: ['business'], orderBy: { createdAt: 'asc' } }),
      em.find(BusinessClaim, { claimant: account }, { orderBy: { createdAt: 'asc' } }),
    ]);
    return {
      listings: owned.map((o) => ({
        businessId: o.business.id,
        name: o.business.getEntity().name,
        status: o.business.getEntity().status,
        deleted: o.business.getEntity().deletedAt !== null,
        role: o.role,
        since: o.createdAt,
      })),
      claims: claims.map((c) => ({
        businessId: c.business.id,
        evidence: c.evidence,
        status: c.status,
        decisionReason: c.decisionReason,
        createdAt: c.createdAt,
        decidedAt: c.decidedAt,
      })),
    };
  },

  async blockDeletion(em: EntityManager, account: Account) {
    // Lock every owner row of the account's listings first: a co-owner deleting their account or
    // leaving at the same moment waits, and then sees this deletion.
    await em.getConnection().execute(
      `SELECT 1 FROM business_owner WHERE business_id IN (SELECT business_id FROM business_owner WHERE account_id = ?)
       ORDER BY business_id, account_id FOR UPDATE`,
      [account.id],
      'all',
      em.getTransactionContext(),
    );
    const rows = await em.getConnection().execute<{ name: string }[]>(
      `SELECT b.name FROM business_owner o JOIN business b ON b.id = o.business_id
       WHERE o.account_id = ? AND o.role = ? AND b.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM business_owner other WHERE other.business_id = o.business_id AND other.role = ? AND other.account_id <> o.account_id)
       ORDER BY b.name`,
      [account.id, BusinessRole.OWNER, BusinessRole.OWNER],
      'all',
      em.getTransactionContext(),
    );
    if (rows.length === 0) return undefined;
    return `You are the last owner of ${rows.map((row) => `"${row.name}"`).join(', ')}: add another owner or delete the listing first`;
  },

  async erase(em: EntityManager, account: Account) {
    await em.nativeDelete(BusinessOwner, { account });
    await em.nativeDelete(BusinessClaim, { claimant: account });
  },
};
