import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError, loadConfig } from './app-config';

/**
 * The configuration for a process started from the command line: variables from the environment,
 * completed by a `.env` file in the working folder when there is one (the environment wins). An
 * invalid configuration ends the process with exit code 1 and one line naming the variables.
 */
export function loadConfigOrExit(): AppConfig {
  const envFile = join(process.cwd(), '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
