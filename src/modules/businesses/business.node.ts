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

/** Fields of the row a node shows differently (masked for the viewer, or loaded when the row lacks them). */
type Computed = 'email' | 'phone' | 'statusReason' | 'region' | 'categories' | 'owners' | 'distanceKm';

// The row's other fields, shown as they are (copied onto the node).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface BusinessNode extends Omit<BusinessRecord, Computed> {}

/**
 * A listing as the API shows it to one viewer: the row's fields, and getters for the fields that
 * depend on the viewer or on other rows. GraphQL's default resolver reads them, so a page of
 * listings costs no Nest field resolver calls (each of which takes an execution context, pipes
 * and several promises, for every field of every node).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class BusinessNode {
  constructor(
    /** The row as read, unmasked. */
    readonly record: BusinessRecord,
    private readonly scope: NodeScope,
  ) {
    const { email: _e, phone: _p, statusReason: _s, region: _r, categories: _c, owners: _o, distanceKm: _d, ...shown } = record;
    Object.assign(this, shown);
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
