import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Attempts counted against one key (e.g. `login:account:<email>`) in the current window. Kept in
 * PostgreSQL so that every API instance counts the same attempts.
 */
@Entity({ tableName: 'rate_limit_counter' })
export class RateLimitCounter {
  @PrimaryKey({ length: 300 })
  key!: string;

  @Property({ type: 'integer' })
  hits!: number;

  @Property({ type: 'datetime', index: true })
  resetAt!: Date;
}
