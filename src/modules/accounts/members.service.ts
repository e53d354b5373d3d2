import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '../../core/context/request-context';
import { Connection } from '../../core/pagination/connection.types';
import { KeysetOrder, SqlFragment } from '../../core/pagination/keyset';
import { PageQuery, paginate, sqlRunner } from '../../core/pagination/paginate';
import { containsPattern, RegionsService } from '../regions/regions.service';
import { Account } from './account.entity';
import { AccountsArgs, MembersArgs } from './dto/members.args';

const BY_NAME: KeysetOrder<Account> = {
  name: 'name',
  keys: [
    { sql: 'a.display_name', direction: 'asc', type: 'string', value: (a) => a.displayName },
    { sql: 'a.id', direction: 'asc', type: 'uuid', value: (a) => a.id },
  ],
};

const BY_EMAIL: KeysetOrder<Account> = {
  name: 'email',
  keys: [
    { sql: 'a.email', direction: 'asc', type: 'string', value: (a) => a.email ?? '' },
    { sql: 'a.id', direction: 'asc', type: 'uuid', value: (a) => a.id },
  ],
};

const memberCounts = Symbol('region member counts');

/** The members directory (public profiles only) and member counts per region. */
@Injectable()
export class MembersService {
  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionsService,
  ) {}

  private readonly run = sqlRunner(this.em);

  /** Members with a public profile, by name; private members never appear. */
  list(ctx: RequestContext, args: MembersArgs): Promise<Connection<Account>> {
    const where: SqlFragment[] = [{ sql: 'a.public_profile AND a.deleted_at IS NULL', params: [] }];
    if (args.filter?.text) where.push({ sql: 'a.display_name ILIKE ?', params: [containsPattern(args.filter.text)] });
    const query = (conditions: SqlFragment[]): PageQuery<Account> => ({
      select: 'a.*',
      from: 'account a',
      where: conditions,
      order: BY_NAME,
    });
    const toNode = (row: Record<string, unknown>) => this.em.map(Account, row);
    const regionId = args.filter?.regionId;
    if (!regionId) return paginate(this.run, query(where), args, toNode);
    return this.regions.pageWithin(
      ctx,
      regionId,
      'filter.regionId',
      'a.home_region_id',
      (within) => query([...where, within]),
      args,
      toNode,
    );
  }

  /** Every live account, by e-mail, for admins. */
  async listAccounts(args: AccountsArgs): Promise<Connection<Account>> {
    const where: SqlFragment[] = [{ sql: 'a.deleted_at IS NULL', params: [] }];
    if (args.filter?.text) {
      const pattern = containsPattern(args.filter.text);
      where.push({ sql: 'a.email ILIKE ? OR a.display_name ILIKE ?', params: [pattern, pattern] });
    }
    if (args.filter?.role) where.push({ sql: 'a.role = ?', params: [args.filter.role] });
    return paginate(this.run, { select: 'a.*', from: 'account a', where, order: BY_EMAIL }, args, (row) => this.em.map(Account, row));
  }

  /** Everyone whose home is in the region or below it, public or not; batched per request. */
  memberCount(ctx: RequestContext, regionId: string): Promise<number> {
    const loader = ctx.loader(
      memberCounts,
      () =>
        new DataLoader<string, number>(async (regionIds) => {
          const rows = await this.run<{ id: string; members: string }>(
            `SELECT r.id, count(a.id) AS members
             FROM region r
             JOIN region hr ON hr.path LIKE r.path || '%'
             JOIN account a ON a.home_region_id = hr.id AND a.deleted_at IS NULL
             WHERE r.id IN (?)
             GROUP BY r.id`,
            [regionIds],
          );
          const counts = new Map(rows.map((row) => [row.id, Number(row.members)]));
          return regionIds.map((id) => counts.get(id) ?? 0);
        }),
    );
    return loader.load(regionId);
  }
}
