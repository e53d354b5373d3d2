import { join } from 'node:path';
import { CONFIG_DEFAULTS, CONFIG_VARIABLES, ConfigError, loadConfig } from './app-config';

const CWD = '/srv/hometown';
const SECRET = 'k'.repeat(32);
const PROD_URL = 'postgres://app:s3cr3t-pa55@db.internal:5432/hometown';

/** Runs loadConfig expecting a ConfigError and returns it. */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({}, CWD);
    expect(config).toEqual({
      nodeEnv: 'development',
      isProduction: false,
      host: '0.0.0.0',
      port: 3000,
      databaseUrl: undefined,
      databasePoolMax: 10,
      embeddedDatabase: { dataDir: join(CWD, '.data/postgres'), port: 54329, relocatable: true },
      migrateOnStart: false,
      corsOrigins: [],
      trustProxy: false,
      auth: {
        jwtSecret: expect.stringMatching(/^[\w-]{43}$/),
        jwtSecretGenerated: true,
        refreshTokenTtlDays: 30,
        adminEmail: undefined,
        loginLimits: { perAccount: 5, perAddress: 30, windowSeconds: 900 },
      },
      mail: {
        smtpUrl: undefined,
        from: 'Hometown <no-reply@hometown.localhost>',
        outboxDir: join(CWD, '.data/outbox'),
        publicUrl: 'http://localhost:3000',
      },
      logLevel: 'info',
      graphql: { maxDepth: 10, maxAliases: 15, maxCost: 10000 },
      bodyLimitBytes: 100 * 1024,
      shutdownTimeoutMs: 15_000,
    });
  });

  it('treats empty and blank values as unset', () => {
    const config = loadConfig({ PORT: '', LOG_LEVEL: '   ', NODE_ENV: '', DATABASE_URL: ' ', JWT_SECRET: '' }, CWD);
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.nodeEnv).toBe('development');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.auth.jwtSecretGenerated).toBe(true);
  });

  it('generates a different secret for each start when JWT_SECRET is unset outside production', () => {
    expect(loadConfig({}, CWD).auth.jwtSecret).not.toBe(loadConfig({}, CWD).auth.jwtSecret);
  });

  it('reads the account and mail settings', () => {
    const config = loadConfig(
      {
        ADMIN_EMAIL: ' Admin@Example.ORG ',
        SMTP_URL: 'smtps://user:pw@mail.example.org:465',
        PUBLIC_URL: 'https://hometown.example.org/',
        LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3',
      },
      CWD,
    );
    expect(config.auth.adminEmail).toBe('admin@example.org');
    expect(config.auth.loginLimits.perAccount).toBe(3);
    expect(config.mail.smtpUrl).toBe('smtps://user:pw@mail.example.org:465');
    expect(config.mail.publicUrl).toBe('https://hometown.example.org');
  });

  it('rejects malformed account and mail settings without echoing an SMTP password', () => {
    const error = configError({ ADMIN_EMAIL: 'not-an-email', SMTP_URL: 'http://user:s3cret@mail', PUBLIC_URL: 'ftp://x' });
    expect(error.message).toContain('ADMIN_EMAIL');
    expect(error.message).toContain('SMTP_URL');
    expect(error.message).toContain('PUBLIC_URL');
    expect(error.message).not.toContain('s3cret');
  });

  it('documents every variable that has a default', () => {
    for (const name of Object.keys(CONFIG_DEFAULTS)) expect(Object.keys(CONFIG_VARIABLES)).toContain(name);
  });

  it('reads valid values, trimming whitespace', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: ' 8080 ',
        DATABASE_URL: 'postgresql://u:p@localhost:5433/hometown_dev',
        DATABASE_POOL_MAX: '25',
        EMBEDDED_DB_PORT: '55432',
        MIGRATE_ON_START: 'YES',
        CORS_ORIGINS: 'https://app.example.org, http://localhost:5173',
        JWT_SECRET: SECRET,
        TRUST_PROXY: '1',
        LOG_LEVEL: 'debug',
        GRAPHQL_MAX_DEPTH: '12',
        GRAPHQL_MAX_ALIASES: '0',
        GRAPHQL_MAX_COST: '5000',
      },
      CWD,
    );
    expect(config).toMatchObject({
      nodeEnv: 'test',
      isProduction: false,
      host: '127.0.0.1',
      port: 8080,
      databaseUrl: 'postgresql://u:p@localhost:5433/hometown_dev',
      databasePoolMax: 25,
      embeddedDatabase: { port: 55432 },
      migrateOnStart: true,
      corsOrigins: ['https://app.example.org', 'http://localhost:5173'],
      auth: expect.objectContaining({ jwtSecret: SECRET, jwtSecretGenerated: false }),
      trustProxy: 1,
      logLevel: 'debug',
      graphql: { maxDepth: 12, maxAliases: 0, maxCost: 5000 },
    });
  });

  it.each<[string, unknown]>([
    ['true', 1],
    ['TRUE', 1],
    ['1', 1],
    ['yes', 1],
    ['2', 2],
    ['false', false],
    ['0', false],
    ['No', false],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.0/8, 192.168.1.1,::1, fd00::/8', ['10.0.0.0/8', '192.168.1.1', '::1', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s as %p (never "every hop": the left-most entries are what the client wrote)', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }, CWD).trustProxy).toEqual(expected);
  });

  it.each(['11', 'maybe', '10.0.0.0/33', '10.0.0.1,', 'proxy.example.org', '::1/129'])('refuses TRUST_PROXY=%s', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value }, CWD)).toThrow(/TRUST_PROXY/);
  });

  it('accepts the boundaries of integer ranges', () => {
    expect(loadConfig({ PORT: '1' }, CWD).port).toBe(1);
    expect(loadConfig({ PORT: '65535' }, CWD).port).toBe(65535);
    expect(loadConfig({ DATABASE_POOL_MAX: '200' }, CWD).databasePoolMax).toBe(200);
    expect(loadConfig({ GRAPHQL_MAX_COST: '1000000' }, CWD).graphql.maxCost).toBe(1_000_000);
  });

  describe('reports each invalid value by its variable', () => {
    it.each<[string, Record<string, string>, string]>([
      ['PORT=abc', { PORT: 'abc' }, 'PORT'],
      ['PORT=0', { PORT: '0' }, 'PORT'],
      ['PORT=70000', { PORT: '70000' }, 'PORT'],
      ['PORT=-1', { PORT: '-1' }, 'PORT'],
      ['PORT=80.5', { PORT: '80.5' }, 'PORT'],
      ['PORT=1e3', { PORT: '1e3' }, 'PORT'],
      ['PORT=0x50', { PORT: '0x50' }, 'PORT'],
      ['PORT of many digits', { PORT: '9'.repeat(30) }, 'PORT'],
      ['DATABASE_POOL_MAX=0', { DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX'],
      ['EMBEDDED_DB_PORT=80', { EMBEDDED_DB_PORT: '80' }, 'EMBEDDED_DB_PORT'],
      ['GRAPHQL_MAX_DEPTH=1', { GRAPHQL_MAX_DEPTH: '1' }, 'GRAPHQL_MAX_DEPTH'],
      ['GRAPHQL_MAX_ALIASES=101', { GRAPHQL_MAX_ALIASES: '101' }, 'GRAPHQL_MAX_ALIASES'],
      ['GRAPHQL_MAX_COST=99', { GRAPHQL_MAX_COST: '99' }, 'GRAPHQL_MAX_COST'],
      ['DATABASE_URL=mysql://x', { DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
      ['DATABASE_URL=not a url', { DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
      ['DATABASE_URL without a database', { DATABASE_URL: 'postgres://u:p@host:5432' }, 'DATABASE_URL'],
      ['DATABASE_URL without a database but with a slash', { DATABASE_URL: 'postgres://u:p@host:5432/' }, 'DATABASE_URL'],
      ['DATABASE_URL over http', { DATABASE_URL: 'http://host/db' }, 'DATABASE_URL'],
      ['CORS_ORIGINS with a path', { CORS_ORIGINS: 'https://app.example.org/login' }, 'CORS_ORIGINS'],
      ['CORS_ORIGINS with a bad entry', { CORS_ORIGINS: 'https://app.example.org,not-an-origin' }, 'CORS_ORIGINS'],
      ['CORS_ORIGINS with a wildcard', { CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
      ['CORS_ORIGINS without a scheme', { CORS_ORIGINS: 'app.example.org' }, 'CORS_ORIGINS'],
      ['CORS_ORIGINS with another scheme', { CORS_ORIGINS: 'ftp://app.example.org' }, 'CORS_ORIGINS'],
      ['CORS_ORIGINS with a query', { CORS_ORIGINS: 'https://app.example.org?x=1' }, 'CORS_ORIGINS'],
      ['TRUST_PROXY=maybe', { TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
      ['MIGRATE_ON_START=on', { MIGRATE_ON_START: 'on' }, 'MIGRATE_ON_START'],
      ['LOG_LEVEL=loud', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      ['LOG_LEVEL=INFO', { LOG_LEVEL: 'INFO' }, 'LOG_LEVEL'],
      ['JWT_SECRET too short', { JWT_SECRET: 'k'.repeat(31) }, 'JWT_SECRET'],
      ['NODE_ENV=staging', { NODE_ENV: 'staging' }, 'NODE_ENV'],
    ])('%s', (_label, env, variable) => {
      const error = configError(env);
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0].startsWith(`${variable} `)).toBe(true);
      expect(error.message).toContain(variable);
      expect(error.message.startsWith('Invalid configuration: ')).toBe(true);
      expect(error.name).toBe('ConfigError');
    });
  });

  it('echoes the offending value for harmless variables', () => {
    expect(configError({ PORT: 'abc' }).message).toContain('"abc"');
    expect(configError({ LOG_LEVEL: 'loud' }).message).toContain('"loud"');
    expect(configError({ CORS_ORIGINS: 'https://ok.example.org,not-an-origin' }).message).toContain('"not-an-origin"');
  });

  it('requires DATABASE_URL and JWT_SECRET in production, naming both', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.problems).toHaveLength(2);
    expect(error.problems.some((problem) => problem.startsWith('DATABASE_URL '))).toBe(true);
    expect(error.problems.some((problem) => problem.startsWith('JWT_SECRET '))).toBe(true);
  });

  it('requires only what is missing in production', () => {
    expect(configError({ NODE_ENV: 'production', JWT_SECRET: SECRET }).problems).toEqual([expect.stringMatching(/^DATABASE_URL /)]);
    expect(configError({ NODE_ENV: 'production', DATABASE_URL: PROD_URL }).problems).toEqual([expect.stringMatching(/^JWT_SECRET /)]);
    // An invalid URL is reported once, as invalid.
    expect(configError({ NODE_ENV: 'production', DATABASE_URL: 'nope', JWT_SECRET: SECRET }).problems).toHaveLength(1);
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: PROD_URL, JWT_SECRET: SECRET }, CWD);
    expect(config.isProduction).toBe(true);
    expect(config.databaseUrl).toBe(PROD_URL);
    expect(config.auth.jwtSecret).toBe(SECRET);
    expect(config.auth.jwtSecretGenerated).toBe(false);
  });

  it('reports several problems at once, in one single-line message', () => {
    const error = configError({
      NODE_ENV: 'staging',
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      CORS_ORIGINS: 'https://a.example.org/path,bad',
      TRUST_PROXY: 'maybe',
      LOG_LEVEL: 'loud',
      JWT_SECRET: 'short',
    });
    const variables = ['NODE_ENV', 'PORT', 'DATABASE_URL', 'CORS_ORIGINS', 'TRUST_PROXY', 'LOG_LEVEL', 'JWT_SECRET'];
    for (const variable of variables) expect(error.message).toContain(variable);
    expect(error.problems.length).toBeGreaterThanOrEqual(variables.length);
    for (const problem of error.problems) expect(error.message).toContain(problem);
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('keeps the message on one line even when an echoed value contains a line break', () => {
    // An env file with a stray quote can put a newline inside a value; the echo must not split the log line.
    const error = configError({ LOG_LEVEL: 'info\nFAKE LOG LINE', PORT: '80\r\n80' });
    expect(error.message).toContain('LOG_LEVEL');
    expect(error.message).toContain('PORT');
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  describe('never echoes secrets', () => {
    it.each([
      'mysql://app:s3cr3t-pa55@db.internal/hometown',
      'postgres://app:s3cr3t-pa55@db.internal:5432',
      'postgres://app:s3cr3t-pa55@:5432/hometown',
      'postgres://app:s3cr3t-pa55@db internal/hometown',
      's3cr3t-pa55',
    ])('DATABASE_URL=%s', (url) => {
      const error = configError({ DATABASE_URL: url, NODE_ENV: 'production', JWT_SECRET: 'short' });
      expect(error.message).toContain('DATABASE_URL');
      expect(error.message).not.toContain('s3cr3t-pa55');
      expect(JSON.stringify(error.problems)).not.toContain('s3cr3t-pa55');
    });

    it('JWT_SECRET that is too short', () => {
      const error = configError({ JWT_SECRET: 'hunter2-but-longer' });
      expect(error.message).toContain('JWT_SECRET');
      expect(error.message).not.toContain('hunter2');
    });
  });

  describe('CORS_ORIGINS', () => {
    it('parses a comma-separated list into origins, tolerating a trailing slash and blanks', () => {
      const config = loadConfig({ CORS_ORIGINS: ' https://app.example.org/ ,, http://localhost:5173,https://x.example.com:8443 ' }, CWD);
      expect(config.corsOrigins).toEqual(['https://app.example.org', 'http://localhost:5173', 'https://x.example.com:8443']);
    });

    it('is empty when unset or blank', () => {
      expect(loadConfig({ CORS_ORIGINS: '' }, CWD).corsOrigins).toEqual([]);
      expect(loadConfig({ CORS_ORIGINS: ' , ' }, CWD).corsOrigins).toEqual([]);
    });

    it('reports every bad entry', () => {
      const error = configError({ CORS_ORIGINS: 'bad-one,https://ok.example.org,https://x.example.org/p' });
      expect(error.problems).toHaveLength(2);
      expect(error.problems.every((problem) => problem.startsWith('CORS_ORIGINS '))).toBe(true);
    });
  });

  describe('EMBEDDED_DB_DIR', () => {
    it('resolves a relative path against the given cwd', () => {
      expect(loadConfig({ EMBEDDED_DB_DIR: 'var/pg' }, CWD).embeddedDatabase.dataDir).toBe(join(CWD, 'var/pg'));
      expect(loadConfig({ EMBEDDED_DB_DIR: './pg' }, '/elsewhere').embeddedDatabase.dataDir).toBe('/elsewhere/pg');
      expect(loadConfig({ EMBEDDED_DB_DIR: '../pg' }, CWD).embeddedDatabase.dataDir).toBe('/srv/pg');
    });

    it('keeps an absolute path', () => {
      expect(loadConfig({ EMBEDDED_DB_DIR: '/var/lib/pg' }, CWD).embeddedDatabase.dataDir).toBe('/var/lib/pg');
    });

    it('lets only the default folder move where PostgreSQL can reach it: a folder you chose stays put', () => {
      expect(loadConfig({}, CWD).embeddedDatabase.relocatable).toBe(true);
      expect(loadConfig({ EMBEDDED_DB_DIR: '.data/postgres' }, CWD).embeddedDatabase.relocatable).toBe(false);
    });
  });
});
