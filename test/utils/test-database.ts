import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by the global set-up for the workers: the server to clone from, and the migrated template. */
export const SERVER_URL_VARIABLE = 'HOMETOWN_TEST_SERVER_URL';
export const TEMPLATE_VARIABLE = 'HOMETOWN_TEST_TEMPLATE';

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database for one spec file, cloned from the migrated template (a file copy: milliseconds). */
export async function cloneTemplateDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env[SERVER_URL_VARIABLE];
  const template = process.env[TEMPLATE_VARIABLE];
  if (!serverUrl || !template) throw new Error('The test database server is not set up: run the tests through jest (npm test)');
  const name = `hometown_test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`),
  );
  return {
    url: databaseUrl(serverUrl, name),
    drop: () =>
      withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
