import { BadUserInputError } from '../errors/domain-errors';

export type SortDirection = 'asc' | 'desc';
export type CursorValue = string | number;

/**
 * What a key's values are, so a cursor is checked before its values reach SQL: a hand-made
 * cursor with a value its column cannot hold (`"x"` for a uuid, say) is the client's mistake
 * (BAD_USER_INPUT), not a database error.
 * - `string`: any text without NUL characters (PostgreSQL text cannot hold them);
 * - `number`: a finite number;
 * - `uuid`: a uuid;
 * - `instant`: an instant as `Date.toISOString()` writes it, or `infinity` / `-infinity`;
 * - a list: one of these strings (an enum column).
 */
export type SortKeyType = 'string' | 'number' | 'uuid' | 'instant' | readonly string[];

/** One column of a keyset ordering. The last key of an ordering must be unique (the id). */
export interface SortKey<Row> {
  /** SQL expression, trusted (never built from input). */
  readonly sql: string;
  readonly direction: SortDirection;
  readonly type: SortKeyType;
  readonly value: (row: Row) => CursorValue;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `Date.toISOString()`'s own form of an instant in years 0001–9999 (PostgreSQL has no year 0). */
function isIsoInstant(value: string): boolean {
  const at = new Date(value);
  return /^\d{4}-/.test(value) && !value.startsWith('0000') && !Number.isNaN(at.getTime()) && at.toISOString() === value;
}

/** Whether a value read from a cursor is one the key's column can hold. */
export function fitsSortKey(type: SortKeyType, value: unknown): value is CursorValue {
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (typeof value !== 'string') return false;
  if (Array.isArray(type)) return type.includes(value);
  switch (type) {
    case 'uuid':
      return UUID.test(value);
    case 'instant':
      return value === 'infinity' || value === '-infinity' || isIsoInstant(value);
    default:
      return !value.includes('\u0000');
  }
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
    if (!fitsSortKey(key.type, values[index])) throw invalid();
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
