import { isIP } from 'node:net';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../auth/viewer';
import { UnauthenticatedError } from '../errors/domain-errors';

/**
 * What one API request carries through resolvers and services: its id (also in every log line
 * and the `x-request-id` response header), the client, the signed-in viewer (resolved once, by
 * the auth guard), and per-request data loaders, so relations requested by many parents in one
 * query load in one batch.
 */
export class RequestContext {
  private readonly loaders = new Map<symbol, unknown>();
  /** Set by the auth guard; `undefined` until then. */
  private resolvedViewer: Promise<Viewer | null> | undefined;
  private settledViewer: Viewer | null = null;

  constructor(
    readonly requestId: string,
    readonly clientIp: string,
    readonly userAgent: string | undefined,
    /** The `Authorization` header as sent; `undefined` when absent. */
    readonly authorization: string | undefined,
  ) {}

  /** A context for work outside an HTTP request (start-up, scripts): no viewer. */
  static system(purpose: string): RequestContext {
    return new RequestContext(purpose, '127.0.0.1', undefined, undefined);
  }

  /** The request's loader for `key`, created on first use. */
  loader<K, V>(key: symbol, create: () => DataLoader<K, V>): DataLoader<K, V> {
    return this.memo(key, create);
  }

  /** Anything kept for the rest of the request under `key` (a map of what was read, say), created on first use. */
  memo<T>(key: symbol, create: () => T): T {
    let value = this.loaders.get(key) as T | undefined;
    if (value === undefined) {
      value = create();
      this.loaders.set(key, value);
    }
    return value;
  }

  /** Resolves the viewer once per request, however many fields ask. */
  resolveViewer(resolve: () => Promise<Viewer | null>): Promise<Viewer | null> {
    this.resolvedViewer ??= resolve().then((viewer) => (this.settledViewer = viewer));
    return this.resolvedViewer;
  }

  /**
   * After a login or registration, the rest of the request sees the account just signed in, so
   * the mutation's payload shows what its new owner may see.
   */
  signedInAs(viewer: Viewer): void {
    this.settledViewer = viewer;
    this.resolvedViewer = Promise.resolve(viewer);
  }

  /**
   * After a logout or an account's deletion, the rest of the request is anonymous: a later field
   * of the same operation must not act as an account whose sessions (or whole self) are gone.
   */
  signedOut(): void {
    this.settledViewer = null;
    this.resolvedViewer = Promise.resolve(null);
  }

  /** The signed-in viewer, or null when anonymous. */
  get viewer(): Viewer | null {
    return this.settledViewer;
  }

  /** The signed-in viewer; throws UNAUTHENTICATED when anonymous. */
  requireViewer(): Viewer {
    if (!this.settledViewer) throw new UnauthenticatedError();
    return this.settledViewer;
  }
}

/** The GraphQL context value. */
export interface GraphQLContext {
  readonly req: FastifyRequest;
  readonly requestContext: RequestContext;
}

/**
 * The client's address: from X-Forwarded-For as far as TRUST_PROXY trusts it, else the socket's.
 * A forwarded value that is no address (a proxy passing on what a client wrote) is not believed.
 */
function clientAddress(req: FastifyRequest): string {
  if (isIP(req.ip)) return req.ip;
  return req.socket.remoteAddress ?? 'unknown';
}

export function requestContextOf(req: FastifyRequest): RequestContext {
  const authorization = req.headers.authorization;
  return new RequestContext(String(req.id), clientAddress(req), req.headers['user-agent'], authorization?.trim() || undefined);
}

export function createGraphQLContext(req: FastifyRequest): GraphQLContext {
  return { req, requestContext: requestContextOf(req) };
}

/** Resolver parameter decorator for the {@link RequestContext}. */
export const Ctx = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext =>
    GqlExecutionContext.create(context).getContext<GraphQLContext>().requestContext,
);
