/**
 * Shared by the groups/*.e2e-spec.ts files: GraphQL documents, error assertions and small helpers
 * that create groups and events through the API (the way members do).
 */
import { TestApp } from '../../utils/test-app';
import { sql } from '../../utils/graphql-assertions';

export { expectError, expectOk as ok, sql } from '../../utils/graphql-assertions';

export const GROUP_FIELDS = `id slug name description visibility joinPolicy memberCount version createdAt
  links { label url } region { id slug } meetingPlace { lat lng } location { lat lng }
  viewerMembership viewerRole viewerCan { organize join leave }`;

export const EVENT_FIELDS = `id title description startsAt endsAt timeZone onlineUrl capacity status cancelReason version
  goingCount waitlistCount viewerRsvp group { id slug } venue { id name } region { id slug } location { lat lng }`;

export const GROUP = `query ($id: ID, $slug: String) { group(id: $id, slug: $slug) { ${GROUP_FIELDS} } }`;
export const GROUPS = `query ($first: Int!, $after: String, $filter: GroupFilter, $orderBy: GroupOrder) {
  groups(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id slug name memberCount createdAt } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;
export const MY_GROUPS = `query ($first: Int!, $after: String) {
  myGroups(first: $first, after: $after) { edges { node { id slug viewerMembership viewerRole } } pageInfo { hasNextPage endCursor } }
}`;
export const EVENT = `query ($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`;
export const EVENTS = `query ($first: Int!, $after: String, $filter: EventFilter) {
  events(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { id title startsAt status group { id } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

export const CREATE_GROUP = `mutation ($input: CreateGroupInput!) { createGroup(input: $input) { group { ${GROUP_FIELDS} } } }`;
export const UPDATE_GROUP = `mutation ($input: UpdateGroupInput!) { updateGroup(input: $input) { group { ${GROUP_FIELDS} } } }`;
export const JOIN = `mutation ($input: GroupIdInput!) { joinGroup(input: $input) { status group { id memberCount viewerMembership } } }`;
export const LEAVE = `mutation ($input: GroupIdInput!) { leaveGroup(input: $input) { groupId } }`;
export const APPROVE = `mutation ($input: GroupMemberInput!) { approveJoinRequest(input: $input) { group { id memberCount } } }`;
export const DECLINE = `mutation ($input: GroupMemberInput!) { declineJoinRequest(input: $input) { group { id memberCount } } }`;
export const REMOVE_MEMBER = `mutation ($input: GroupMemberInput!) { removeGroupMember(input: $input) { group { id memberCount } } }`;
export const ADD_ORGANIZER = `mutation ($input: GroupMemberInput!) {
  addGroupOrganizer(input: $input) { group { id memberCount organizers { accountId displayName role status } } }
}`;
export const REMOVE_ORGANIZER = `mutation ($input: GroupMemberInput!) {
  removeGroupOrganizer(input: $input) { group { id memberCount organizers { accountId displayName role status } } }
}`;
export const CREATE_EVENT = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { ${EVENT_FIELDS} } } }`;
export const UPDATE_EVENT = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { ${EVENT_FIELDS} } } }`;
export const CANCEL_EVENT = `mutation ($input: CancelEventInput!) { cancelEvent(input: $input) { event { ${EVENT_FIELDS} } } }`;
export const RSVP = `mutation ($input: RsvpInput!) {
  rsvp(input: $input) { rsvp { status respondedAt } event { id goingCount waitlistCount viewerRsvp } }
}`;

export const EXPORT = `{ exportMyData { data } }`;
export const DELETE_ACCOUNT = `mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { deletedAccountId } }`;

export const NOT_UUID = 'not-a-uuid';
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const HOUR = 3600 * 1000;

/** An instant `days` days (and `hours` hours) from now, ISO-8601, whole seconds. */
export function fromNow(days: number, hours = 0): string {
  const at = new Date(Date.now() + days * 24 * HOUR + hours * HOUR);
  at.setUTCMilliseconds(0);
  return at.toISOString();
}

/** Active memberships of a group, counted in the database. */
export async function activeMembers(t: TestApp, groupId: string): Promise<number> {
  const [row] = await sql(t, `SELECT count(*)::int AS n FROM group_membership WHERE group_id = ? AND status = 'ACTIVE'`, [groupId]);
  return row.n;
}

/** `member_count` as stored. */
export async function storedMemberCount(t: TestApp, groupId: string): Promise<number> {
  const [row] = await sql(t, 'SELECT member_count FROM community_group WHERE id = ?', [groupId]);
  return row.member_count;
}

/** Asserts that `member_count` is what it should be and equals the active memberships in the database. */
export async function expectMemberCount(t: TestApp, groupId: string, expected: number): Promise<void> {
  expect({ stored: await storedMemberCount(t, groupId), active: await activeMembers(t, groupId) }).toEqual({
    stored: expected,
    active: expected,
  });
}

export async function rsvpStatuses(t: TestApp, eventId: string): Promise<Record<string, number>> {
  const rows = await sql(t, 'SELECT status, count(*)::int AS n FROM rsvp WHERE event_id = ? GROUP BY status', [eventId]);
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

let slugCounter = 0;
/** A slug unique within the run of a file. */
export function uniqueSlug(prefix = 'group'): string {
  slugCounter += 1;
  return `${prefix}-${process.pid}-${slugCounter}`;
}

/** Creates a group through the API as `token`; returns it. */
export async function createGroup(t: TestApp, token: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await t.gql(CREATE_GROUP, { input: { name: 'A group', slug: uniqueSlug(), ...input } }, token);
  if (res.errors) throw new Error(`createGroup failed: ${JSON.stringify(res.errors)}`);
  return res.data!.createGroup.group;
}

/** Creates an event through the API as `token`; returns it. Online by default, starting in 7 days for 2 hours. */
export async function createEvent(t: TestApp, token: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await t.gql(
    CREATE_EVENT,
    { input: { title: 'Meetup', startsAt: fromNow(7), endsAt: fromNow(7, 2), onlineUrl: 'https://meet.example.org/room', ...input } },
    token,
  );
  if (res.errors) throw new Error(`createEvent failed: ${JSON.stringify(res.errors)}`);
  return res.data!.createEvent.event;
}

/** Joins a group through the API; returns the membership status. */
export async function join(t: TestApp, token: string, groupId: string): Promise<string> {
  const res = await t.gql(JOIN, { input: { groupId } }, token);
  if (res.errors) throw new Error(`joinGroup failed: ${JSON.stringify(res.errors)}`);
  return res.data!.joinGroup.status;
}

/** Answers an event through the API; returns the recorded status. */
export async function rsvp(t: TestApp, token: string, eventId: string, status: 'GOING' | 'NOT_GOING'): Promise<string> {
  const res = await t.gql(RSVP, { input: { eventId, status } }, token);
  if (res.errors) throw new Error(`rsvp failed: ${JSON.stringify(res.errors)}`);
  return res.data!.rsvp.rsvp.status;
}

/** Moves an event into the past (or to any times) directly in the database: the API refuses past starts. */
export async function setEventTimes(t: TestApp, eventId: string, startsAt: Date, endsAt: Date): Promise<void> {
  await sql(t, 'UPDATE event SET starts_at = ?, ends_at = ? WHERE id = ?', [startsAt, endsAt, eventId]);
}
