import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '../../core/context/request-context';
import { BadUserInputError, NotFoundError } from '../../core/errors/domain-errors';
import { ConnectionArgs } from '../../core/pagination/connection.args';
import { Connection } from '../../core/pagination/connection.types';
import { KeysetOrder, orderByClause, SqlFragment } from '../../core/pagination/keyset';
import { and, PageQuery, paginate, sqlRunner, toConnection } from '../../core/pagination/paginate';
import { containsPattern, RegionsService } from '../regions/regions.service';
import { EventsArgs, GroupOrder, GroupsArgs, PlaceFilter } from './dto/group.args';
import { EventStatus } from './event.entity';
import { GroupRole, MembershipStatus } from './group-membership.entity';
import { GroupVisibility } from './group.entity';
import {
  EVENT_COLUMNS,
  EventRecord,
  eventRecordFromRow,
  GROUP_COLUMNS,
  GroupMemberRecord,
  GroupRecord,
  groupRecordFromRow,
  memberRecordFromRow,
  RsvpCounts,
} from './group.records';
import { RsvpStatus } from './rsvp.entity';

// Keys name the columns of the page's sub-select (see groupPage).
const groupId = (direction: 'asc' | 'desc') => ({ sql: 'page.id', direction, type: 'uuid', value: (g: GroupRecord) => g.id }) as const;

const GROUP_ORDERS = {
  [GroupOrder.RELEVANCE]: {
    name: 'relevance',
    keys: [{ sql: 'page.rank', direction: 'desc', type: 'number', value: (g) => g.rank ?? 0 }, groupId('asc')],
  },
  [GroupOrder.MEMBER_COUNT]: {
    name: 'members',
    keys: [{ sql: 'page."memberCount"', direction: 'desc', type: 'number', value: (g) => g.memberCount }, groupId('asc')],
  },
  [GroupOrder.NEWEST]: {
    name: 'newest',
    keys: [{ sql: 'page."createdAt"', direction: 'desc', type: 'instant', value: (g) => g.createdAt.toISOString() }, groupId('desc')],
  },
  [GroupOrder.NEXT_EVENT]: {
    name: 'next-event',
    keys: [{ sql: 'page.next_event_ms', direction: 'asc', type: 'number', value: (g) => g.nextEventMillis ?? 0 }, groupId('asc')],
  },
} satisfies Record<GroupOrder, KeysetOrder<GroupRecord>>;

const BY_START: KeysetOrder<EventRecord> = {
  name: 'start',
  keys: [
    { sql: 'e.starts_at', direction: 'asc', type: 'instant', value: (e) => e.startsAt.toISOString() },
    { sql: 'e.id', direction: 'asc', type: 'uuid', value: (e) => e.id },
  ],
};

/** See {@link GroupMemberRecord.cursorKey}. */
const MEMBER_CURSOR_KEY = "md5(m.group_id::text || '/' || m.account_id::text)";

const MEMBERS_BY_NAME: KeysetOrder<GroupMemberRecord> = {
  name: 'members',
  keys: [
    { sql: 'm.role', direction: 'asc', type: Object.values(GroupRole), value: (m) => m.role },
    { sql: "date_trunc('milliseconds', m.created_at)", direction: 'asc', type: 'instant', value: (m) => m.createdAt.toISOString() },
    { sql: MEMBER_CURSOR_KEY, direction: 'asc', type: 'string', value: (m) => m.cursorKey },
  ],
};

/** A group never listed counts as upcoming "never" in NEXT_EVENT order: after every real date. */
const NO_NEXT_EVENT = 9e15;

/** Event `e` belongs to a public group. Lists show only those: unlisted groups are reached by their own link. */
const OF_PUBLIC_GROUP = `EXISTS (SELECT 1 FROM community_group lg WHERE lg.id = e.group_id AND lg.visibility = '${GroupVisibility.PUBLIC}')`;

const groupsById = Symbol('groups by id');
const upcomingByGroup = Symbol('upcoming events by group');
const upcomingByVenue = Symbol('upcoming events by venue');
const rsvpCountsByEvent = Symbol('rsvp counts by event');
const organizersByGroup = Symbol('organizers by group');
const firstMembersByGroup = Symbol('first page of members by group');
const memberCountsByGroup = Symbol('member counts by group');

/** Reads groups and events for the API, as plain rows; relations load in per-request batches. */
@Injectable()
export class GroupsReader {
  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionsService,
  ) {}

  private readonly run = sqlRunner(this.em);

  /** Public groups (unlisted ones are never listed), filtered and ordered. */
  async search(ctx: RequestContext, args: GroupsArgs): Promise<Connection<GroupRecord>> {
    const filter = args.filter ?? {};
    const orderBy = args.orderBy ?? (filter.text ? GroupOrder.RELEVANCE : GroupOrder.MEMBER_COUNT);
    if (orderBy === GroupOrder.RELEVANCE && !filter.text) throw BadUserInputError.field('orderBy', 'RELEVANCE needs filter.text');
    const where: SqlFragment[] = [{ sql: `g.visibility = '${GroupVisibility.PUBLIC}'`, params: [] }, ...placeConditions(filter, 'g')];
    const computed: string[] = [];
    const computedParams: unknown[] = [];
    if (filter.text) {
      const pattern = containsPattern(filter.text);
      where.push({
        sql: 'hometown_unaccent(?) <% hometown_unaccent(g.name) OR hometown_unaccent(g.name) ILIKE hometown_unaccent(?) OR hometown_unaccent(g.description) ILIKE hometown_unaccent(?)',
        params: [filter.text, pattern, pattern],
      });
      computed.push(
        '(word_similarity(hometown_unaccent(?), hometown_unaccent(g.name)) + CASE WHEN hometown_unaccent(g.name) ILIKE hometown_unaccent(?) THEN 1 ELSE 0 END)::float8 AS rank',
      );
      computedParams.push(filter.text, pattern);
    }
    if (orderBy === GroupOrder.NEXT_EVENT) {
      computed.push(
        `coalesce((SELECT (extract(epoch FROM min(ne.starts_at)) * 1000)::float8 FROM event ne WHERE ne.group_id = g.id AND ne.status = '${EventStatus.SCHEDULED}' AND ne.starts_at > now()), ${NO_NEXT_EVENT}) AS next_event_ms`,
      );
    }
    return this.groupPage(ctx, where, computed, computedParams, GROUP_ORDERS[orderBy], args, filter.regionId ?? undefined);
  }

  /** The groups the viewer is in (or asked to join), by name. */
  myGroups(ctx: RequestContext, args: ConnectionArgs): Promise<Connection<GroupRecord>> {
    const mine = {
      sql: 'EXISTS (SELECT 1 FROM group_membership mm WHERE mm.group_id = g.id AND mm.account_id = ?)',
      params: [ctx.requireViewer().account.id],
    };
    return this.groupPage(ctx, [mine], [], [], GROUP_ORDERS[GroupOrder.NEWEST], args);
  }

  /** A group by id or slug; unlisted groups are reachable this way. */
  async findGroup(ctx: RequestContext, lookup: { id?: string; slug?: string }): Promise<GroupRecord> {
    if ((lookup.id === undefined) === (lookup.slug === undefined)) {
      throw new BadUserInputError([{ path: 'id', message: 'give exactly one of id and slug' }]);
    }
    const [row] = await this.run(
      `SELECT ${GROUP_COLUMNS}, ${this.viewerColumns(ctx)} FROM community_group g WHERE ${lookup.id ? 'g.id' : 'g.slug'} = ?`,
      [...this.viewerParams(ctx), lookup.id ?? lookup.slug],
    );
    if (!row) throw new NotFoundError('Group');
    return groupRecordFromRow(row);
  }

  groupById(ctx: RequestContext, id: string): Promise<GroupRecord | null> {
    const loader = ctx.loader(
      groupsById,
      () =>
        new DataLoader<string, GroupRecord | null>(async (ids) => {
          const rows = (
            await this.run(`SELECT ${GROUP_COLUMNS}, ${this.viewerColumns(ctx)} FROM community_group g WHERE g.id IN (?)`, [
              ...this.viewerParams(ctx),
              ids,
            ])
          ).map(groupRecordFromRow);
          return ids.map((key) => rows.find((row) => row.id === key) ?? null);
        }),
    );
    return loader.load(id);
  }

  /** Events, by start; those of unlisted groups only when asking for that group. */
  async events(ctx: RequestContext, args: EventsArgs): Promise<Connection<EventRecord>> {
    const filter = args.filter ?? {};
    const where: SqlFragment[] = [...placeConditions(filter, 'e')];
    if (filter.groupId) where.push({ sql: 'e.group_id = ?', params: [filter.groupId] });
    else where.push({ sql: OF_PUBLIC_GROUP, params: [] });
    if (filter.venueId) where.push({ sql: 'e.venue_id = ?', params: [filter.venueId] });
    // Upcoming by default: events that have not ended.
    where.push(filter.from ? { sql: 'e.starts_at >= ?', params: [filter.from] } : { sql: 'e.ends_at > now()', params: [] });
    if (filter.to) where.push({ sql: 'e.starts_at < ?', params: [filter.to] });
    const query = (conditions: SqlFragment[]): PageQuery<EventRecord> => ({
      select: EVENT_COLUMNS,
      from: 'event e',
      where: conditions,
      order: BY_START,
    });
    if (!filter.regionId) return paginate(this.run, query(where), args, eventRecordFromRow);
    return this.regions.pageWithin(
      ctx,
      filter.regionId,
      'filter.regionId',
      'e.region_id',
      (within) => query([...where, within]),
      args,
      eventRecordFromRow,
    );
  }

  async findEvent(id: string): Promise<EventRecord> {
    const [row] = await this.run(`SELECT ${EVENT_COLUMNS} FROM event e WHERE e.id = ?`, [id]);
    if (!row) throw new NotFoundError('Event');
    return eventRecordFromRow(row);
  }

  /** The next events (not yet ended) of a group; all groups asked for in a request in one windowed query. */
  upcomingOfGroup(ctx: RequestContext, group: string, first: number): Promise<EventRecord[]> {
    return this.windowed(ctx, upcomingByGroup, 'group_id', group, first);
  }

  /** The next events held at a venue, batched like {@link upcomingOfGroup}. */
  upcomingAtVenue(ctx: RequestContext, venue: string, first: number): Promise<EventRecord[]> {
    return this.windowed(ctx, upcomingByVenue, 'venue_id', venue, first);
  }

  /** Going and waitlisted counts of an event, and the viewer's answer; batched per request. */
  rsvpCounts(ctx: RequestContext, eventId: string): Promise<RsvpCounts> {
    const viewerId = ctx.viewer?.account.id ?? null;
    const loader = ctx.loader(
      rsvpCountsByEvent,
      () =>
        new DataLoader<string, RsvpCounts>(async (ids) => {
          const rows = await this.run<{ event_id: string; going: string; waitlisted: string; viewer_status: RsvpStatus | null }>(
            `SELECT r.event_id,
                    count(*) FILTER (WHERE r.status = '${RsvpStatus.GOING}') AS going,
                    count(*) FILTER (WHERE r.status = '${RsvpStatus.WAITLISTED}') AS waitlisted,
                    max(r.status::text) FILTER (WHERE r.account_id = ?) AS viewer_status
             FROM rsvp r WHERE r.event_id IN (?) GROUP BY r.event_id`,
            [viewerId ?? '00000000-0000-0000-0000-000000000000', ids],
          );
          return ids.map((id) => {
            const row = rows.find((candidate) => candidate.event_id === id);
            return { going: Number(row?.going ?? 0), waitlisted: Number(row?.waitlisted ?? 0), viewerStatus: row?.viewer_status ?? null };
          });
        }),
    );
    return loader.load(eventId);
  }

  /** Active organizers of a group, batched per request. */
  organizers(ctx: RequestContext, id: string): Promise<GroupMemberRecord[]> {
    const loader = ctx.loader(
      organizersByGroup,
      () =>
        new DataLoader<string, GroupMemberRecord[]>(async (ids) => {
          const rows = await this.run(
            `SELECT m.group_id AS "groupId", ${MEMBER_COLUMNS} FROM group_membership m JOIN account a ON a.id = m.account_id
             WHERE m.group_id IN (?) AND m.role = 'ORGANIZER' AND m.status = 'ACTIVE' ORDER BY m.created_at, m.account_id`,
            [ids],
          );
          return ids.map((key) => rows.filter((row) => row.groupId === key).map(memberRecordFromRow));
        }),
    );
    return loader.load(id);
  }

  /**
   * Members of a group (or its pending join requests), organizers first. The first page of every
   * group a request lists is read in one statement (and their counts, when asked, in another);
   * a later page (`after`) is read on its own.
   */
  async members(
    ctx: RequestContext,
    groupKey: string,
    status: MembershipStatus,
    args: ConnectionArgs,
  ): Promise<Connection<GroupMemberRecord>> {
    if (args.after) return this.memberPage(groupKey, status, args);
    const rows = await this.firstMembers(ctx).load({ groupId: groupKey, status, first: args.first });
    return toConnection(rows.slice(0, args.first), rows.length > args.first, false, MEMBERS_BY_NAME, () =>
      this.memberCounts(ctx).load(`${groupKey}|${status}`),
    );
  }

  private firstMembers(
    ctx: RequestContext,
  ): DataLoader<{ groupId: string; status: MembershipStatus; first: number }, GroupMemberRecord[], string> {
    return ctx.loader(
      firstMembersByGroup,
      () =>
        new DataLoader<{ groupId: string; status: MembershipStatus; first: number }, GroupMemberRecord[], string>(
          async (keys) => {
            const results = new Map<string, GroupMemberRecord[]>();
            const pages = new Map(keys.map((k) => [`${k.status}|${k.first}`, { status: k.status, first: k.first }]));
            for (const { status, first } of pages.values()) {
              const ids = keys.filter((k) => k.status === status && k.first === first).map((k) => k.groupId);
              const rows = await this.run(
                `SELECT * FROM (
                   SELECT m.group_id AS "groupId", ${MEMBER_COLUMNS},
                          row_number() OVER (PARTITION BY m.group_id ORDER BY ${orderByClause(MEMBERS_BY_NAME)}) AS place
                   FROM group_membership m JOIN account a ON a.id = m.account_id
                   WHERE m.group_id IN (?) AND m.status = ?
                 ) page WHERE place <= ? ORDER BY place`,
                [ids, status, first + 1],
              );
              for (const id of ids)
                results.set(`${id}|${status}|${first}`, rows.filter((row) => row.groupId === id).map(memberRecordFromRow));
            }
            return keys.map((k) => results.get(`${k.groupId}|${k.status}|${k.first}`) ?? []);
          },
          { cacheKeyFn: (k) => `${k.groupId}|${k.status}|${k.first}` },
        ),
    );
  }

  private memberCounts(ctx: RequestContext): DataLoader<string, number> {
    return ctx.loader(
      memberCountsByGroup,
      () =>
        new DataLoader<string, number>(async (keys) => {
          const pairs = keys.map((key) => key.split('|') as [string, MembershipStatus]);
          const rows = await this.run<{ group_id: string; status: string; count: string | number }>(
            `SELECT m.group_id, m.status, count(*) AS count FROM group_membership m
             WHERE m.group_id IN (?) AND m.status IN (?) GROUP BY m.group_id, m.status`,
            [[...new Set(pairs.map(([id]) => id))], [...new Set(pairs.map(([, status]) => status))]],
          );
          const counts = new Map(rows.map((row) => [`${row.group_id}|${row.status}`, Number(row.count)]));
          return keys.map((key) => counts.get(key) ?? 0);
        }),
    );
  }

  private memberPage(groupKey: string, status: MembershipStatus, args: ConnectionArgs): Promise<Connection<GroupMemberRecord>> {
    return paginate(
      this.run,
      {
        select: MEMBER_COLUMNS,
        from: 'group_membership m JOIN account a ON a.id = m.account_id',
        where: [{ sql: 'm.group_id = ? AND m.status = ?', params: [groupKey, status] }],
        order: MEMBERS_BY_NAME,
      },
      args,
      memberRecordFromRow,
    );
  }

  private async windowed(
    ctx: RequestContext,
    key: symbol,
    column: 'group_id' | 'venue_id',
    id: string,
    first: number,
  ): Promise<EventRecord[]> {
    const loader = ctx.loader(
      key,
      () =>
        new DataLoader<{ id: string; first: number }, EventRecord[], string>(
          async (keys) => {
            const results = new Map<string, EventRecord[]>();
            for (const size of new Set(keys.map((k) => k.first))) {
              const ids = keys.filter((k) => k.first === size).map((k) => k.id);
              const rows = await this.run(
                `SELECT * FROM (
                   SELECT ${EVENT_COLUMNS}, e.${column} AS parent, row_number() OVER (PARTITION BY e.${column} ORDER BY e.starts_at, e.id) AS place
                   FROM event e WHERE e.${column} IN (?) AND e.ends_at > now()${column === 'venue_id' ? ` AND ${OF_PUBLIC_GROUP}` : ''}
                 ) upcoming WHERE place <= ? ORDER BY place`,
                [ids, size],
              );
              for (const parent of ids)
                results.set(`${parent}|${size}`, rows.filter((row) => row.parent === parent).map(eventRecordFromRow));
            }
            return keys.map((k) => results.get(`${k.id}|${k.first}`) ?? []);
          },
          { cacheKeyFn: (k) => `${k.id}|${k.first}` },
        ),
    );
    return loader.load({ id, first });
  }

  /** A page of groups: the filtered rows with their computed columns in a sub-select the ordering can name. */
  private groupPage(
    ctx: RequestContext,
    where: SqlFragment[],
    computed: string[],
    computedParams: unknown[],
    order: KeysetOrder<GroupRecord>,
    args: ConnectionArgs,
    /** Only groups in this region's subtree (checked against the region tree, RegionsService.pageWithin). */
    regionId?: string,
  ): Promise<Connection<GroupRecord>> {
    const query = (conditions: SqlFragment[]): PageQuery<GroupRecord> => ({
      select: '*',
      from: `(SELECT ${[GROUP_COLUMNS, this.viewerColumns(ctx), ...computed].join(', ')} FROM community_group g WHERE ${and(conditions).sql}) page`,
      fromParams: [...this.viewerParams(ctx), ...computedParams, ...and(conditions).params],
      where: [],
      order,
    });
    const toNode = (row: Record<string, unknown>): GroupRecord => {
      const { rank, next_event_ms: next, ...rest } = row;
      return {
        ...groupRecordFromRow(rest),
        rank: rank === undefined ? undefined : Number(rank),
        nextEventMillis: next === undefined ? undefined : Number(next),
      };
    };
    if (!regionId) return paginate(this.run, query(where), args, toNode);
    return this.regions.pageWithin(ctx, regionId, 'filter.regionId', 'g.region_id', (within) => query([...where, within]), args, toNode);
  }

  private viewerColumns(ctx: RequestContext): string {
    return ctx.viewer
      ? `(SELECT vm.role FROM group_membership vm WHERE vm.group_id = g.id AND vm.account_id = ?) AS "viewerRole",
         (SELECT vm.status FROM group_membership vm WHERE vm.group_id = g.id AND vm.account_id = ?) AS "viewerStatus"`
      : 'NULL AS "viewerRole", NULL AS "viewerStatus"';
  }

  private viewerParams(ctx: RequestContext): unknown[] {
    return ctx.viewer ? [ctx.viewer.account.id, ctx.viewer.account.id] : [];
  }
}

const MEMBER_COLUMNS = `m.account_id AS "accountId", a.display_name AS "displayName", a.public_profile AS "publicProfile", m.role, m.status,
  m.created_at AS "createdAt", ${MEMBER_CURSOR_KEY} AS "cursorKey"`;

/** `near` and `bbox` on a table aliased `alias` with latitude/longitude columns. */
function placeConditions(filter: PlaceFilter, alias: string): SqlFragment[] {
  const where: SqlFragment[] = [];
  if (filter.near) {
    const { lat, lng, radiusKm } = filter.near;
    where.push({
      sql: `earth_box(ll_to_earth(?, ?), ?) @> ll_to_earth(${alias}.latitude, ${alias}.longitude) AND earth_distance(ll_to_earth(?, ?), ll_to_earth(${alias}.latitude, ${alias}.longitude)) <= ?`,
      params: [lat, lng, radiusKm * 1000, lat, lng, radiusKm * 1000],
    });
  }
  if (filter.bbox) {
    const { north, south, east, west } = filter.bbox;
    if (south > north) throw BadUserInputError.field('filter.bbox.south', 'must not be north of filter.bbox.north');
    const longitude = west <= east ? `${alias}.longitude BETWEEN ? AND ?` : `(${alias}.longitude >= ? OR ${alias}.longitude <= ?)`;
    where.push({ sql: `${alias}.latitude BETWEEN ? AND ? AND ${longitude}`, params: [south, north, west, east] });
  }
  return where;
}
