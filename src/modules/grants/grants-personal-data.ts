import { EntityManager } from '@mikro-orm/postgresql';
import { RequestContext } from '../../core/context/request-context';
import { Account } from '../accounts/account.entity';
import { PersonalDataContributor } from '../accounts/personal-data.registry';
import { GrantApplication } from './grant-application.entity';
import { OrganizationMember, OrganizationRole } from './organization.entity';
import { OrganizationsService } from './organizations.service';

/**
 * Grants' share of a member's data: organization staff roles and applications. An account cannot
 * be deleted while it is the last owner of an organization. On deletion the account leaves every
 * staff (audited as a removal); applications never submitted (drafts, and drafts withdrawn as
 * such: seen by no one else) are deleted; applications that were submitted stay with the
 * programs, under the anonymous account.
 */
export const grantsPersonalData = (organizations: OrganizationsService): PersonalDataContributor => ({
  section: 'grants',

  async export(em: EntityManager, account: Account) {
    const [staff, applications] = await Promise.all([
      em.find(OrganizationMember, { account }, { populate: ['organization'], orderBy: { createdAt: 'asc' } }),
      em.find(GrantApplication, { applicant: account }, { populate: ['program'], orderBy: { createdAt: 'asc' } }),
    ]);
    return {
      organizations: staff.map((m) => ({
        organizationId: m.organization.id,
        organization: m.organization.getEntity().name,
        role: m.role,
        since: m.createdAt,
      })),
      applications: applications.map((a) => ({
        id: a.id,
        programId: a.program.id,
        program: a.program.getEntity().name,
        status: a.status,
        title: a.title,
        summary: a.summary,
        proposal: a.proposal,
        answers: a.answers,
        requestedMinor: a.requestedMinor.toString(),
        currency: a.program.getEntity().currency,
        budgetLines: a.budgetLines,
        regionId: a.region.id,
        businessId: a.business?.id ?? null,
        createdAt: a.createdAt,
        submittedAt: a.submittedAt,
        withdrawnAt: a.withdrawnAt,
      })),
    };
  },

  async blockDeletion(em: EntityManager, account: Account) {
    // Lock the staff rows of the account's organizations, as staff changes do, so a co-owner
    // leaving at the same moment waits and then sees this deletion.
    await em.getConnection().execute(
      `SELECT 1 FROM organization_member WHERE organization_id IN (SELECT organization_id FROM organization_member WHERE account_id = ?)
       ORDER BY organization_id, account_id FOR UPDATE`,
      [account.id],
      'all',
      em.getTransactionContext(),
    );
    const rows = await em.getConnection().execute<{ name: string }[]>(
      `SELECT o.name FROM organization_member m JOIN organization o ON o.id = m.organization_id
       WHERE m.account_id = ? AND m.role = ?
         AND NOT EXISTS (SELECT 1 FROM organization_member other WHERE other.organization_id = m.organization_id AND other.role = ? AND other.account_id <> m.account_id)
       ORDER BY o.name`,
      [account.id, OrganizationRole.OWNER, OrganizationRole.OWNER],
      'all',
      em.getTransactionContext(),
    );
    if (rows.length === 0) return undefined;
    return `You are the last owner of ${rows.map((row) => `"${row.name}"`).join(', ')}: add another owner first`;
  },

  async erase(em: EntityManager, account: Account, ctx: RequestContext) {
    await organizations.eraseStaff(ctx, em, account);
    await em.nativeDelete(GrantApplication, { applicant: account, submittedAt: null });
  },
});
