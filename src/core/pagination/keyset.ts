import { BadUserInputError } from '../errors/domain-errors';

export type SortDirection = 'asc' | 'desc';
export type CursorValue = string | number;

/** One column of a keyset ordering. The last key of an ordering must be unique (the id). */
export interface SortKey<Row> {
  /** SQL expression, trusted (never built from input). */
  readonly sql: string;
  readonly direction: SortDirection;
  readonly type: 'string' | 'number';
  readonly value: (row: Row) => CursorValue;
}

/** A named ordering: the name travels inside the cursor, so a cursor only works with its own ordering. */
export interface KeysetOrder<Row> {
  readonly name: string;
  readonly keys: readonly SortKey<Row>[];
}

/** A SQL fragment with positional `?` placeholders (knex style) and its values. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const CURSOR_VERSION = 1;

/** Opaque cursor: base64url of `[version, ordering, ...values]`. */
export function encodeCursor<Row>(order: KeysetOrder<Row>, row: Row): string {
  const payload = [CURSOR_VERSION, order.name, ...order.keys.map((key) => key.value(row))];
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** Reads a cursor made by {@link encodeCursor} for this ordering; anything else is `BAD_USER_INPUT`. */
export function decodeCursor<Row>(order: KeysetOrder<Row>, cursor: string, path = 'after'): CursorValue[] {
  const invalid = () => BadUserInputError.field(path, 'is not a cursor returned by this list (with this ordering)');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(payload) || payload.length !== order.keys.length + 2) throw invalid();
  const [version, name, ...values] = payload as unknown[];
  if (version !== CURSOR_VERSION || name !== order.name) throw invalid();
  order.keys.forEach((key, index) => {
    const value = values[index];
    const valid = key.type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string';
    if (!valid) throw invalid();
  });
  return values as CursorValue[];
}

/**
 * The condition "comes after this cursor" for an ordering whose keys may mix directions:
 * `(a > ?) OR (a = ? AND b < ?) OR (a = ? AND b = ? AND c > ?)`.
 */
export function afterCursorCondition<Row>(order: KeysetOrder<Row>, values: readonly CursorValue[]): SqlFragment {
  const branches: string[] = [];
  const params: unknown[] = [];
  order.keys.forEach((key, index) => {
    const parts: string[] = [];
    for (let i = 0; i < index; i += 1) {
      parts.push(`${order.keys[i].sql} = ?`);
      params.push(values[i]);
    }
    parts.push(`${key.sql} ${key.direction === 'asc' ? '>' : '<'} ?`);
    params.push(values[index]);
    branches.push(parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`);
  });
  return { sql: `(${branches.join(' OR ')})`, params };
}

/** `ORDER BY` list for an ordering. */
export function orderByClause<Row>(order: KeysetOrder<Row>): string {
  return order.keys.map((key) => `${key.sql} ${key.direction}`).join(', ');
}
