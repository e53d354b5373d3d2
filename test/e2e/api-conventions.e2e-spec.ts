import { Client } from 'pg';
import { seedDemo } from '../utils/seed';
import { createTestApp, TestApp } from '../utils/test-app';

/** `{ a: regions { … { children { … } } } }` nested `levels` deep. */
function nestedChildren(levels: number): string {
  let selection = 'name';
  for (let i = 0; i < levels; i += 1) selection = `name children(first: 1) { edges { node { ${selection} } } }`;
  return selection;
}

describe('API conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://app.example.org' });
    await seedDemo(t.em());
  });
  afterAll(() => t.close());

  describe('request limits', () => {
    it('rejects a query deeper than 10 levels, naming the limit', async () => {
      // regions(1) edges(2) node(3) + 3 per children level: 3 levels reach depth 12.
      const res = await t.http.post('/graphql').send({ query: `{ regions(first: 1) { edges { node { ${nestedChildren(3)} } } } }` });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors[0].message).toMatch(/depth limit of 10/i);
      expect(res.body.data).toBeUndefined();

      const allowed = await t.gql(`{ regions(first: 1) { edges { node { ${nestedChildren(2)} } } } }`);
      expect(allowed.errors).toBeUndefined();
    });

    it('rejects more than 15 aliases, naming the limit', async () => {
      const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: region(slug: "nigeria") { id }`).join(' ');
      const res = await t.http.post('/graphql').send({ query: `{ ${aliases(16)} }` });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors[0].message).toMatch(/aliases limit of 15/i);

      const allowed = await t.gql(`{ ${aliases(15)} }`);
      expect(allowed.errors).toBeUndefined();
    });

    it('rejects a query whose estimated cost is over the limit, before running it', async () => {
      const query = `{ regions(first: 100) { edges { node { children(first: 100) { edges { node { children(first: 100) { edges { node { name } } } } } } } } } }`;
      const { result: res, statements } = await t.countSql(() => t.http.post('/graphql').send({ query }));
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors[0].message).toMatch(/cost limit of 10000 exceeded/i);
      expect(statements).toEqual([]);
    });

    it('refuses, unrun, a query whose cost cannot be estimated (an argument one field would refuse alone)', async () => {
      // `first: $n` with n null fails that one field's arguments; the estimate fails with it, and
      // without an estimate the expensive rest would run.
      const query = `query ($n: Int) {
        big: regions(first: 100) { edges { node { children(first: 100) { edges { node { children(first: 100) { edges { node { name } } } } } } } } }
        trap: region(slug: "nigeria") { children(first: $n) { totalCount } }
      }`;
      const { result: res, statements } = await t.countSql(() => t.http.post('/graphql').send({ query, variables: { n: null } }));
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors[0].message).toMatch(/cost limit of 10000 exceeded, its cost could not be estimated/i);
      expect(statements).toEqual([]);
    });

    it('prices one query text by its variables, each time it is sent', async () => {
      const query = `query ($n: Int!) { regions(first: $n) { edges { node { children(first: $n) { edges { node { children(first: $n) { edges { node { name } } } } } } } } } }`;
      for (const [n, allowed] of [
        [5, true],
        [30, false],
        [5, true],
        [30, false],
        [25, false],
        [10, true],
      ] as const) {
        const res = await t.http.post('/graphql').send({ query, variables: { n } });
        if (allowed) expect({ n, status: res.status, errors: res.body.errors }).toEqual({ n, status: 200, errors: undefined });
        else
          expect({ n, status: res.status, code: res.body.errors[0].extensions.code }).toEqual({
            n,
            status: 400,
            code: 'GRAPHQL_VALIDATION_FAILED',
          });
      }
    });

    it('answers 413 to a body over 100 kB', async () => {
      const padding = ' '.repeat(101 * 1024);
      const res = await t.http.post('/graphql').set('content-type', 'application/json').send(`{"query":"{ __typename }${padding}"}`);
      expect(res.status).toBe(413);
      const small = await t.http.post('/graphql').send({ query: `{ __typename }`, variables: { pad: 'x'.repeat(90 * 1024) } });
      expect(small.status).toBe(200);
    });

    it('refuses HTTP batching', async () => {
      const res = await t.http.post('/graphql').send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
      expect(res.status).toBe(400);
    });
  });

  describe('CSRF prevention', () => {
    it('refuses a GET operation without a preflight header, and serves one with it', async () => {
      const query = encodeURIComponent('{ region(slug: "ghana") { name } }');
      const simple = await t.http.get(`/graphql?query=${query}`);
      expect(simple.status).toBe(400);
      expect(simple.text).toMatch(/CSRF/);
      const preflighted = await t.http.get(`/graphql?query=${query}`).set('apollo-require-preflight', 'true');
      expect(preflighted.status).toBe(200);
      expect(preflighted.body.data).toEqual({ region: { name: 'Ghana' } });
    });

    it('refuses a POST with a form content type', async () => {
      const res = await t.http.post('/graphql').set('content-type', 'text/plain').send('{"query":"{ __typename }"}');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body?.data?.__typename).toBeUndefined();
    });
  });

  describe('errors', () => {
    it('masks an internal error: no SQL, table or stack reaches the client', async () => {
      const other = await createTestApp();
      try {
        // Break the database under the running app: the next query fails inside PostgreSQL.
        const client = new Client({ connectionString: other.databaseUrl });
        await client.connect();
        await client.query('ALTER TABLE region RENAME TO region_gone');
        await client.end();
        const res = await other.http.post('/graphql').set('x-request-id', 'trace-me-123').send({ query: '{ regions { totalCount } }' });
        expect(res.status).toBe(200);
        expect(res.headers['x-request-id']).toBe('trace-me-123');
        expect(res.body.errors).toEqual([
          {
            message: 'Internal server error',
            locations: [{ line: 1, column: 3 }],
            path: ['regions'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ]);
        expect(JSON.stringify(res.body)).not.toMatch(/region_gone|relation|select|stack|\.ts:/i);
      } finally {
        await other.close();
      }
    });

    it('reports syntax and unknown-field errors with their GraphQL codes and nothing more', async () => {
      const syntax = await t.http.post('/graphql').send({ query: '{ regions { ' });
      expect(syntax.status).toBe(400);
      expect(syntax.body.errors[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
      const unknown = await t.http.post('/graphql').send({ query: '{ regionz { totalCount } }' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(unknown.body.errors[0].message).toMatch(/Did you mean "region"/);
    });

    it('reports a badly typed variable as BAD_USER_INPUT', async () => {
      const res = await t.http
        .post('/graphql')
        .send({ query: 'query ($n: Int!) { regions(first: $n) { totalCount } }', variables: { n: 'ten' } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('NUL characters', () => {
    // PostgreSQL text cannot hold U+0000: refused as bad input, naming the field, wherever it is.
    it.each<[string, string, Record<string, unknown>, string]>([
      ['a search text', 'query ($f: BusinessFilter) { businesses(filter: $f) { totalCount } }', { f: { text: 'a\u0000b' } }, 'filter.text'],
      [
        'a tag in a list',
        'query ($f: BusinessFilter) { businesses(filter: $f) { totalCount } }',
        { f: { tags: ['ok', 'b\u0000'] } },
        'filter.tags.1',
      ],
      ['a slug', 'query ($s: String) { region(slug: $s) { id } }', { s: 'nigeria\u0000' }, 'slug'],
    ])('in %s: BAD_USER_INPUT at its path', async (_label, query, variables, path) => {
      const res = await t.expectUnchanged(() => t.gql(query, variables));
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fieldErrors).toEqual([{ path, message: expect.stringMatching(/NUL/) }]);
    });

    it('in a route parameter: not a slug, so no group (404), not a server error', async () => {
      const res = await t.http.get('/groups/a%00b/events.ics');
      expect(res.status).toBe(404);
    });
  });

  describe('HTTP', () => {
    it('echoes a sane x-request-id and replaces an unsafe one', async () => {
      const echoed = await t.http.get('/health').set('x-request-id', 'abc-123');
      expect(echoed.headers['x-request-id']).toBe('abc-123');
      const replaced = await t.http.get('/health').set('x-request-id', 'bad id\twith spaces');
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers /health with the database status', async () => {
      const res = await t.http.get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });

    it('allows only the configured origins to call from a browser', async () => {
      const allowed = await t.http
        .options('/graphql')
        .set('origin', 'https://app.example.org')
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'content-type,authorization');
      expect(allowed.status).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.org');
      expect(allowed.headers['access-control-allow-headers']).toMatch(/authorization/);

      const refused = await t.http.post('/graphql').set('origin', 'https://evil.example.com').send({ query: '{ __typename }' });
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('GraphQL IDE', () => {
    it('serves GraphiQL from local assets only when a browser opens /graphql', async () => {
      const page = await t.http.get('/graphql').set('accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
      const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
      expect(sources.length).toBeGreaterThanOrEqual(5);
      for (const source of sources) {
        expect(source).toMatch(/^\/graphiql\//);
        const asset = await t.http.get(source);
        expect(asset.status).toBe(200);
        expect(asset.headers['content-type']).toMatch(/javascript|css/);
        expect(asset.text).not.toMatch(/https?:\/\/(unpkg|cdn|esm\.sh|fonts\.googleapis)/);
      }
      expect((await t.http.get('/graphiql/../package.json')).status).toBe(404);
      expect((await t.http.get('/graphiql/secret.js')).status).toBe(404);
    });
  });

  describe('production mode', () => {
    let prod: TestApp;
    beforeAll(async () => {
      prod = await createTestApp({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    });
    afterAll(() => prod.close());

    it('turns off introspection, the IDE and field suggestions', async () => {
      const introspection = await prod.http.post('/graphql').send({ query: '{ __schema { types { name } } }' });
      expect(introspection.status).toBe(400);
      expect(introspection.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

      const page = await prod.http.get('/graphql').set('accept', 'text/html');
      expect(page.text).not.toMatch(/graphiql/i);
      expect((await prod.http.get('/graphiql/graphiql.min.js')).status).toBe(404);

      const typo = await prod.http.post('/graphql').send({ query: '{ regionz { totalCount } }' });
      expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);

      const works = await prod.gql('{ regions(first: 1) { totalCount } }');
      expect(works.errors).toBeUndefined();
    });
  });
});
