import { AuditEvent } from '../core/audit/audit-event.entity';
import { RateLimitCounter } from '../core/rate-limit/rate-limit-counter.entity';
import { AccountToken } from '../modules/accounts/account-token.entity';
import { Account } from '../modules/accounts/account.entity';
import { RefreshToken } from '../modules/accounts/refresh-token.entity';
import { Session } from '../modules/accounts/session.entity';
import { BusinessCategory } from '../modules/businesses/business-category.entity';
import { BusinessClaim } from '../modules/businesses/business-claim.entity';
import { BusinessOwner } from '../modules/businesses/business-owner.entity';
import { Business } from '../modules/businesses/business.entity';
import { Category } from '../modules/businesses/category.entity';
import { CategoryVersion } from '../modules/businesses/category-version.entity';
import { ListingCountByCategory, ListingCountByRegion, ListingCountShift } from '../modules/businesses/listing-count.entity';
import { GrantApplication } from '../modules/grants/grant-application.entity';
import { GrantProgram } from '../modules/grants/grant-program.entity';
import { Organization, OrganizationMember } from '../modules/grants/organization.entity';
import { GroupEvent } from '../modules/groups/event.entity';
import { GroupMembership } from '../modules/groups/group-membership.entity';
import { Group } from '../modules/groups/group.entity';
import { Rsvp } from '../modules/groups/rsvp.entity';
import { Region } from '../modules/regions/region.entity';
import { RegionTreeVersion } from '../modules/regions/region-tree-version.entity';

/** Every entity, listed explicitly so discovery is the same from TypeScript sources and compiled code. */
export const ENTITIES = [
  Region,
  RegionTreeVersion,
  Account,
  Session,
  RefreshToken,
  AccountToken,
  AuditEvent,
  RateLimitCounter,
  Category,
  CategoryVersion,
  Business,
  BusinessCategory,
  BusinessOwner,
  BusinessClaim,
  ListingCountByRegion,
  ListingCountByCategory,
  ListingCountShift,
  Group,
  GroupMembership,
  GroupEvent,
  Rsvp,
  Organization,
  OrganizationMember,
  GrantProgram,
  GrantApplication,
];
