import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres, openFolderToPostgres } from '../../src/database/embedded-postgres';
import { prepareDatabase } from '../../src/database/prepare-database';
import { freePort } from './free-port';
import { databaseUrl, SERVER_URL_VARIABLE, TEMPLATE_VARIABLE, withAdminClient } from './test-database';

declare global {
  var hometownTestCluster: EmbeddedPostgres | undefined;
}

/**
 * Starts the database server for the run — the embedded PostgreSQL in a temporary folder, or the
 * server at DATABASE_URL — and builds a migrated template database that every spec file clones.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const folder = await mkdtemp(join(tmpdir(), 'hometown-test-'));
    await openFolderToPostgres(folder);
    const port = await freePort();
    globalThis.hometownTestCluster = await EmbeddedPostgres.start({ dataDir: join(folder, 'data'), port, ephemeral: true });
    serverUrl = globalThis.hometownTestCluster.url('postgres');
  }
  const template = `hometown_template_${process.pid}`;
  await withAdminClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(template)}`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(template)}`);
  });
  await prepareDatabase(databaseUrl(serverUrl, template), { migrate: true });
  process.env[SERVER_URL_VARIABLE] = serverUrl;
  process.env[TEMPLATE_VARIABLE] = template;
  // MikroORM keeps entity metadata on globalThis, and Jest copies this process's globals into the
  // sandbox of a spec run in band: metadata built here would leak in with another realm's Maps.
  for (const key of Object.keys(globalThis).filter((name) => name.startsWith('mikro-orm-'))) {
    delete (globalThis as Record<string, unknown>)[key];
  }
}
