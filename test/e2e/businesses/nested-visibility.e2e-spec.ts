import { AccountRole } from '../../../src/modules/accounts/account-role';
import { BusinessStatus } from '../../../src/modules/businesses/business-status';
import { Region } from '../../../src/modules/regions/region.entity';
import { signedInAccount } from '../../factories/account.factory';
import { createBusiness } from '../../factories/business.factory';
import { expectOk, SignedIn } from '../../utils/graphql-assertions';
import { createTestApp, TestApp } from '../../utils/test-app';
import {
  ADD_STAFF,
  applicationInput,
  createApplication,
  createWorld,
  fundedProgram,
  ok,
  submitApplication,
  World,
} from '../grants/grants-fixture';
import { createEvent, createGroup } from '../groups/groups-fixture';
import { DELETE, publishListing, seeded, SUSPEND } from './listings-fixture';

/**
 * Paths that reach a listing from something else (an event's venue, a claim's listing, an
 * application's listing) show it by the same rules as `business(id)`: null once the viewer may no
 * longer see it (suspended, deleted, a draft of someone else's), and contact details only to
 * signed-in members.
 */

const EVENT = `query ($id: ID!) { event(id: $id) { id venue { id name status email phone } } }`;
const EVENTS = `query ($groupId: ID!) { events(first: 10, filter: { groupId: $groupId }) { edges { node { id venue { id email phone } } } } }`;
const MY_CLAIMS = `{ myClaims(first: 10) { edges { node { id status business { id name } } } } }`;
const CLAIMS_QUEUE = `{ claimsQueue(first: 10) { edges { node { id business { id status } } } } }`;
const CLAIM = `mutation ($input: ClaimBusinessInput!) { claimBusiness(input: $input) { claim { id status business { id } } } }`;
const APPLICATION = `query ($id: ID!) { application(id: $id) { id status business { id name } } }`;
const PROGRAM_APPLICATIONS = `query ($programId: ID!) { programApplications(programId: $programId, first: 10) { edges { node { id business { id } } } } }`;

const EVIDENCE = 'I run this shop: my name is on the CAC registration and the shop sign.';

describe('events: venue', () => {
  let t: TestApp;
  let yaba: Region;
  let admin: SignedIn;
  let venueOwner: SignedIn;
  let organizer: SignedIn;
  let member: SignedIn;
  let group: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    const seed = await seeded(t);
    yaba = seed.region('yaba-lagos-ng');
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });
    venueOwner = await signedInAccount(t, { homeRegion: yaba });
    organizer = await signedInAccount(t, { homeRegion: yaba, publicProfile: true });
    member = await signedInAccount(t, { homeRegion: yaba });
    group = await createGroup(t, organizer.token, { regionId: seed.region('lagos-ng').id });
  });
  afterAll(() => t.close());

  /** A published venue with contact details, and an event held there. */
  async function eventAtVenue(name: string): Promise<{ venueId: string; eventId: string }> {
    const venue = await createBusiness(t.em(), {
      region: yaba,
      owner: venueOwner.account,
      name,
      location: { lat: 6.51, lng: 3.37 },
      email: 'hello@venue.example.org',
      phone: '+234 803 000 1111',
    });
    const event = await createEvent(t, organizer.token, { groupId: group.id, venueId: venue.id, onlineUrl: undefined });
    return { venueId: venue.id, eventId: event.id };
  }
  const venueOf = async (eventId: string, token?: string) => expectOk(await t.gql(EVENT, { id: eventId }, token)).event.venue;
  const listedVenues = async (token?: string) =>
    expectOk(await t.gql(EVENTS, { groupId: group.id }, token)).events.edges.map(
      (edge: { node: { id: string; venue: unknown } }) => edge.node,
    );

  it("hides the venue's e-mail and phone from anonymous callers, shows them to members", async () => {
    const { venueId, eventId } = await eventAtVenue('Contact Hall');
    const anonymous = await venueOf(eventId);
    expect(anonymous).toEqual({ id: venueId, name: 'Contact Hall', status: 'PUBLISHED', email: null, phone: null });
    expect(await venueOf(eventId, member.token)).toEqual({ ...anonymous, email: 'hello@venue.example.org', phone: '+234 803 000 1111' });

    expect(await listedVenues()).toContainEqual({ id: eventId, venue: { id: venueId, email: null, phone: null } });
    expect(await listedVenues(member.token)).toContainEqual({
      id: eventId,
      venue: { id: venueId, email: 'hello@venue.example.org', phone: '+234 803 000 1111' },
    });
  });

  it('shows null as the venue once an admin suspended it, to all but its owners (and admins)', async () => {
    const { venueId, eventId } = await eventAtVenue('Suspended Hall');
    expect((await venueOf(eventId))?.id).toBe(venueId);

    const suspended = await t.gql(SUSPEND, { input: { id: venueId, reason: 'Reported closed for good' } }, admin.token);
    expect(expectOk(suspended).suspendBusiness.business.status).toBe('SUSPENDED');

    for (const token of [undefined, member.token, organizer.token]) {
      expect(await venueOf(eventId, token)).toBeNull();
      expect(await listedVenues(token)).toContainEqual({ id: eventId, venue: null });
    }
    expect(await venueOf(eventId, venueOwner.token)).toMatchObject({ id: venueId, status: 'SUSPENDED' });
    expect(await venueOf(eventId, admin.token)).toMatchObject({ id: venueId, status: 'SUSPENDED' });
  });

  it('shows null as the venue once its owner deleted it, to everyone', async () => {
    const { venueId, eventId } = await eventAtVenue('Deleted Hall');
    expect((await venueOf(eventId, member.token))?.id).toBe(venueId);

    expect(expectOk(await t.gql(DELETE, { input: { id: venueId } }, venueOwner.token)).deleteBusiness.deletedBusinessId).toBe(venueId);

    for (const token of [undefined, member.token, organizer.token, venueOwner.token, admin.token]) {
      expect(await venueOf(eventId, token)).toBeNull();
      expect(await listedVenues(token)).toContainEqual({ id: eventId, venue: null });
    }
  });
});

describe('claims: business', () => {
  let t: TestApp;
  let yaba: Region;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    yaba = (await seeded(t)).region('yaba-lagos-ng');
    admin = await signedInAccount(t, { role: AccountRole.ADMIN });
  });
  afterAll(() => t.close());

  it("shows null as a claim's listing in myClaims once the listing is suspended; the claim itself stays", async () => {
    const owner = await signedInAccount(t, { homeRegion: yaba });
    const claimant = await signedInAccount(t, { homeRegion: yaba });
    const listing = await createBusiness(t.em(), { region: yaba, owner: owner.account, name: 'Claimed Canteen' });
    const claim = expectOk(await t.gql(CLAIM, { input: { businessId: listing.id, evidence: EVIDENCE } }, claimant.token)).claimBusiness
      .claim;

    expect(expectOk(await t.gql(MY_CLAIMS, {}, claimant.token)).myClaims.edges).toEqual([
      { node: { id: claim.id, status: 'PENDING', business: { id: listing.id, name: 'Claimed Canteen' } } },
    ]);

    expectOk(await t.gql(SUSPEND, { input: { id: listing.id, reason: 'Under investigation' } }, admin.token));

    expect(expectOk(await t.gql(MY_CLAIMS, {}, claimant.token)).myClaims.edges).toEqual([
      { node: { id: claim.id, status: 'PENDING', business: null } },
    ]);
    // Admins deciding on the claim still see the listing.
    expect(expectOk(await t.gql(CLAIMS_QUEUE, {}, admin.token)).claimsQueue.edges).toContainEqual({
      node: { id: claim.id, business: { id: listing.id, status: 'SUSPENDED' } },
    });
  });
});

describe('grant applications: business', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t);
  });
  afterAll(() => t.close());

  it("shows a program manager null as an application's listing while the listing is a draft; the listing once published", async () => {
    const { owner, organization, program } = await fundedProgram(t, world);
    const manager = await world.member();
    await ok(t, ADD_STAFF, { input: { organizationId: organization.id, accountId: manager.account.id, role: 'MANAGER' } }, owner.token);

    const applicant = await world.member();
    const draft = await createBusiness(t.em(), {
      region: world.region('yaba-lagos-ng'),
      owner: applicant.account,
      name: 'Draft Bakery',
      status: BusinessStatus.DRAFT,
    });
    const created = await createApplication(
      t,
      applicant.token,
      applicationInput(program.id, world.region('yaba-lagos-ng').id, { businessId: draft.id }),
    );
    await submitApplication(t, applicant.token, created.id);

    const businessSeenBy = async (token: string) => expectOk(await t.gql(APPLICATION, { id: created.id }, token)).application.business;
    const listedBy = async (token: string) =>
      expectOk(await t.gql(PROGRAM_APPLICATIONS, { programId: program.id }, token)).programApplications.edges.map(
        (edge: { node: unknown }) => edge.node,
      );

    // The application is the manager's to see; the draft listing is not.
    expect(expectOk(await t.gql(APPLICATION, { id: created.id }, manager.token)).application).toEqual({
      id: created.id,
      status: 'SUBMITTED',
      business: null,
    });
    expect(await businessSeenBy(owner.token)).toBeNull();
    expect(await listedBy(manager.token)).toEqual([{ id: created.id, business: null }]);
    // Its owner, the applicant, and admins see it.
    expect(await businessSeenBy(applicant.token)).toEqual({ id: draft.id, name: 'Draft Bakery' });
    expect(await businessSeenBy(world.admin.token)).toEqual({ id: draft.id, name: 'Draft Bakery' });

    await publishListing(t, applicant.token, world.admin.token, draft.id);
    expect(await businessSeenBy(manager.token)).toEqual({ id: draft.id, name: 'Draft Bakery' });
    expect(await listedBy(manager.token)).toEqual([{ id: created.id, business: { id: draft.id } }]);
  });
});
