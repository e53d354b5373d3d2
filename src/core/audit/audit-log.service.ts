import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Connection } from '../pagination/connection.types';
import { KeysetOrder, SqlFragment } from '../pagination/keyset';
import { paginate, sqlRunner } from '../pagination/paginate';
import { AuditEvent } from './audit-event.entity';
import { AuditLogArgs } from './audit-log.types';

const NEWEST_FIRST: KeysetOrder<AuditEvent> = {
  name: 'newest',
  keys: [
    // The column keeps milliseconds, exactly what a JavaScript Date holds.
    { sql: 'e.created_at', direction: 'desc', type: 'instant', value: (e) => e.createdAt.toISOString() },
    { sql: 'e.id', direction: 'desc', type: 'uuid', value: (e) => e.id },
  ],
};

/** Reads the audit log (admins). */
@Injectable()
export class AuditLogService {
  constructor(private readonly em: EntityManager) {}

  private readonly run = sqlRunner(this.em);

  list(args: AuditLogArgs): Promise<Connection<AuditEvent>> {
    const filter = args.filter ?? {};
    const where: SqlFragment[] = [];
    if (filter.actorId) where.push({ sql: 'e.actor_id = ?', params: [filter.actorId] });
    if (filter.subjectId) where.push({ sql: 'e.subject_id = ?', params: [filter.subjectId] });
    if (filter.action) where.push({ sql: 'e.action = ?', params: [filter.action] });
    if (filter.from) where.push({ sql: 'e.created_at >= ?', params: [filter.from] });
    if (filter.to) where.push({ sql: 'e.created_at < ?', params: [filter.to] });
    return paginate(this.run, { select: 'e.*', from: 'audit_event e', where, order: NEWEST_FIRST }, args, (row) =>
      this.em.map(AuditEvent, row),
    );
  }
}
