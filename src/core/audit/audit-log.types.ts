import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../pagination/connection.args';
import { ConnectionType } from '../pagination/connection.types';
import { JSONScalar } from '../scalars/json.scalar';

@ObjectType('AuditEvent', { description: 'A recorded change to money, moderation, roles or regions: who, what, when, before and after.' })
export class AuditEventType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: 'What happened, e.g. `account.role.granted`, `region.moved`.' })
  action!: string;

  @Field(() => String, { description: 'Kind of record changed, e.g. `Account`, `Region`.' })
  subjectType!: string;

  @Field(() => ID, { description: 'Id of the record changed.' })
  subjectId!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'The relevant state before the change; null for a creation.' })
  before!: Record<string, unknown> | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The relevant state after the change; null for a deletion.' })
  after!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'Id of the API request that made the change (as in the logs).' })
  requestId!: string | null;

  @Field(() => Date, { description: 'When it happened.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of audit events, newest first.' })
export class AuditEventConnection extends ConnectionType(AuditEventType, 'AuditEvent') {}

@InputType({ description: 'Conditions an audit event must meet to be listed; all given conditions apply.' })
export class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only what this account did.' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @Field(() => ID, { nullable: true, description: 'Only changes to this record.' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @Field(() => String, { nullable: true, description: 'Only this action, e.g. `region.moved`.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  action?: string;

  @Field(() => Date, { nullable: true, description: 'Only events at or after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Only events before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@ArgsType()
export class AuditLogArgs extends ConnectionArgs {
  @Field(() => AuditLogFilter, { nullable: true, description: 'Conditions on the events listed.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter;
}
