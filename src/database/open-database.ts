import type { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE_NAME = 'hometown';

export interface DatabaseHandle {
  readonly url: string;
  /** Set when the embedded cluster serves this run. */
  readonly embedded: EmbeddedPostgres | undefined;
  stop(): Promise<void>;
}

/**
 * The database this run uses: the server at DATABASE_URL, or else the embedded PostgreSQL in
 * the git-ignored data folder, started (or taken over after a crash) here.
 */
export async function openDatabase(config: AppConfig, log: (message: string) => void): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: undefined, stop: async () => undefined };
  }
  const embedded = await EmbeddedPostgres.start({ ...config.embeddedDatabase, log });
  await embedded.ensureDatabase(EMBEDDED_DATABASE_NAME);
  return { url: embedded.url(EMBEDDED_DATABASE_NAME), embedded, stop: () => embedded.stop() };
}
