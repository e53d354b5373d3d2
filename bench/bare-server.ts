/**
 * The bare route: plain Fastify and a `pg` pool answering the benchmark's questions with one
 * prepared SQL statement each (bare-queries.ts). Started by bench.ts as a child process (so it does
 * not share an event loop with the API), it reports its port over IPC and serves
 *   POST /<query>  body `{ "variables": { … } }` (the variables the GraphQL query gets)
 *   GET  /stats    statements sent, requests served and in flight, and how PostgreSQL planned each statement.
 *
 * Two pools of 10: statements that want a plan for each execution's values (the searches) run on
 * connections with `plan_cache_mode = force_custom_plan`; the others on connections left to
 * PostgreSQL's default (`auto`: a generic plan once it is no worse than the custom ones).
 */
import Fastify from 'fastify';
import { Pool } from 'pg';
import { BARE_QUERIES, PlanMode, QUERY_NAMES } from './bare-queries';

const POOL_SIZE = 10;

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) throw new Error('BENCH_DATABASE_URL is not set');
  // The API sets the same threshold on its connections (src/database/orm-options.ts).
  const settings = '-c pg_trgm.word_similarity_threshold=0.5';
  const pools: Record<PlanMode, Pool> = {
    // Idle connections stay open (idleTimeoutMillis 0): they keep their prepared statements, and
    // /stats can read how each was planned.
    auto: new Pool({ connectionString: databaseUrl, max: POOL_SIZE, idleTimeoutMillis: 0, options: settings }),
    custom: new Pool({
      connectionString: databaseUrl,
      max: POOL_SIZE,
      idleTimeoutMillis: 0,
      options: `${settings} -c plan_cache_mode=force_custom_plan`,
    }),
  };
  let statements = 0;
  let served = 0;
  let inFlight = 0;

  const app = Fastify({ logger: false });
  for (const queryName of QUERY_NAMES) {
    const query = BARE_QUERIES[queryName];
    app.post<{ Body: { variables: Record<string, unknown> } }>(`/${queryName}`, async (request) => {
      // Counted in the handler: a request the client gave up on still runs to the end here.
      inFlight += 1;
      statements += 1;
      try {
        const { rows } = await pools[query.planMode].query({
          name: query.name,
          text: query.text,
          values: query.values(request.body.variables),
        });
        return query.respond(rows);
      } finally {
        inFlight -= 1;
        served += 1;
      }
    });
  }
  app.get('/stats', async () => {
    const plans: Record<string, { generic: number; custom: number }> = {};
    // Each connection prepares its own statements: sum what every idle one reports.
    for (const pool of Object.values(pools)) {
      const clients = await Promise.all(Array.from({ length: pool.idleCount }, () => pool.connect()));
      for (const client of clients) {
        const { rows } = await client.query<{ name: string; generic_plans: string; custom_plans: string }>(
          'SELECT name, generic_plans, custom_plans FROM pg_prepared_statements',
        );
        for (const row of rows) {
          const entry = (plans[row.name] ??= { generic: 0, custom: 0 });
          entry.generic += Number(row.generic_plans);
          entry.custom += Number(row.custom_plans);
        }
      }
      clients.forEach((client) => client.release());
    }
    return { statements, served, inFlight, plans };
  });

  const shutdown = async () => {
    await app.close();
    await Promise.all(Object.values(pools).map((pool) => pool.end()));
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('disconnect', () => void shutdown());

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
}

main().catch((error: unknown) => {
  console.error('bare server failed', error);
  process.exit(1);
});
