import { businessColumns } from '../../../src/modules/businesses/business.record';
import { signedInAccount } from '../../factories/account.factory';
import { expectOk } from '../../utils/graphql-assertions';
import { seedDemo } from '../../utils/seed';
import { createTestApp, TestApp } from '../../utils/test-app';

/** Sub-selections for the Business fields that are objects; a new object field must be added here. */
const SUB_SELECTIONS: Record<string, string> = {
  region: '{ id name parent { name } }',
  categories: '{ id slug name }',
  owners: '{ accountId displayName role }',
  socialLinks: '{ label url }',
  openingHours: '{ day opens closes }',
  location: '{ lat lng }',
  viewerCan: '{ edit manageOwners delete claim }',
  upcomingEvents: '{ id }',
};

interface IntrospectedField {
  name: string;
  type: { kind: string; name: string | null; ofType: IntrospectedField['type'] | null };
}

const namedKind = (type: IntrospectedField['type']): string => (type.ofType ? namedKind(type.ofType) : type.kind);

/**
 * A page reads only the columns its selection needs (ReadPlan.columns). Every field, asked for
 * alone, must answer exactly what it answers when every field is asked for.
 */
describe('business listings: what a selection reads', () => {
  let t: TestApp;
  let fields: IntrospectedField[];
  let member: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.em(), { businesses: true });
    member = (await signedInAccount(t)).token;
    const data = expectOk(
      await t.gql(
        `{ __type(name: "Business") { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`,
      ),
    );
    fields = data.__type.fields;
  });
  afterAll(() => t.close());

  const selection = (field: IntrospectedField) => {
    const kind = namedKind(field.type);
    if (kind === 'SCALAR' || kind === 'ENUM') return field.name;
    if (!SUB_SELECTIONS[field.name]) throw new Error(`add a sub-selection for Business.${field.name} to this spec`);
    return `${field.name} ${SUB_SELECTIONS[field.name]}`;
  };

  it('knows the columns of every field of Business (none falls back to reading every column)', () => {
    expect(fields.length).toBeGreaterThan(25);
    for (const field of fields) expect([field.name, businessColumns([field.name])]).toEqual([field.name, expect.any(Array)]);
  });

  it.each([
    ['anonymous', () => undefined],
    ['a member', () => member],
  ])('answers each field alone as with every field (%s)', async (_label, token) => {
    const page = (nodeSelection: string) =>
      t.gql(`query { businesses(first: 50, orderBy: NEWEST) { edges { cursor node { ${nodeSelection} } } } }`, {}, token());
    const everything = expectOk(await page(fields.map(selection).join(' '))).businesses.edges;
    expect(everything.length).toBeGreaterThanOrEqual(20);
    for (const field of fields) {
      const alone = expectOk(await page(`id ${selection(field)}`)).businesses.edges;
      expect(
        alone.map((edge: { cursor: string; node: Record<string, unknown> }) => [edge.cursor, edge.node.id, edge.node[field.name]]),
      ).toEqual(
        everything.map((edge: { cursor: string; node: Record<string, unknown> }) => [edge.cursor, edge.node.id, edge.node[field.name]]),
      );
    }
  });

  it('answers a near-me page field by field as with every field', async () => {
    const page = (nodeSelection: string) =>
      t.gql(
        `query { businesses(first: 50, filter: { near: { lat: 6.5, lng: 3.4, radiusKm: 100 } }) { edges { cursor node { ${nodeSelection} } } } }`,
      );
    const everything = expectOk(await page(fields.map(selection).join(' '))).businesses.edges;
    expect(everything.length).toBeGreaterThan(0);
    for (const name of ['distanceKm', 'location', 'isOpenNow', 'openingHours', 'timeZone']) {
      const field = fields.find((f) => f.name === name)!;
      const alone = expectOk(await page(selection(field))).businesses.edges;
      expect(alone.map((edge: { cursor: string; node: Record<string, unknown> }) => [edge.cursor, edge.node[name]])).toEqual(
        everything.map((edge: { cursor: string; node: Record<string, unknown> }) => [edge.cursor, edge.node[name]]),
      );
    }
  });
});
