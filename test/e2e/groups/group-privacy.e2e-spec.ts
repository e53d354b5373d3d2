import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount, TEST_PASSWORD } from '../../factories/account.factory';
import { seedDemo } from '../../utils/seed';
import { createTestApp, TestApp } from '../../utils/test-app';
import {
  ADD_ORGANIZER,
  APPROVE,
  createEvent,
  createGroup,
  DELETE_ACCOUNT,
  expectError,
  expectMemberCount,
  EXPORT,
  join,
  ok,
  REMOVE_ORGANIZER,
  rsvp,
  rsvpStatuses,
  sql,
} from './groups-fixture';
import { ISO_INSTANT } from '../../utils/graphql-assertions';

/** Groups' share of a member's personal data: exportMyData has a `groups` section, deleteAccount removes memberships and RSVPs. */

describe('groups and personal data', () => {
  let t: TestApp;
  let regions: Map<string, Region>;

  beforeAll(async () => {
    t = await createTestApp();
    regions = await seedDemo(t.em());
  });
  afterAll(() => t.close());

  it('exports memberships (with requests) and RSVPs; deletion is refused to the last organizer, then removes them and frees places', async () => {
    const ada = await signedInAccount(t);
    const bola = await signedInAccount(t);
    const chidi = await signedInAccount(t);
    const lagos = regions.get('lagos-ng')!.id;
    const open = await createGroup(t, ada.token, { name: 'Open Circle', regionId: lagos });
    const approval = await createGroup(t, ada.token, { name: 'Approval Circle', regionId: lagos, joinPolicy: 'APPROVAL' });
    const asking = await createGroup(t, ada.token, { name: 'Asking Circle', regionId: lagos, joinPolicy: 'APPROVAL' });
    await join(t, bola.token, open.id);
    await join(t, chidi.token, open.id);
    await join(t, bola.token, approval.id);
    ok(await t.gql(APPROVE, { input: { groupId: approval.id, accountId: bola.account.id } }, ada.token));
    await join(t, bola.token, asking.id);
    const full = await createEvent(t, ada.token, { groupId: open.id, title: 'One seat', capacity: 1 });
    const declined = await createEvent(t, ada.token, { groupId: approval.id, title: 'Declined one' });
    expect(await rsvp(t, bola.token, full.id, 'GOING')).toBe('GOING');
    expect(await rsvp(t, chidi.token, full.id, 'GOING')).toBe('WAITLISTED');
    expect(await rsvp(t, bola.token, declined.id, 'NOT_GOING')).toBe('NOT_GOING');

    // The export: every membership (requests too) and every answer.
    const exported = await t.expectUnchanged(() => t.gql(EXPORT, {}, bola.token));
    const { groups } = ok(exported).exportMyData.data;
    expect(groups.memberships).toEqual([
      { groupId: open.id, group: 'Open Circle', role: 'MEMBER', status: 'ACTIVE', since: expect.stringMatching(ISO_INSTANT) },
      { groupId: approval.id, group: 'Approval Circle', role: 'MEMBER', status: 'ACTIVE', since: expect.stringMatching(ISO_INSTANT) },
      { groupId: asking.id, group: 'Asking Circle', role: 'MEMBER', status: 'PENDING', since: expect.stringMatching(ISO_INSTANT) },
    ]);
    expect(groups.rsvps).toEqual([
      { eventId: full.id, event: 'One seat', status: 'GOING', respondedAt: expect.stringMatching(ISO_INSTANT) },
      { eventId: declined.id, event: 'Declined one', status: 'NOT_GOING', respondedAt: expect.stringMatching(ISO_INSTANT) },
    ]);
    const adaExport = ok(await t.gql(EXPORT, {}, ada.token)).exportMyData.data.groups;
    expect(adaExport.memberships.map((m: any) => [m.group, m.role])).toEqual([
      ['Open Circle', 'ORGANIZER'],
      ['Approval Circle', 'ORGANIZER'],
      ['Asking Circle', 'ORGANIZER'],
    ]);
    expect(adaExport.rsvps).toEqual([]);

    // Ada is the last organizer of three groups: refused, nothing changes.
    const refused = await t.expectUnchanged(() => t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, ada.token));
    expectError(refused, 'PRECONDITION_FAILED');
    expect(refused.errors![0].message).toContain('Open Circle');

    // Bola may go: memberships gone (counts drop where he was active), answers gone, his seat goes to Chidi.
    await expectMemberCount(t, open.id, 3);
    await expectMemberCount(t, approval.id, 2);
    await expectMemberCount(t, asking.id, 1);
    const deleted = ok(await t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, bola.token));
    expect(deleted.deleteAccount.deletedAccountId).toBe(bola.account.id);
    expect(await sql(t, 'SELECT * FROM group_membership WHERE account_id = ?', [bola.account.id])).toEqual([]);
    expect(await sql(t, 'SELECT * FROM rsvp WHERE account_id = ?', [bola.account.id])).toEqual([]);
    await expectMemberCount(t, open.id, 2);
    await expectMemberCount(t, approval.id, 1);
    await expectMemberCount(t, asking.id, 1);
    expect(await rsvpStatuses(t, full.id)).toEqual({ GOING: 1 });
    const [chidiRsvp] = await sql(t, 'SELECT status FROM rsvp WHERE event_id = ? AND account_id = ?', [full.id, chidi.account.id]);
    expect(chidiRsvp.status).toBe('GOING');
    expect((await t.gql(`{ group(slug: "${open.slug}") { memberCount } }`)).data!.group.memberCount).toBe(2);

    // Ada hands the groups over to Chidi (who asks to join the two he is not in), then may go; her
    // memberships are gone too.
    await join(t, chidi.token, approval.id);
    await join(t, chidi.token, asking.id);
    for (const group of [open, approval, asking]) {
      ok(await t.gql(ADD_ORGANIZER, { input: { groupId: group.id, accountId: chidi.account.id } }, ada.token));
    }
    await expectMemberCount(t, approval.id, 2);
    ok(await t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, ada.token));
    expect(await sql(t, 'SELECT * FROM group_membership WHERE account_id = ?', [ada.account.id])).toEqual([]);
    await expectMemberCount(t, open.id, 1);
    await expectMemberCount(t, approval.id, 1);
    await expectMemberCount(t, asking.id, 1);
    const organizers = await sql(t, `SELECT DISTINCT account_id FROM group_membership WHERE role = 'ORGANIZER' AND group_id IN (?, ?, ?)`, [
      open.id,
      approval.id,
      asking.id,
    ]);
    expect(organizers).toEqual([{ account_id: chidi.account.id }]);
    // The groups and their events stay.
    expect(await sql(t, 'SELECT id FROM event WHERE id IN (?, ?) ORDER BY id', [full.id, declined.id])).toHaveLength(2);
  });

  it('refuses deletion to the last organizer of an unlisted group whose only other member is a demoted organizer', async () => {
    const ada = await signedInAccount(t);
    const bola = await signedInAccount(t);
    const group = await createGroup(t, ada.token, { name: 'Quiet Room', regionId: regions.get('accra-gh')!.id, visibility: 'UNLISTED' });
    await join(t, bola.token, group.id);
    ok(await t.gql(ADD_ORGANIZER, { input: { groupId: group.id, accountId: bola.account.id } }, ada.token));
    ok(await t.gql(REMOVE_ORGANIZER, { input: { groupId: group.id, accountId: bola.account.id } }, ada.token));
    const refused = await t.expectUnchanged(() => t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, ada.token));
    expectError(refused, 'PRECONDITION_FAILED');
    expect(refused.errors![0].message).toContain('Quiet Room');
    // The plain member may go.
    ok(await t.gql(DELETE_ACCOUNT, { input: { password: TEST_PASSWORD } }, bola.token));
    await expectMemberCount(t, group.id, 1);
  });
});
