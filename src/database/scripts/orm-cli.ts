import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { runDatabaseScript } from './run-script';

/**
 * `npm run orm -- <command>`: the MikroORM CLI (e.g. `migration:create`, `migration:check`,
 * `schema:update --dump`) against the configured database, the embedded one by default.
 */
runDatabaseScript('orm', (url) => {
  // The CLI's entry is its `bin`, which the package does not export.
  const cli = join(dirname(require.resolve('@mikro-orm/cli/package.json')), 'cli');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', cli, ...process.argv.slice(2)], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
});
