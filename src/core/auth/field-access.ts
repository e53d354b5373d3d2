import { FieldMiddleware, MiddlewareContext, NextFn } from '@nestjs/graphql';
import { GraphQLContext } from '../context/request-context';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-errors';
import type { AccessPolicy } from './access.decorators';

/**
 * Access to one field of a type, for the few fields that expose private data (an account's
 * e-mail address, its sessions): `@ResolveField(…, { middleware: [fieldAccess('self', isSelf)] })`.
 * The field resolves only for a signed-in viewer the policy admits for the parent object; anyone
 * else gets UNAUTHENTICATED or FORBIDDEN on that field (which must be nullable) and the rest of
 * the answer as usual.
 *
 * Operations carry their rule (`@Public`, `@SignedIn`, `@AdminOnly`), checked by the AuthGuard,
 * which also settles who the viewer is before any field resolves. Guards do not run on field
 * resolvers: they would cost a guard call for every field of every node of every list.
 */
export function fieldAccess(name: string, policy: AccessPolicy): FieldMiddleware {
  const middleware: FieldMiddleware = (ctx: MiddlewareContext<unknown, GraphQLContext>, next: NextFn) => {
    const viewer = ctx.context.requestContext.viewer;
    if (!viewer) throw new UnauthenticatedError();
    if (!policy(viewer, ctx.source)) throw new ForbiddenError(`Only ${name} may see this`);
    return next();
  };
  Object.defineProperty(middleware, 'name', { value: `fieldAccess(${name})` });
  return middleware;
}
