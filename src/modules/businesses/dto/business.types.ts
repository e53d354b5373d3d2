import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { callLazyValue, ConnectionType } from '../../../core/pagination/connection.types';
import { GeoPoint, RegionType } from '../../regions/dto/region.type';
import { BusinessRole } from '../business-owner.entity';
import { BusinessStatus } from '../business-status';
import { ClaimStatus } from '../business-claim.entity';
import { WEEKDAYS } from '../opening-hours';

registerEnumType(BusinessStatus, {
  name: 'BusinessStatus',
  description: 'Where a listing is in its life: only PUBLISHED listings are shown to everyone.',
  valuesMap: {
    DRAFT: { description: 'Being written by its owners; not yet submitted.' },
    PENDING_REVIEW: { description: 'Submitted; waiting in the moderation queue.' },
    PUBLISHED: { description: 'Listed in the directory.' },
    REJECTED: { description: 'Refused by an admin (see `statusReason`); owners may fix it and submit again.' },
    SUSPENDED: { description: 'Taken out of the directory by an admin (see `statusReason`).' },
  },
});

registerEnumType(BusinessRole, {
  name: 'BusinessRole',
  description: 'What an account may do with a listing it maintains.',
  valuesMap: {
    OWNER: { description: 'Edits, manages owners and editors, deletes.' },
    EDITOR: { description: 'Edits only.' },
  },
});

registerEnumType(ClaimStatus, {
  name: 'ClaimStatus',
  description: 'Where a claim of a listing stands.',
  valuesMap: {
    PENDING: { description: 'Waiting for an admin.' },
    APPROVED: { description: 'Accepted: the claimant became an owner.' },
    REJECTED: { description: 'Refused (see the reason).' },
  },
});

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}
registerEnumType(Weekday, {
  name: 'Weekday',
  description: 'A day of the week.',
  valuesMap: Object.fromEntries(WEEKDAYS.map((day) => [day, { description: `${day[0]}${day.slice(1).toLowerCase()}.` }])),
});

@ObjectType('Category', { description: 'A kind of business, in a two-level taxonomy (Food & drink > Bakery).' })
export class CategoryType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: 'Unique, URL-friendly name, e.g. "bakery".' })
  slug!: string;

  @Field(() => String, { description: 'Name, e.g. "Bakery".' })
  name!: string;
}

@ObjectType('CategoryTree', { description: 'A top-level category with its children.' })
export class CategoryTreeType extends CategoryType {
  @Field(() => [CategoryType], { description: 'Its children, in display order.' })
  children!: CategoryType[];
}

@ObjectType('OpeningSpan', {
  description:
    "One opening period of a weekly schedule, in the business's local time. When `closes` is not after `opens`, the span ends the next day.",
})
export class OpeningSpanType {
  @Field(() => Weekday, { description: 'The day the span starts.' })
  day!: Weekday;

  @Field(() => String, { description: 'Opening time, HH:MM (24-hour).' })
  opens!: string;

  @Field(() => String, { description: 'Closing time, HH:MM; 24:00 is midnight at the end of the day.' })
  closes!: string;
}

@ObjectType('SocialLink', { description: 'A link to the business elsewhere (social network, booking site).' })
export class SocialLinkType {
  @Field(() => String, { description: 'What it is, e.g. "Instagram".' })
  label!: string;

  @Field(() => String, { description: 'The address (https).' })
  url!: string;
}

@ObjectType('BusinessOwner', { description: 'Someone who maintains a listing. Private profiles show as "A member".' })
export class BusinessOwnerType {
  @Field(() => ID, { nullable: true, description: 'The account, when its profile is public or the viewer manages this listing.' })
  accountId!: string | null;

  @Field(() => String, { description: 'Display name, or "A member" for a private profile.' })
  displayName!: string;

  @Field(() => BusinessRole, { description: 'Owner or editor.' })
  role!: BusinessRole;
}

@ObjectType('BusinessViewerCan', { description: 'What the viewer may do with this listing.' })
export class BusinessViewerCan {
  @Field(() => Boolean, { description: 'Change its details and submit it for review (owners and editors).' })
  edit!: boolean;

  @Field(() => Boolean, { description: 'Add and remove owners and editors (owners).' })
  manageOwners!: boolean;

  @Field(() => Boolean, { description: 'Delete it (owners).' })
  delete!: boolean;

  @Field(() => Boolean, { description: 'Claim it: a signed-in member who does not maintain it and has no claim of it pending.' })
  claim!: boolean;
}

@ObjectType('Business', { description: 'A local business in the directory, maintained by its owners.' })
export class BusinessType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: 'Unique, URL-friendly name.' })
  slug!: string;

  @Field(() => String, { description: 'Name of the business.' })
  name!: string;

  @Field(() => String, { description: 'What it offers (plain text).' })
  description!: string;

  @Field(() => BusinessStatus, { description: 'Where the listing is in its life.' })
  status!: BusinessStatus;

  @Field(() => String, { nullable: true, description: 'Street address.' })
  streetAddress!: string | null;

  @Field(() => String, { description: "IANA time zone of its opening hours (its region's)." })
  timeZone!: string;

  @Field(() => String, { nullable: true, description: 'Website (https).' })
  website!: string | null;

  @Field(() => [String], { description: 'Tags, normalised (lower case, dashes).' })
  tags!: string[];

  @Field(() => [String], { description: 'Pictures (https addresses).' })
  imageUrls!: string[];

  @Field(() => [SocialLinkType], { description: 'Links elsewhere.' })
  socialLinks!: SocialLinkType[];

  @Field(() => [OpeningSpanType], { description: 'Weekly opening hours, Monday first.' })
  openingHours!: OpeningSpanType[];

  @Field(() => Boolean, { description: 'Its owners declare it member-owned.' })
  memberOwned!: boolean;

  @Field(() => Date, { nullable: true, description: 'When an admin confirmed the member-owned declaration; null if not (yet).' })
  memberOwnedVerifiedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last submitted for review.' })
  submittedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was first published.' })
  publishedAt!: Date | null;

  @Field(() => Int, { description: 'Version for optimistic locking: pass it as `expectedVersion` to refuse an edit based on stale data.' })
  version!: number;

  @Field(() => Date, { description: 'When it was listed.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  updatedAt!: Date;

  // Read from the getters of BusinessNode (business.node.ts), not from field resolvers.

  @Field(() => RegionType, { description: 'The region it is in.' })
  region!: unknown;

  @Field(() => [CategoryType], { description: 'Its categories.' })
  categories!: unknown;

  @Field(() => [BusinessOwnerType], { description: 'Who maintains it; private profiles show as "A member".' })
  owners!: unknown;

  @Field(() => String, { nullable: true, description: 'Contact e-mail; null for anonymous callers.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Contact phone; null for anonymous callers.' })
  phone!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was rejected or suspended; shown to its owners, editors and admins (null for others).',
  })
  statusReason!: string | null;

  @Field(() => GeoPoint, { nullable: true, description: 'Where it is on the map.' })
  location!: GeoPoint | null;

  @Field(() => Float, { nullable: true, description: 'Distance in kilometres from `filter.near`; null without it.' })
  distanceKm!: number | null;

  @Field(() => Boolean, { description: 'Whether it is open right now, by its opening hours in its time zone.' })
  isOpenNow!: boolean;

  @Field(() => BusinessViewerCan, { description: 'What the viewer may do with it.' })
  viewerCan!: BusinessViewerCan;
}

@ObjectType('CategoryFacet', { description: 'How many businesses of the filtered set are in a category.' })
export class CategoryFacetType {
  @Field(() => CategoryType, { description: 'The category (a top-level one counts each business once).' })
  category!: CategoryType;

  @Field(() => Int, { description: 'Number of businesses.' })
  count!: number;
}

@ObjectType('RegionFacet', {
  description:
    'How many businesses of the filtered set are in a region: a region one level below the filtered region (countries without a region filter), or the filtered region itself for businesses placed directly in it.',
})
export class RegionFacetType {
  @Field(() => Int, { description: 'Number of businesses.' })
  count!: number;
}

@ObjectType('BusinessFacets', { description: 'Counts over the whole filtered set (not just this page).' })
export class BusinessFacetsType {
  @Field(() => [CategoryFacetType], { description: 'Businesses per category, most first.' })
  categories!: CategoryFacetType[];

  @Field(() => [RegionFacetType], { description: 'Businesses per region, most first.' })
  regions!: RegionFacetType[];
}

@ObjectType('BusinessClaim', { description: "A member's request to become an owner of a listing." })
export class BusinessClaimType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: 'What the claimant offered as evidence.' })
  evidence!: string;

  @Field(() => ClaimStatus, { description: 'Where the claim stands.' })
  status!: ClaimStatus;

  @Field(() => String, { nullable: true, description: 'Why it was approved or rejected.' })
  decisionReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When an admin decided.' })
  decidedAt!: Date | null;

  @Field(() => Date, { description: 'When it was made.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of claims.' })
export class BusinessClaimConnection extends ConnectionType(BusinessClaimType, 'BusinessClaim') {}

@ObjectType({ description: 'A page of businesses, with counts over the whole filtered set.' })
export class BusinessConnection extends ConnectionType(BusinessType, 'Business') {
  @Field(() => BusinessFacetsType, {
    description: 'Counts per category and per region over the whole filtered set (computed only when asked for).',
    middleware: [callLazyValue],
  })
  facets!: () => Promise<unknown>;
}
