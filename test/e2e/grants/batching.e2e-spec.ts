import { createBusiness } from '../../factories/business.factory';
import { createTestApp, TestApp } from '../../utils/test-app';
import {
  applicationInput,
  createApplication,
  createOrganization,
  createProgram,
  createWorld,
  ok,
  openProgram,
  programInput,
  submitApplication,
  verifyOrganization,
  World,
} from './grants-fixture';

/** Everything a program list shows about each program, its organization and its staff. */
const PROGRAMS_WITH_RELATIONS = `query ($first: Int, $filter: ProgramFilter) {
  programs(first: $first, filter: $filter) {
    edges { node {
      slug applicationCount applicationCounts { status count } viewerCan { edit apply }
      eligibleRegions { name } organization { name staff { displayName role } viewerCan { manage } }
    } }
  }
}`;

const APPLICATIONS_WITH_RELATIONS = `query ($programId: ID!, $first: Int) {
  programApplications(programId: $programId, first: $first) {
    edges { node {
      title status region { name } requested { amount currency } budgetLines { amount { amount } }
      program { name organization { name } } applicant { displayName } business { name region { name } }
    } }
  }
}`;

/** No N+1: a page of programs, or of applications, costs the same statements whatever its size. */
describe('grant programs: statements per page', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t);
  });
  afterAll(() => t.close());

  it('reads a page of programs with counts, viewerCan, regions, organizations and staff in as many statements for 6 as for 2', async () => {
    // Three organizations, two programs each; a member of Yaba applies to some of them.
    const owner = await world.member({ home: 'yaba-lagos-ng' });
    const applicant = await world.member({ home: 'yaba-lagos-ng' });
    const programs: Record<string, any>[] = [];
    for (let o = 0; o < 3; o += 1) {
      const organization = await createOrganization(t, owner.token);
      await verifyOrganization(t, world.admin.token, organization.id);
      for (let p = 0; p < 2; p += 1) {
        const draft = await createProgram(t, owner.token, programInput(organization.id, [world.region('lagos-ng').id]));
        programs.push(await openProgram(t, owner.token, draft.id));
      }
    }
    for (const program of programs.slice(0, 3)) {
      const application = await createApplication(t, applicant.token, applicationInput(program.id, world.region('yaba-lagos-ng').id));
      if (program !== programs[2]) await submitApplication(t, applicant.token, application.id);
    }
    expect(new Set(programs.map((program) => program.organization.id)).size).toBe(3);

    const statements = async (first: number, token: string) => {
      const { result, statements } = await t.countSql(() => t.gql(PROGRAMS_WITH_RELATIONS, { first, filter: { open: true } }, token));
      expect(result.errors).toBeUndefined();
      const nodes = result.data!.programs.edges.map((edge: { node: Record<string, any> }) => edge.node);
      expect(nodes).toHaveLength(first);
      return { count: statements.length, nodes };
    };
    for (const viewer of [owner, applicant]) {
      const two = await statements(2, viewer.token);
      const six = await statements(6, viewer.token);
      expect(six.count).toBe(two.count);
      expect(six.count).toBeLessThanOrEqual(12);
      expect(six.nodes.every((node: Record<string, any>) => node.organization.staff.length === 1)).toBe(true);
    }

    // And what was read is right: the applicant's live applications (submitted or drafts) block
    // applying; counts show submitted applications only, to the owner only.
    const bySlug = async (token: string) =>
      new Map<string, Record<string, any>>(
        (await ok(t, PROGRAMS_WITH_RELATIONS, { first: 6, filter: { open: true } }, token)).programs.edges.map(
          (edge: { node: Record<string, any> }) => [edge.node.slug, edge.node],
        ),
      );
    const asApplicant = await bySlug(applicant.token);
    const asOwner = await bySlug(owner.token);
    programs.forEach((program, i) => {
      const submitted = i < 2 ? 1 : 0;
      expect({ i, ...pick(asApplicant.get(program.slug)) }).toEqual({
        i,
        applicationCount: submitted,
        applicationCounts: null,
        viewerCan: { edit: false, apply: i >= 3 },
      });
      expect({ i, ...pick(asOwner.get(program.slug)) }).toEqual({
        i,
        applicationCount: submitted,
        applicationCounts: submitted ? [{ status: 'SUBMITTED', count: 1 }] : [],
        viewerCan: { edit: true, apply: true },
      });
    });
  });
});

describe('grant applications: statements per page', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t);
  });
  afterAll(() => t.close());

  it('reads a page of applications with program, region, money, applicant and business in as many statements for 6 as for 2', async () => {
    const owner = await world.member({ home: 'accra-gh' });
    const organization = await createOrganization(t, owner.token);
    await verifyOrganization(t, world.admin.token, organization.id);
    const draft = await createProgram(t, owner.token, programInput(organization.id, [world.region('lagos-ng').id]));
    const program = await openProgram(t, owner.token, draft.id);
    for (let i = 0; i < 6; i += 1) {
      const applicant = await world.member({ home: 'yaba-lagos-ng' });
      // Each names a listing of their own, so the page's `business` is read for every application.
      const business = await createBusiness(t.em(), { region: world.region('yaba-lagos-ng'), owner: applicant.account });
      const input = applicationInput(program.id, world.region('yaba-lagos-ng').id, { businessId: business.id });
      const application = await createApplication(t, applicant.token, input);
      await submitApplication(t, applicant.token, application.id);
    }
    const statements = async (first: number) => {
      const { result, statements } = await t.countSql(() =>
        t.gql(APPLICATIONS_WITH_RELATIONS, { programId: program.id, first }, owner.token),
      );
      expect(result.errors).toBeUndefined();
      const edges = result.data!.programApplications.edges;
      expect(edges).toHaveLength(first);
      for (const edge of edges) expect(edge.node.business).toEqual({ name: expect.any(String), region: { name: 'Yaba' } });
      return statements.length;
    };
    const two = await statements(2);
    expect(await statements(6)).toBe(two);
  });
});

function pick(node: Record<string, any> | undefined) {
  return { applicationCount: node?.applicationCount, applicationCounts: node?.applicationCounts, viewerCan: node?.viewerCan };
}
