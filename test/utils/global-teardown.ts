import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SERVER_URL_VARIABLE, TEMPLATE_VARIABLE, withAdminClient } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const cluster = globalThis.hometownTestCluster;
  if (cluster) {
    await cluster.stop();
    await rm(dirname(cluster.dataDir), { recursive: true, force: true });
    return;
  }
  const serverUrl = process.env[SERVER_URL_VARIABLE];
  const template = process.env[TEMPLATE_VARIABLE];
  if (serverUrl && template) {
    await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(template)}`));
  }
}
