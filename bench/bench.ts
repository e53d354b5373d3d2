/**
 * `npm run bench`: drives the Hometown API (api-server.ts) on the bench data set (`npm run
 * seed:bench`) with autocannon, and in the same run the bare route (bare-server.ts) asked the
 * same questions, each server in a child process of its own, then prints per query req/s,
 * p50/p99, SQL statements per request and the ratio API / bare, with the EXPLAIN of every
 * statement, and writes the results into bench/README.md.
 *
 * Knobs (environment): BENCH_CONNECTIONS (32), BENCH_WARMUP (3 s), BENCH_DURATION (10 s),
 * BENCH_ONLY (comma-separated query names), BENCH_REGION / BENCH_CITY (slugs of the subjects),
 * BENCH_NO_README=1 (print only), BENCH_MIN_LISTINGS (10,000: fewer published listings are taken
 * for a database without the bench data).
 */
import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { format, resolveConfig } from 'prettier';
import { prepareDatabase } from '../src/database/prepare-database';
import type { ApiAnswer, ApiCounters, ApiQuestion } from './api-server';
import { BARE_QUERIES, QUERY_NAMES, QueryName } from './bare-queries';
import { runBenchScript } from './bench-database';
import { canSampleCpu, cpuBetween, postmasterOf, sampleCpu } from './cpu';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 3);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10);
/** Slugs of the region (listing, text, facets) and of the place (near-me) to ask about, instead of the busiest ones. */
const REGION_SLUG = process.env.BENCH_REGION;
const CITY_SLUG = process.env.BENCH_CITY;
const ONLY = process.env.BENCH_ONLY ? (process.env.BENCH_ONLY.split(',') as QueryName[]) : QUERY_NAMES;
/** Published listings the database must hold to be taken for the bench data set (the demo data has 25). */
const MIN_LISTINGS = Number(process.env.BENCH_MIN_LISTINGS ?? 10_000);
/** Sequential requests per query that count the API's SQL statements exactly. */
const PROBES = 10;
const README = join(__dirname, 'README.md');
const RESULTS_START = '<!-- bench:results:start -->';
const RESULTS_END = '<!-- bench:results:end -->';

const GRAPHQL: Record<QueryName, string> = {
  listing: `query Listing($regionId: ID!, $categoryIds: [ID!]!) {
  businesses(filter: { regionId: $regionId, categoryIds: $categoryIds }, first: 20) {
    edges { node { id name region { name } categories { name } } }
  }
}`,
  text: `query TextSearch($regionId: ID!, $text: String!) {
  businesses(filter: { regionId: $regionId, text: $text }, first: 20) {
    edges { node { id name region { name } } }
  }
}`,
  near: `query NearMe($lat: Float!, $lng: Float!, $radiusKm: Float!) {
  businesses(filter: { near: { lat: $lat, lng: $lng, radiusKm: $radiusKm } }, first: 20) {
    edges { node { id name distanceKm } }
  }
}`,
  facets: `query Facets($regionId: ID!) {
  businesses(filter: { regionId: $regionId }, first: 1) {
    facets { categories { category { name } count } regions { region { name } count } }
  }
}`,
};

const DESCRIPTIONS: Record<QueryName, string> = {
  listing: 'region + category listing, with region and category names',
  text: 'text search ("bakery") in a region',
  near: 'near me (5 km)',
  facets: 'facets of a region',
};

interface Subjects {
  region: { id: string; name: string; listings: number };
  category: { id: string; name: string; listings: number };
  city: { id: string; name: string; lat: number; lng: number; listings: number };
}

interface Run {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

interface Row {
  query: QueryName;
  api: Run;
  bare: Run;
  /** Exact, from sequential requests. */
  apiStatements: number;
  /** Statements counted by the server while under load, divided by the responses autocannon saw. */
  apiStatementsUnderLoad: number;
  bareStatements: number;
  /** CPU milliseconds per request of each side's process and of PostgreSQL, where /proc tells. */
  cpu?: { api: CpuPerRequest; bare: CpuPerRequest };
}

interface CpuPerRequest {
  process: number;
  postgres?: number;
}

interface Explained {
  query: QueryName;
  who: 'API' | 'bare';
  label: string;
  sql: string;
  plan: string;
}

runBenchScript('bench', async (database, log) => {
  const url = database.url;
  // As the API does when it starts: pending migrations (new indexes, say) first.
  await prepareDatabase(url, { migrate: true, log });
  const subjects = await pickSubjects(url);
  if (!subjects) {
    console.error('The bench database holds no bench data: run `npm run seed:bench` first.');
    return 1;
  }
  const variables: Record<QueryName, Record<string, unknown>> = {
    listing: { regionId: subjects.region.id, categoryIds: [subjects.category.id] },
    text: { regionId: subjects.region.id, text: 'bakery' },
    near: { lat: subjects.city.lat, lng: subjects.city.lng, radiusKm: 5 },
    facets: { regionId: subjects.region.id },
  };
  const machine = await describeMachine(url);
  console.log(`\n${machine.join('\n')}`);
  console.log(
    `subjects: ${subjects.region.name} (${subjects.region.listings} published listings), ${subjects.category.name} ` +
      `(${subjects.category.listings} there), ${subjects.city.name} centre (${subjects.city.lat}, ${subjects.city.lng})`,
  );
  console.log(`autocannon: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up then ${DURATION_SECONDS} s per query and target\n`);

  const api = await startApi(url);
  let bare: BareHandle | undefined;
  try {
    bare = await startBare(url);
    const bareUrl = bare.url;
    log(`API on ${api.url}, bare route on ${bareUrl}`);
    const apiRequest = (query: QueryName) => ({
      url: `${api.url}/graphql`,
      body: JSON.stringify({ query: GRAPHQL[query], variables: variables[query] }),
    });
    const bareRequest = (query: QueryName) => ({ url: `${bareUrl}/${query}`, body: JSON.stringify({ variables: variables[query] }) });

    // Both answer the same question: the same JSON, to the last id.
    const apiStatements = new Map<QueryName, { sql: string }[]>();
    const mismatches: string[] = [];
    for (const query of ONLY) {
      const fromApi = await post(apiRequest(query));
      const fromBare = await post(bareRequest(query));
      if (fromApi.errors) throw new Error(`the API answered ${query} with errors: ${JSON.stringify(fromApi.errors)}`);
      if (!isDeepStrictEqual(fromApi, fromBare)) {
        mismatches.push(query);
        console.warn(
          `WARNING: ${query}: the bare route's answer differs from the API's:\n  API:  ${summarise(fromApi)}\n  bare: ${summarise(fromBare)}`,
        );
      }
      const recorded = await api.record(() => post(apiRequest(query)));
      apiStatements.set(query, recorded);
    }

    const postmaster = await localPostmaster(url);
    const rows: Row[] = [];
    for (const query of ONLY) {
      let exact = 0;
      for (let i = 0; i < PROBES; i += 1) exact += (await api.record(() => post(apiRequest(query)))).length;
      await load(apiRequest(query), WARMUP_SECONDS);
      await api.drain();
      const apiBefore = await api.counters();
      const apiCpu = cpuMeter(api.pid, postmaster);
      const apiRun = await load(apiRequest(query), DURATION_SECONDS);
      await api.drain();
      const apiCpuPerRequest = apiCpu?.(apiRun.requests);
      const apiAfter = await api.counters();

      await load(bareRequest(query), WARMUP_SECONDS);
      await bare.drain();
      const bareBefore = await bare.stats();
      const bareCpu = cpuMeter(bare.pid, postmaster);
      const bareRun = await load(bareRequest(query), DURATION_SECONDS);
      await bare.drain();
      const bareCpuPerRequest = bareCpu?.(bareRun.requests);
      const bareAfter = await bare.stats();
      const row: Row = {
        cpu: apiCpuPerRequest && bareCpuPerRequest ? { api: apiCpuPerRequest, bare: bareCpuPerRequest } : undefined,
        query,
        api: apiRun,
        bare: bareRun,
        apiStatements: exact / PROBES,
        apiStatementsUnderLoad: (apiAfter.statements - apiBefore.statements) / Math.max(1, apiAfter.served - apiBefore.served),
        bareStatements: (bareAfter.statements - bareBefore.statements) / Math.max(1, bareAfter.served - bareBefore.served),
      };
      rows.push(row);
      console.log(formatRow(row));
    }
    const barePlans = (await bare.stats()).plans;

    const explained = await explainAll(url, api, apiStatements, variables);
    const report = renderReport({ machine, subjects, rows, explained, barePlans, mismatches });
    console.log(`\n${report}`);
    if (process.env.BENCH_NO_README !== '1') {
      await writeResults(report);
      log(`results written to ${README}`);
    }
    return mismatches.length > 0 ? 2 : 0;
  } finally {
    await api.close();
    await bare?.close();
  }
});

/**
 * The country with the most published listings (or BENCH_REGION), its largest top-level category,
 * and the centre of the city with the most listings (or BENCH_CITY).
 */
async function pickSubjects(url: string): Promise<Subjects | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const published = "b.status = 'PUBLISHED' AND b.deleted_at IS NULL";
    const { rows: migrated } = await client.query<{ ok: boolean }>("SELECT to_regclass('public.business') IS NOT NULL AS ok");
    if (!migrated[0].ok) return undefined;
    const { rows: total } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM business b WHERE ${published}`);
    if (Number(total[0].n) < MIN_LISTINGS) return undefined;
    const { rows: regions } = await client.query(
      `SELECT c.id, c.name, count(*)::int AS listings FROM region c JOIN region r ON r.path LIKE c.path || '%' JOIN business b ON b.region_id = r.id
        WHERE ${REGION_SLUG ? 'c.slug = $1' : "c.kind = 'COUNTRY'"} AND ${published} GROUP BY c.id ORDER BY 3 DESC, c.name LIMIT 1`,
      REGION_SLUG ? [REGION_SLUG] : [],
    );
    const region = regions[0];
    if (!region) throw new Error(`no region with the slug ${REGION_SLUG} has published listings`);
    const { rows: categories } = await client.query(
      `SELECT t.id, t.name, count(DISTINCT b.id)::int AS listings
         FROM category t JOIN category c ON c.parent_id = t.id JOIN business_category bc ON bc.category_id = c.id JOIN business b ON b.id = bc.business_id
         JOIN region r ON r.id = b.region_id
        WHERE t.parent_id IS NULL AND ${published} AND r.path LIKE (SELECT path FROM region WHERE id = $1) || '%'
        GROUP BY t.id ORDER BY 3 DESC, t.name LIMIT 1`,
      [region.id],
    );
    const { rows: cities } = await client.query(
      `SELECT c.id, c.name, c.latitude AS lat, c.longitude AS lng, count(*)::int AS listings
         FROM region c JOIN region r ON r.path LIKE c.path || '%' JOIN business b ON b.region_id = r.id
        WHERE ${CITY_SLUG ? 'c.slug = $1' : "c.kind = 'CITY'"} AND c.latitude IS NOT NULL AND ${published} GROUP BY c.id ORDER BY 5 DESC, c.name LIMIT 1`,
      CITY_SLUG ? [CITY_SLUG] : [],
    );
    if (!cities[0]) throw new Error(`no region with the slug ${CITY_SLUG} has a centroid and published listings`);
    return { region, category: categories[0], city: cities[0] };
  } finally {
    await client.end();
  }
}

async function describeMachine(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string; shared_buffers: string; work_mem: string }>(
      "SELECT split_part(version(), ' on ', 1) AS version, current_setting('shared_buffers') AS shared_buffers, current_setting('work_mem') AS work_mem",
    );
    const cpus = os.cpus();
    return [
      `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}`,
      `load average at start: ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
      `Node ${process.version}; ${rows[0].version} (shared_buffers ${rows[0].shared_buffers}, work_mem ${rows[0].work_mem}), same machine`,
    ];
  } finally {
    await client.end();
  }
}

interface ApiHandle {
  url: string;
  pid?: number;
  /** SQL statements the API has sent and HTTP requests it has answered so far. */
  counters(): Promise<{ statements: number; served: number }>;
  /** Resolves once no request is in flight (autocannon stops waiting, not the server working). */
  drain(): Promise<void>;
  /** Runs `work` and returns the statements sent meanwhile. */
  record(work: () => Promise<unknown>): Promise<{ sql: string }[]>;
  /** EXPLAIN (ANALYZE, BUFFERS) of a statement through the API's own pool (its session settings), as plan lines. */
  explain(sql: string): Promise<string[]>;
  close(): Promise<void>;
}

/** `Omit` over each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A server of the benchmark (api-server.ts, bare-server.ts) in a child process of its own, and its port. */
async function forkServer(file: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(__dirname, file), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`${file} exited with code ${code}`)));
  });
  return { child, port };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * The Hometown API in a child process (api-server.ts) with NODE_ENV=production in its environment
 * from the start, as in production (graphql-js, for one, picks its production code paths when it
 * loads); it counts the SQL statements it sends and answers questions over IPC.
 */
async function startApi(databaseUrl: string): Promise<ApiHandle> {
  const { child, port } = await forkServer('api-server.ts', { NODE_ENV: 'production', BENCH_DATABASE_URL: databaseUrl });
  let nextId = 0;
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', (answer: ApiAnswer) => {
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if ('error' in answer) waiting.reject(new Error(`the API: ${answer.error}`));
    else waiting.resolve(answer.result);
  });
  const ask = <T>(question: DistributiveOmit<ApiQuestion, 'id'>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = (nextId += 1);
      pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      child.send({ ...question, id });
    });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    counters: () => ask<ApiCounters>({ op: 'counters' }),
    async drain() {
      // A request autocannon gave up on at the end of a run is closed but may still be at work:
      // idle is no response pending and no statement running, twice in a row.
      let quiet = 0;
      await until(
        () => quiet >= 2,
        async () => {
          const { inFlight, sqlInFlight } = await ask<ApiCounters>({ op: 'counters' });
          quiet = inFlight === 0 && sqlInFlight === 0 ? quiet + 1 : 0;
        },
      );
    },
    async record(work) {
      await ask({ op: 'record-start' });
      const failed = await work().then(
        () => undefined,
        (error: unknown) => ({ error }),
      );
      const statements = await ask<string[]>({ op: 'record-stop' });
      if (failed) throw failed.error;
      return statements.map((sql) => ({ sql }));
    },
    explain: (sql) => ask<string[]>({ op: 'explain', sql }),
    close: () => stopServer(child),
  };
}

interface BareStats {
  statements: number;
  served: number;
  inFlight: number;
  plans: Record<string, { generic: number; custom: number }>;
}

interface BareHandle {
  url: string;
  pid?: number;
  stats(): Promise<BareStats>;
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** The bare route in a child process of its own. */
async function startBare(databaseUrl: string): Promise<BareHandle> {
  const { child, port } = await forkServer('bare-server.ts', { BENCH_DATABASE_URL: databaseUrl });
  const url = `http://127.0.0.1:${port}`;
  const stats = async () => (await (await fetch(`${url}/stats`)).json()) as BareStats;
  return {
    url,
    pid: child.pid,
    stats,
    async drain() {
      let idle = false;
      await until(
        () => idle,
        async () => void (idle = (await stats()).inFlight === 0),
      );
    },
    close: () => stopServer(child),
  };
}

/** Polls (every 50 ms, for at most 60 s) until `done()`; `refresh` runs before each look. */
async function until(done: () => boolean, refresh?: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await refresh?.();
    if (done()) return;
    if (Date.now() > deadline) throw new Error('the server still had requests in flight after 60 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function post(request: { url: string; body: string }): Promise<any> {
  const response = await fetch(request.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request.body });
  if (!response.ok) throw new Error(`${request.url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

function summarise(body: unknown): string {
  const text = JSON.stringify(body);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** One autocannon run, its load generated in a worker thread (the servers each have a process of their own). */
async function load(request: { url: string; body: string }, seconds: number): Promise<Run> {
  const result = await autocannon({
    url: request.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: request.body,
    connections: CONNECTIONS,
    duration: seconds,
    workers: 1,
  });
  return {
    requestsPerSecond: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
  };
}

/**
 * The postmaster of the benchmark's PostgreSQL, when it runs on this machine (its backends' CPU
 * time is then counted with the requests they served).
 */
async function localPostmaster(databaseUrl: string): Promise<number | undefined> {
  if (!canSampleCpu()) return undefined;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return postmasterOf(rows[0].pid);
  } finally {
    await client.end();
  }
}

/**
 * Starts counting the CPU time of a server's process (and of PostgreSQL's processes, if local);
 * the function returned gives milliseconds per request for the requests served meanwhile.
 */
function cpuMeter(pid: number | undefined, postmaster: number | undefined): ((requests: number) => CpuPerRequest) | undefined {
  if (pid === undefined || !canSampleCpu()) return undefined;
  const processBefore = sampleCpu([pid]);
  const postgresBefore = postmaster === undefined ? undefined : sampleCpu([], postmaster);
  return (requests) => {
    const perRequest = (before: ReturnType<typeof sampleCpu>, after: ReturnType<typeof sampleCpu>) =>
      cpuBetween(before, after) / Math.max(1, requests);
    return {
      process: perRequest(processBefore, sampleCpu([pid])),
      postgres: postgresBefore && postmaster !== undefined ? perRequest(postgresBefore, sampleCpu([], postmaster)) : undefined,
    };
  };
}

function formatRow(row: Row): string {
  const problems = [row.api, row.bare].some((run) => run.errors || run.non2xx || run.timeouts)
    ? `  (errors/non-2xx/timeouts: API ${row.api.errors}/${row.api.non2xx}/${row.api.timeouts}, bare ${row.bare.errors}/${row.bare.non2xx}/${row.bare.timeouts})`
    : '';
  return (
    `${row.query.padEnd(8)} API ${row.api.requestsPerSecond.toFixed(0).padStart(6)} req/s p50 ${row.api.p50} ms p99 ${row.api.p99} ms, ` +
    `${row.apiStatements} SQL/req | bare ${row.bare.requestsPerSecond.toFixed(0).padStart(6)} req/s p50 ${row.bare.p50} ms p99 ${row.bare.p99} ms | ` +
    `API/bare ${(row.api.requestsPerSecond / row.bare.requestsPerSecond).toFixed(2)}${problems}` +
    (row.cpu ? ` | CPU ms/req API ${formatCpu(row.cpu.api)}, bare ${formatCpu(row.cpu.bare)}` : '')
  );
}

/** "process + PostgreSQL" milliseconds per request. */
function formatCpu(cpu: CpuPerRequest): string {
  return `${cpu.process.toFixed(2)}${cpu.postgres === undefined ? '' : ` + ${cpu.postgres.toFixed(2)}`}`;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement the API sent for each query (through its own
 * connection pool, so with its session settings), and of each bare statement as the bare route
 * runs it: prepared, executed a few times, then explained with the same plan-cache mode.
 */
async function explainAll(
  url: string,
  api: ApiHandle,
  statements: Map<QueryName, { sql: string }[]>,
  variables: Record<QueryName, Record<string, unknown>>,
): Promise<Explained[]> {
  const explained: Explained[] = [];
  const client = new Client({ connectionString: url, options: '-c pg_trgm.word_similarity_threshold=0.5' });
  await client.connect();
  try {
    for (const query of ONLY) {
      const sent = statements.get(query) ?? [];
      for (const [index, statement] of sent.entries()) {
        const plan = await api.explain(statement.sql);
        explained.push({
          query,
          who: 'API',
          label: sent.length > 1 ? `statement ${index + 1} of ${sent.length}` : 'its one statement',
          sql: statement.sql,
          plan: plan.join('\n'),
        });
      }
      const bare = BARE_QUERIES[query];
      const literals = bare.values(variables[query]).map((value) => literal(client, value));
      await client.query(`SET plan_cache_mode = ${bare.planMode === 'custom' ? 'force_custom_plan' : 'auto'}`);
      await client.query(`PREPARE ${bare.name} AS ${bare.text}`);
      const execute = `EXECUTE ${bare.name}(${literals.join(', ')})`;
      for (let i = 0; i < 6; i += 1) await client.query(execute);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${execute}`);
      await client.query(`DEALLOCATE ${bare.name}`);
      explained.push({
        query,
        who: 'bare',
        label: `prepared, plan_cache_mode ${bare.planMode === 'custom' ? 'force_custom_plan' : 'auto'}, 7th execution`,
        sql: bare.text,
        plan: rows.map((row) => row['QUERY PLAN']).join('\n'),
      });
    }
  } finally {
    await client.end();
  }
  return explained;
}

function literal(client: Client, value: unknown): string {
  if (Array.isArray(value)) return `${client.escapeLiteral(`{${value.join(',')}}`)}`;
  if (typeof value === 'number') return String(value);
  return client.escapeLiteral(String(value));
}

/** Indexes a plan reads, and whether it scans `business` sequentially. */
function indexUse(plan: string): { indexes: string[]; seqScans: string[] } {
  const indexes = new Set<string>();
  for (const match of plan.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g))
    indexes.add(match[1]);
  const seqScans = [...new Set([...plan.matchAll(/Seq Scan on (\w+)/g)].map((match) => match[1]))];
  return { indexes: [...indexes], seqScans };
}

function planTimes(plan: string): string {
  const planning = /Planning Time: ([\d.]+) ms/.exec(plan)?.[1];
  const execution = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1];
  return `planning ${planning ?? '?'} ms, execution ${execution ?? '?'} ms`;
}

function renderReport(input: {
  machine: string[];
  subjects: Subjects;
  rows: Row[];
  explained: Explained[];
  barePlans: Record<string, { generic: number; custom: number }>;
  mismatches: string[];
}): string {
  const { machine, subjects, rows, explained, barePlans, mismatches } = input;
  const lines: string[] = [];
  lines.push(`Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`, '');
  for (const line of machine) lines.push(`- ${line}`);
  lines.push(
    `- subjects: **${subjects.region.name}** (${subjects.region.listings} published listings in its subtree), top-level category **${subjects.category.name}** ` +
      `(${subjects.category.listings} of them), near-me at the centre of **${subjects.city.name}** (${subjects.city.lat}, ${subjects.city.lng}), 5 km`,
    `- autocannon ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up then ${DURATION_SECONDS} s measured, per query and target, load generated in a worker thread; the API and the bare route each in a process of their own`,
    '',
    '| query | API req/s | API p50 / p99 ms | API SQL/req | bare req/s | bare p50 / p99 ms | bare SQL/req | API / bare |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const row of rows) {
    const problems = [row.api, row.bare].some((run) => run.errors || run.non2xx || run.timeouts) ? ' ⚠ errors' : '';
    lines.push(
      `| ${row.query}: ${DESCRIPTIONS[row.query]} | ${row.api.requestsPerSecond.toFixed(0)} | ${row.api.p50} / ${row.api.p99} | ` +
        `${row.apiStatements} (${row.apiStatementsUnderLoad.toFixed(2)} under load) | ${row.bare.requestsPerSecond.toFixed(0)} | ` +
        `${row.bare.p50} / ${row.bare.p99} | ${row.bareStatements.toFixed(2)} | **${(row.api.requestsPerSecond / row.bare.requestsPerSecond).toFixed(2)}**${problems} |`,
    );
  }
  lines.push('');
  if (rows.some((row) => row.cpu)) {
    lines.push(
      "CPU time per request over each measured run (ms; the server's process, then all of PostgreSQL's processes; the load generator excluded):",
      '',
      '| query | API process | API: PostgreSQL | bare process | bare: PostgreSQL |',
      '|---|---:|---:|---:|---:|',
    );
    const ms = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(2));
    for (const { query, cpu } of rows) {
      if (cpu)
        lines.push(`| ${query} | ${ms(cpu.api.process)} | ${ms(cpu.api.postgres)} | ${ms(cpu.bare.process)} | ${ms(cpu.bare.postgres)} |`);
    }
    lines.push('');
  }
  const listing = rows.find((row) => row.query === 'listing');
  const targets: string[] = [];
  if (listing) {
    const ratio = listing.api.requestsPerSecond / listing.bare.requestsPerSecond;
    targets.push(
      `listing ≥ 0.8 × bare: ${ratio >= 0.8 ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`,
      `listing ≤ 2 SQL/req: ${listing.apiStatements <= 2 ? 'met' : 'NOT met'} (${listing.apiStatements})`,
      `listing p99 < 50 ms: ${listing.api.p99 < 50 ? 'met' : 'NOT met'} (${listing.api.p99} ms)`,
    );
  }
  for (const query of ['text', 'near'] as const) {
    const row = rows.find((candidate) => candidate.query === query);
    if (row) targets.push(`${query} p99 < 100 ms: ${row.api.p99 < 100 ? 'met' : 'NOT met'} (${row.api.p99} ms)`);
  }
  lines.push(`Targets (API): ${targets.join('; ')}.`, '');
  if (mismatches.length) lines.push(`⚠ The bare route's answer differed from the API's for: ${mismatches.join(', ')}.`, '');
  const planModes = Object.entries(barePlans)
    .map(([name, counts]) => `${name} ${counts.generic} generic / ${counts.custom} custom`)
    .join(', ');
  lines.push(`Plans the bare route's connections used (pg_prepared_statements): ${planModes || 'n/a'}.`, '');

  lines.push('### Plans', '');
  lines.push('| query | who | statement | indexes used | seq scans | times |', '|---|---|---|---|---|---|');
  for (const entry of explained) {
    const { indexes, seqScans } = indexUse(entry.plan);
    const seq = seqScans.length ? seqScans.map((table) => (table === 'business' ? '**⚠ business**' : table)).join(', ') : '—';
    lines.push(`| ${entry.query} | ${entry.who} | ${entry.label} | ${indexes.join(', ') || '—'} | ${seq} | ${planTimes(entry.plan)} |`);
  }
  lines.push('');
  for (const entry of explained) {
    lines.push(`<details><summary>${entry.query} — ${entry.who}, ${entry.label}</summary>`, '', '```sql', entry.sql.trim(), '```', '');
    lines.push('```', entry.plan, '```', '', '</details>', '');
  }
  return lines.join('\n');
}

/** Replaces the results section of bench/README.md (between its markers), or appends one. */
async function writeResults(report: string): Promise<void> {
  const current = await readFile(README, 'utf8').catch(() => '# Directory benchmark\n');
  const section = `${RESULTS_START}\n${report}\n${RESULTS_END}`;
  const start = current.indexOf(RESULTS_START);
  const end = current.indexOf(RESULTS_END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + RESULTS_END.length)}`
      : `${current.trimEnd()}\n\n## Results\n\n${section}\n`;
  // Formatted as `npm run lint` (prettier --check) expects it.
  await writeFile(README, await format(next, { ...(await resolveConfig(README)), filepath: README }));
}
