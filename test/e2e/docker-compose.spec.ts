import { existsSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config/app-config';
import { POSTGRES_MAJOR } from '../../src/database/embedded-postgres';

/**
 * Static checks of docker-compose.yml and the Dockerfile against the application: no docker
 * engine is needed. Each check collects its problems as sentences and expects none, so a failure
 * prints what is wrong in words.
 */

const ROOT = join(__dirname, '..', '..');
/** Port PostgreSQL listens on inside the postgres image. */
const POSTGRES_IMAGE_PORT = 5432;

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, unknown> | string[];
  ports?: (string | number | { target?: number | string; published?: number | string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown };
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services?: Record<string, ComposeService> };
const services = compose.services ?? {};
const db = services.db ?? {};
const api = services.api ?? {};

/** A service's environment as strings, whichever form the file uses; `problems` gets non-string values. */
function environmentOf(name: string, service: ComposeService, problems: string[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  if (Array.isArray(service.environment)) {
    for (const entry of service.environment) {
      const [key, ...value] = entry.split('=');
      env[key] = value.join('=');
    }
  } else {
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      if (typeof value !== 'string')
        problems.push(`${name}.environment.${key} is a YAML ${typeof value}; quote it so it is the string the app reads`);
      env[key] = String(value);
    }
  }
  return env;
}

/** Container sides of a service's port mappings ("8080:3000", "127.0.0.1:8080:3000/tcp", or the long form). */
function containerPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) =>
    typeof port === 'object' ? Number(port.target) : Number(String(port).split('/')[0].split(':').pop()),
  );
}

// ---- Dockerfile ----

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

interface Stage {
  readonly name: string | undefined;
  readonly image: string;
  readonly instructions: Instruction[];
}

/** Instructions grouped by stage; comments dropped and `\` continuations joined. */
function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    if (/\\\s*$/.test(line)) {
      current += line.replace(/\\\s*$/, ' ');
      continue;
    }
    current += line;
    if (current.trim()) logical.push(current.trim());
    current = '';
  }
  if (current.trim()) logical.push(current.trim());

  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    const instruction = { keyword: keyword.toUpperCase(), args: args.trim() };
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0) {
      throw new Error(`Dockerfile: ${instruction.keyword} comes before the first FROM`);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

/** Arguments of an exec-form instruction (`["node", "x.js"]`), or undefined for the shell form. */
function execForm(args: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

interface Copy {
  readonly from: string | undefined;
  readonly sources: string[];
  readonly destination: string;
}

function copiesOf(stage: Stage): Copy[] {
  return stage.instructions
    .filter(({ keyword }) => keyword === 'COPY' || keyword === 'ADD')
    .map(({ args }) => {
      const words = execForm(args) ?? args.split(/\s+/);
      const flags = words.filter((word) => word.startsWith('--'));
      const paths = words.filter((word) => !word.startsWith('--'));
      const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
      return { from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
    });
}

/** The stage's working directory after all its WORKDIR instructions (relative ones stack). */
function workdirOf(stage: Stage): string {
  return stage.instructions.filter(({ keyword }) => keyword === 'WORKDIR').reduce((dir, { args }) => posix.resolve(dir, args), '/');
}

/** Path relative to the working directory, without `./` or a trailing slash. */
function normalise(path: string, workdir: string): string {
  return posix.relative(workdir, posix.resolve(workdir, path));
}

/** Whether the build context leaves `path` out, per .dockerignore (plain names and `*` globs). */
function ignoredByDockerignore(path: string, patterns: string[]): boolean {
  const segments = path.split('/');
  const prefixes = segments.map((_, index) => segments.slice(0, index + 1).join('/'));
  return patterns.some((pattern) => {
    const regex = new RegExp(
      `^${pattern
        .replace(/^\/+|\/+$/g, '')
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')}$`,
    );
    return prefixes.some((prefix) => regex.test(prefix));
  });
}

const dockerfile = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const finalStage = dockerfile[dockerfile.length - 1];
const dockerignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'));

/** What `npm run build` produces, worked out from nest-cli.json and tsconfig.build.json. */
function buildLayout() {
  const nestCli = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
    entryFile?: string;
    compilerOptions?: { tsConfigPath?: string };
  };
  const tsconfigPath = join(ROOT, nestCli.compilerOptions?.tsConfigPath ?? 'tsconfig.build.json');
  const { config, error } = ts.readConfigFile(tsconfigPath, (path) => ts.sys.readFile(path));
  if (error) throw new Error(`cannot read ${tsconfigPath}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, tsconfigPath);
  const outDir = parsed.options.outDir ?? ROOT;
  const rootDir = parsed.options.rootDir ?? ROOT;
  const toPosix = (path: string) => relative(ROOT, path).split('\\').join('/');
  const compiled = (source: string) => toPosix(join(outDir, relative(rootDir, source)).replace(/\.ts$/, '.js'));
  const entrySource = join(ROOT, `${nestCli.entryFile ?? 'main'}.ts`);
  const includeRoots = [...new Set(((config as { include?: string[] }).include ?? []).map((pattern) => pattern.split('/')[0]))];
  return {
    outDir: toPosix(outDir),
    entrySource: toPosix(entrySource),
    entryCompiled: compiled(entrySource),
    entryInBuild: parsed.fileNames.some((file) => toPosix(file) === toPosix(entrySource)),
    includeRoots,
    migrationsCompiled: parsed.fileNames.filter((file) => toPosix(file).startsWith('migrations/')).map(compiled),
  };
}

describe('docker-compose.yml', () => {
  it('defines the db and api services', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['db', 'api']));
  });

  it('runs the PostgreSQL major the project uses', () => {
    const image = db.image ?? '(no image)';
    const match = /^(?:docker\.io\/)?(?:library\/)?postgres:(\d+)/.exec(image);
    const problems: string[] = [];
    if (!match) problems.push(`db.image is "${image}"; expected postgres:<major>[...]`);
    else if (match[1] !== POSTGRES_MAJOR)
      problems.push(`db.image is PostgreSQL ${match[1]}, but POSTGRES_MAJOR in src/database/embedded-postgres.ts is ${POSTGRES_MAJOR}`);
    if (!db.healthcheck?.test) problems.push('db has no healthcheck, so api cannot wait for it with condition: service_healthy');
    expect(problems).toEqual([]);
  });

  it('gives the api only variables the application reads, as strings', () => {
    const problems: string[] = [];
    const env = environmentOf('api', api, problems);
    for (const key of Object.keys(env)) {
      if (!(key in CONFIG_VARIABLES)) problems.push(`api.environment.${key} is not in CONFIG_VARIABLES (src/config/app-config.ts)`);
    }
    expect(problems).toEqual([]);
  });

  it('publishes the port the api listens on', () => {
    const env = environmentOf('api', api);
    const ports = containerPorts(api);
    const problems: string[] = [];
    if (ports.length === 0) problems.push('api publishes no ports');
    if (!ports.includes(Number(env.PORT)))
      problems.push(`api.environment.PORT is ${env.PORT}, but the container side of api.ports is ${ports.join(', ')}`);
    expect(problems).toEqual([]);
  });

  it('points the api DATABASE_URL at the db service and its credentials', () => {
    const env = environmentOf('api', api);
    const dbEnv = environmentOf('db', db);
    const dbPort = containerPorts(db)[0] ?? POSTGRES_IMAGE_PORT;
    const problems: string[] = [];
    if (dbPort !== POSTGRES_IMAGE_PORT)
      problems.push(`db.ports maps container port ${dbPort}, but postgres listens on ${POSTGRES_IMAGE_PORT}`);
    let url: URL | undefined;
    try {
      url = new URL(env.DATABASE_URL);
    } catch {
      problems.push('api.environment.DATABASE_URL is missing or not a URL');
    }
    if (url) {
      const actual = {
        host: url.hostname,
        port: Number(url.port || POSTGRES_IMAGE_PORT),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: decodeURIComponent(url.pathname.slice(1)),
      };
      const expected = {
        host: 'db',
        port: dbPort,
        user: dbEnv.POSTGRES_USER,
        password: dbEnv.POSTGRES_PASSWORD,
        database: dbEnv.POSTGRES_DB ?? dbEnv.POSTGRES_USER,
      };
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        if (actual[key] !== expected[key]) {
          // Never print the password itself.
          const shown = key === 'password' ? ['(hidden)', '(hidden)'] : [actual[key], expected[key]];
          problems.push(`api DATABASE_URL ${key} is ${shown[0]}, but the db service expects ${shown[1]}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives the api a configuration that loadConfig accepts', () => {
    // The image's own ENV comes first; compose's environment overrides it.
    const imageEnv = Object.fromEntries(
      finalStage.instructions
        .filter(({ keyword }) => keyword === 'ENV')
        .flatMap(({ args }) => args.split(/\s+/).map((pair) => pair.split('=') as [string, string])),
    );
    const env = { ...imageEnv, ...environmentOf('api', api) };
    expect(() => loadConfig(env)).not.toThrow();
    expect(loadConfig(env).nodeEnv).toBe('production');
  });

  it('starts the api after the db', () => {
    const dependsOn = api.depends_on ?? [];
    const problems: string[] = [];
    if (Array.isArray(dependsOn) ? !dependsOn.includes('db') : !('db' in dependsOn)) problems.push('api.depends_on does not list db');
    else if (!Array.isArray(dependsOn) && dependsOn.db.condition !== 'service_healthy')
      problems.push(`api.depends_on.db.condition is ${dependsOn.db.condition}; use service_healthy so migrations find the database up`);
    expect(problems).toEqual([]);
  });

  it('builds the api from the Dockerfile', () => {
    const build = api.build;
    const dockerfilePath =
      typeof build === 'string' ? 'Dockerfile' : ((build as { dockerfile?: string } | undefined)?.dockerfile ?? 'Dockerfile');
    expect({ builds: build !== undefined, dockerfile: dockerfilePath }).toEqual({ builds: true, dockerfile: 'Dockerfile' });
  });
});

describe('Dockerfile', () => {
  const layout = buildLayout();
  const buildStage = dockerfile.find((stage) => stage.name !== undefined && stage !== finalStage);

  it('runs the compiled entry point that nest build produces', () => {
    const cmds = finalStage.instructions.filter(({ keyword }) => keyword === 'CMD');
    const cmd = cmds.length ? execForm(cmds[cmds.length - 1].args) : undefined;
    const problems: string[] = [];
    if (!layout.entryInBuild) problems.push(`${layout.entrySource} (nest-cli.json entryFile) is not compiled by the build tsconfig`);
    if (!existsSync(join(ROOT, layout.entrySource))) problems.push(`${layout.entrySource} does not exist`);
    if (!cmd) problems.push('the final stage has no exec-form CMD (["node", "..."]), so node would not get SIGTERM');
    else if (cmd[0] !== 'node' || normalise(cmd[1] ?? '', workdirOf(finalStage)) !== layout.entryCompiled)
      problems.push(`the final CMD is ${JSON.stringify(cmd)}; nest build emits ${layout.entryCompiled}`);
    const startProd = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[
      'start:prod'
    ];
    if (startProd !== `node ${layout.entryCompiled}`)
      problems.push(`npm run start:prod is "${startProd}", not "node ${layout.entryCompiled}"`);
    expect(problems).toEqual([]);
  });

  it('compiles migrations into the output that the image ships', () => {
    // orm-options.ts runs compiled migrations from dist/migrations.
    expect(layout.migrationsCompiled.length).toBeGreaterThan(0);
    expect(layout.migrationsCompiled.filter((file) => !file.startsWith(`${layout.outDir}/migrations/`))).toEqual([]);
  });

  it('exposes the port the api listens on and checks /health', () => {
    const exposed = finalStage.instructions
      .filter(({ keyword }) => keyword === 'EXPOSE')
      .flatMap(({ args }) => args.split(/\s+/).map((port) => Number(port.split('/')[0])));
    const healthcheck = finalStage.instructions.find(({ keyword }) => keyword === 'HEALTHCHECK')?.args ?? '';
    const port = Number(environmentOf('api', api).PORT);
    const problems: string[] = [];
    if (!exposed.includes(port)) problems.push(`the final stage exposes ${exposed.join(', ') || 'nothing'}, not the api port ${port}`);
    if (!healthcheck.includes('/health')) problems.push('the final stage has no HEALTHCHECK against /health');
    expect(problems).toEqual([]);
  });

  it('runs as an unprivileged user on the Node major of package.json engines', () => {
    const users = finalStage.instructions.filter(({ keyword }) => keyword === 'USER').map(({ args }) => args);
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const problems: string[] = [];
    if (['', 'root', '0'].includes(users[users.length - 1] ?? '')) problems.push('the final stage runs as root; add USER node');
    for (const stage of dockerfile) {
      const major = /^node:(\d+)/.exec(stage.image)?.[1];
      if (
        !major ||
        !engines.split('||').some((range) =>
          range
            .trim()
            .replace(/^[\^~>=]*/, '')
            .startsWith(`${major}.`),
        )
      )
        problems.push(`FROM ${stage.image} is not a Node major allowed by engines.node "${engines}"`);
    }
    expect(problems).toEqual([]);
  });

  it('copies into the build stage everything the build needs, from the build context', () => {
    const problems: string[] = [];
    if (!buildStage) {
      problems.push('there is no named build stage (FROM ... AS build)');
    } else {
      const copied = copiesOf(buildStage)
        .filter(({ from }) => from === undefined)
        .flatMap(({ sources }) => sources.map((source) => normalise(source, '/')));
      for (const source of copied) {
        if (!existsSync(join(ROOT, source))) problems.push(`the build stage copies ${source}, which does not exist`);
        if (ignoredByDockerignore(source, dockerignore)) problems.push(`the build stage copies ${source}, which .dockerignore leaves out`);
      }
      const needed = ['package.json', 'package-lock.json', 'nest-cli.json', 'tsconfig.json', 'tsconfig.build.json', ...layout.includeRoots];
      for (const path of needed) {
        if (!copied.some((source) => source === '' || source === path || path.startsWith(`${source}/`)))
          problems.push(`the build stage does not copy ${path}, which npm run build needs`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('copies the build output and production dependencies into the runtime stage', () => {
    const problems: string[] = [];
    if (buildStage) {
      const buildDir = workdirOf(buildStage);
      const runDir = workdirOf(finalStage);
      // What exists in the build stage's working directory after `npm ci` and `npm run build`.
      const produced = new Set([
        'node_modules',
        layout.outDir,
        ...copiesOf(buildStage).flatMap(({ sources }) => sources.map((source) => normalise(source, '/'))),
      ]);
      const shipped: string[] = [];
      for (const copy of copiesOf(finalStage).filter(({ from }) => from === buildStage.name)) {
        for (const source of copy.sources) {
          const path = normalise(source, buildDir);
          if (!produced.has(path))
            problems.push(`the runtime stage copies ${source} from ${buildStage.name}, which the build does not produce`);
          const destination =
            copy.sources.length > 1 || copy.destination.endsWith('/')
              ? posix.join(copy.destination, posix.basename(path))
              : copy.destination;
          if (normalise(destination, runDir) !== path)
            problems.push(`${source} is copied to ${destination}; keep the build layout (${path})`);
          shipped.push(path);
        }
      }
      for (const path of ['node_modules', layout.outDir]) {
        if (!shipped.includes(path)) problems.push(`the runtime stage does not copy ${path} from the build stage`);
      }
    }
    expect(problems).toEqual([]);
  });
});
