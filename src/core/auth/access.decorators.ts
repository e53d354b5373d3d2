import { SetMetadata } from '@nestjs/common';
import type { Viewer } from './viewer';

/** Decides whether a viewer (null when anonymous) may resolve a field of `parent`. */
export type AccessPolicy = (viewer: Viewer | null, parent: unknown) => boolean;

export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'signed-in' }
  | { readonly kind: 'admin' }
  | { readonly kind: 'policy'; readonly policy: AccessPolicy; readonly name: string };

export const ACCESS_RULE = Symbol('access rule');

/**
 * Access is denied by default: every query and mutation carries one of these. Field resolvers
 * that expose private data carry one too (guards run on them: `fieldResolverEnhancers`).
 */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Any signed-in member. */
export const SignedIn = () => SetMetadata(ACCESS_RULE, { kind: 'signed-in' } satisfies AccessRule);

/** Platform admins only. */
export const AdminOnly = () => SetMetadata(ACCESS_RULE, { kind: 'admin' } satisfies AccessRule);

/** A signed-in viewer for whom `policy(viewer, parent)` holds. */
export const Allow = (name: string, policy: AccessPolicy) =>
  SetMetadata(ACCESS_RULE, { kind: 'policy', policy, name } satisfies AccessRule);
