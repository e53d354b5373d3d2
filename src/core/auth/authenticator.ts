import type { RequestContext } from '../context/request-context';
import type { Viewer } from './viewer';

/**
 * Turns a request's credentials into a viewer. Implemented by the accounts module; the guard
 * depends only on this.
 */
export abstract class Authenticator {
  /** The viewer, null when no credentials were sent; throws UNAUTHENTICATED for bad credentials. */
  abstract authenticate(ctx: RequestContext): Promise<Viewer | null>;
}
