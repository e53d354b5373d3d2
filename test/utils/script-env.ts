/**
 * The environment for a child process the tests start (the server, a script): this process's,
 * without what the test run or a developer's shell set for the project (the test database, the
 * embedded cluster's folder and port, benchmark knobs, NODE_ENV), plus `overrides`.
 */
export function scriptEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(HOMETOWN_TEST_|BENCH_|EMBEDDED_DB_|DATABASE_)/.test(name)) delete env[name];
  }
  delete env.NODE_ENV;
  return { ...env, ...overrides };
}
