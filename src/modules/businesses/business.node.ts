import { isAdmin } from '../../core/auth/viewer';
import { RequestContext } from '../../core/context/request-context';
import { PRIVATE_MEMBER_NAME } from '../accounts/account.entity';
import { RegionRecord } from '../regions/region.record';
import { BusinessRole } from './business-owner.entity';
import { BusinessStatus } from './business-status';
import type { SocialLink } from './business.entity';
import { BusinessRelations, BusinessRow, CategoryRecord, OwnerRecord } from './business.record';
import { isOpenAt, OpeningSpan } from './opening-hours';
import { toDate, toDateOrNull, toNumberOrNull } from '../../core/sql/row-values';

/** Where a node finds what its row did not bring along: per-request batched lookups. */
export interface NodeScope {
  readonly ctx: RequestContext;
  /** A region the request has read already (the filter's subtree, say); loaded in a batch otherwise. */
  region(id: string): RegionRecord | Promise<RegionRecord>;
  categories(businessId: string): Promise<CategoryRecord[]>;
  owners(businessId: string): Promise<OwnerRecord[]>;
}

export interface OwnerView {
  readonly accountId: string | null;
  readonly displayName: string;
  readonly role: BusinessRole;
}

export interface ViewerCan {
  readonly edit: boolean;
  readonly manageOwners: boolean;
  readonly delete: boolean;
  readonly claim: boolean;
}

/**
 * A listing as the API shows it to one viewer: getters over the row as read, some of which mask
 * it for the viewer or load what the row lacks. GraphQL's default resolver reads them, so a page
 * of listings costs no Nest field resolver calls (each of which takes an execution context, pipes
 * and several promises, for every field of every node), and making a node copies and converts
 * nothing: a getter converts its column when it is read.
 */
export class BusinessNode {
  constructor(
    /** The row as read, unmasked. */
    private readonly row: BusinessRow,
    private readonly scope: NodeScope,
    private readonly relations: BusinessRelations = {},
  ) {}

  get id(): string {
    return this.row.id as string;
  }

  get slug(): string {
    return this.row.slug as string;
  }

  get name(): string {
    return this.row.name as string;
  }

  get description(): string {
    return this.row.description as string;
  }

  get status(): BusinessStatus {
    return this.row.status as BusinessStatus;
  }

  get regionId(): string {
    return this.row.region_id as string;
  }

  get streetAddress(): string | null {
    return (this.row.street_address as string | null | undefined) ?? null;
  }

  get latitude(): number | null {
    return toNumberOrNull(this.row.latitude);
  }

  get longitude(): number | null {
    return toNumberOrNull(this.row.longitude);
  }

  get timeZone(): string {
    return this.row.time_zone as string;
  }

  get website(): string | null {
    return (this.row.website as string | null | undefined) ?? null;
  }

  get socialLinks(): readonly SocialLink[] {
    return this.row.social_links as SocialLink[];
  }

  get imageUrls(): readonly string[] {
    return this.row.image_urls as string[];
  }

  get openingHours(): readonly OpeningSpan[] {
    return this.row.opening_hours as OpeningSpan[];
  }

  get tags(): readonly string[] {
    return this.row.tags as string[];
  }

  get memberOwned(): boolean {
    return this.row.member_owned as boolean;
  }

  get memberOwnedVerifiedAt(): Date | null {
    return toDateOrNull(this.row.member_owned_verified_at);
  }

  get submittedAt(): Date | null {
    return toDateOrNull(this.row.submitted_at);
  }

  get publishedAt(): Date | null {
    return toDateOrNull(this.row.published_at);
  }

  get deletedAt(): Date | null {
    return toDateOrNull(this.row.deleted_at);
  }

  get version(): number {
    return Number(this.row.version);
  }

  get createdAt(): Date {
    return toDate(this.row.created_at);
  }

  get updatedAt(): Date {
    return toDate(this.row.updated_at);
  }

  /** The viewer's role on this listing; null when the viewer is neither owner nor editor. */
  get viewerRole(): BusinessRole | null {
    return (this.row.viewer_role as BusinessRole | null | undefined) ?? null;
  }

  /** Relevance to `filter.text`, when the query searched text. */
  get rank(): number | undefined {
    return this.row.rank === undefined ? undefined : Number(this.row.rank);
  }

  /** Contact e-mail; null for anonymous callers. */
  get email(): string | null {
    return this.scope.ctx.viewer ? (this.row.email as string | null) : null;
  }

  /** Contact phone; null for anonymous callers. */
  get phone(): string | null {
    return this.scope.ctx.viewer ? (this.row.phone as string | null) : null;
  }

  /** Why it was rejected or suspended: for its owners, editors and admins only. */
  get statusReason(): string | null {
    return this.viewerRole || isAdmin(this.scope.ctx.viewer) ? ((this.row.status_reason as string | null | undefined) ?? null) : null;
  }

  get region(): RegionRecord | Promise<RegionRecord> {
    return this.relations.region ?? this.scope.region(this.regionId);
  }

  get categories(): readonly CategoryRecord[] | Promise<CategoryRecord[]> {
    return this.relations.categories ?? this.scope.categories(this.id);
  }

  /** Owners and editors; private profiles show as "A member" except to themselves, the owners and admins. */
  get owners(): OwnerView[] | Promise<OwnerView[]> {
    return this.relations.owners ? this.present(this.relations.owners) : this.scope.owners(this.id).then((owners) => this.present(owners));
  }

  /** Kilometres from `filter.near`; null without it (or for a listing without a location). */
  get distanceKm(): number | null {
    return toNumberOrNull(this.row.distance_km);
  }

  get location(): { lat: number; lng: number } | null {
    return this.latitude === null || this.longitude === null ? null : { lat: this.latitude, lng: this.longitude };
  }

  get isOpenNow(): boolean {
    return isOpenAt(this.openingHours, this.timeZone, new Date());
  }

  get viewerCan(): ViewerCan {
    const owner = this.viewerRole === BusinessRole.OWNER;
    return {
      edit: this.viewerRole !== null,
      manageOwners: owner,
      delete: owner,
      claim:
        this.scope.ctx.viewer !== null &&
        this.viewerRole === null &&
        this.status === BusinessStatus.PUBLISHED &&
        this.row.viewer_claim_pending !== true,
    };
  }

  private present(owners: readonly OwnerRecord[]): OwnerView[] {
    const viewer = this.scope.ctx.viewer;
    const insider = this.viewerRole === BusinessRole.OWNER || isAdmin(viewer);
    return owners.map((owner) => {
      const visible = owner.publicProfile || owner.accountId === viewer?.account.id || insider;
      return {
        accountId: visible ? owner.accountId : null,
        displayName: visible ? owner.displayName : PRIVATE_MEMBER_NAME,
        role: owner.role,
      };
    });
  }
}
