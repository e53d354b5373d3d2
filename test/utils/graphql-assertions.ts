import { signedInAccount } from '../factories/account.factory';
import { GraphQLResponse, TestApp } from './test-app';

/** A member signed in through the API, with a token. */
export type SignedIn = Awaited<ReturnType<typeof signedInAccount>>;

/** An ISO-8601 instant as the API writes them (UTC, milliseconds). */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A refusal: exactly one error, with `code` and a message, naming exactly these field paths
 * when given; no data (a refused mutation answers none, a refused nullable query field null).
 */
export function expectError(res: GraphQLResponse, code: string, paths?: readonly string[]): void {
  expect(res.errors).toHaveLength(1);
  expect({ code: res.errors![0].extensions?.code, message: res.errors![0].message }).toEqual({ code, message: expect.any(String) });
  if (paths) {
    const fieldErrors: { path: string; message: string }[] = res.errors![0].extensions?.fieldErrors ?? [];
    for (const error of fieldErrors) expect(error.message).toEqual(expect.any(String));
    expect([...new Set(fieldErrors.map((error) => error.path))].sort()).toEqual([...paths].sort());
  }
  for (const value of Object.values(res.data ?? {})) expect(value).toBeNull();
}

/** Asserts success and returns the data. */
export function expectOk<T = Record<string, any>>(res: GraphQLResponse<T>): T {
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/** Plain SQL on a fresh EntityManager, for arranging and inspecting data. */
export async function sql<R = Record<string, any>>(t: TestApp, query: string, params: unknown[] = []): Promise<R[]> {
  return t.em().getConnection().execute(query, params);
}

/** The audit trail of one subject, oldest first. */
export const auditOf = (t: TestApp, subjectId: string) =>
  sql(t, 'SELECT action, actor_id, subject_type, before, after FROM audit_event WHERE subject_id = ? ORDER BY created_at, id', [subjectId]);
