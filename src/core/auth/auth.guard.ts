import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { PinoLogger } from 'nestjs-pino';
import { GraphQLContext } from '../context/request-context';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-errors';
import { ACCESS_RULE, AccessRule } from './access.decorators';
import { Authenticator } from './authenticator';

/**
 * The one place that decides who may run which operation. Deny by default: a query or mutation
 * without an access rule is refused (and logged as a bug). It settles who the viewer is before any
 * field resolves. Fields inherit the access of their parent; the few that expose private data
 * check it with `fieldAccess` (guards do not run on field resolvers, for speed: see field-access.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(AuthGuard.name);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (context.getType<GqlContextType>() !== 'graphql') {
      // HTTP routes (health, e-mail link pages) take no credentials: they are public or closed.
      if (rule?.kind === 'public') return true;
      this.logger.error({ handler: context.getHandler().name }, 'HTTP route without a public access rule');
      throw new ForbiddenError();
    }

    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    if (!rule) {
      const isRootField = info.parentType === info.schema.getQueryType() || info.parentType === info.schema.getMutationType();
      if (!isRootField) return true;
      this.logger.error({ field: `${info.parentType.name}.${info.fieldName}` }, 'operation without an access rule');
      throw new ForbiddenError();
    }

    const ctx = gql.getContext<GraphQLContext>().requestContext;
    const viewer = await ctx.resolveViewer(() => this.authenticator.authenticate(ctx));
    switch (rule.kind) {
      case 'public':
        return true;
      case 'signed-in':
        if (!viewer) throw new UnauthenticatedError();
        return true;
      case 'admin':
        if (!viewer) throw new UnauthenticatedError();
        if (!viewer.account.isAdmin) throw new ForbiddenError('Only admins may do this');
        return true;
    }
  }
}
