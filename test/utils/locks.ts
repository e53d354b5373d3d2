import { Client } from 'pg';
import { TestApp } from './test-app';

/**
 * Runs `work` while a transaction of the test's own holds `SELECT … FOR UPDATE` on the rows `lockSql` selects,
 * so requests that need them wait; `work` gets a function that resolves once `n` backends wait for a lock.
 */
export async function whileLocked<T>(
  t: TestApp,
  lockSql: string,
  params: unknown[],
  work: (lockWaiters: (n: number) => Promise<void>, release: () => Promise<void>) => Promise<T>,
): Promise<T> {
  const holder = new Client({ connectionString: t.databaseUrl });
  const watcher = new Client({ connectionString: t.databaseUrl });
  await Promise.all([holder.connect(), watcher.connect()]);
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await holder.query('COMMIT');
  };
  try {
    await holder.query('BEGIN');
    const locked = await holder.query(lockSql, params);
    expect(locked.rowCount).toBeGreaterThan(0);
    const lockWaiters = async (n: number) => {
      for (let attempt = 0; attempt < 500; attempt += 1) {
        const { rows } = await watcher.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (rows[0].n >= n) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`never saw ${n} requests waiting for a lock`);
    };
    return await work(lockWaiters, release);
  } finally {
    await release();
    await Promise.all([holder.end(), watcher.end()]);
  }
}
