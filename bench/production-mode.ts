/**
 * Imported first by bench.ts. The API runs there as in production (`NODE_ENV=production`), but
 * graphql-js reads NODE_ENV once, when it loads, to pick its production type checks (a plain
 * `instanceof` instead of a check meant to catch duplicate copies of the library), and
 * `loadConfig` is too late for that. So graphql-js loads here with NODE_ENV=production; the
 * variable is then restored, since the benchmark's own database set-up reads the development
 * configuration from the environment.
 */
const environment = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
// An import would be hoisted above the assignment; the load must happen here, after it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('graphql');
if (environment === undefined) delete process.env.NODE_ENV;
else process.env.NODE_ENV = environment;
