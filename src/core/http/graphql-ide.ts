import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const ASSET_PREFIX = '/graphiql/';

/** Browser-side start-up of GraphiQL, served as a file so the page needs no inline script. */
const INIT_SCRIPT = `
const root = ReactDOM.createRoot(document.getElementById('graphiql'));
const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
root.render(React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }));
`;

interface Asset {
  readonly type: string;
  readonly load: () => Buffer;
}

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const ASSETS: Readonly<Record<string, Asset>> = {
  'react.production.min.js': {
    type: 'text/javascript; charset=utf-8',
    load: () => readFileSync(join(packageDir('react'), 'umd', 'react.production.min.js')),
  },
  'react-dom.production.min.js': {
    type: 'text/javascript; charset=utf-8',
    load: () => readFileSync(join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js')),
  },
  'graphiql.min.js': {
    type: 'text/javascript; charset=utf-8',
    load: () => readFileSync(join(packageDir('graphiql'), 'graphiql.min.js')),
  },
  'graphiql.min.css': {
    type: 'text/css; charset=utf-8',
    load: () => readFileSync(join(packageDir('graphiql'), 'graphiql.min.css')),
  },
  'init.js': { type: 'text/javascript; charset=utf-8', load: () => Buffer.from(INIT_SCRIPT) },
};

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Hometown API — GraphiQL</title>
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
    <link rel="stylesheet" href="${ASSET_PREFIX}graphiql.min.css" />
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${ASSET_PREFIX}react.production.min.js"></script>
    <script src="${ASSET_PREFIX}react-dom.production.min.js"></script>
    <script src="${ASSET_PREFIX}graphiql.min.js"></script>
    <script src="${ASSET_PREFIX}init.js"></script>
  </body>
</html>
`;

/** Only local resources: proves (and enforces) that the IDE works offline. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');

/**
 * Serves GraphiQL 4 (React 18) from npm packages, never from a CDN: a browser opening `/graphql`
 * gets the IDE, while GraphQL GET and POST requests go on to Apollo. Not registered in production.
 */
export function registerGraphqlIde(fastify: FastifyInstance, graphqlPath: string): void {
  const cache = new Map<string, Buffer>();

  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !request.headers.accept?.includes('text/html')) return;
    const [path, search = ''] = request.url.split('?');
    if (path !== graphqlPath || new URLSearchParams(search).has('query')) return;
    await reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(PAGE);
  });

  fastify.get<{ Params: { asset: string } }>(`${ASSET_PREFIX}:asset`, async (request, reply) => {
    const name = request.params.asset;
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return reply.code(404).type('text/plain').send('Not found');
    let body = cache.get(name);
    if (!body) {
      body = asset.load();
      cache.set(name, body);
    }
    return reply.header('cache-control', 'public, max-age=86400').type(asset.type).send(body);
  });
}
