import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DEFAULTS, CONFIG_VARIABLES } from '../../src/config/app-config';
import { AccountRole } from '../../src/modules/accounts/account-role';
import { signedInAccount } from '../factories/account.factory';
import { seedDemo } from '../utils/seed';
import { createTestApp, TestApp } from '../utils/test-app';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function fencedBlocks(language: string): string[] {
  return [...README.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]);
}

/** What `<id of the region with slug nigeria>` and its kin may name, and the query that finds the id. */
const LOOKUPS: Record<string, string> = {
  'region with slug': 'SELECT id FROM region WHERE slug = ?',
  'category with slug': 'SELECT id FROM category WHERE slug = ?',
  'organization with slug': 'SELECT id FROM organization WHERE slug = ?',
  'program with slug': 'SELECT id FROM grant_program WHERE slug = ?',
  'business with slug': 'SELECT id FROM business WHERE slug = ?',
  'group with slug': 'SELECT id FROM community_group WHERE slug = ?',
  'account with email': 'SELECT id FROM account WHERE email = ?',
  'claim on the business with slug': 'SELECT c.id FROM business_claim c JOIN business b ON b.id = c.business_id WHERE b.slug = ?',
};

/**
 * `# variables: {...}` in a block, with each `<id of the …>` replaced by that id, looked up when
 * the example runs (an earlier example may have created it).
 */
async function variablesOf(t: TestApp, block: string): Promise<Record<string, unknown> | undefined> {
  const line = /^# variables: (.*)$/m.exec(block)?.[1];
  if (!line) return undefined;
  let json = line;
  for (const [placeholder, kind, key] of line.matchAll(/<id of the ([a-z ]+) ([^\s<>"]+)>/g)) {
    expect(LOOKUPS).toHaveProperty([kind]);
    const [row] = await t.em().getConnection().execute<{ id: string }[]>(LOOKUPS[kind], [key]);
    expect(row).toBeDefined();
    json = json.replace(placeholder, row.id);
  }
  return JSON.parse(json);
}

/** Every example in the README runs against the demo data, so the documentation cannot rot. */
describe('README', () => {
  let t: TestApp;
  /** The account of the README's Register example, signed in once that example has run. */
  let readerToken: string | undefined;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.em(), { businesses: true });
    adminToken = (await signedInAccount(t, { role: AccountRole.ADMIN })).token;
  });
  afterAll(() => t.close());

  const graphqlExamples = fencedBlocks('graphql');

  it('has GraphQL examples', () => {
    expect(graphqlExamples.length).toBeGreaterThanOrEqual(3);
  });

  // In order: a later example may rely on an earlier one (sign in after Register). A block may say
  // how it answers: `# answers: CONFLICT` (refused with that code, the error's details in full),
  // `# answers: { "business": { "email": null } }` (those fields as stated, a partial match), or
  // `# may be empty: <why>` (its lists may be empty). Every other field shows something: no null,
  // no empty list.
  it.each(graphqlExamples.map((block, index) => [index + 1, block]))('example %i answers as it says', async (_, block) => {
    const asAdmin = /^# signed in as an admin$/m.test(block);
    const signedIn = /^# signed in$/m.test(block);
    if (signedIn) expect(readerToken).toBeDefined();
    const res = await t.gql(block, await variablesOf(t, block), asAdmin ? adminToken : signedIn ? readerToken : undefined);
    const answer = /^# answers: (.*)$/m.exec(block)?.[1];
    if (answer && /^[A-Z_]+$/.test(answer)) {
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions?.code).toBe(answer);
      expect(JSON.stringify(res.errors![0].extensions)).not.toMatch(/\[\]|null/);
      return;
    }
    expect(res.errors).toBeUndefined();
    readerToken ??= res.data?.register?.tokens?.accessToken;
    const stated: Record<string, unknown> = answer ? JSON.parse(answer) : {};
    expect(res.data).toMatchObject(stated);
    const rest = Object.fromEntries(Object.entries(res.data ?? {}).filter(([field]) => !(field in stated)));
    expect(JSON.stringify(rest)).not.toMatch(/^# may be empty: /m.test(block) ? /null/ : /\[\]|null/);
  });

  it('names every query and mutation of the schema', () => {
    const schema = readFileSync(join(ROOT, 'schema', 'schema.graphql'), 'utf8');
    const operations = ['Query', 'Mutation'].flatMap((type) => {
      const body = new RegExp(`^type ${type} \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(schema)?.[1] ?? '';
      return [...body.matchAll(/^ {2}(\w+)[(:]/gm)].map((match) => match[1]);
    });
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.filter((name) => !new RegExp(`\\b${name}\\b`).test(README))).toEqual([]);
  });

  it("has a calendar feed example that serves the events of the examples' group", async () => {
    const feed = fencedBlocks('sh').find((block) => block.includes('.ics'));
    const path = /http:\/\/localhost:3000(\/\S+\.ics)/.exec(feed ?? '')?.[1];
    expect(path).toBeDefined();
    const res = await t.http.get(path!);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.text).toMatch(/^BEGIN:VCALENDAR/);
    expect(res.text).toContain('SUMMARY:Python & Pepper Soup');
  });

  it('has a curl example whose query answers with seeded places', async () => {
    const curl = fencedBlocks('sh').find((block) => block.includes('curl'));
    const body = /-d '([^']+)'/.exec(curl ?? '')?.[1];
    expect(body).toBeDefined();
    const res = await t.http.post('/graphql').set('content-type', 'application/json').send(body);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.regions.edges).toHaveLength(5);
    expect(res.body.data.regions.edges.some((edge: any) => edge.node.children.edges.length > 0)).toBe(true);
  });

  it('states the two commands of the promise exactly', () => {
    expect(README).toContain('npm ci && npm start');
    expect(README).toMatch(/^npm test\b/m);
  });

  it('documents every configuration variable with its default, as .env.example does', () => {
    const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');
    for (const name of Object.keys(CONFIG_VARIABLES)) {
      const row = README.split('\n').find((line) => new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`).test(line));
      expect(row).toBeDefined();
      const fallback = CONFIG_DEFAULTS[name as keyof typeof CONFIG_VARIABLES];
      if (fallback) expect(row).toContain(`\`${fallback}\``);
      const lines = envExample.split('\n');
      const expected = fallback === undefined ? [`# ${name}=`] : [`${name}=${fallback}`, `${name}=${JSON.stringify(fallback)}`];
      expect(lines.some((line) => expected.includes(line))).toBe(true);
    }
    const documented = [...README.matchAll(/^\|\s*`([A-Z_]+)`\s*\|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(CONFIG_VARIABLES).sort());
  });
});
