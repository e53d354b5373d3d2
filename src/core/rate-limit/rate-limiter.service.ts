import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { BackgroundTasks } from '../background/background-tasks.service';

/** Share of `consume` calls that also clear out finished windows, so the table stays small. */
const PRUNE_PROBABILITY = 0.01;

export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface RateLimitResult {
  readonly allowed: boolean;
  readonly hits: number;
  readonly retryAfterSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL. Each `consume` is one atomic statement of its own, outside
 * any transaction of the caller, so an attempt is counted even when the request then fails.
 */
@Injectable()
export class RateLimiterService {
  constructor(
    private readonly em: EntityManager,
    private readonly background: BackgroundTasks,
  ) {}

  async consume(key: string, { limit, windowSeconds }: RateLimit): Promise<RateLimitResult> {
    const [row] = await this.em.getConnection().execute<{ hits: number; retry_after: number }[]>(
      `INSERT INTO rate_limit_counter AS c (key, hits, reset_at) VALUES (?, 1, now() + make_interval(secs => ?))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN c.reset_at <= now() THEN 1 ELSE c.hits + 1 END,
         reset_at = CASE WHEN c.reset_at <= now() THEN excluded.reset_at ELSE c.reset_at END
       RETURNING hits, ceil(extract(epoch FROM reset_at - now()))::int AS retry_after`,
      [key, windowSeconds],
    );
    if (Math.random() < PRUNE_PROBABILITY) this.background.run('prune rate-limit counters', () => this.prune());
    return { allowed: row.hits <= limit, hits: row.hits, retryAfterSeconds: Math.max(1, row.retry_after) };
  }

  async reset(key: string): Promise<void> {
    await this.em.getConnection().execute('DELETE FROM rate_limit_counter WHERE key = ?', [key]);
  }

  /** Drops counters whose window is over. */
  async prune(): Promise<number> {
    const result = await this.em
      .getConnection()
      .execute<{ affectedRows: number }>('DELETE FROM rate_limit_counter WHERE reset_at <= now()', [], 'run');
    return result.affectedRows;
  }
}
