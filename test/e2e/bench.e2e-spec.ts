import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { scriptEnv } from '../utils/script-env';
import { cloneTemplateDatabase } from '../utils/test-database';

/**
 * The benchmark's two scripts end to end on a small data set, so a change to either (or to what
 * they drive) cannot break them unnoticed: `seed:bench` loads 1,500 listings, and `bench` drives
 * the API and the bare route with them for a second per query. The load figures are not checked
 * here (measuring is the benchmark's job, not a test's). What is: both scripts finish, the data
 * set is the one asked for, every query is one SQL statement, and the API answers each of the four
 * questions exactly as the hand-written bare route does (the benchmark exits with 2 otherwise): an
 * independent check of the reader's filters, ordering and page.
 */

const ROOT = join(__dirname, '..', '..');
const BUSINESSES = 1_500;
const ACCOUNTS = 200;
const QUERIES = ['listing', 'text', 'near', 'facets'];

interface ScriptRun {
  readonly code: number | null;
  readonly output: string;
}

/** Runs a bench script as `npm run` does, with a developer's environment plus `env`. */
function runScript(script: string, env: Record<string, string>): Promise<ScriptRun> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
    cwd: ROOT,
    env: scriptEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

function expectSuccess(run: ScriptRun): void {
  if (run.code !== 0) throw new Error(`exited with ${run.code}:\n${run.output}`);
}

let database: { url: string; drop: () => Promise<void> };

beforeAll(async () => {
  database = await cloneTemplateDatabase();
});

afterAll(() => database?.drop());

it('seeds a small data set and benchmarks it: one statement per query, the API answering as the bare route does', async () => {
  const seeded = await runScript('bench/seed-bench.ts', {
    DATABASE_URL: database.url,
    BENCH_BUSINESSES: String(BUSINESSES),
    BENCH_ACCOUNTS: String(ACCOUNTS),
  });
  expectSuccess(seeded);
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ businesses: number; accounts: number }>(
      `SELECT (SELECT count(*)::int FROM business WHERE slug LIKE '%-bench-%') AS businesses,
              (SELECT count(*)::int FROM account WHERE email LIKE '%@bench.hometown.test') AS accounts`,
    );
    expect(rows[0]).toEqual({ businesses: BUSINESSES, accounts: ACCOUNTS });
  } finally {
    await client.end();
  }

  const bench = await runScript('bench/bench.ts', {
    DATABASE_URL: database.url,
    BENCH_MIN_LISTINGS: '1000',
    BENCH_CONNECTIONS: '2',
    BENCH_WARMUP: '1',
    BENCH_DURATION: '1',
    BENCH_NO_README: '1',
  });
  expectSuccess(bench);
  for (const query of QUERIES) {
    expect(bench.output).toMatch(new RegExp(`^${query} +API +\\d+ req/s p50 \\d+ ms p99 \\d+ ms, 1 SQL/req \\| bare +\\d+ req/s`, 'm'));
    // The report's row: one statement in the sequential probes and under load alike.
    expect(bench.output).toMatch(new RegExp(`^\\| ${query}: .*\\| 1 \\(1\\.00 under load\\) \\|`, 'm'));
    // CPU time per request of each server's process and of PostgreSQL's (local here): some, and not absurd.
    const cpu = bench.output.match(new RegExp(`^\\| ${query} \\| ([\\d.]+) \\| ([\\d.]+) \\| ([\\d.]+) \\| ([\\d.]+) \\|$`, 'm'));
    expect(cpu).not.toBeNull();
    const [api, apiPostgres, bare, barePostgres] = cpu!.slice(1).map(Number);
    for (const ms of [api, apiPostgres, bare, barePostgres]) expect(ms).toBeGreaterThan(0);
    expect(api + apiPostgres).toBeLessThan(1000);
  }
  expect(bench.output).not.toContain("the bare route's answer differs");
}, 180_000);
