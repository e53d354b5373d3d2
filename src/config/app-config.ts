import { isIP } from 'node:net';
import { randomBytes } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';

/** Runtime modes; `test` silences logs and `production` turns off introspection and the IDE. */
export type NodeEnv = 'development' | 'test' | 'production';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Typed, validated settings. Built once from the environment by {@link loadConfig}. */
export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly isProduction: boolean;
  readonly host: string;
  readonly port: number;
  /** PostgreSQL connection string; `undefined` means "start the embedded cluster". */
  readonly databaseUrl: string | undefined;
  readonly databasePoolMax: number;
  readonly embeddedDatabase: {
    readonly dataDir: string;
    readonly port: number;
    /** The data folder is the default one (EMBEDDED_DB_DIR unset): it may move where PostgreSQL can reach it. */
    readonly relocatable: boolean;
  };
  readonly migrateOnStart: boolean;
  readonly corsOrigins: readonly string[];
  /**
   * Which proxies' `X-Forwarded-For` to believe: none (false), the nearest N hops, or the proxies
   * at these addresses (CIDR ranges allowed). Never every hop: the left-most entries are whatever
   * the client wrote.
   */
  readonly trustProxy: false | number | readonly string[];
  readonly auth: {
    /** Signs access tokens. Outside production an unset JWT_SECRET gets a random one per process. */
    readonly jwtSecret: string;
    readonly jwtSecretGenerated: boolean;
    readonly refreshTokenTtlDays: number;
    /** This account is made an admin when it registers, or at start-up if it exists. */
    readonly adminEmail: string | undefined;
    readonly loginLimits: { readonly perAccount: number; readonly perAddress: number; readonly windowSeconds: number };
  };
  readonly mail: {
    /** SMTP server; when unset, mail is written to the outbox folder (and logged) instead. */
    readonly smtpUrl: string | undefined;
    readonly from: string;
    readonly outboxDir: string;
    /** Base URL of the links in e-mails. */
    readonly publicUrl: string;
  };
  readonly logLevel: LogLevel;
  readonly graphql: {
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxCost: number;
  };
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
}

/** Raised when the environment does not describe a usable configuration. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Every variable the application reads, with its documentation. `.env.example`, the README
 * table and the docker-compose check are all held against this list.
 */
export const CONFIG_VARIABLES = {
  NODE_ENV: 'development | test | production (production requires DATABASE_URL and JWT_SECRET, and turns off introspection and the IDE)',
  HOST: 'Interface to listen on',
  PORT: 'HTTP port',
  DATABASE_URL: 'PostgreSQL URL (postgres://user:password@host:5432/db); unset = start the embedded PostgreSQL',
  DATABASE_POOL_MAX: 'Maximum connections in the pool',
  EMBEDDED_DB_DIR:
    "Data folder of the embedded PostgreSQL (git-ignored). Run as root from a folder the 'postgres' user cannot enter, the default moves to /var/tmp",
  EMBEDDED_DB_PORT: 'Port of the embedded PostgreSQL',
  MIGRATE_ON_START: 'Apply pending migrations before serving when DATABASE_URL is set (always done for the embedded database)',
  CORS_ORIGINS: 'Comma-separated origins allowed to call the API from a browser; empty = same origin only',
  JWT_SECRET: 'Secret that signs access tokens, at least 32 characters; required in production (elsewhere a random one per start)',
  REFRESH_TOKEN_TTL_DAYS: 'Days a session stays signed in without use of its refresh token',
  ADMIN_EMAIL: 'This account becomes the first admin when it registers, or at start-up if it exists (while there is no admin)',
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: 'Login attempts allowed per account per window',
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: 'Password attempts (logins, registrations, password resets) allowed per client address per window',
  LOGIN_ATTEMPT_WINDOW_SECONDS: 'Length of the login rate-limit window',
  SMTP_URL: 'SMTP server for e-mail (smtp://user:pass@host:587 or smtps://…); unset = write mail to MAIL_OUTBOX_DIR and the log',
  MAIL_FROM: 'Sender of e-mails',
  MAIL_OUTBOX_DIR: 'Folder where mail is written when SMTP_URL is unset (git-ignored)',
  PUBLIC_URL: 'Base URL of the links in e-mails (default: http://localhost:PORT)',
  TRUST_PROXY:
    'Behind reverse proxies: true (one), their number, or their addresses (comma-separated, CIDR allowed); client addresses then come from X-Forwarded-For',
  LOG_LEVEL: 'fatal | error | warn | info | debug | trace | silent',
  GRAPHQL_MAX_DEPTH: 'Deepest selection a query may nest',
  GRAPHQL_MAX_ALIASES: 'Most aliases a query may use',
  GRAPHQL_MAX_COST: 'Highest estimated cost of a query (list fields multiply by their page size)',
} as const;

export type ConfigVariable = keyof typeof CONFIG_VARIABLES;

/** Defaults as they appear in the environment; absent keys have no default. */
export const CONFIG_DEFAULTS: Partial<Record<ConfigVariable, string>> = {
  NODE_ENV: 'development',
  HOST: '0.0.0.0',
  PORT: '3000',
  DATABASE_POOL_MAX: '10',
  EMBEDDED_DB_DIR: '.data/postgres',
  EMBEDDED_DB_PORT: '54329',
  MIGRATE_ON_START: 'false',
  CORS_ORIGINS: '',
  TRUST_PROXY: 'false',
  REFRESH_TOKEN_TTL_DAYS: '30',
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '5',
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '30',
  LOGIN_ATTEMPT_WINDOW_SECONDS: '900',
  MAIL_FROM: 'Hometown <no-reply@hometown.localhost>',
  MAIL_OUTBOX_DIR: '.data/outbox',
  LOG_LEVEL: 'info',
  GRAPHQL_MAX_DEPTH: '10',
  GRAPHQL_MAX_ALIASES: '15',
  GRAPHQL_MAX_COST: '10000',
};

const NODE_ENVS: readonly NodeEnv[] = ['development', 'test', 'production'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads one variable at a time and collects every problem, so one run reports them all. */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  raw(name: ConfigVariable): string | undefined {
    const value = this.env[name];
    if (value === undefined || value.trim() === '') return CONFIG_DEFAULTS[name];
    return value.trim();
  }

  oneOf<T extends string>(name: ConfigVariable, allowed: readonly T[]): T {
    const value = this.raw(name) as T;
    if (!allowed.includes(value)) this.fail(name, `must be one of ${allowed.join(', ')}`, value);
    return value;
  }

  int(name: ConfigVariable, min: number, max: number): number {
    const value = this.raw(name) ?? '';
    const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      this.fail(name, `must be an integer from ${min} to ${max}`, value);
      return min;
    }
    return parsed;
  }

  bool(name: ConfigVariable): boolean {
    const value = (this.raw(name) ?? '').toLowerCase();
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.fail(name, 'must be true or false', value);
    return false;
  }

  /** false, true (the nearest proxy), a number of proxies, or their addresses / CIDR ranges. */
  proxies(name: ConfigVariable): false | number | string[] {
    const value = this.raw(name) ?? '';
    const lower = value.toLowerCase();
    if (['false', '0', 'no'].includes(lower)) return false;
    if (['true', 'yes'].includes(lower)) return 1;
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops >= 1 && hops <= 10) return hops;
    } else {
      const entries = value.split(',').map((entry) => entry.trim());
      const cidr = (entry: string) => {
        const [address, bits, extra] = entry.split('/');
        const version = isIP(address);
        return (
          version !== 0 && extra === undefined && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128)))
        );
      };
      if (entries.every(cidr)) return entries;
    }
    this.fail(name, 'must be true, false, a number of proxies (1 to 10), or their addresses (comma-separated, CIDR allowed)', value);
    return false;
  }

  postgresUrl(name: ConfigVariable): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !['postgres:', 'postgresql:'].includes(url.protocol) || !url.hostname || url.pathname.length < 2) {
      // The value may hold a password: name the variable, never echo it.
      this.fail(name, 'must be a URL like postgres://user:password@host:5432/database');
      return undefined;
    }
    return value;
  }

  origins(name: ConfigVariable): string[] {
    const entries = (this.raw(name) ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const origins: string[] = [];
    for (const entry of entries) {
      let url: URL | undefined;
      try {
        url = new URL(entry);
      } catch {
        url = undefined;
      }
      if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== entry.replace(/\/$/, '')) {
        this.fail(name, 'must be a comma-separated list of origins like https://app.example.org', entry);
      } else {
        origins.push(url.origin);
      }
    }
    return origins;
  }

  email(name: ConfigVariable): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) this.fail(name, 'must be an e-mail address', value);
    return value?.toLowerCase();
  }

  url(name: ConfigVariable, protocols: readonly string[], example: string, echo = true): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !protocols.includes(url.protocol) || !url.hostname) {
      this.fail(name, `must be a URL like ${example}`, echo ? value : undefined);
      return undefined;
    }
    return value.replace(/\/$/, '');
  }

  fail(name: ConfigVariable, rule: string, value?: string): void {
    // JSON escapes line breaks and quotes, so the report stays one line whatever the value holds.
    const shown = value === undefined ? '' : ` (got ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)})`;
    this.problems.push(`${name} ${rule}${shown}`);
  }
}

/**
 * Builds the configuration from an environment, throwing a {@link ConfigError} that names every
 * invalid variable. Pure: reads only the given object, so tests pass their own.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', NODE_ENVS);
  const isProduction = nodeEnv === 'production';
  const databaseUrl = read.postgresUrl('DATABASE_URL');
  const jwtSecret = read.raw('JWT_SECRET');

  if (isProduction && read.raw('DATABASE_URL') === undefined) {
    read.fail('DATABASE_URL', 'is required when NODE_ENV=production (the embedded database is for development)');
  }
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    read.fail('JWT_SECRET', 'must be at least 32 characters');
  } else if (isProduction && jwtSecret === undefined) {
    read.fail('JWT_SECRET', 'is required when NODE_ENV=production');
  }

  const dataDir = read.raw('EMBEDDED_DB_DIR') ?? '.data/postgres';
  const outboxDir = read.raw('MAIL_OUTBOX_DIR') ?? '.data/outbox';
  const port = read.int('PORT', 1, 65535);
  const config: AppConfig = {
    nodeEnv,
    isProduction,
    host: read.raw('HOST') ?? '0.0.0.0',
    port,
    databaseUrl,
    databasePoolMax: read.int('DATABASE_POOL_MAX', 1, 200),
    embeddedDatabase: {
      dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
      port: read.int('EMBEDDED_DB_PORT', 1024, 65535),
      relocatable: !env.EMBEDDED_DB_DIR?.trim(),
    },
    migrateOnStart: read.bool('MIGRATE_ON_START'),
    corsOrigins: read.origins('CORS_ORIGINS'),
    trustProxy: read.proxies('TRUST_PROXY'),
    auth: {
      jwtSecret: jwtSecret ?? randomBytes(32).toString('base64url'),
      jwtSecretGenerated: jwtSecret === undefined,
      refreshTokenTtlDays: read.int('REFRESH_TOKEN_TTL_DAYS', 1, 365),
      adminEmail: read.email('ADMIN_EMAIL'),
      loginLimits: {
        perAccount: read.int('LOGIN_MAX_ATTEMPTS_PER_ACCOUNT', 1, 1_000_000),
        perAddress: read.int('LOGIN_MAX_ATTEMPTS_PER_ADDRESS', 1, 1_000_000),
        windowSeconds: read.int('LOGIN_ATTEMPT_WINDOW_SECONDS', 1, 86_400),
      },
    },
    mail: {
      // The URL may hold a password: never echo it.
      smtpUrl: read.url('SMTP_URL', ['smtp:', 'smtps:'], 'smtp://user:password@mail.example.org:587', false),
      from: read.raw('MAIL_FROM') ?? 'Hometown <no-reply@hometown.localhost>',
      outboxDir: isAbsolute(outboxDir) ? outboxDir : resolve(cwd, outboxDir),
      publicUrl: read.url('PUBLIC_URL', ['http:', 'https:'], 'https://hometown.example.org') ?? `http://localhost:${port}`,
    },
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS),
    graphql: {
      maxDepth: read.int('GRAPHQL_MAX_DEPTH', 2, 50),
      maxAliases: read.int('GRAPHQL_MAX_ALIASES', 0, 100),
      maxCost: read.int('GRAPHQL_MAX_COST', 100, 1_000_000),
    },
    bodyLimitBytes: 100 * 1024,
    // Longer than the 10 s Apollo gives in-flight operations to drain, so the drain decides first.
    shutdownTimeoutMs: 15_000,
  };

  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
