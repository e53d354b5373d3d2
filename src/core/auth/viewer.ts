import type { Account } from '../../modules/accounts/account.entity';

/** The signed-in account behind a request, and the session its access token belongs to. */
export interface Viewer {
  readonly account: Account;
  readonly sessionId: string;
}

export function isAdmin(viewer: Viewer | null): boolean {
  return viewer?.account.isAdmin ?? false;
}
