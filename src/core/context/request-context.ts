import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { FastifyRequest } from 'fastify';

/**
 * What one API request carries through resolvers and services: its id (also in every log line
 * and the `x-request-id` response header), the client address, and per-request data loaders,
 * so relations requested by many parents in one query load in one batch.
 */
export class RequestContext {
  private readonly loaders = new Map<symbol, unknown>();

  constructor(
    readonly requestId: string,
    readonly clientIp: string,
  ) {}

  /** The request's loader for `key`, created on first use. */
  loader<K, V>(key: symbol, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = create();
      this.loaders.set(key, loader);
    }
    return loader;
  }
}

/** The GraphQL context value. */
export interface GraphQLContext {
  readonly req: FastifyRequest;
  readonly requestContext: RequestContext;
}

export function createGraphQLContext(req: FastifyRequest): GraphQLContext {
  return { req, requestContext: new RequestContext(String(req.id), req.ip) };
}

/** Resolver parameter decorator for the {@link RequestContext}. */
export const Ctx = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext =>
    GqlExecutionContext.create(context).getContext<GraphQLContext>().requestContext,
);
