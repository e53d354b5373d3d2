import { SetMetadata } from '@nestjs/common';
import type { Viewer } from './viewer';

/** Decides whether a viewer (null when anonymous) may resolve a field of `parent`. */
export type AccessPolicy = (viewer: Viewer | null, parent: unknown) => boolean;

export type AccessRule = { readonly kind: 'public' } | { readonly kind: 'signed-in' } | { readonly kind: 'admin' };

export const ACCESS_RULE = Symbol('access rule');

/**
 * Access is denied by default: every query and mutation carries one of these (checked by the
 * AuthGuard). They are for operations only; fields that expose private data use `fieldAccess`
 * (field-access.ts), and the guard refuses to start an app with one of these on a field resolver.
 */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Any signed-in member. */
export const SignedIn = () => SetMetadata(ACCESS_RULE, { kind: 'signed-in' } satisfies AccessRule);

/** Platform admins only. */
export const AdminOnly = () => SetMetadata(ACCESS_RULE, { kind: 'admin' } satisfies AccessRule);
