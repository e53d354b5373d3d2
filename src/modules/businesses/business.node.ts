import { isAdmin } from '../../core/auth/viewer';
import { RequestContext } from '../../core/context/request-context';
import { PRIVATE_MEMBER_NAME } from '../accounts/account.entity';
import { RegionRecord } from '../regions/region.record';
import { BusinessRole } from './business-owner.entity';
import { BusinessStatus } from './business-status';
import { BusinessRecord, CategoryRecord, OwnerRecord } from './business.record';
import { isOpenAt } from './opening-hours';

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
 * and several promises, for every field of every node), and making a node copies nothing.
 */
export class BusinessNode {
  constructor(
    /** The row as read, unmasked. */
    readonly record: BusinessRecord,
    private readonly scope: NodeScope,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get slug(): string {
    return this.record.slug;
  }

  get name(): string {
    return this.record.name;
  }

  get description(): string {
    return this.record.description;
  }

  get status(): BusinessStatus {
    return this.record.status;
  }

  get regionId(): string {
    return this.record.regionId;
  }

  get streetAddress(): string | null {
    return this.record.streetAddress;
  }

  get latitude(): number | null {
    return this.record.latitude;
  }

  get longitude(): number | null {
    return this.record.longitude;
  }

  get timeZone(): string {
    return this.record.timeZone;
  }

  get website(): string | null {
    return this.record.website;
  }

  get socialLinks(): BusinessRecord['socialLinks'] {
    return this.record.socialLinks;
  }

  get imageUrls(): BusinessRecord['imageUrls'] {
    return this.record.imageUrls;
  }

  get openingHours(): BusinessRecord['openingHours'] {
    return this.record.openingHours;
  }

  get tags(): BusinessRecord['tags'] {
    return this.record.tags;
  }

  get memberOwned(): boolean {
    return this.record.memberOwned;
  }

  get memberOwnedVerifiedAt(): Date | null {
    return this.record.memberOwnedVerifiedAt;
  }

  get submittedAt(): Date | null {
    return this.record.submittedAt;
  }

  get publishedAt(): Date | null {
    return this.record.publishedAt;
  }

  get deletedAt(): Date | null {
    return this.record.deletedAt;
  }

  get version(): number {
    return this.record.version;
  }

  get createdAt(): Date {
    return this.record.createdAt;
  }

  get updatedAt(): Date {
    return this.record.updatedAt;
  }

  get viewerRole(): BusinessRole | null {
    return this.record.viewerRole;
  }

  get rank(): number | undefined {
    return this.record.rank;
  }

  /** Contact e-mail; null for anonymous callers. */
  get email(): string | null {
    return this.scope.ctx.viewer ? this.record.email : null;
  }

  /** Contact phone; null for anonymous callers. */
  get phone(): string | null {
    return this.scope.ctx.viewer ? this.record.phone : null;
  }

  /** Why it was rejected or suspended: for its owners, editors and admins only. */
  get statusReason(): string | null {
    return this.viewerRole || isAdmin(this.scope.ctx.viewer) ? this.record.statusReason : null;
  }

  get region(): RegionRecord | Promise<RegionRecord> {
    return this.record.region ?? this.scope.region(this.regionId);
  }

  get categories(): readonly CategoryRecord[] | Promise<CategoryRecord[]> {
    return this.record.categories ?? this.scope.categories(this.id);
  }

  /** Owners and editors; private profiles show as "A member" except to themselves, the owners and admins. */
  get owners(): OwnerView[] | Promise<OwnerView[]> {
    return this.record.owners ? this.present(this.record.owners) : this.scope.owners(this.id).then((owners) => this.present(owners));
  }

  get distanceKm(): number | null {
    return this.record.distanceKm ?? null;
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
      claim: this.scope.ctx.viewer !== null && this.viewerRole === null && this.status === BusinessStatus.PUBLISHED,
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
