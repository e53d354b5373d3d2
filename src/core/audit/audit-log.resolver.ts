import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountType } from '../../modules/accounts/dto/account.types';
import { Account } from '../../modules/accounts/account.entity';
import { AdminOnly } from '../auth/access.decorators';
import { Connection } from '../pagination/connection.types';
import { AuditEvent } from './audit-event.entity';
import { AuditEventConnection, AuditEventType, AuditLogArgs } from './audit-log.types';
import { AuditLogService } from './audit-log.service';

@Resolver(() => AuditEventType)
export class AuditLogResolver {
  constructor(private readonly auditLogService: AuditLogService) {}

  @AdminOnly()
  @Query(() => AuditEventConnection, { description: 'The audit log, newest first (admins).' })
  auditLog(@Args() args: AuditLogArgs): Promise<Connection<AuditEvent>> {
    return this.auditLogService.list(args);
  }

  @ResolveField(() => AccountType, { nullable: true, description: 'Who did it; null when the system did (start-up, command line).' })
  async actor(@Parent() event: AuditEvent): Promise<Account | null> {
    return event.actor ? ((await event.actor.load({ dataloader: true })) ?? null) : null;
  }
}
