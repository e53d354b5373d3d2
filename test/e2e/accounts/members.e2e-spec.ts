import { Account } from '../../../src/modules/accounts/account.entity';
import { Region } from '../../../src/modules/regions/region.entity';
import { createAccount, signIn, TEST_PASSWORD } from '../../factories/account.factory';
import { seedDemo } from '../../utils/seed';
import { createTestApp, GraphQLResponse, TestApp } from '../../utils/test-app';
import { expectError } from '../../utils/graphql-assertions';

/** The members directory (public profiles only) and member counts per region. */

const MEMBERS = `query ($first: Int!, $after: String, $filter: MemberFilter) {
  members(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { id displayName createdAt homeRegion { slug } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;
const MEMBER_COUNT = `query ($slug: String!) { region(slug: $slug) { memberCount } }`;

interface MemberNode {
  id: string;
  displayName: string;
  homeRegion: { slug: string } | null;
}

describe('members directory and member counts', () => {
  let t: TestApp;
  let bySlug: Map<string, Region>;
  const region = (slug: string) => {
    const found = bySlug.get(slug);
    if (!found) throw new Error(`no demo region ${slug}`);
    return found;
  };
  /** Every account made here, with where it lives, whether it is public and whether it was deleted. */
  const people: { account: Account; slug: string; publicProfile: boolean; deleted: boolean }[] = [];
  const within = (ancestor: string, slug: string) => slug === ancestor || region(slug).path.includes(`/${region(ancestor).id}/`);

  async function person(displayName: string, slug: string, publicProfile: boolean): Promise<Account> {
    const account = await createAccount(t.em(), { displayName, homeRegion: region(slug), publicProfile });
    people.push({ account, slug, publicProfile, deleted: false });
    return account;
  }

  async function deleteThroughApi(account: Account): Promise<void> {
    const { accessToken } = await signIn(t, account.email!);
    const res = await t.gql(
      `mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { deletedAccountId } }`,
      { input: { password: TEST_PASSWORD } },
      accessToken,
    );
    expect(res.errors).toBeUndefined();
    people.find((entry) => entry.account.id === account.id)!.deleted = true;
  }

  /** Every member of a filtered list, read page by page. */
  async function readAll(filter: Record<string, unknown> | undefined, first = 100) {
    const nodes: MemberNode[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: GraphQLResponse = await t.gql(MEMBERS, { first, after, filter });
      expect(res.errors).toBeUndefined();
      const page: Record<string, any> = res.data!.members;
      expect(page.edges.length).toBeLessThanOrEqual(first);
      nodes.push(...page.edges.map((edge: { node: MemberNode }) => edge.node));
      pages += 1;
      if (!page.pageInfo.hasNextPage) return { nodes, pages, totalCount: page.totalCount as number };
      after = page.pageInfo.endCursor;
    }
  }

  const expectedPublic = (predicate: (entry: (typeof people)[number]) => boolean = () => true) =>
    people
      .filter((entry) => entry.publicProfile && !entry.deleted && predicate(entry))
      .map((entry) => entry.account.displayName)
      .sort();

  beforeAll(async () => {
    t = await createTestApp();
    bySlug = await seedDemo(t.em());
    await person('Ada Okafor', 'yaba-lagos-ng', true);
    await person('Bola Adeyemi', 'lagos-ng', true);
    await person('Chidi Eze', 'nigeria', true);
    await person('Kwame Mensah', 'accra-gh', true);
    await person('Maria Lopez', 'brooklyn-new-york-city-us', true);
    await person('Sandra Private', 'yaba-lagos-ng', false);
    await person('Quiet Neighbour', 'accra-gh', false);
    await person('Yemi Leaving', 'yaba-lagos-ng', true);
  });
  afterAll(() => t.close());

  it('lists public, live profiles by name, and never a private one', async () => {
    const { nodes, totalCount } = await readAll(undefined);
    expect(nodes.map((node) => node.displayName)).toEqual(expectedPublic());
    expect(totalCount).toBe(expectedPublic().length);
    const privateIds = people.filter((entry) => !entry.publicProfile).map((entry) => entry.account.id);
    expect(nodes.map((node) => node.id).filter((id) => privateIds.includes(id))).toEqual([]);
    const ada = nodes.find((node) => node.displayName === 'Ada Okafor')!;
    expect(ada.homeRegion).toEqual({ slug: 'yaba-lagos-ng' });

    for (const name of ['Sandra Private', 'Quiet Neighbour', 'Sandra', 'private']) {
      expect((await readAll({ text: name })).nodes).toEqual([]);
    }
    expect((await readAll({ text: 'Sandra Private', regionId: region('yaba-lagos-ng').id })).nodes).toEqual([]);
  });

  it('filters by region, including every region below it', async () => {
    const nigeria = await readAll({ regionId: region('nigeria').id });
    expect(nigeria.nodes.map((node) => node.displayName)).toEqual(expectedPublic((entry) => within('nigeria', entry.slug)));
    expect(nigeria.nodes.map((node) => node.displayName)).toEqual(expect.arrayContaining(['Ada Okafor', 'Bola Adeyemi', 'Chidi Eze']));
    expect(nigeria.nodes.map((node) => node.displayName)).not.toContain('Kwame Mensah');

    const lagos = await readAll({ regionId: region('lagos-ng').id });
    expect(lagos.nodes.map((node) => node.displayName)).toEqual(expectedPublic((entry) => within('lagos-ng', entry.slug)));
    expect(lagos.nodes.map((node) => node.displayName)).not.toContain('Chidi Eze');

    const us = await readAll({ regionId: region('united-states').id });
    expect(us.nodes.map((node) => node.displayName)).toEqual(['Maria Lopez']);
    expect((await readAll({ regionId: region('ikeja-lagos-ng').id })).nodes).toEqual([]);

    const unknown = await t.expectUnchanged(() =>
      t.gql(MEMBERS, { first: 5, filter: { regionId: '00000000-0000-4000-8000-000000000000' } }),
    );
    expectError(unknown, 'BAD_USER_INPUT', ['filter.regionId']);
    const malformed = await t.gql(MEMBERS, { first: 5, filter: { regionId: 'lagos' } });
    expectError(malformed, 'BAD_USER_INPUT', ['filter.regionId']);
  });

  it('answers a region filter with one statement, and the total with one more, each checked against the region tree', async () => {
    const query = `query ($filter: MemberFilter) { members(first: 5, filter: $filter) { totalCount edges { node { displayName } } } }`;
    const filter = { regionId: region('nigeria').id };
    await t.gql(query, { filter }); // the process reads the region tree once
    const { result, statements } = await t.countSql(() => t.gql(query, { filter }));
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(2);
    expect(statements.every((sql) => sql.includes('region_tree_version'))).toBe(true);
    expect(result.data!.members.totalCount).toBe(expectedPublic((entry) => within('nigeria', entry.slug)).length);
  });

  it('filters by text in the display name, ignoring case and treating wildcards literally', async () => {
    expect((await readAll({ text: 'okaf' })).nodes.map((node) => node.displayName)).toEqual(['Ada Okafor']);
    expect((await readAll({ text: 'MENSAH' })).nodes.map((node) => node.displayName)).toEqual(['Kwame Mensah']);
    expect((await readAll({ text: 'e', regionId: region('ghana').id })).nodes.map((node) => node.displayName)).toEqual(['Kwame Mensah']);
    expect((await readAll({ text: '%' })).nodes).toEqual([]);
    expect((await readAll({ text: '_' })).nodes).toEqual([]);
    expectError(await t.gql(MEMBERS, { first: 5, filter: { text: '' } }), 'BAD_USER_INPUT', ['filter.text']);
  });

  it.each([1, 2, 3])('pages through the directory %i at a time without duplicates or gaps', async (first) => {
    const all = await readAll(undefined);
    const paged = await readAll(undefined, first);
    expect(paged.nodes.map((node) => node.id)).toEqual(all.nodes.map((node) => node.id));
    expect(new Set(paged.nodes.map((node) => node.id)).size).toBe(all.nodes.length);
    expect(paged.pages).toBe(Math.ceil(all.nodes.length / first));
    expect(paged.totalCount).toBe(all.nodes.length);
  });

  it('counts everyone, public or private, in a region and below it', async () => {
    for (const slug of ['nigeria', 'ng-la', 'lagos-ng', 'yaba-lagos-ng', 'ghana', 'accra-gh', 'united-states', 'ikeja-lagos-ng']) {
      const res = await t.gql(MEMBER_COUNT, { slug });
      expect(res.errors).toBeUndefined();
      const expected = people.filter((entry) => !entry.deleted && within(slug, entry.slug)).length;
      expect({ slug, count: res.data!.region.memberCount }).toEqual({ slug, count: expected });
    }
    // Nigeria: Ada, Bola, Chidi, Sandra (private) and Yemi.
    expect((await t.gql(MEMBER_COUNT, { slug: 'nigeria' })).data!.region.memberCount).toBe(5);
  });

  it('drops a deleted account from the directory and from the counts', async () => {
    const leaving = people.find((entry) => entry.account.displayName === 'Yemi Leaving')!;
    const countBefore = (await t.gql(MEMBER_COUNT, { slug: 'nigeria' })).data!.region.memberCount;
    expect((await readAll({ text: 'Leaving' })).nodes.map((node) => node.id)).toEqual([leaving.account.id]);

    await deleteThroughApi(leaving.account);

    expect((await readAll({ text: 'Leaving' })).nodes).toEqual([]);
    expect((await readAll({ text: 'Deleted member' })).nodes).toEqual([]);
    expect((await readAll(undefined)).nodes.map((node) => node.id)).not.toContain(leaving.account.id);
    expect((await t.gql(MEMBER_COUNT, { slug: 'nigeria' })).data!.region.memberCount).toBe(countBefore - 1);
    expect((await t.gql(MEMBER_COUNT, { slug: 'yaba-lagos-ng' })).data!.region.memberCount).toBe(
      people.filter((entry) => !entry.deleted && entry.slug === 'yaba-lagos-ng').length,
    );
  });
});

describe('members: batched loading', () => {
  let t: TestApp;
  /** The home region of every account, one entry per account. */
  const homes: Region[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const bySlug = await seedDemo(t.em());
    // Sixty public members, each homed in a different region (with a parent where there is one).
    const regions = [...bySlug.values()].sort((a, b) => b.depth - a.depth || a.slug.localeCompare(b.slug)).slice(0, 60);
    expect(regions).toHaveLength(60);
    const em = t.em();
    for (const [i, home] of regions.entries()) {
      await createAccount(em, { displayName: `Member ${String(i).padStart(2, '0')}`, homeRegion: home, publicProfile: true });
      homes.push(home);
    }
    // And some private ones, who count but are not listed.
    for (const home of regions.slice(0, 10)) {
      await createAccount(em, { homeRegion: home, publicProfile: false });
      homes.push(home);
    }
  });
  afterAll(() => t.close());

  it('counts members of a page of regions with the same number of SQL statements for 5 and 50 regions', async () => {
    const query = `query ($first: Int!) { regions(first: $first, orderBy: NAME) { edges { node { name memberCount } } } }`;
    const small = await t.countSql(() => t.gql(query, { first: 5 }));
    const large = await t.countSql(() => t.gql(query, { first: 50 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data!.regions.edges).toHaveLength(50);
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(3);

    // The counts are right, too: everyone at or below each region, public or not.
    const counted = await t.gql(`{ regions(first: 100, orderBy: NAME) { edges { node { id memberCount } } } }`);
    const edges: { node: { id: string; memberCount: number } }[] = counted.data!.regions.edges;
    expect(edges).toHaveLength(100);
    for (const { node } of edges) {
      const expected = homes.filter((home) => home.path.includes(`/${node.id}/`)).length;
      expect({ id: node.id, memberCount: node.memberCount }).toEqual({ id: node.id, memberCount: expected });
    }
    expect(edges.some(({ node }) => node.memberCount > 1)).toBe(true);
  });

  it('loads members with their home region and its parent with the same number of SQL statements for 5 and 50 members', async () => {
    const query = `query ($first: Int!) { members(first: $first) { edges { node { displayName homeRegion { name parent { name } } } } } }`;
    const small = await t.countSql(() => t.gql(query, { first: 5 }));
    const large = await t.countSql(() => t.gql(query, { first: 50 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    const edges = large.result.data!.members.edges;
    expect(edges).toHaveLength(50);
    expect(edges.every((edge: { node: { homeRegion: { name: string } | null } }) => edge.node.homeRegion?.name)).toBe(true);
    expect(new Set(edges.map((edge: { node: { homeRegion: { name: string } } }) => edge.node.homeRegion.name)).size).toBeGreaterThan(5);
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(4);
  });
});
