import { randomUUID } from 'node:crypto';
import { RequestContext as OrmRequestContext, MikroORM } from '@mikro-orm/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { GraphQLSchemaHost, RESOLVER_NAME_METADATA, RESOLVER_TYPE_METADATA, TypeMetadataStorage } from '@nestjs/graphql';
import { GraphQLField, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, isInputObjectType } from 'graphql';
import { AccountRole } from '../../src/modules/accounts/account-role';
import { ACCESS_RULE, AccessRule, AdminOnly, Public, SignedIn } from '../../src/core/auth/access.decorators';
import { AuthGuard } from '../../src/core/auth/auth.guard';
import { RequestContext } from '../../src/core/context/request-context';
import { DomainError, ErrorCode } from '../../src/core/errors/domain-errors';
import { Region } from '../../src/modules/regions/region.entity';
import { createAccount, signedInAccount, signIn, TEST_PASSWORD } from '../factories/account.factory';
import { categoriesBySlug, createBusiness } from '../factories/business.factory';
import { createRegion } from '../factories/region.factory';
import { seedDemo } from '../utils/seed';
import { createTestApp, GraphQLResponse, TestApp } from '../utils/test-app';

type Access = 'public' | 'signed-in' | 'admin';
type Caller = 'anonymous' | 'member' | 'admin';

/** What a call should answer: an error code (with, optionally, field paths or a message), or success. */
type Outcome =
  | { readonly code: ErrorCode; readonly paths?: readonly string[]; readonly message?: RegExp }
  /** Succeeds and changes the database (run outside `expectUnchanged`, on a throw-away session). */
  | { readonly allowed: true };

/** Ids the inputs need, known once the fixtures exist. */
interface Fixtures {
  region: (slug: string) => string;
  memberId: string;
  otherAdminId: string;
  leafRegionId: string;
  /** A bakery category. */
  categoryId: string;
  /** A published listing owned by someone else, which the member edits ("Access Bakery", at {@link ACCESS_SPOT}). */
  otherBusinessId: string;
  /** A published listing the member is the only owner of. */
  memberBusinessId: string;
  /** An APPROVAL group organized by the admin ("Access Group"), which the member is not in. */
  groupId: string;
  /** An upcoming event of that group. */
  eventId: string;
  /** Grant fixtures (see {@link grantFixtures}). */
  grants: GrantFixtures;
}

/** Where the published "Access Bakery" is (in Yaba, Lagos). */
const ACCESS_SPOT = { lat: 6.5101, lng: 3.3712 };

type Input = (f: Fixtures) => Record<string, unknown>;

interface MutationRow {
  readonly access: Access;
  /** A syntactically valid input with real ids; absent for mutations that take no arguments. */
  readonly input?: Input;
  /** Expected outcome per caller; public mutations skip the auth columns. */
  readonly anonymous?: Outcome;
  readonly member?: Outcome;
  /** An input that fails validation, sent by a caller who may call the mutation; null when it takes no input. */
  readonly badInput: { readonly caller: Caller; readonly input: Input; readonly paths: readonly string[] } | null;
}

const UNAUTHENTICATED: Outcome = { code: ErrorCode.UNAUTHENTICATED };
const FORBIDDEN: Outcome = { code: ErrorCode.FORBIDDEN };
const NOT_UUID = 'not-a-uuid';

/**
 * Every mutation of the API, with who may call it. A mutation missing here fails the coverage test:
 * whoever adds one decides its access and adds a row.
 */
const MUTATIONS: Record<string, MutationRow> = {
  // Public: anyone may try; their own rules (credentials, tokens) decide.
  register: {
    access: 'public',
    badInput: {
      caller: 'anonymous',
      input: () => ({ email: 'not-an-email', password: 'a long enough passphrase', displayName: '   ', homeRegionId: NOT_UUID }),
      paths: ['input.email', 'input.displayName', 'input.homeRegionId'],
    },
  },
  login: {
    access: 'public',
    badInput: { caller: 'anonymous', input: () => ({ email: `${'x'.repeat(250)}@example.org`, password: 'pw' }), paths: ['input.email'] },
  },
  refreshToken: {
    access: 'public',
    badInput: { caller: 'anonymous', input: () => ({ refreshToken: 'x'.repeat(201) }), paths: ['input.refreshToken'] },
  },
  verifyEmail: {
    access: 'public',
    badInput: { caller: 'anonymous', input: () => ({ token: 'too-short' }), paths: ['input.token'] },
  },
  requestPasswordReset: {
    access: 'public',
    badInput: { caller: 'anonymous', input: () => ({ email: 'nobody-at-example.org' }), paths: ['input.email'] },
  },
  resetPassword: {
    access: 'public',
    badInput: { caller: 'anonymous', input: () => ({ token: 'short', newPassword: 'a long enough passphrase' }), paths: ['input.token'] },
  },

  // Signed in: an ordinary member gets past the guard and meets the mutation's own rules.
  changePassword: {
    access: 'signed-in',
    input: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'password123' }),
    anonymous: UNAUTHENTICATED,
    // A common password: refused by the service, after the guard let the member through.
    member: { code: ErrorCode.BAD_USER_INPUT, paths: ['input.newPassword'] },
    badInput: {
      caller: 'member',
      input: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'x'.repeat(1025) }),
      paths: ['input.newPassword'],
    },
  },
  deleteAccount: {
    access: 'signed-in',
    input: () => ({ password: 'not the password at all' }),
    anonymous: UNAUTHENTICATED,
    member: { code: ErrorCode.UNAUTHENTICATED, message: /password is wrong/i },
    badInput: { caller: 'member', input: () => ({ password: 'x'.repeat(1025) }), paths: ['input.password'] },
  },
  updateProfile: {
    access: 'signed-in',
    input: (f) => ({ displayName: 'Someone Else', homeRegionId: f.region('accra-gh'), expectedVersion: 999 }),
    anonymous: UNAUTHENTICATED,
    member: { code: ErrorCode.CONFLICT },
    badInput: {
      caller: 'member',
      input: () => ({ displayName: '  ', homeRegionId: NOT_UUID }),
      paths: ['input.displayName', 'input.homeRegionId'],
    },
  },
  requestEmailVerification: {
    access: 'signed-in',
    anonymous: UNAUTHENTICATED,
    // The member's address is verified already.
    member: { code: ErrorCode.PRECONDITION_FAILED },
    badInput: null,
  },
  logout: { access: 'signed-in', anonymous: UNAUTHENTICATED, member: { allowed: true }, badInput: null },
  logoutEverywhere: { access: 'signed-in', anonymous: UNAUTHENTICATED, member: { allowed: true }, badInput: null },

  // Admins only.
  createRegion: {
    access: 'admin',
    input: (f) => ({ name: 'Access Town', kind: 'CITY', parentId: f.region('ng-la') }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: () => ({ name: '', kind: 'CITY', parentId: NOT_UUID }), paths: ['input.name', 'input.parentId'] },
  },
  updateRegion: {
    access: 'admin',
    input: (f) => ({ id: f.region('lagos-ng'), name: 'Lagos Renamed' }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: {
      caller: 'admin',
      input: (f) => ({ id: f.region('lagos-ng'), centroid: { lat: 91, lng: 0 } }),
      paths: ['input.centroid.lat'],
    },
  },
  moveRegion: {
    access: 'admin',
    input: (f) => ({ id: f.region('lagos-ng'), newParentId: f.region('ghana') }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: (f) => ({ id: NOT_UUID, newParentId: f.region('ghana') }), paths: ['input.id'] },
  },
  deleteRegion: {
    access: 'admin',
    input: (f) => ({ id: f.leafRegionId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: () => ({ id: NOT_UUID }), paths: ['input.id'] },
  },
  grantAdminRole: {
    access: 'admin',
    input: (f) => ({ accountId: f.memberId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: () => ({ accountId: NOT_UUID }), paths: ['input.accountId'] },
  },
  revokeAdminRole: {
    access: 'admin',
    input: (f) => ({ accountId: f.otherAdminId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: () => ({ accountId: '42' }), paths: ['input.accountId'] },
  },
  // The business directory: signed-in members list and maintain businesses; the service's own
  // rules (ownership, state, duplicates) answer the member past the guard.
  createBusiness: {
    access: 'signed-in',
    input: (f) => ({ name: 'Access Bakery', regionId: f.region('yaba-lagos-ng'), categoryIds: [f.categoryId], location: ACCESS_SPOT }),
    anonymous: UNAUTHENTICATED,
    // The same name at the same spot: a probable duplicate.
    member: { code: ErrorCode.CONFLICT },
    badInput: {
      caller: 'member',
      input: (f) => ({ name: '  ', categoryIds: [f.categoryId], tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }),
      paths: ['input.name', 'input.tags'],
    },
  },
  updateBusiness: {
    access: 'signed-in',
    input: (f) => ({ id: f.memberBusinessId, name: 'Renamed Listing', expectedVersion: 999 }),
    anonymous: UNAUTHENTICATED,
    member: { code: ErrorCode.CONFLICT },
    badInput: { caller: 'member', input: () => ({ id: NOT_UUID, website: 'not a website' }), paths: ['input.id', 'input.website'] },
  },
  submitBusiness: {
    access: 'signed-in',
    input: (f) => ({ id: f.memberBusinessId }),
    anonymous: UNAUTHENTICATED,
    // Already published.
    member: { code: ErrorCode.PRECONDITION_FAILED },
    badInput: { caller: 'member', input: () => ({ id: NOT_UUID }), paths: ['input.id'] },
  },
  deleteBusiness: {
    access: 'signed-in',
    input: (f) => ({ id: f.otherBusinessId }),
    anonymous: UNAUTHENTICATED,
    // The member only edits it.
    member: FORBIDDEN,
    badInput: { caller: 'member', input: () => ({ id: NOT_UUID }), paths: ['input.id'] },
  },
  addBusinessOwner: {
    access: 'signed-in',
    input: (f) => ({ businessId: f.memberBusinessId, accountId: f.memberId, role: 'EDITOR' }),
    anonymous: UNAUTHENTICATED,
    // The last owner cannot become an editor.
    member: { code: ErrorCode.PRECONDITION_FAILED },
    badInput: {
      caller: 'member',
      input: (f) => ({ businessId: NOT_UUID, accountId: f.memberId, role: 'OWNER' }),
      paths: ['input.businessId'],
    },
  },
  removeBusinessOwner: {
    access: 'signed-in',
    input: (f) => ({ businessId: f.memberBusinessId, accountId: f.memberId }),
    anonymous: UNAUTHENTICATED,
    // The last owner cannot leave.
    member: { code: ErrorCode.PRECONDITION_FAILED },
    badInput: { caller: 'member', input: (f) => ({ businessId: f.memberBusinessId, accountId: NOT_UUID }), paths: ['input.accountId'] },
  },
  claimBusiness: {
    access: 'signed-in',
    input: (f) => ({ businessId: f.memberBusinessId, evidence: 'I run this business myself.' }),
    anonymous: UNAUTHENTICATED,
    // The member owns it already.
    member: { code: ErrorCode.PRECONDITION_FAILED },
    badInput: { caller: 'member', input: (f) => ({ businessId: f.otherBusinessId, evidence: 'mine' }), paths: ['input.evidence'] },
  },
  publishBusiness: {
    access: 'admin',
    input: (f) => ({ id: f.otherBusinessId, note: 'Looks good' }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: () => ({ id: NOT_UUID }), paths: ['input.id'] },
  },
  rejectBusiness: {
    access: 'admin',
    input: (f) => ({ id: f.otherBusinessId, reason: 'Not ready yet' }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: (f) => ({ id: f.otherBusinessId, reason: 'x' }), paths: ['input.reason'] },
  },
  suspendBusiness: {
    access: 'admin',
    input: (f) => ({ id: f.otherBusinessId, reason: 'Reported closed' }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: () => ({ id: NOT_UUID, reason: 'Reported closed' }), paths: ['input.id'] },
  },
  reinstateBusiness: {
    access: 'admin',
    input: (f) => ({ id: f.otherBusinessId, reason: 'Reopened after a call' }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: (f) => ({ id: f.otherBusinessId, reason: 'x'.repeat(2001) }), paths: ['input.reason'] },
  },
  verifyMemberOwnership: {
    access: 'admin',
    input: (f) => ({ id: f.memberBusinessId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: () => ({ id: NOT_UUID }), paths: ['input.id'] },
  },
  approveClaim: {
    access: 'admin',
    input: () => ({ claimId: randomUUID(), reason: 'Checked the registration' }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: () => ({ claimId: NOT_UUID }), paths: ['input.claimId'] },
  },
  rejectClaim: {
    access: 'admin',
    input: () => ({ claimId: randomUUID(), reason: 'Not convincing' }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: () => ({ claimId: randomUUID(), reason: 'x' }), paths: ['input.reason'] },
  },
  // Community groups and events: any signed-in member may call these; the group's own rules
  // (organizers only, join policy, state) answer the member past the guard.
  createGroup: {
    access: 'signed-in',
    input: (f) => ({ name: 'Access Group', regionId: f.region('lagos-ng') }),
    anonymous: UNAUTHENTICATED,
    // Its slug, derived from the name, is taken.
    member: { code: ErrorCode.CONFLICT },
    badInput: { caller: 'member', input: () => ({ name: '  ', regionId: NOT_UUID }), paths: ['input.name', 'input.regionId'] },
  },
  updateGroup: {
    access: 'signed-in',
    input: (f) => ({ id: f.groupId, name: 'Taken Over' }),
    anonymous: UNAUTHENTICATED,
    // The member does not organize it.
    member: FORBIDDEN,
    badInput: { caller: 'member', input: () => ({ id: NOT_UUID, slug: 'Not A Slug' }), paths: ['input.id', 'input.slug'] },
  },
  joinGroup: {
    access: 'signed-in',
    input: () => ({ groupId: randomUUID() }),
    anonymous: UNAUTHENTICATED,
    member: { code: ErrorCode.NOT_FOUND },
    badInput: { caller: 'member', input: () => ({ groupId: NOT_UUID }), paths: ['input.groupId'] },
  },
  leaveGroup: {
    access: 'signed-in',
    input: (f) => ({ groupId: f.groupId }),
    anonymous: UNAUTHENTICATED,
    // The member is not in it.
    member: { code: ErrorCode.PRECONDITION_FAILED },
    badInput: { caller: 'member', input: () => ({ groupId: NOT_UUID }), paths: ['input.groupId'] },
  },
  approveJoinRequest: {
    access: 'signed-in',
    input: (f) => ({ groupId: f.groupId, accountId: f.memberId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'member', input: (f) => ({ groupId: f.groupId, accountId: NOT_UUID }), paths: ['input.accountId'] },
  },
  declineJoinRequest: {
    access: 'signed-in',
    input: (f) => ({ groupId: f.groupId, accountId: f.memberId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'member', input: (f) => ({ groupId: NOT_UUID, accountId: f.memberId }), paths: ['input.groupId'] },
  },
  removeGroupMember: {
    access: 'signed-in',
    input: (f) => ({ groupId: f.groupId, accountId: f.otherAdminId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'member', input: () => ({ groupId: NOT_UUID, accountId: NOT_UUID }), paths: ['input.groupId', 'input.accountId'] },
  },
  addGroupOrganizer: {
    access: 'signed-in',
    input: (f) => ({ groupId: f.groupId, accountId: f.memberId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'member', input: (f) => ({ groupId: f.groupId, accountId: NOT_UUID }), paths: ['input.accountId'] },
  },
  removeGroupOrganizer: {
    access: 'signed-in',
    input: (f) => ({ groupId: f.groupId, accountId: f.otherAdminId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'member', input: (f) => ({ groupId: f.groupId, accountId: '42' }), paths: ['input.accountId'] },
  },
  createEvent: {
    access: 'signed-in',
    input: (f) => ({
      groupId: f.groupId,
      title: 'Access Meetup',
      startsAt: new Date(Date.now() + 7 * 86400e3).toISOString(),
      endsAt: new Date(Date.now() + 7 * 86400e3 + 7200e3).toISOString(),
      onlineUrl: 'https://meet.example.org/access',
    }),
    anonymous: UNAUTHENTICATED,
    // The member does not organize the group.
    member: FORBIDDEN,
    badInput: {
      caller: 'member',
      input: (f) => ({
        groupId: f.groupId,
        title: '',
        startsAt: new Date(Date.now() + 7 * 86400e3).toISOString(),
        endsAt: new Date(Date.now() + 7 * 86400e3 + 7200e3).toISOString(),
        capacity: 0,
      }),
      paths: ['input.title', 'input.capacity'],
    },
  },
  updateEvent: {
    access: 'signed-in',
    input: (f) => ({ id: f.eventId, title: 'Renamed Meetup' }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'member', input: (f) => ({ id: f.eventId, onlineUrl: 'not a link' }), paths: ['input.onlineUrl'] },
  },
  cancelEvent: {
    access: 'signed-in',
    input: (f) => ({ id: f.eventId, reason: 'Nobody can come' }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'member', input: (f) => ({ id: f.eventId, reason: 'x' }), paths: ['input.reason'] },
  },
  rsvp: {
    access: 'signed-in',
    input: (f) => ({ eventId: f.eventId, status: 'GOING' }),
    anonymous: UNAUTHENTICATED,
    // An APPROVAL group's events are for its members.
    member: { code: ErrorCode.PRECONDITION_FAILED },
    badInput: { caller: 'member', input: () => ({ eventId: NOT_UUID, status: 'GOING' }), paths: ['input.eventId'] },
  },
  // Micro-grants: signed-in members run organizations and programs, and apply; the services decide
  // who is on an organization's staff and what state allows (the member is on no staff but their own).
  createOrganization: {
    access: 'signed-in',
    input: () => ({ name: 'Access Foundation', slug: 'access-foundation' }),
    anonymous: UNAUTHENTICATED,
    // The slug is taken.
    member: { code: ErrorCode.CONFLICT, paths: ['input.slug'] },
    badInput: { caller: 'member', input: () => ({ name: '  ', slug: 'Not A Slug' }), paths: ['input.name', 'input.slug'] },
  },
  updateOrganization: {
    access: 'signed-in',
    input: (f) => ({ id: f.grants.organizationId, name: 'Taken Over' }),
    anonymous: UNAUTHENTICATED,
    // Not on its staff.
    member: FORBIDDEN,
    badInput: { caller: 'member', input: () => ({ id: NOT_UUID, website: 'not a website' }), paths: ['input.id', 'input.website'] },
  },
  addOrganizationMember: {
    access: 'signed-in',
    input: (f) => ({ organizationId: f.grants.memberOrganizationId, accountId: f.memberId, role: 'MANAGER' }),
    anonymous: UNAUTHENTICATED,
    // The last owner cannot step down.
    member: { code: ErrorCode.PRECONDITION_FAILED },
    badInput: {
      caller: 'member',
      input: (f) => ({ organizationId: NOT_UUID, accountId: f.memberId, role: 'OWNER' }),
      paths: ['input.organizationId'],
    },
  },
  removeOrganizationMember: {
    access: 'signed-in',
    input: (f) => ({ organizationId: f.grants.memberOrganizationId, accountId: f.memberId }),
    anonymous: UNAUTHENTICATED,
    // The last owner cannot leave.
    member: { code: ErrorCode.PRECONDITION_FAILED },
    badInput: {
      caller: 'member',
      input: (f) => ({ organizationId: f.grants.memberOrganizationId, accountId: NOT_UUID }),
      paths: ['input.accountId'],
    },
  },
  verifyOrganization: {
    access: 'admin',
    input: (f) => ({ id: f.grants.memberOrganizationId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'admin', input: () => ({ id: NOT_UUID }), paths: ['input.id'] },
  },
  createProgram: {
    access: 'signed-in',
    input: (f) => ({
      organizationId: f.grants.organizationId,
      name: 'Access Program',
      currency: 'USD',
      minAward: '100.00',
      maxAward: '1000.00',
      opensAt: new Date(Date.now() - 86400e3).toISOString(),
      closesAt: new Date(Date.now() + 10 * 86400e3).toISOString(),
      reviewDeadline: new Date(Date.now() + 40 * 86400e3).toISOString(),
    }),
    anonymous: UNAUTHENTICATED,
    // Not on the organization's staff.
    member: FORBIDDEN,
    badInput: {
      caller: 'member',
      input: () => ({ organizationId: NOT_UUID, name: '', currency: 'usd' }),
      paths: ['input.organizationId', 'input.name', 'input.currency'],
    },
  },
  updateProgram: {
    access: 'signed-in',
    input: (f) => ({ id: f.grants.programId, name: 'Renamed Program' }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: {
      caller: 'member',
      input: () => ({ id: NOT_UUID, reviewersPerApplication: 11 }),
      paths: ['input.id', 'input.reviewersPerApplication'],
    },
  },
  openProgram: {
    access: 'signed-in',
    input: (f) => ({ id: f.grants.programId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'member', input: () => ({ id: NOT_UUID }), paths: ['input.id'] },
  },
  extendProgramDeadline: {
    access: 'signed-in',
    input: (f) => ({ id: f.grants.programId, closesAt: new Date(Date.now() + 20 * 86400e3).toISOString() }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: {
      caller: 'member',
      input: () => ({ id: NOT_UUID, closesAt: new Date(Date.now() + 20 * 86400e3).toISOString() }),
      paths: ['input.id'],
    },
  },
  startProgramReview: {
    access: 'signed-in',
    input: (f) => ({ id: f.grants.programId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'member', input: () => ({ id: NOT_UUID }), paths: ['input.id'] },
  },
  archiveProgram: {
    access: 'signed-in',
    input: (f) => ({ id: f.grants.programId }),
    anonymous: UNAUTHENTICATED,
    member: FORBIDDEN,
    badInput: { caller: 'member', input: () => ({ id: NOT_UUID }), paths: ['input.id'] },
  },
  createApplication: {
    access: 'signed-in',
    input: (f) => ({ ...ACCESS_APPLICATION, programId: f.grants.programId, regionId: f.region('yaba-lagos-ng') }),
    anonymous: UNAUTHENTICATED,
    // The member has a live application to this program already.
    member: { code: ErrorCode.CONFLICT },
    badInput: {
      caller: 'member',
      input: (f) => ({
        ...ACCESS_APPLICATION,
        programId: NOT_UUID,
        regionId: f.region('yaba-lagos-ng'),
        title: '',
        requestedAmount: 'lots',
      }),
      paths: ['input.programId', 'input.title', 'input.requestedAmount'],
    },
  },
  updateApplication: {
    access: 'signed-in',
    input: (f) => ({ id: f.grants.memberApplicationId, title: 'Renamed', expectedVersion: 999 }),
    anonymous: UNAUTHENTICATED,
    member: { code: ErrorCode.CONFLICT },
    badInput: {
      caller: 'member',
      input: () => ({ id: NOT_UUID, budgetLines: [{ item: '', amount: 'x' }] }),
      paths: ['input.id', 'input.budgetLines.0.item', 'input.budgetLines.0.amount'],
    },
  },
  submitApplication: {
    access: 'signed-in',
    input: (f) => ({ id: f.grants.otherApplicationId }),
    anonymous: UNAUTHENTICATED,
    // Someone else's application: not the member's to see.
    member: { code: ErrorCode.NOT_FOUND },
    badInput: { caller: 'member', input: () => ({ id: NOT_UUID }), paths: ['input.id'] },
  },
  withdrawApplication: {
    access: 'signed-in',
    input: (f) => ({ id: f.grants.otherApplicationId }),
    anonymous: UNAUTHENTICATED,
    member: { code: ErrorCode.NOT_FOUND },
    badInput: { caller: 'member', input: () => ({ id: NOT_UUID }), paths: ['input.id'] },
  },
};

type QueryOutcome = 'ok' | ErrorCode.UNAUTHENTICATED | ErrorCode.FORBIDDEN;

interface QueryRow {
  readonly access: Access;
  readonly query: string;
  readonly variables?: (f: Fixtures) => Record<string, unknown>;
  readonly anonymous: QueryOutcome;
  readonly member: QueryOutcome;
  readonly admin: QueryOutcome;
}

/** Every query field, with who may read it. */
const QUERIES: Record<string, QueryRow> = {
  accounts: {
    access: 'admin',
    query: '{ accounts(first: 1) { totalCount } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: ErrorCode.FORBIDDEN,
    admin: 'ok',
  },
  auditLog: {
    access: 'admin',
    query: '{ auditLog(first: 1) { edges { node { id } } } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: ErrorCode.FORBIDDEN,
    admin: 'ok',
  },
  exportMyData: {
    access: 'signed-in',
    query: '{ exportMyData { exportedAt } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: 'ok',
    admin: 'ok',
  },
  me: { access: 'signed-in', query: '{ me { id } }', anonymous: ErrorCode.UNAUTHENTICATED, member: 'ok', admin: 'ok' },
  members: { access: 'public', query: '{ members(first: 5) { edges { node { id } } } }', anonymous: 'ok', member: 'ok', admin: 'ok' },
  region: {
    access: 'public',
    query: 'query ($id: ID!) { region(id: $id) { id } }',
    variables: (f) => ({ id: f.region('nigeria') }),
    anonymous: 'ok',
    member: 'ok',
    admin: 'ok',
  },
  regions: { access: 'public', query: '{ regions(first: 1) { totalCount } }', anonymous: 'ok', member: 'ok', admin: 'ok' },
  business: {
    access: 'public',
    query: 'query ($id: ID!) { business(id: $id) { id } }',
    variables: (f) => ({ id: f.otherBusinessId }),
    anonymous: 'ok',
    member: 'ok',
    admin: 'ok',
  },
  businesses: { access: 'public', query: '{ businesses(first: 1) { totalCount } }', anonymous: 'ok', member: 'ok', admin: 'ok' },
  categories: { access: 'public', query: '{ categories { id children { id } } }', anonymous: 'ok', member: 'ok', admin: 'ok' },
  suggestRegion: {
    access: 'public',
    query: 'query ($lat: Float!, $lng: Float!) { suggestRegion(lat: $lat, lng: $lng) { id } }',
    variables: () => ACCESS_SPOT,
    anonymous: 'ok',
    member: 'ok',
    admin: 'ok',
  },
  myBusinesses: {
    access: 'signed-in',
    query: '{ myBusinesses(first: 1) { totalCount } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: 'ok',
    admin: 'ok',
  },
  myClaims: {
    access: 'signed-in',
    query: '{ myClaims(first: 1) { totalCount } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: 'ok',
    admin: 'ok',
  },
  moderationQueue: {
    access: 'admin',
    query: '{ moderationQueue(first: 1) { totalCount } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: ErrorCode.FORBIDDEN,
    admin: 'ok',
  },
  staleBusinesses: {
    access: 'admin',
    query: '{ staleBusinesses(first: 1) { totalCount } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: ErrorCode.FORBIDDEN,
    admin: 'ok',
  },
  claimsQueue: {
    access: 'admin',
    query: '{ claimsQueue(first: 1) { totalCount } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: ErrorCode.FORBIDDEN,
    admin: 'ok',
  },
  group: {
    access: 'public',
    query: 'query ($id: ID!) { group(id: $id) { id } }',
    variables: (f) => ({ id: f.groupId }),
    anonymous: 'ok',
    member: 'ok',
    admin: 'ok',
  },
  groups: { access: 'public', query: '{ groups(first: 1) { totalCount } }', anonymous: 'ok', member: 'ok', admin: 'ok' },
  myGroups: {
    access: 'signed-in',
    query: '{ myGroups(first: 1) { totalCount } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: 'ok',
    admin: 'ok',
  },
  event: {
    access: 'public',
    query: 'query ($id: ID!) { event(id: $id) { id } }',
    variables: (f) => ({ id: f.eventId }),
    anonymous: 'ok',
    member: 'ok',
    admin: 'ok',
  },
  events: { access: 'public', query: '{ events(first: 1) { totalCount } }', anonymous: 'ok', member: 'ok', admin: 'ok' },
  organization: {
    access: 'public',
    query: 'query ($slug: String!) { organization(slug: $slug) { id } }',
    variables: () => ({ slug: 'access-foundation' }),
    anonymous: 'ok',
    member: 'ok',
    admin: 'ok',
  },
  organizations: { access: 'public', query: '{ organizations(first: 1) { totalCount } }', anonymous: 'ok', member: 'ok', admin: 'ok' },
  myOrganizations: {
    access: 'signed-in',
    query: '{ myOrganizations(first: 1) { totalCount } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: 'ok',
    admin: 'ok',
  },
  program: {
    access: 'public',
    query: 'query ($slug: String!) { program(slug: $slug) { id } }',
    variables: () => ({ slug: 'access-grants' }),
    anonymous: 'ok',
    member: 'ok',
    admin: 'ok',
  },
  programs: { access: 'public', query: '{ programs(first: 1) { totalCount } }', anonymous: 'ok', member: 'ok', admin: 'ok' },
  eligiblePrograms: {
    access: 'signed-in',
    query: '{ eligiblePrograms(first: 1) { totalCount } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: 'ok',
    admin: 'ok',
  },
  // The member's own application (admins see every application).
  application: {
    access: 'signed-in',
    query: 'query ($id: ID!) { application(id: $id) { id } }',
    variables: (f) => ({ id: f.grants.memberApplicationId }),
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: 'ok',
    admin: 'ok',
  },
  myApplications: {
    access: 'signed-in',
    query: '{ myApplications(first: 1) { totalCount } }',
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: 'ok',
    admin: 'ok',
  },
  // A program of the member's own organization (admins see every program's applications).
  programApplications: {
    access: 'signed-in',
    query: 'query ($id: ID!) { programApplications(programId: $id, first: 1) { totalCount } }',
    variables: (f) => ({ id: f.grants.memberProgramId }),
    anonymous: ErrorCode.UNAUTHENTICATED,
    member: 'ok',
    admin: 'ok',
  },
};

const rootFields = (type: GraphQLObjectType | null | undefined) => Object.values(type?.getFields() ?? {});

function mutationDocument(field: GraphQLField<unknown, unknown>): string {
  const input = field.args.find((arg) => arg.name === 'input');
  return input
    ? `mutation ($input: ${input.type.toString()}) { ${field.name}(input: $input) { __typename } }`
    : `mutation { ${field.name} { __typename } }`;
}

function expectOutcome(res: GraphQLResponse, field: string, outcome: Outcome): void {
  if ('allowed' in outcome) {
    expect(res.errors).toBeUndefined();
    expect(res.data![field].__typename).toEqual(expect.any(String));
    return;
  }
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].path).toEqual([field]);
  expect(res.errors![0].extensions?.code).toBe(outcome.code);
  if (outcome.message) expect(res.errors![0].message).toMatch(outcome.message);
  if (outcome.paths) {
    expect(res.errors![0].extensions?.fieldErrors.map((error: { path: string }) => error.path).sort()).toEqual([...outcome.paths].sort());
  }
  expect(res.data).toBeNull();
}

/** Handlers of a resolver class that the app does not know: one without an access rule, and controls. */
class OutsideResolver {
  unguarded(): string {
    return 'secret';
  }

  @Public()
  open(): string {
    return 'hello';
  }

  @SignedIn()
  membersOnly(): string {
    return 'members';
  }

  @AdminOnly()
  adminsOnly(): string {
    return 'admins';
  }
}

/** What the grants rows need, made through the API (see {@link grantFixtures}). */
interface GrantFixtures {
  /** A verified organization the member is not on the staff of ("access-foundation"). */
  organizationId: string;
  /** Its OPEN program ("access-grants", for Lagos). */
  programId: string;
  /** An organization the member is the only owner of. */
  memberOrganizationId: string;
  /** A DRAFT program of the member's organization. */
  memberProgramId: string;
  /** The member's DRAFT application to "access-grants". */
  memberApplicationId: string;
  /** Someone else's DRAFT application to "access-grants". */
  otherApplicationId: string;
}

/** A valid application's content, without its program and region. */
const ACCESS_APPLICATION = {
  title: 'Access Application',
  summary: 'A short summary',
  proposal: 'A proposal',
  requestedAmount: '1000.00',
  budgetLines: [{ item: 'Everything', amount: '1000.00' }],
};

async function grantFixtures(t: TestApp, adminToken: string, memberEmail: string, lagosId: string, yabaId: string): Promise<GrantFixtures> {
  const call = async (mutation: string, input: Record<string, unknown>, token: string): Promise<Record<string, any>> => {
    const res = await t.gql(mutation, { input }, token);
    if (res.errors) throw new Error(`grants fixture: ${JSON.stringify(res.errors)}`);
    return Object.values(res.data!)[0] as Record<string, any>;
  };
  const CREATE_ORG = 'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }';
  const CREATE_PROGRAM = 'mutation ($input: CreateProgramInput!) { createProgram(input: $input) { program { id } } }';
  const CREATE_APPLICATION = 'mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } } }';
  const memberToken = (await signIn(t, memberEmail)).accessToken;
  const ownerToken = (await signIn(t, (await createAccount(t.em())).email!)).accessToken;
  // Applicants live where the program is open (createApplication and viewerCan.apply check the home region).
  const applicant = await createAccount(t.em(), { homeRegion: await t.em().findOneOrFail(Region, yabaId) });
  const applicantToken = (await signIn(t, applicant.email!)).accessToken;
  const programFields = {
    currency: 'USD',
    budget: '50000.00',
    minAward: '500.00',
    maxAward: '5000.00',
    opensAt: new Date(Date.now() - 86400e3).toISOString(),
    closesAt: new Date(Date.now() + 10 * 86400e3).toISOString(),
    reviewDeadline: new Date(Date.now() + 40 * 86400e3).toISOString(),
    eligibleRegionIds: [lagosId],
    rubric: [{ key: 'impact', title: 'Impact', weight: 1, maxScore: 10 }],
  };

  const organizationId: string = (await call(CREATE_ORG, { name: 'Access Foundation', slug: 'access-foundation' }, ownerToken)).organization
    .id;
  await call(
    'mutation ($input: VerifyOrganizationInput!) { verifyOrganization(input: $input) { organization { id } } }',
    { id: organizationId },
    adminToken,
  );
  const programId: string = (
    await call(CREATE_PROGRAM, { organizationId, name: 'Access Grants', slug: 'access-grants', ...programFields }, ownerToken)
  ).program.id;
  await call('mutation ($input: ProgramIdInput!) { openProgram(input: $input) { program { id } } }', { id: programId }, ownerToken);

  const memberOrganizationId: string = (await call(CREATE_ORG, { name: 'Member Trust' }, memberToken)).organization.id;
  const memberProgramId: string = (
    await call(CREATE_PROGRAM, { organizationId: memberOrganizationId, name: 'Member Grants', ...programFields }, memberToken)
  ).program.id;

  const application = { ...ACCESS_APPLICATION, programId, regionId: yabaId };
  const memberApplicationId: string = (await call(CREATE_APPLICATION, application, memberToken)).application.id;
  const otherApplicationId: string = (await call(CREATE_APPLICATION, application, applicantToken)).application.id;
  return { organizationId, programId, memberOrganizationId, memberProgramId, memberApplicationId, otherApplicationId };
}

describe('access control (deny by default)', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let f: Fixtures;
  let member: { email: string; id: string };
  let admin: { token: string; id: string };

  beforeAll(async () => {
    t = await createTestApp();
    schema = t.app.get(GraphQLSchemaHost).schema;
    const bySlug = await seedDemo(t.em());
    const signedInAdmin = await signedInAccount(t, { role: AccountRole.ADMIN });
    const otherAdmin = await createAccount(t.em(), { role: AccountRole.ADMIN });
    const account = await createAccount(t.em(), { homeRegion: bySlug.get('yaba-lagos-ng'), emailVerified: true, publicProfile: true });
    const leaf = await createRegion(t.em(), { parent: await t.em().findOneOrFail(Region, { slug: 'lagos-ng' }) });
    const bakery = (await categoriesBySlug(t.em())).get('bakery')!;
    const otherOwner = await createAccount(t.em(), { homeRegion: bySlug.get('yaba-lagos-ng') });
    const otherBusiness = await createBusiness(t.em(), {
      region: bySlug.get('yaba-lagos-ng')!,
      owner: otherOwner,
      editors: [account],
      name: 'Access Bakery',
      location: ACCESS_SPOT,
      categories: [bakery],
    });
    const memberBusiness = await createBusiness(t.em(), { region: bySlug.get('yaba-lagos-ng')!, owner: account, name: 'Member Tailoring' });
    const accessGroup = await t.gql(
      'mutation ($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }',
      { input: { name: 'Access Group', regionId: bySlug.get('lagos-ng')!.id, joinPolicy: 'APPROVAL' } },
      signedInAdmin.token,
    );
    const groupId: string = accessGroup.data!.createGroup.group.id;
    const accessEvent = await t.gql(
      'mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } } }',
      {
        input: {
          groupId,
          title: 'Access Meetup',
          startsAt: new Date(Date.now() + 7 * 86400e3).toISOString(),
          endsAt: new Date(Date.now() + 7 * 86400e3 + 7200e3).toISOString(),
          onlineUrl: 'https://meet.example.org/access',
        },
      },
      signedInAdmin.token,
    );
    const eventId: string = accessEvent.data!.createEvent.event.id;
    const grants = await grantFixtures(t, signedInAdmin.token, account.email!, bySlug.get('lagos-ng')!.id, bySlug.get('yaba-lagos-ng')!.id);
    member = { email: account.email!, id: account.id };
    admin = { token: signedInAdmin.token, id: signedInAdmin.account.id };
    f = {
      region: (slug) => {
        const found = bySlug.get(slug);
        if (!found) throw new Error(`no demo region ${slug}`);
        return found.id;
      },
      memberId: account.id,
      otherAdminId: otherAdmin.id,
      leafRegionId: leaf.id,
      categoryId: bakery.id,
      otherBusinessId: otherBusiness.id,
      memberBusinessId: memberBusiness.id,
      groupId,
      eventId,
      grants,
    };
  });
  afterAll(() => t.close());

  /** A token for the caller; members get a session of their own each time (some rows end sessions). */
  async function tokenOf(caller: Caller): Promise<string | undefined> {
    if (caller === 'anonymous') return undefined;
    if (caller === 'admin') return admin.token;
    return (await signIn(t, member.email)).accessToken;
  }

  const mutationField = (name: string) => schema.getMutationType()!.getFields()[name];

  describe('mutations', () => {
    it('has a row for every mutation of the schema, and no row for a mutation that does not exist', () => {
      const inSchema = rootFields(schema.getMutationType()).map((field) => field.name);
      expect(inSchema.length).toBeGreaterThanOrEqual(18);
      expect(Object.keys(MUTATIONS).sort()).toEqual(inSchema.sort());
      for (const [name, row] of Object.entries(MUTATIONS)) {
        // Public rows skip the auth columns; every other row fills both.
        if (row.access === 'public') {
          expect({ name, anonymous: row.anonymous, member: row.member }).toEqual({ name, anonymous: undefined, member: undefined });
        } else {
          expect({ name, anonymous: row.anonymous }).toEqual({ name, anonymous: UNAUTHENTICATED });
          expect({ name, member: row.member }).toEqual({ name, member: expect.any(Object) });
          if (row.access === 'admin') expect({ name, member: row.member }).toEqual({ name, member: FORBIDDEN });
        }
      }
    });

    it('takes exactly one non-null `input` argument, or none, as the table says', () => {
      for (const [name, row] of Object.entries(MUTATIONS)) {
        const { args } = mutationField(name);
        if (row.badInput === null) {
          expect({ name, args: args.map((arg) => arg.name) }).toEqual({ name, args: [] });
          expect({ name, input: row.input }).toEqual({ name, input: undefined });
        } else {
          expect({ name, args: args.map((arg) => arg.name) }).toEqual({ name, args: ['input'] });
          expect(args[0].type).toBeInstanceOf(GraphQLNonNull);
          expect(isInputObjectType((args[0].type as GraphQLNonNull<any>).ofType)).toBe(true);
        }
      }
    });

    const guarded = Object.entries(MUTATIONS).flatMap(([name, row]) =>
      (['anonymous', 'member'] as const).filter((caller) => row[caller] !== undefined).map((caller) => [name, caller, row] as const),
    );

    it.each(guarded)('%s as %s answers as the table says', async (name, caller, row) => {
      const outcome = row[caller]!;
      const document = mutationDocument(mutationField(name));
      const token = await tokenOf(caller);
      const variables = row.input ? { input: row.input(f) } : undefined;
      if ('allowed' in outcome) {
        const res = await t.gql(document, variables, token);
        expectOutcome(res, name, outcome);
        // The mutation did act: its session is over.
        expect((await t.gql('{ me { id } }', undefined, token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        return;
      }
      const res = await t.expectUnchanged(() => t.gql(document, variables, token));
      expectOutcome(res, name, outcome);
    });

    it.each(Object.entries(MUTATIONS).filter(([, row]) => row.badInput !== null))(
      '%s refuses an invalid input with BAD_USER_INPUT on input.* fields, changing nothing',
      async (name, row) => {
        const { caller, input, paths } = row.badInput!;
        const token = await tokenOf(caller);
        const res = await t.expectUnchanged(() => t.gql(mutationDocument(mutationField(name)), { input: input(f) }, token));
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
        const fieldErrors: { path: string; message: string }[] = res.errors![0].extensions?.fieldErrors;
        expect(fieldErrors.length).toBeGreaterThanOrEqual(1);
        for (const error of fieldErrors) {
          expect(error.path).toMatch(/^input\./);
          expect(error.message).toEqual(expect.any(String));
        }
        expect([...new Set(fieldErrors.map((error) => error.path))].sort()).toEqual([...paths].sort());
        expect(res.data).toBeNull();
      },
    );
  });

  describe('queries', () => {
    it('has a row for every query field of the schema', () => {
      const inSchema = rootFields(schema.getQueryType()).map((field) => field.name);
      expect(inSchema.length).toBeGreaterThanOrEqual(7);
      expect(Object.keys(QUERIES).sort()).toEqual(inSchema.sort());
      for (const [name, row] of Object.entries(QUERIES)) {
        const expected: Record<Access, Pick<QueryRow, 'anonymous' | 'member' | 'admin'>> = {
          public: { anonymous: 'ok', member: 'ok', admin: 'ok' },
          'signed-in': { anonymous: ErrorCode.UNAUTHENTICATED, member: 'ok', admin: 'ok' },
          admin: { anonymous: ErrorCode.UNAUTHENTICATED, member: ErrorCode.FORBIDDEN, admin: 'ok' },
        };
        expect({ name, anonymous: row.anonymous, member: row.member, admin: row.admin }).toEqual({ name, ...expected[row.access] });
      }
    });

    const cases = Object.entries(QUERIES).flatMap(([name, row]) =>
      (['anonymous', 'member', 'admin'] as const).map((caller) => [name, caller, row] as const),
    );

    it.each(cases)('%s as %s answers as the table says, changing nothing', async (name, caller, row) => {
      const token = await tokenOf(caller);
      const res = await t.expectUnchanged(() => t.gql(row.query, row.variables?.(f), token));
      const outcome = row[caller];
      if (outcome === 'ok') {
        expect(res.errors).toBeUndefined();
        expect(res.data![name]).toEqual(expect.any(Object));
      } else {
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0].path).toEqual([name]);
        expect(res.errors![0].extensions?.code).toBe(outcome);
        expect(res.data?.[name] ?? null).toBeNull();
      }
    });
  });

  describe('access rules in the code', () => {
    interface RootResolver {
      type: 'Query' | 'Mutation';
      name: string;
      owner: Function;
      handler: Function;
      rule: AccessRule | undefined;
    }

    /** Every provider method that resolves a root field, found like Nest's GraphQL explorer finds them. */
    function rootResolvers(): RootResolver[] {
      const discovery = new DiscoveryService(t.app.get(ModulesContainer));
      const scanner = new MetadataScanner();
      const reflector = t.app.get(Reflector);
      const found = new Map<Function, RootResolver[]>();
      for (const wrapper of discovery.getProviders()) {
        const instance = wrapper.instance as object | undefined;
        if (!instance || typeof instance !== 'object' || found.has(instance.constructor)) continue;
        const prototype = Object.getPrototypeOf(instance) as Record<string, Function>;
        const methods: RootResolver[] = [];
        for (const methodName of scanner.getAllMethodNames(prototype)) {
          const handler = prototype[methodName];
          const type = Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler) as string | undefined;
          if (type !== 'Query' && type !== 'Mutation') continue;
          const name = (Reflect.getMetadata(RESOLVER_NAME_METADATA, handler) as string | undefined) ?? methodName;
          const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, instance.constructor]);
          methods.push({ type, name, owner: instance.constructor, handler, rule });
        }
        found.set(instance.constructor, methods);
      }
      return [...found.values()].flat();
    }

    it('finds exactly one resolver method for every Query and Mutation field, and each carries an access rule', () => {
      const resolvers = rootResolvers();
      const keys = resolvers.map((resolver) => `${resolver.type}.${resolver.name}`).sort();
      const schemaKeys = [
        ...rootFields(schema.getQueryType()).map((field) => `Query.${field.name}`),
        ...rootFields(schema.getMutationType()).map((field) => `Mutation.${field.name}`),
      ].sort();
      expect(keys).toEqual(schemaKeys);

      const tables: Record<'Query' | 'Mutation', Record<string, { access: Access }>> = { Query: QUERIES, Mutation: MUTATIONS };
      for (const resolver of resolvers) {
        const key = `${resolver.type}.${resolver.name}`;
        expect({ key, rule: resolver.rule }).toEqual({ key, rule: expect.objectContaining({ kind: expect.any(String) }) });
        // The rule in the code is the one the tables above test.
        expect({ key, kind: resolver.rule!.kind }).toEqual({ key, kind: tables[resolver.type][resolver.name].access });
      }
    });

    it("agrees with @nestjs/graphql's own metadata on which method resolves each root field", () => {
      const resolvers = new Map(rootResolvers().map((resolver) => [`${resolver.type}.${resolver.name}`, resolver]));
      const metadata = [
        ...TypeMetadataStorage.getQueriesMetadata().map((entry) => ({ ...entry, type: 'Query' })),
        ...TypeMetadataStorage.getMutationsMetadata().map((entry) => ({ ...entry, type: 'Mutation' })),
      ];
      for (const field of [...rootFields(schema.getQueryType()), ...rootFields(schema.getMutationType())]) {
        const type = schema.getQueryType()!.getFields()[field.name] === field ? 'Query' : 'Mutation';
        const entries = metadata.filter((entry) => entry.type === type && entry.schemaName === field.name);
        expect({ field: field.name, entries: entries.length }).toEqual({ field: field.name, entries: 1 });
        const resolver = resolvers.get(`${type}.${field.name}`)!;
        expect(entries[0].target).toBe(resolver.owner);
        expect((entries[0].target.prototype as Record<string, Function>)[entries[0].methodName]).toBe(resolver.handler);
      }
    });

    describe('the guard', () => {
      let guard: AuthGuard;
      beforeAll(() => {
        const guards = new DiscoveryService(t.app.get(ModulesContainer))
          .getProviders()
          .map((wrapper) => wrapper.instance as unknown)
          .filter((instance): instance is AuthGuard => instance instanceof AuthGuard);
        expect(guards.length).toBeGreaterThanOrEqual(1);
        guard = guards[0];
      });

      /** Runs the app's own guard for `handler` as the resolver of a field of `parentType`. */
      async function activate(handler: keyof OutsideResolver, parentType: GraphQLObjectType, token?: string): Promise<unknown> {
        const requestContext = new RequestContext(`access-${randomUUID()}`, '127.0.0.1', 'jest', token ? `Bearer ${token}` : undefined);
        const info = { schema, parentType, fieldName: handler };
        // The method itself (never called): the guard reads its metadata, as Nest passes it.
        const method = (OutsideResolver.prototype as unknown as Record<string, () => string>)[handler];
        const context = new ExecutionContextHost([{}, {}, { requestContext }, info], OutsideResolver, method);
        context.setType('graphql');
        const orm = t.app.get(MikroORM);
        try {
          return await OrmRequestContext.create(orm.em, () => guard.canActivate(context));
        } catch (error) {
          return error;
        }
      }

      const codeOf = (result: unknown) => (result instanceof DomainError ? result.code : result);

      it('refuses a query or mutation whose resolver has no access rule, whoever asks', async () => {
        const memberToken = await tokenOf('member');
        for (const root of [schema.getQueryType()!, schema.getMutationType()!]) {
          expect(codeOf(await activate('unguarded', root))).toBe(ErrorCode.FORBIDDEN);
          expect(codeOf(await activate('unguarded', root, memberToken))).toBe(ErrorCode.FORBIDDEN);
          expect(codeOf(await activate('unguarded', root, admin.token))).toBe(ErrorCode.FORBIDDEN);
        }
      });

      it('applies the rules it is given: public, signed in, admin only', async () => {
        const memberToken = await tokenOf('member');
        const query = schema.getQueryType()!;
        expect(await activate('open', query)).toBe(true);
        expect(codeOf(await activate('membersOnly', query))).toBe(ErrorCode.UNAUTHENTICATED);
        expect(await activate('membersOnly', query, memberToken)).toBe(true);
        expect(codeOf(await activate('adminsOnly', query))).toBe(ErrorCode.UNAUTHENTICATED);
        expect(codeOf(await activate('adminsOnly', query, memberToken))).toBe(ErrorCode.FORBIDDEN);
        expect(await activate('adminsOnly', query, admin.token)).toBe(true);
        expect(codeOf(await activate('adminsOnly', query, 'not-a-token'))).toBe(ErrorCode.UNAUTHENTICATED);
      });

      it('lets a field resolver without a rule inherit the access of its parent object', async () => {
        expect(await activate('unguarded', schema.getType('Region') as GraphQLObjectType)).toBe(true);
      });
    });

    it('marks every HTTP route public (HTTP routes take no credentials), and GET /health answers anonymously', async () => {
      const reflector = t.app.get(Reflector);
      const scanner = new MetadataScanner();
      const routes: string[] = [];
      for (const wrapper of new DiscoveryService(t.app.get(ModulesContainer)).getControllers()) {
        const controller = wrapper.metatype as Function;
        const prototype = controller.prototype as Record<string, Function>;
        for (const methodName of scanner.getAllMethodNames(prototype)) {
          const handler = prototype[methodName];
          if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          routes.push(`${controller.name}.${methodName}`);
          const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, controller]);
          expect({ route: `${controller.name}.${methodName}`, kind: rule?.kind }).toEqual({
            route: `${controller.name}.${methodName}`,
            kind: 'public',
          });
        }
      }
      expect(routes).toContain('HealthController.check');

      const res = await t.http.get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok' });
    });
  });
});
