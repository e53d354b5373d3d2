import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../utils/free-port';
import { scriptEnv } from '../utils/script-env';

/**
 * Process-level start-up tests: the real `src/main.ts` in a child process, on an embedded
 * PostgreSQL in a temporary folder, through configuration errors, a first run, a graceful
 * shutdown with a request in flight, a restart, and a restart after `kill -9`.
 */

const ROOT = join(__dirname, '..', '..');
const START_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 120_000;
const REGIONS_QUERY = '{ regions(first: 5) { edges { node { name children(first: 3) { edges { node { name } } } } } } }';

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
  /** Milliseconds from spawn to the first 200 of GET /health (set by `startServer`). */
  startMs?: number;
}

interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const children = new Set<Server>();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A fresh folder under the system temp folder that the `postgres` user can enter. */
async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'hometown-startup-'));
  await chmod(folder, 0o755);
  return folder;
}

function serverEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return scriptEnv({ NODE_ENV: 'development', LOG_LEVEL: 'info', ...overrides });
}

function spawnServer(env: NodeJS.ProcessEnv, port: number): Server {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const server: Server = { child, port, exited, stdout: () => stdout, stderr: () => stderr };
  children.add(server);
  void exited.then(() => children.delete(server));
  return server;
}

function describeOutput(server: Server): string {
  return `--- stdout ---\n${server.stdout()}\n--- stderr ---\n${server.stderr()}`;
}

/** One HTTP request on a connection of its own (no keep-alive left behind). */
function httpRequest(port: number, method: string, path: string, body?: string): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        timeout: 10_000,
        headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string>,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function graphql(port: number, query: string): Promise<any> {
  const response = await httpRequest(port, 'POST', '/graphql', JSON.stringify({ query }));
  expect(response.status).toBe(200);
  return JSON.parse(response.body);
}

/** Spawns the API and waits for GET /health to answer 200; fails with the output if it exits first. */
async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const startedAt = performance.now();
  const server = spawnServer(env, port);
  let exit: Exit | undefined;
  void server.exited.then((value) => (exit = value));
  while (performance.now() - startedAt < START_TIMEOUT_MS) {
    if (exit)
      throw new Error(`the server exited (code ${exit.code}, signal ${exit.signal}) before it was healthy\n${describeOutput(server)}`);
    const status = await httpRequest(port, 'GET', '/health').then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) {
      server.startMs = Math.round(performance.now() - startedAt);
      return server;
    }
    await sleep(100);
  }
  server.child.kill('SIGKILL');
  throw new Error(`the server was not healthy within ${START_TIMEOUT_MS} ms\n${describeOutput(server)}`);
}

async function waitForExit(server: Server, timeoutMs = EXIT_TIMEOUT_MS): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the server did not exit within ${timeoutMs} ms\n${describeOutput(server)}`)), timeoutMs);
  });
  try {
    return await Promise.race([server.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function stopServer(server: Server, signal: NodeJS.Signals): Promise<Exit> {
  server.child.kill(signal);
  return waitForExit(server);
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** True when the embedded PostgreSQL accepts a login to the `hometown` database. */
async function postgresAccepts(port: number): Promise<boolean> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: 'hometown',
    password: 'hometown',
    database: 'hometown',
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function expectRegions(response: any): void {
  expect(response.errors).toBeUndefined();
  const regions = response.data.regions.edges.map((edge: any) => edge.node);
  expect(regions).toHaveLength(5);
  for (const region of regions) expect(typeof region.name).toBe('string');
  expect(regions.some((region: any) => region.children.edges.length > 0)).toBe(true);
}

/** Decodes a raw HTTP/1.1 response, checking that its body is complete. */
function parseRawResponse(raw: Buffer): HttpResponse {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) throw new Error(`incomplete response: ${raw.toString('utf8')}`);
  const [statusLine, ...headerLines] = raw.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(headEnd + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    const parts: Buffer[] = [];
    for (let offset = 0; ;) {
      const lineEnd = body.indexOf('\r\n', offset);
      if (lineEnd < 0) throw new Error('truncated chunked body');
      const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
      if (size === 0) break;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      offset = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  } else {
    expect(body.length).toBe(Number(headers['content-length']));
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') };
}

/** Stops a PostgreSQL server left running on the data folder (fast shutdown), and waits for it to go. */
async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(pidFile.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
}

afterAll(async () => {
  for (const server of children) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
});

describe('start-up: configuration errors', () => {
  let folder: string;
  let dataDir: string;

  beforeAll(async () => {
    folder = await tempFolder();
    dataDir = join(folder, 'pg');
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it.each<{ name: string; env: Record<string, string>; variable: string }>([
    { name: 'PORT=abc', env: { PORT: 'abc' }, variable: 'PORT' },
    { name: 'CORS_ORIGINS=not-a-url', env: { CORS_ORIGINS: 'not-a-url' }, variable: 'CORS_ORIGINS' },
    { name: 'NODE_ENV=production without DATABASE_URL', env: { NODE_ENV: 'production' }, variable: 'DATABASE_URL' },
  ])(
    'exits 1 with one line naming the variable on $name',
    async ({ env, variable }) => {
      const [port, dbPort] = await Promise.all([freePort(), freePort()]);
      const server = spawnServer(
        serverEnv({ PORT: String(port), EMBEDDED_DB_PORT: String(dbPort), EMBEDDED_DB_DIR: dataDir, ...env }),
        port,
      );
      const exit = await waitForExit(server, 15_000);

      expect(exit).toEqual({ code: 1, signal: null });
      const lines = server
        .stderr()
        .split('\n')
        .filter((line) => line.trim() !== '');
      expect(lines).toHaveLength(1);
      expect(server.stderr()).toBe(`${lines[0]}\n`);
      expect(lines[0]).toContain(variable);
      expect(server.stdout()).toBe('');
      expect(!existsSync(dataDir) || readdirSync(dataDir).length === 0).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('start-up: the embedded database cycle', () => {
  let folder: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let port: number;
  let dbPort: number;
  const startTimes: { run: string; ms: number }[] = [];

  const start = async (run: string) => {
    const server = await startServer(env, port);
    startTimes.push({ run, ms: server.startMs! });
    return server;
  };

  beforeAll(async () => {
    folder = await tempFolder();
    dataDir = join(folder, 'pg');
    [port, dbPort] = await Promise.all([freePort(), freePort()]);
    env = serverEnv({ PORT: String(port), EMBEDDED_DB_PORT: String(dbPort), EMBEDDED_DB_DIR: dataDir });
  });

  afterAll(async () => {
    for (const server of children) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await stopLeftoverPostgres(dataDir);
    await rm(folder, { recursive: true, force: true });
  }, TEST_TIMEOUT_MS);

  it(
    'first start initialises, migrates and seeds the cluster; SIGTERM finishes a request in flight and stops PostgreSQL',
    async () => {
      const server = await start('first start (initdb + migrations + seed)');
      expect(server.stdout()).toContain('seeded demo data');
      expectRegions(await graphql(port, REGIONS_QUERY));

      // A request whose body is still arriving when SIGTERM comes is answered before the process exits.
      const body = JSON.stringify({ query: REGIONS_QUERY });
      const half = Math.floor(body.length / 2);
      const socket = connect(port, '127.0.0.1');
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      const closed = new Promise<void>((resolve, reject) => {
        socket.once('close', () => resolve());
        socket.once('error', reject);
      });
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write(
        [
          'POST /graphql HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          'Content-Type: application/json',
          `Content-Length: ${Buffer.byteLength(body)}`,
          'Connection: close',
          '',
          body.slice(0, half),
        ].join('\r\n'),
      );
      await sleep(200);

      server.child.kill('SIGTERM');
      await waitFor(() => server.stdout().includes('"shutting down"'), 'the shutdown to begin');
      await sleep(500);
      expect(socket.destroyed).toBe(false);
      // write, not end: Node's HTTP server drops a request whose client half-closes before the answer is ready.
      socket.write(body.slice(half));
      await closed;

      const response = parseRawResponse(Buffer.concat(received));
      expect(response.status).toBe(200);
      expectRegions(JSON.parse(response.body));
      expect(await waitForExit(server)).toEqual({ code: 0, signal: null });

      expect(await postgresAccepts(dbPort)).toBe(false);
      expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'second start on the same folder keeps the data and stops on SIGINT',
    async () => {
      const server = await start('second start (existing cluster)');
      expect(server.stdout()).not.toContain('seeded demo data');
      expectRegions(await graphql(port, REGIONS_QUERY));
      expect(await stopServer(server, 'SIGINT')).toEqual({ code: 0, signal: null });
      expect(await postgresAccepts(dbPort)).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'after kill -9, the next start takes over the PostgreSQL server left running',
    async () => {
      const crashed = await start('third start (before kill -9)');
      process.kill(crashed.child.pid!, 'SIGKILL');
      expect(await waitForExit(crashed)).toEqual({ code: null, signal: 'SIGKILL' });
      expect(await postgresAccepts(dbPort)).toBe(true);

      const server = await start('fourth start (takes over the running server)');
      expect(server.stdout()).toContain('reusing the PostgreSQL server');
      expect(server.stdout()).not.toContain('seeded demo data');
      expectRegions(await graphql(port, REGIONS_QUERY));
      expect(await stopServer(server, 'SIGTERM')).toEqual({ code: 0, signal: null });
      expect(await postgresAccepts(dbPort)).toBe(false);
      expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it('reports the start times', () => {
    console.log(`time from spawn to the first 200 of GET /health:\n${startTimes.map(({ run, ms }) => `  ${run}: ${ms} ms`).join('\n')}`);
    expect(startTimes.length).toBeGreaterThanOrEqual(2);
  });
});

describe('start-up: a signal while starting', () => {
  let folder: string;
  let dataDir: string;

  beforeAll(async () => {
    folder = await tempFolder();
    dataDir = join(folder, 'pg');
  });
  afterAll(async () => {
    await stopLeftoverPostgres(dataDir);
    await rm(folder, { recursive: true, force: true });
  }, TEST_TIMEOUT_MS);

  it(
    'lets the current step finish, then stops the database it started and exits 0',
    async () => {
      const [port, dbPort] = await Promise.all([freePort(), freePort()]);
      const server = spawnServer(serverEnv({ PORT: String(port), EMBEDDED_DB_PORT: String(dbPort), EMBEDDED_DB_DIR: dataDir }), port);
      await waitFor(() => server.stdout().includes('initialising a PostgreSQL'), 'the cluster to be initialised', 60_000);
      server.child.kill('SIGTERM');
      expect(await waitForExit(server)).toEqual({ code: 0, signal: null });
      expect(server.stdout()).toContain('"stopped"');
      expect(server.stdout()).not.toContain('Hometown API ready');
      expect(await postgresAccepts(dbPort)).toBe(false);
      expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );
});
