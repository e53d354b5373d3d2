import { AccountRole } from '../../../src/modules/accounts/account-role';
import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { createRegion } from '../../factories/region.factory';
import { seedDemo } from '../../utils/seed';
import { createTestApp, TestApp } from '../../utils/test-app';
import {
  ADD_ORGANIZER,
  APPROVE,
  CREATE_GROUP,
  createEvent,
  createGroup,
  DECLINE,
  expectError,
  expectMemberCount,
  GROUP,
  join,
  JOIN,
  LEAVE,
  MY_GROUPS,
  NOT_UUID,
  ok,
  REMOVE_MEMBER,
  REMOVE_ORGANIZER,
  sql,
  uniqueSlug,
  UNKNOWN_ID,
  UPDATE_GROUP,
} from './groups-fixture';

/** Community groups over GraphQL: creating and editing them, who is in them, and every refusal. */

type Member = Awaited<ReturnType<typeof signedInAccount>>;

const MEMBERS_OF = `query ($slug: String!) {
  group(slug: $slug) {
    memberCount
    organizers { accountId displayName role status }
    members(first: 100) { totalCount edges { node { accountId displayName role status since } } }
    joinRequests(first: 100) { totalCount edges { node { accountId displayName role status } } }
    viewerMembership viewerRole viewerCan { organize join leave }
  }
}`;

describe('groups', () => {
  let t: TestApp;
  let regions: Map<string, Region>;
  const region = (slug: string) => regions.get(slug)!;

  beforeAll(async () => {
    t = await createTestApp();
    regions = await seedDemo(t.em());
  });
  afterAll(() => t.close());

  describe('the whole flow', () => {
    it('creates, joins, asks to join, approves, declines, hands over, edits and leaves, keeping member_count exact', async () => {
      const ada = await signedInAccount(t, { displayName: 'Ada Organizer', publicProfile: true });
      const bola = await signedInAccount(t, { displayName: 'Bola Member', publicProfile: true });
      const chidi = await signedInAccount(t, { displayName: 'Chidi Asker', publicProfile: true });
      const dayo = await signedInAccount(t, { displayName: 'Dayo Declined', publicProfile: true });
      const yaba = region('yaba-lagos-ng');

      // Ada creates a group: the slug comes from the name; without a meeting place it is placed at the region's centre.
      const created = ok(
        await t.gql(
          CREATE_GROUP,
          {
            input: {
              name: '  Yaba Rust Circle  ',
              description: 'Rustaceans of Yaba, every other Thursday.',
              regionId: yaba.id,
              links: [{ label: 'Chat', url: 'https://chat.example.org/yaba-rust' }],
            },
          },
          ada.token,
        ),
      ).createGroup.group;
      expect(created).toMatchObject({
        slug: 'yaba-rust-circle',
        name: 'Yaba Rust Circle',
        description: 'Rustaceans of Yaba, every other Thursday.',
        visibility: 'PUBLIC',
        joinPolicy: 'OPEN',
        memberCount: 1,
        version: 1,
        links: [{ label: 'Chat', url: 'https://chat.example.org/yaba-rust' }],
        region: { id: yaba.id, slug: 'yaba-lagos-ng' },
        meetingPlace: null,
        location: { lat: yaba.latitude, lng: yaba.longitude },
        viewerMembership: 'ACTIVE',
        viewerRole: 'ORGANIZER',
        // The only organizer may not leave (as the field says).
        viewerCan: { organize: true, join: false, leave: false },
      });
      const groupId: string = created.id;
      const [stored] = await sql(t, 'SELECT * FROM group_membership WHERE group_id = ?', [groupId]);
      expect(stored).toMatchObject({ account_id: ada.account.id, role: 'ORGANIZER', status: 'ACTIVE' });
      await expectMemberCount(t, groupId, 1);

      // Bola joins the OPEN group at once; joining again changes nothing.
      const joined = ok(await t.gql(JOIN, { input: { groupId } }, bola.token)).joinGroup;
      expect(joined).toEqual({ status: 'ACTIVE', group: { id: groupId, memberCount: 2, viewerMembership: 'ACTIVE' } });
      const again = await t.expectUnchanged(() => t.gql(JOIN, { input: { groupId } }, bola.token));
      expect(ok(again).joinGroup).toEqual({ status: 'ACTIVE', group: { id: groupId, memberCount: 2, viewerMembership: 'ACTIVE' } });
      await expectMemberCount(t, groupId, 2);

      // Ada makes it APPROVAL, based on the version she reads.
      const { version } = ok(await t.gql(GROUP, { id: groupId }, ada.token)).group;
      const edited = ok(
        await t.gql(
          UPDATE_GROUP,
          { input: { id: groupId, expectedVersion: version, joinPolicy: 'APPROVAL', name: 'Yaba Rustaceans' } },
          ada.token,
        ),
      ).updateGroup.group;
      expect(edited).toMatchObject({ joinPolicy: 'APPROVAL', name: 'Yaba Rustaceans', slug: 'yaba-rust-circle', version: version + 1 });

      // Chidi and Dayo ask to join: pending, not counted.
      expect(ok(await t.gql(JOIN, { input: { groupId } }, chidi.token)).joinGroup).toEqual({
        status: 'PENDING',
        group: { id: groupId, memberCount: 2, viewerMembership: 'PENDING' },
      });
      expect(await join(t, dayo.token, groupId)).toBe('PENDING');
      await expectMemberCount(t, groupId, 2);

      // Organizers see the requests; members see null.
      const asAda = ok(await t.gql(MEMBERS_OF, { slug: 'yaba-rust-circle' }, ada.token)).group;
      expect(asAda.joinRequests.totalCount).toBe(2);
      expect(asAda.joinRequests.edges.map((e: any) => e.node.accountId).sort()).toEqual([chidi.account.id, dayo.account.id].sort());
      expect(asAda.joinRequests.edges.every((e: any) => e.node.status === 'PENDING' && e.node.role === 'MEMBER')).toBe(true);
      const asBola = ok(await t.gql(MEMBERS_OF, { slug: 'yaba-rust-circle' }, bola.token)).group;
      expect(asBola.joinRequests).toBeNull();
      expect(asBola.viewerCan).toEqual({ organize: false, join: false, leave: true });
      const asChidi = ok(await t.gql(MEMBERS_OF, { slug: 'yaba-rust-circle' }, chidi.token)).group;
      expect(asChidi).toMatchObject({ viewerMembership: 'PENDING', viewerRole: null, joinRequests: null });
      expect(asChidi.members.edges.map((e: any) => e.node.accountId)).not.toContain(chidi.account.id);

      // Ada approves Chidi (counted) and declines Dayo (gone).
      expect(ok(await t.gql(APPROVE, { input: { groupId, accountId: chidi.account.id } }, ada.token)).approveJoinRequest.group).toEqual({
        id: groupId,
        memberCount: 3,
      });
      expect(ok(await t.gql(DECLINE, { input: { groupId, accountId: dayo.account.id } }, ada.token)).declineJoinRequest.group).toEqual({
        id: groupId,
        memberCount: 3,
      });
      expect(await sql(t, 'SELECT 1 FROM group_membership WHERE group_id = ? AND account_id = ?', [groupId, dayo.account.id])).toEqual([]);
      await expectMemberCount(t, groupId, 3);

      // Members, organizers first.
      const members = ok(await t.gql(MEMBERS_OF, { slug: 'yaba-rust-circle' }, bola.token)).group.members;
      expect(members.totalCount).toBe(3);
      expect(members.edges.map((e: any) => [e.node.displayName, e.node.role])).toEqual([
        ['Ada Organizer', 'ORGANIZER'],
        ['Bola Member', 'MEMBER'],
        ['Chidi Asker', 'MEMBER'],
      ]);

      // Ada cannot leave while she is the only organizer; she makes Bola an organizer, then can.
      const refused = await t.expectUnchanged(() => t.gql(LEAVE, { input: { groupId } }, ada.token));
      expectError(refused, 'PRECONDITION_FAILED');
      const promoted = ok(await t.gql(ADD_ORGANIZER, { input: { groupId, accountId: bola.account.id } }, ada.token)).addGroupOrganizer
        .group;
      expect(promoted.memberCount).toBe(3);
      expect(promoted.organizers.map((o: any) => o.accountId).sort()).toEqual([ada.account.id, bola.account.id].sort());
      const seen = ok(await t.gql(`query ($id: ID!) { group(id: $id) { viewerCan { organize join leave } } }`, { id: groupId }, ada.token));
      expect(seen.group.viewerCan).toEqual({ organize: true, join: false, leave: true });
      expect(ok(await t.gql(LEAVE, { input: { groupId } }, ada.token)).leaveGroup).toEqual({ groupId });
      await expectMemberCount(t, groupId, 2);

      // Bola, now the only organizer, removes Chidi.
      expect(
        ok(await t.gql(REMOVE_MEMBER, { input: { groupId, accountId: chidi.account.id } }, bola.token)).removeGroupMember.group,
      ).toEqual({ id: groupId, memberCount: 1 });
      await expectMemberCount(t, groupId, 1);
      const final = ok(await t.gql(MEMBERS_OF, { slug: 'yaba-rust-circle' }, bola.token)).group;
      expect(final.organizers).toEqual([{ accountId: bola.account.id, displayName: 'Bola Member', role: 'ORGANIZER', status: 'ACTIVE' }]);
      expect(final.members.edges.map((e: any) => e.node.accountId)).toEqual([bola.account.id]);

      // Every organizer's decision about someone's place, audited by who made it (joining and
      // leaving are the members' own doing, and are not).
      const decisions = await sql(
        t,
        `SELECT action, actor_id, before, after FROM audit_event WHERE subject_type = 'Group' AND subject_id = ? ORDER BY created_at, id`,
        [groupId],
      );
      expect(decisions.map((row) => [row.action, row.actor_id, row.before?.accountId ?? row.after?.accountId])).toEqual([
        ['group.join.approved', ada.account.id, chidi.account.id],
        ['group.join.declined', ada.account.id, dayo.account.id],
        ['group.organizer.added', ada.account.id, bola.account.id],
        ['group.member.removed', bola.account.id, chidi.account.id],
      ]);
    });

    it('places a group at its meeting place when it has one, and at the region centre once it is removed', async () => {
      const ada = await signedInAccount(t);
      const group = await createGroup(t, ada.token, { regionId: region('lagos-ng').id, meetingPlace: { lat: 6.5, lng: 3.38 } });
      expect(group).toMatchObject({ meetingPlace: { lat: 6.5, lng: 3.38 }, location: { lat: 6.5, lng: 3.38 } });

      const moved = ok(await t.gql(UPDATE_GROUP, { input: { id: group.id, regionId: region('accra-gh').id } }, ada.token)).updateGroup
        .group;
      // A new region keeps the meeting place.
      expect(moved).toMatchObject({
        region: { slug: 'accra-gh' },
        meetingPlace: { lat: 6.5, lng: 3.38 },
        location: { lat: 6.5, lng: 3.38 },
      });

      const cleared = ok(await t.gql(UPDATE_GROUP, { input: { id: group.id, meetingPlace: null } }, ada.token)).updateGroup.group;
      const accra = region('accra-gh');
      expect(cleared).toMatchObject({ meetingPlace: null, location: { lat: accra.latitude, lng: accra.longitude } });
      const [row] = await sql(t, 'SELECT meeting_latitude, latitude, longitude FROM community_group WHERE id = ?', [group.id]);
      expect(row).toEqual({ meeting_latitude: null, latitude: accra.latitude, longitude: accra.longitude });
    });

    it('edits every field, keeps the others, and refuses a stale version (CONFLICT) or a taken slug (CONFLICT), changing nothing', async () => {
      const ada = await signedInAccount(t);
      const other = await createGroup(t, ada.token, { regionId: region('lagos-ng').id, slug: uniqueSlug('taken') });
      const group = await createGroup(t, ada.token, { regionId: region('lagos-ng').id, description: 'Before' });

      const edited = ok(
        await t.gql(
          UPDATE_GROUP,
          {
            input: {
              id: group.id,
              expectedVersion: group.version,
              slug: 'lagos-makers-guild',
              links: [{ label: 'Site', url: 'https://makers.example.org' }],
              visibility: 'UNLISTED',
            },
          },
          ada.token,
        ),
      ).updateGroup.group;
      expect(edited).toMatchObject({
        slug: 'lagos-makers-guild',
        name: group.name,
        description: 'Before',
        links: [{ label: 'Site', url: 'https://makers.example.org' }],
        visibility: 'UNLISTED',
        joinPolicy: 'OPEN',
        version: group.version + 1,
      });

      const stale = await t.expectUnchanged(() =>
        t.gql(UPDATE_GROUP, { input: { id: group.id, expectedVersion: group.version, name: 'Stale' } }, ada.token),
      );
      expectError(stale, 'CONFLICT');

      const taken = await t.expectUnchanged(() => t.gql(UPDATE_GROUP, { input: { id: group.id, slug: other.slug } }, ada.token));
      expectError(taken, 'CONFLICT');
      expect(taken.errors![0].extensions?.fieldErrors).toEqual([{ path: 'input.slug', message: expect.any(String) }]);

      const duplicate = await t.expectUnchanged(() =>
        t.gql(CREATE_GROUP, { input: { name: 'Again', slug: other.slug, regionId: region('lagos-ng').id } }, ada.token),
      );
      expectError(duplicate, 'CONFLICT');
    });

    it('does not refuse an organizer’s edit (CONFLICT) because members joined or left since they read the group', async () => {
      const ada = await signedInAccount(t);
      const bola = await signedInAccount(t);
      const group = await createGroup(t, ada.token, { regionId: region('lagos-ng').id });
      // Ada reads the group (version 1), then Bola joins and leaves: the group's own fields did not change.
      await join(t, bola.token, group.id);
      ok(await t.gql(LEAVE, { input: { groupId: group.id } }, bola.token));
      const res = await t.gql(UPDATE_GROUP, { input: { id: group.id, expectedVersion: group.version, name: 'Renamed' } }, ada.token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateGroup.group).toMatchObject({ name: 'Renamed', memberCount: 1 });
    });

    it('lets a member whose request was pending join at once after the group became OPEN', async () => {
      const ada = await signedInAccount(t);
      const bola = await signedInAccount(t);
      const group = await createGroup(t, ada.token, { regionId: region('lagos-ng').id, joinPolicy: 'APPROVAL' });
      expect(await join(t, bola.token, group.id)).toBe('PENDING');
      ok(await t.gql(UPDATE_GROUP, { input: { id: group.id, joinPolicy: 'OPEN' } }, ada.token));
      // OPEN: "anyone joins at once" — Bola too, although he had asked before.
      const res = ok(await t.gql(JOIN, { input: { groupId: group.id } }, bola.token)).joinGroup;
      expect(res).toEqual({ status: 'ACTIVE', group: { id: group.id, memberCount: 2, viewerMembership: 'ACTIVE' } });
      await expectMemberCount(t, group.id, 2);
    });

    it('lists the viewer’s groups (member or asking), newest first, in myGroups', async () => {
      const ada = await signedInAccount(t);
      const bola = await signedInAccount(t);
      const open = await createGroup(t, ada.token, { regionId: region('lagos-ng').id });
      const approval = await createGroup(t, ada.token, { regionId: region('lagos-ng').id, joinPolicy: 'APPROVAL', visibility: 'UNLISTED' });
      await createGroup(t, ada.token, { regionId: region('lagos-ng').id });
      await join(t, bola.token, open.id);
      await join(t, bola.token, approval.id);

      const mine = ok(await t.gql(MY_GROUPS, { first: 10 }, bola.token)).myGroups;
      expect(mine.edges.map((e: any) => e.node)).toEqual([
        { id: approval.id, slug: approval.slug, viewerMembership: 'PENDING', viewerRole: null },
        { id: open.id, slug: open.slug, viewerMembership: 'ACTIVE', viewerRole: 'MEMBER' },
      ]);
      // Paged one by one: the same two, no duplicates.
      const first = ok(await t.gql(MY_GROUPS, { first: 1 }, bola.token)).myGroups;
      const second = ok(await t.gql(MY_GROUPS, { first: 1, after: first.pageInfo.endCursor }, bola.token)).myGroups;
      expect([...first.edges, ...second.edges].map((e: any) => e.node.id)).toEqual([approval.id, open.id]);
      expect(second.pageInfo.hasNextPage).toBe(false);

      expectError(await t.expectUnchanged(() => t.gql(MY_GROUPS, { first: 10 })), 'UNAUTHENTICATED');
    });

    it('finds a group by id or slug, unlisted ones too, and answers NOT_FOUND or BAD_USER_INPUT otherwise', async () => {
      const ada = await signedInAccount(t);
      const hidden = await createGroup(t, ada.token, { regionId: region('lagos-ng').id, visibility: 'UNLISTED' });
      const bySlug = ok(await t.gql(GROUP, { slug: hidden.slug })).group;
      const byId = ok(await t.gql(GROUP, { id: hidden.id })).group;
      expect(bySlug).toMatchObject({ id: hidden.id, visibility: 'UNLISTED', viewerMembership: null, viewerCan: { join: false } });
      expect(byId.id).toBe(hidden.id);

      expectError(await t.gql(GROUP, { slug: 'no-such-group' }), 'NOT_FOUND');
      expectError(await t.gql(GROUP, { id: UNKNOWN_ID }), 'NOT_FOUND');
      expectError(await t.gql(GROUP, {}), 'BAD_USER_INPUT', ['id']);
      expectError(await t.gql(GROUP, { id: hidden.id, slug: hidden.slug }), 'BAD_USER_INPUT', ['id']);
      expectError(await t.gql(GROUP, { id: NOT_UUID }), 'BAD_USER_INPUT', ['id']);
    });
  });

  describe('organizers', () => {
    let ada: Member;
    let bola: Member;
    let chidi: Member;
    let groupId: string;

    beforeAll(async () => {
      ada = await signedInAccount(t);
      bola = await signedInAccount(t);
      chidi = await signedInAccount(t);
      groupId = (await createGroup(t, ada.token, { regionId: region('lagos-ng').id, joinPolicy: 'APPROVAL' })).id;
    });

    it('refuses to remove the last organizer, by leaving, removal or demotion (PRECONDITION_FAILED), changing nothing', async () => {
      expectError(await t.expectUnchanged(() => t.gql(LEAVE, { input: { groupId } }, ada.token)), 'PRECONDITION_FAILED');
      expectError(
        await t.expectUnchanged(() => t.gql(REMOVE_MEMBER, { input: { groupId, accountId: ada.account.id } }, ada.token)),
        'PRECONDITION_FAILED',
      );
      expectError(
        await t.expectUnchanged(() => t.gql(REMOVE_ORGANIZER, { input: { groupId, accountId: ada.account.id } }, ada.token)),
        'PRECONDITION_FAILED',
      );
    });

    it('refuses to make someone outside the group an organizer, accepts one who only asked, and demotes one', async () => {
      // Bola is not in it: she has not chosen this group, and an organizer cannot leave it alone.
      expectError(
        await t.expectUnchanged(() => t.gql(ADD_ORGANIZER, { input: { groupId, accountId: bola.account.id } }, ada.token)),
        'PRECONDITION_FAILED',
      );
      // Once she asks to join, making her an organizer accepts her.
      expect(await join(t, bola.token, groupId)).toBe('PENDING');
      let group = ok(await t.gql(ADD_ORGANIZER, { input: { groupId, accountId: bola.account.id } }, ada.token)).addGroupOrganizer.group;
      expect(group.memberCount).toBe(2);
      await expectMemberCount(t, groupId, 2);

      // Chidi asked to join: making him an organizer accepts him.
      expect(await join(t, chidi.token, groupId)).toBe('PENDING');
      await expectMemberCount(t, groupId, 2);
      group = ok(await t.gql(ADD_ORGANIZER, { input: { groupId, accountId: chidi.account.id } }, bola.token)).addGroupOrganizer.group;
      expect(group.memberCount).toBe(3);
      expect(group.organizers.map((o: any) => o.accountId).sort()).toEqual([ada.account.id, bola.account.id, chidi.account.id].sort());
      await expectMemberCount(t, groupId, 3);

      // Making an organizer an organizer again changes nothing.
      const again = await t.expectUnchanged(() => t.gql(ADD_ORGANIZER, { input: { groupId, accountId: chidi.account.id } }, ada.token));
      expect(ok(again).addGroupOrganizer.group.memberCount).toBe(3);

      // Chidi is demoted: still a member.
      group = ok(await t.gql(REMOVE_ORGANIZER, { input: { groupId, accountId: chidi.account.id } }, ada.token)).removeGroupOrganizer.group;
      expect(group.organizers.map((o: any) => o.accountId).sort()).toEqual([ada.account.id, bola.account.id].sort());
      expect(group.memberCount).toBe(3);
      const [row] = await sql(t, 'SELECT role, status FROM group_membership WHERE group_id = ? AND account_id = ?', [
        groupId,
        chidi.account.id,
      ]);
      expect(row).toEqual({ role: 'MEMBER', status: 'ACTIVE' });

      // A demoted organizer no longer organizes.
      expectError(
        await t.expectUnchanged(() => t.gql(UPDATE_GROUP, { input: { id: groupId, name: 'Mine now' } }, chidi.token)),
        'FORBIDDEN',
      );
      // Now that there are two organizers, Ada may leave.
      ok(await t.gql(LEAVE, { input: { groupId } }, ada.token));
      await expectMemberCount(t, groupId, 2);

      // Each organizer's decision about someone's place is audited, by who made it.
      const decisions = await sql(
        t,
        `SELECT action, actor_id, before, after FROM audit_event WHERE subject_type = 'Group' AND subject_id = ? ORDER BY created_at, id`,
        [groupId],
      );
      expect(decisions).toEqual([
        {
          action: 'group.organizer.added',
          actor_id: ada.account.id,
          before: { accountId: bola.account.id, role: 'MEMBER', status: 'PENDING' },
          after: { accountId: bola.account.id, role: 'ORGANIZER', status: 'ACTIVE' },
        },
        {
          action: 'group.organizer.added',
          actor_id: bola.account.id,
          before: { accountId: chidi.account.id, role: 'MEMBER', status: 'PENDING' },
          after: { accountId: chidi.account.id, role: 'ORGANIZER', status: 'ACTIVE' },
        },
        {
          action: 'group.organizer.removed',
          actor_id: ada.account.id,
          before: { accountId: chidi.account.id, role: 'ORGANIZER' },
          after: { accountId: chidi.account.id, role: 'MEMBER' },
        },
      ]);
    });

    it('answers NOT_FOUND for a missing join request, member or organizer, and BAD_USER_INPUT for an unknown account, changing nothing', async () => {
      const outsider = await signedInAccount(t);
      const input = { groupId, accountId: outsider.account.id };
      expectError(await t.expectUnchanged(() => t.gql(APPROVE, { input }, bola.token)), 'NOT_FOUND');
      expectError(await t.expectUnchanged(() => t.gql(DECLINE, { input }, bola.token)), 'NOT_FOUND');
      expectError(await t.expectUnchanged(() => t.gql(REMOVE_MEMBER, { input }, bola.token)), 'NOT_FOUND');
      expectError(await t.expectUnchanged(() => t.gql(REMOVE_ORGANIZER, { input }, bola.token)), 'NOT_FOUND');
      expectError(
        await t.expectUnchanged(() => t.gql(ADD_ORGANIZER, { input: { groupId, accountId: UNKNOWN_ID } }, bola.token)),
        'BAD_USER_INPUT',
        ['input.accountId'],
      );
      // Approving someone who is already a member: there is no request.
      expectError(
        await t.expectUnchanged(() => t.gql(APPROVE, { input: { groupId, accountId: chidi.account.id } }, bola.token)),
        'NOT_FOUND',
      );
      // Leaving a group one is not in.
      expectError(await t.expectUnchanged(() => t.gql(LEAVE, { input: { groupId } }, outsider.token)), 'PRECONDITION_FAILED');
    });

    it('lets a member withdraw a join request by leaving, which does not change memberCount', async () => {
      const dayo = await signedInAccount(t);
      const before = await t.gql(GROUP, { id: groupId });
      expect(await join(t, dayo.token, groupId)).toBe('PENDING');
      ok(await t.gql(LEAVE, { input: { groupId } }, dayo.token));
      expect(await sql(t, 'SELECT 1 FROM group_membership WHERE group_id = ? AND account_id = ?', [groupId, dayo.account.id])).toEqual([]);
      expect((await t.gql(GROUP, { id: groupId })).data!.group.memberCount).toBe(before.data!.group.memberCount);
      await expectMemberCount(t, groupId, before.data!.group.memberCount);
    });
  });

  describe('member_count under concurrent joins and leaves', () => {
    it('stays exact when 12 members join and 6 leave at the same time', async () => {
      const ada = await signedInAccount(t);
      const group = await createGroup(t, ada.token, { regionId: region('lagos-ng').id });
      const people = await Promise.all(Array.from({ length: 12 }, () => signedInAccount(t)));
      const statuses = await Promise.all(people.map((p) => join(t, p.token, group.id)));
      expect(statuses).toEqual(Array(12).fill('ACTIVE'));
      await expectMemberCount(t, group.id, 13);
      const leaving = people.slice(0, 6);
      const results = await Promise.all([
        ...leaving.map((p) => t.gql(LEAVE, { input: { groupId: group.id } }, p.token)),
        // Joining again while others leave: already in, nothing changes.
        ...people.slice(6).map((p) => t.gql(JOIN, { input: { groupId: group.id } }, p.token)),
      ]);
      for (const res of results) expect(res.errors).toBeUndefined();
      await expectMemberCount(t, group.id, 7);
    });
  });

  it('refuses a name its length rule counts as 100 characters and PostgreSQL as 200 (variation selectors): BAD_USER_INPUT, nothing stored', async () => {
    const { token } = await signedInAccount(t);
    const res = await t.expectUnchanged(() =>
      t.gql(CREATE_GROUP, { input: { name: 'a\uFE0F'.repeat(100), slug: 'selectors', regionId: region('lagos-ng').id } }, token),
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('makes a slug that fits its column from a name that folds into three times its length', async () => {
    const { token } = await signedInAccount(t);
    const name = 'ﬃ'.repeat(100);
    const group = await createGroup(t, token, { name, slug: undefined, regionId: region('lagos-ng').id });
    expect(group.name).toBe(name);
    expect(group.slug).toMatch(/^(ffi)+f?f?$/);
    expect(group.slug.length).toBeLessThanOrEqual(120);
  });

  describe('refusals', () => {
    let ada: Member;
    let bola: Member;
    let outsider: Member;
    let publicId: string;
    let hiddenId: string;

    beforeAll(async () => {
      ada = await signedInAccount(t);
      bola = await signedInAccount(t);
      outsider = await signedInAccount(t);
      publicId = (await createGroup(t, ada.token, { regionId: region('lagos-ng').id, joinPolicy: 'APPROVAL' })).id;
      hiddenId = (await createGroup(t, ada.token, { regionId: region('lagos-ng').id, visibility: 'UNLISTED' })).id;
      // Bola is a plain member of both (approved in the first).
      await join(t, bola.token, publicId);
      ok(await t.gql(APPROVE, { input: { groupId: publicId, accountId: bola.account.id } }, ada.token));
      await join(t, bola.token, hiddenId);
      // The outsider asked to join the public group.
      await join(t, outsider.token, publicId);
    });

    /** Every organizer mutation, with a valid input for the group. */
    const organizerCalls = (groupId: string) =>
      [
        ['updateGroup', UPDATE_GROUP, { id: groupId, name: 'Taken over' }],
        ['approveJoinRequest', APPROVE, { groupId, accountId: outsider.account.id }],
        ['declineJoinRequest', DECLINE, { groupId, accountId: outsider.account.id }],
        ['removeGroupMember', REMOVE_MEMBER, { groupId, accountId: ada.account.id }],
        ['addGroupOrganizer', ADD_ORGANIZER, { groupId, accountId: bola.account.id }],
        ['removeGroupOrganizer', REMOVE_ORGANIZER, { groupId, accountId: ada.account.id }],
      ] as const;

    it('refuses every group mutation to an anonymous caller (UNAUTHENTICATED), changing nothing', async () => {
      const calls = [
        ...organizerCalls(publicId),
        ['createGroup', CREATE_GROUP, { name: 'Anon', regionId: region('lagos-ng').id }],
        ['joinGroup', JOIN, { groupId: publicId }],
        ['leaveGroup', LEAVE, { groupId: publicId }],
      ] as const;
      for (const [name, document, input] of calls) {
        const res = await t.expectUnchanged(() => t.gql(document, { input }));
        expect({ name, code: res.errors?.[0].extensions?.code }).toEqual({ name, code: 'UNAUTHENTICATED' });
        expectError(res, 'UNAUTHENTICATED');
      }
    });

    it('refuses organizer mutations to a plain member (FORBIDDEN), changing nothing', async () => {
      for (const groupId of [publicId, hiddenId]) {
        for (const [name, document, input] of organizerCalls(groupId)) {
          const res = await t.expectUnchanged(() => t.gql(document, { input }, bola.token));
          expect({ name, groupId, code: res.errors?.[0].extensions?.code }).toEqual({ name, groupId, code: 'FORBIDDEN' });
          expectError(res, 'FORBIDDEN');
        }
      }
    });

    it('refuses organizer mutations to someone only asking to join (FORBIDDEN), changing nothing', async () => {
      for (const [name, document, input] of organizerCalls(publicId)) {
        const res = await t.expectUnchanged(() => t.gql(document, { input }, outsider.token));
        expect({ name, code: res.errors?.[0].extensions?.code }).toEqual({ name, code: 'FORBIDDEN' });
      }
    });

    it('answers NOT_FOUND to organizer mutations on an unlisted group the caller is not in, changing nothing', async () => {
      const stranger = await signedInAccount(t);
      for (const [name, document, input] of organizerCalls(hiddenId)) {
        const res = await t.expectUnchanged(() => t.gql(document, { input }, stranger.token));
        expect({ name, code: res.errors?.[0].extensions?.code }).toEqual({ name, code: 'NOT_FOUND' });
        expectError(res, 'NOT_FOUND');
      }
    });

    it('answers NOT_FOUND for an unknown group, changing nothing', async () => {
      for (const [name, document, input] of [
        ...organizerCalls(UNKNOWN_ID),
        ['joinGroup', JOIN, { groupId: UNKNOWN_ID }],
        ['leaveGroup', LEAVE, { groupId: UNKNOWN_ID }],
      ] as const) {
        const res = await t.expectUnchanged(() => t.gql(document, { input }, ada.token));
        expect({ name, code: res.errors?.[0].extensions?.code }).toEqual({ name, code: 'NOT_FOUND' });
      }
    });

    it('refuses invalid input with BAD_USER_INPUT and the field paths, changing nothing', async () => {
      const cases: [string, string, Record<string, unknown>, string[]][] = [
        [
          'createGroup',
          CREATE_GROUP,
          {
            name: '   ',
            slug: 'Not A Slug',
            description: 'x'.repeat(5001),
            regionId: NOT_UUID,
            meetingPlace: { lat: 91, lng: 0 },
            links: [{ label: '', url: 'ftp://example.org' }],
          },
          [
            'input.name',
            'input.slug',
            'input.description',
            'input.regionId',
            'input.meetingPlace.lat',
            'input.links.0.label',
            'input.links.0.url',
          ],
        ],
        ['createGroup', CREATE_GROUP, { name: 'Nowhere', regionId: UNKNOWN_ID }, ['input.regionId']],
        ['createGroup', CREATE_GROUP, { name: '!!!', regionId: region('lagos-ng').id }, ['input.slug']],
        [
          'createGroup',
          CREATE_GROUP,
          {
            name: 'Many links',
            regionId: region('lagos-ng').id,
            links: Array.from({ length: 11 }, () => ({ label: 'L', url: 'https://x.example.org' })),
          },
          ['input.links'],
        ],
        [
          'updateGroup',
          UPDATE_GROUP,
          { id: publicId, name: '', slug: '-bad-', meetingPlace: { lat: 0, lng: 181 } },
          ['input.name', 'input.slug', 'input.meetingPlace.lng'],
        ],
        ['updateGroup', UPDATE_GROUP, { id: NOT_UUID }, ['input.id']],
        ['updateGroup', UPDATE_GROUP, { id: publicId, regionId: UNKNOWN_ID }, ['input.regionId']],
        ['updateGroup', UPDATE_GROUP, { id: publicId, expectedVersion: 0 }, ['input.expectedVersion']],
        ['joinGroup', JOIN, { groupId: NOT_UUID }, ['input.groupId']],
        ['leaveGroup', LEAVE, { groupId: NOT_UUID }, ['input.groupId']],
        ['approveJoinRequest', APPROVE, { groupId: publicId, accountId: NOT_UUID }, ['input.accountId']],
        ['declineJoinRequest', DECLINE, { groupId: NOT_UUID, accountId: NOT_UUID }, ['input.groupId', 'input.accountId']],
        ['removeGroupMember', REMOVE_MEMBER, { groupId: NOT_UUID, accountId: bola.account.id }, ['input.groupId']],
        ['addGroupOrganizer', ADD_ORGANIZER, { groupId: publicId, accountId: NOT_UUID }, ['input.accountId']],
        ['removeGroupOrganizer', REMOVE_ORGANIZER, { groupId: publicId, accountId: NOT_UUID }, ['input.accountId']],
      ];
      for (const [name, document, input, paths] of cases) {
        const res = await t.expectUnchanged(() => t.gql(document, { input }, ada.token));
        expect({ name, input, code: res.errors?.[0].extensions?.code }).toEqual({ name, input, code: 'BAD_USER_INPUT' });
        expectError(res, 'BAD_USER_INPUT', paths);
      }
    });

    it('refuses a group in a region without a centre and no meeting place (BAD_USER_INPUT), changing nothing', async () => {
      const bare = await createRegion(t.em(), { latitude: null, longitude: null });
      const res = await t.expectUnchanged(() => t.gql(CREATE_GROUP, { input: { name: 'No centre', regionId: bare.id } }, ada.token));
      expectError(res, 'BAD_USER_INPUT', ['input.meetingPlace']);
      // With a meeting place it is fine.
      const placed = ok(
        await t.gql(CREATE_GROUP, { input: { name: 'Has a place', regionId: bare.id, meetingPlace: { lat: 1.5, lng: 2.5 } } }, ada.token),
      ).createGroup.group;
      expect(placed).toMatchObject({ meetingPlace: { lat: 1.5, lng: 2.5 }, location: { lat: 1.5, lng: 2.5 } });
    });
  });

  describe('members with private profiles', () => {
    it('shows a private member as "A member" with no id, except to the group’s organizers, admins and themselves', async () => {
      const ada = await signedInAccount(t, { displayName: 'Ada Public', publicProfile: true });
      const shy = await signedInAccount(t, { displayName: 'Shy Person', publicProfile: false });
      const peer = await signedInAccount(t, { displayName: 'Peer Member', publicProfile: true });
      const admin = await signedInAccount(t, { role: AccountRole.ADMIN });
      const group = await createGroup(t, ada.token, { regionId: region('lagos-ng').id });
      await join(t, shy.token, group.id);
      await join(t, peer.token, group.id);
      // Shy becomes an organizer too, to check the organizers list.
      ok(await t.gql(ADD_ORGANIZER, { input: { groupId: group.id, accountId: shy.account.id } }, ada.token));

      const shyOf = (data: any) => ({
        member: data.group.members.edges.map((e: any) => e.node).find((n: any) => n.role === 'ORGANIZER' && n.displayName !== 'Ada Public'),
        organizer: data.group.organizers.find((o: any) => o.displayName !== 'Ada Public'),
      });
      const hidden = { accountId: null, displayName: 'A member' };
      const shown = { accountId: shy.account.id, displayName: 'Shy Person' };

      for (const [who, token] of [
        ['anonymous', undefined],
        ['a member', peer.token],
      ] as const) {
        const seen = shyOf(ok(await t.gql(MEMBERS_OF, { slug: group.slug }, token)));
        expect({ who, ...seen }).toEqual({ who, member: expect.objectContaining(hidden), organizer: expect.objectContaining(hidden) });
      }
      for (const [who, token] of [
        ['an organizer', ada.token],
        ['an admin', admin.token],
        ['themselves', shy.token],
      ] as const) {
        const seen = shyOf(ok(await t.gql(MEMBERS_OF, { slug: group.slug }, token)));
        expect({ who, ...seen }).toEqual({ who, member: expect.objectContaining(shown), organizer: expect.objectContaining(shown) });
      }
      // Public profiles show to everyone.
      const anonymous = ok(await t.gql(MEMBERS_OF, { slug: group.slug })).group.members.edges.map((e: any) => e.node);
      expect(anonymous).toContainEqual(expect.objectContaining({ accountId: peer.account.id, displayName: 'Peer Member' }));

      // Nor does the id travel in the list's cursors, walked a member at a time.
      const walked: string[] = [];
      let after: string | null = null;
      do {
        const page: any = ok(
          await t.gql(
            `query ($slug: String!, $after: String) { group(slug: $slug) { members(first: 1, after: $after) { edges { cursor node { displayName } } pageInfo { endCursor hasNextPage } } } }`,
            { slug: group.slug, after },
          ),
        ).group.members;
        walked.push(...page.edges.map((edge: any) => edge.node.displayName as string));
        for (const cursor of [...page.edges.map((edge: any) => edge.cursor as string), page.pageInfo.endCursor as string]) {
          expect(Buffer.from(cursor, 'base64url').toString('utf8')).not.toContain(shy.account.id);
        }
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(walked.sort()).toEqual(['A member', 'Ada Public', 'Peer Member']);
    });
  });

  describe('events keep their group', () => {
    it('shows upcoming events on the group, soonest first', async () => {
      const ada = await signedInAccount(t);
      const group = await createGroup(t, ada.token, { regionId: region('lagos-ng').id });
      const later = await createEvent(t, ada.token, {
        groupId: group.id,
        title: 'Later',
        startsAt: new Date(Date.now() + 9 * 86400e3).toISOString(),
        endsAt: new Date(Date.now() + 9 * 86400e3 + 3600e3).toISOString(),
      });
      const sooner = await createEvent(t, ada.token, { groupId: group.id, title: 'Sooner' });
      const res = ok(await t.gql(`query ($slug: String!) { group(slug: $slug) { upcomingEvents { id title } } }`, { slug: group.slug }));
      expect(res.group.upcomingEvents).toEqual([
        { id: sooner.id, title: 'Sooner' },
        { id: later.id, title: 'Later' },
      ]);
    });
  });
});
