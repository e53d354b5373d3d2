import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Account } from '../../modules/accounts/account.entity';
import { RequestContext } from '../context/request-context';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
}

/**
 * Records audit events in the caller's unit of work: the event is flushed, and committed, with
 * the change it describes — or not at all when the change is rolled back.
 */
@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  record(ctx: RequestContext, entry: AuditEntry): AuditEvent {
    const actorId = ctx.viewer?.account.id;
    const event = new AuditEvent({
      ...entry,
      actor: actorId ? this.em.getReference(Account, actorId, { wrapped: true }) : null,
      requestId: ctx.requestId,
    });
    this.em.persist(event);
    return event;
  }
}
