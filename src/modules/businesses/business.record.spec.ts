import { RequestContext } from '../../core/context/request-context';
import type { Viewer } from '../../core/auth/viewer';
import { BusinessNode, NodeScope } from './business.node';
import { BUSINESS_COLUMNS, businessColumns, FIELD_COLUMNS } from './business.record';

/** A row with a value in every column, none of them null. */
const FULL_ROW: Record<string, unknown> = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'golden-bakehouse',
  name: 'Golden Bakehouse',
  description: 'Bread and cakes.',
  status: 'SUSPENDED',
  status_reason: 'Closed for repairs',
  region_id: '00000000-0000-4000-8000-000000000002',
  street_address: '1 Main Street',
  latitude: 6.5,
  longitude: 3.4,
  time_zone: 'Africa/Lagos',
  website: 'https://example.org',
  email: 'hello@example.org',
  phone: '+234 1 234 5678',
  social_links: [{ label: 'Instagram', url: 'https://instagram.com/golden' }],
  image_urls: ['https://example.org/a.jpg'],
  opening_hours: [{ day: 'MONDAY', opens: '00:00', closes: '24:00' }],
  tags: ['sourdough'],
  member_owned: true,
  member_owned_verified_at: new Date('2026-01-02T03:04:05Z'),
  submitted_at: new Date('2026-01-03T03:04:05Z'),
  published_at: new Date('2026-01-04T03:04:05Z'),
  deleted_at: new Date('2026-01-05T03:04:05Z'),
  version: 3,
  created_at: new Date('2026-01-01T03:04:05Z'),
  updated_at: new Date('2026-01-06T03:04:05Z'),
  viewer_role: 'OWNER',
};

/** Fields that are relations or computed columns: the reader loads them by other means. */
const NOT_COLUMNS = new Set(['__typename', 'region', 'categories', 'owners', 'distanceKm', 'upcomingEvents']);

/** Every scalar-ish field of the Business type that a node answers from its row. */
const FIELDS = [
  'id',
  'slug',
  'name',
  'description',
  'status',
  'streetAddress',
  'timeZone',
  'website',
  'tags',
  'imageUrls',
  'socialLinks',
  'openingHours',
  'memberOwned',
  'memberOwnedVerifiedAt',
  'submittedAt',
  'publishedAt',
  'version',
  'createdAt',
  'updatedAt',
  'email',
  'phone',
  'statusReason',
  'location',
  'isOpenNow',
  'viewerCan',
];

function node(row: Record<string, unknown>): BusinessNode {
  const ctx = RequestContext.system('test');
  ctx.signedInAs({ account: { id: 'viewer', isAdmin: false }, sessionId: 's' } as unknown as Viewer);
  const scope: NodeScope = {
    ctx,
    region: () => Promise.reject(new Error('not here')),
    categories: () => Promise.reject(new Error('not here')),
    owners: () => Promise.reject(new Error('not here')),
  };
  return new BusinessNode(row, scope);
}

describe('businessColumns', () => {
  it('lists only columns of business', () => {
    const all = BUSINESS_COLUMNS.split(', ').map((column) => column.slice('b.'.length));
    expect(all).toEqual(Object.keys(FULL_ROW).filter((column) => column !== 'viewer_role'));
    expect(all).toEqual(expect.arrayContaining(businessColumns([...FIELDS, ...NOT_COLUMNS])!));
  });

  it('is tested here for every field it knows', () => {
    expect(Object.keys(FIELD_COLUMNS).sort()).toEqual([...FIELDS, ...NOT_COLUMNS].sort());
  });

  it('reads everything for a field it does not know', () => {
    expect(businessColumns(['id', 'somethingNew'])).toBeUndefined();
  });

  it.each(FIELDS)('gives %s what it needs: the field reads the same from its columns as from the whole row', (field) => {
    const columns = businessColumns([field])!;
    const pruned = Object.fromEntries(columns.map((column) => [column, FULL_ROW[column]]));
    pruned.viewer_role = FULL_ROW.viewer_role;
    const full = node(FULL_ROW)[field as keyof BusinessNode];
    expect(full).not.toBeNull();
    expect(node(pruned)[field as keyof BusinessNode]).toEqual(full);
  });
});
