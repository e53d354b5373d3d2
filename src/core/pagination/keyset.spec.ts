import { BadUserInputError, ErrorCode } from '../errors/domain-errors';
import { afterCursorCondition, CursorValue, decodeCursor, encodeCursor, KeysetOrder, orderByClause, SortKey, SqlFragment } from './keyset';

interface Row {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  readonly size: number;
}

const idKey: SortKey<Row> = { sql: 'r.id', direction: 'asc', type: 'string', value: (row) => row.id };
const nameAsc: SortKey<Row> = { sql: 'r.name', direction: 'asc', type: 'string', value: (row) => row.name };
const scoreDesc: SortKey<Row> = { sql: 'r.score', direction: 'desc', type: 'number', value: (row) => row.score };

const BY_ID: KeysetOrder<Row> = { name: 'ID', keys: [idKey] };
const BY_NAME: KeysetOrder<Row> = { name: 'NAME', keys: [nameAsc, idKey] };
const BY_SCORE_NAME: KeysetOrder<Row> = { name: 'SCORE_NAME', keys: [scoreDesc, nameAsc, idKey] };

const row: Row = { id: '0b6c2d4e-1f00-4a4a-9c1e-1d2f3a4b5c6d', name: 'Lagos', score: 42.5, size: 3 };

/** A cursor in the encoding of keyset.ts, built by hand so the tests do not depend on encodeCursor. */
function rawCursor(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function expectBadCursor(action: () => unknown, path = 'after'): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(BadUserInputError);
  const error = thrown as BadUserInputError;
  expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
  expect(error.fieldErrors).toHaveLength(1);
  expect(error.fieldErrors[0].path).toBe(path);
  expect(error.extensions).toEqual({ fieldErrors: error.fieldErrors });
}

describe('encodeCursor / decodeCursor', () => {
  it.each([BY_ID, BY_NAME, BY_SCORE_NAME])('round-trips the key values of ordering $name', (order) => {
    const cursor = encodeCursor(order, row);
    expect(decodeCursor(order, cursor)).toEqual(order.keys.map((key) => key.value(row)));
  });

  it('produces an opaque, URL-safe string', () => {
    const cursor = encodeCursor(BY_SCORE_NAME, { ...row, name: '?>?~~~ünïcödé/+=' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('Lagos');
    expect(decodeCursor(BY_SCORE_NAME, cursor)).toEqual([42.5, '?>?~~~ünïcödé/+=', row.id]);
  });

  it('round-trips awkward values: empty strings, negatives, zero, fractions, quotes', () => {
    for (const candidate of [
      { ...row, name: '', score: 0 },
      { ...row, name: '"\'\\', score: -1.25 },
      { ...row, name: 'x'.repeat(500), score: Number.MAX_SAFE_INTEGER },
      { ...row, name: '💸 emoji', score: -Number.MAX_VALUE },
    ]) {
      expect(decodeCursor(BY_SCORE_NAME, encodeCursor(BY_SCORE_NAME, candidate))).toEqual([candidate.score, candidate.name, candidate.id]);
    }
  });

  it('encodes the ordering name, so equal values under different orderings give different cursors', () => {
    const other: KeysetOrder<Row> = { name: 'OTHER', keys: BY_NAME.keys };
    expect(encodeCursor(other, row)).not.toBe(encodeCursor(BY_NAME, row));
  });

  it('accepts a hand-made cursor in the documented format [version, ordering, ...values]', () => {
    expect(decodeCursor(BY_NAME, rawCursor([1, 'NAME', 'Accra', 'id-1']))).toEqual(['Accra', 'id-1']);
  });

  describe('rejects with BAD_USER_INPUT on `after`', () => {
    it.each<[string, string]>([
      ['an empty string', ''],
      ['characters outside base64', '!!!***'],
      ['base64 of something that is not JSON', Buffer.from('hello world').toString('base64url')],
      ['base64 of truncated JSON', Buffer.from('[1,"NAME","Accra"').toString('base64url')],
      ['a JSON object', rawCursor({ version: 1, name: 'NAME', values: ['Accra', 'id-1'] })],
      ['a JSON string', rawCursor('NAME')],
      ['JSON null', rawCursor(null)],
      ['a JSON number', rawCursor(1)],
      ['too few values', rawCursor([1, 'NAME', 'Accra'])],
      ['too many values', rawCursor([1, 'NAME', 'Accra', 'id-1', 'extra'])],
      ['an empty array', rawCursor([])],
      ['another version', rawCursor([2, 'NAME', 'Accra', 'id-1'])],
      ['a version given as a string', rawCursor(['1', 'NAME', 'Accra', 'id-1'])],
      ['another ordering with the same number of keys', rawCursor([1, 'ID_DESC', 'Accra', 'id-1'])],
      ['the ordering name in another case', rawCursor([1, 'name', 'Accra', 'id-1'])],
      ['a number where a string key is expected', rawCursor([1, 'NAME', 5, 'id-1'])],
      ['null where a string key is expected', rawCursor([1, 'NAME', 'Accra', null])],
      ['an object where a string key is expected', rawCursor([1, 'NAME', { toString: 'x' }, 'id-1'])],
      ['a NUL character in a string key (PostgreSQL text cannot hold one)', rawCursor([1, 'NAME', 'Ac\u0000cra', 'id-1'])],
    ])('%s', (_label, cursor) => {
      expectBadCursor(() => decodeCursor(BY_NAME, cursor));
    });

    it('a cursor made for another ordering', () => {
      const cursor = encodeCursor(BY_NAME, row);
      const sameShape: KeysetOrder<Row> = { name: 'NAME_DESC', keys: [{ ...nameAsc, direction: 'desc' }, idKey] };
      expectBadCursor(() => decodeCursor(sameShape, cursor));
      expectBadCursor(() => decodeCursor(BY_SCORE_NAME, cursor));
      expectBadCursor(() => decodeCursor(BY_ID, cursor));
    });

    it.each<[string, unknown]>([
      ['a string', '42'],
      ['null', null],
      ['a boolean', true],
      ['an array', [42]],
    ])('%s where a number key is expected', (_label, value) => {
      expectBadCursor(() => decodeCursor(BY_SCORE_NAME, rawCursor([1, 'SCORE_NAME', value, 'Accra', 'id-1'])));
    });

    it('non-finite numbers (JSON 1e999 parses to Infinity; NaN and Infinity are not JSON at all)', () => {
      const infinity = Buffer.from('[1,"SCORE_NAME",1e999,"Accra","id-1"]').toString('base64url');
      const minusInfinity = Buffer.from('[1,"SCORE_NAME",-1e999,"Accra","id-1"]').toString('base64url');
      const nan = Buffer.from('[1,"SCORE_NAME",NaN,"Accra","id-1"]').toString('base64url');
      const bareInfinity = Buffer.from('[1,"SCORE_NAME",Infinity,"Accra","id-1"]').toString('base64url');
      for (const cursor of [infinity, minusInfinity, nan, bareInfinity]) expectBadCursor(() => decodeCursor(BY_SCORE_NAME, cursor));
      // encodeCursor of a NaN value turns it into null, which must not decode either.
      expectBadCursor(() => decodeCursor(BY_SCORE_NAME, encodeCursor(BY_SCORE_NAME, { ...row, score: NaN })));
    });
  });

  it('names the given argument path in the error', () => {
    expectBadCursor(() => decodeCursor(BY_NAME, 'garbage', 'children.after'), 'children.after');
    expectBadCursor(() => decodeCursor(BY_NAME, rawCursor([1, 'ID', 'x']), 'input.after'), 'input.after');
  });
});

describe('keys of uuids, instants and enums', () => {
  interface Membership {
    readonly id: string;
    readonly role: string;
    readonly joinedAt: Date;
  }
  const BY_ROLE: KeysetOrder<Membership> = {
    name: 'ROLE',
    keys: [
      { sql: 'm.role', direction: 'asc', type: ['ORGANIZER', 'MEMBER'], value: (m) => m.role },
      { sql: 'm.joined_at', direction: 'desc', type: 'instant', value: (m) => m.joinedAt.toISOString() },
      { sql: 'm.id', direction: 'asc', type: 'uuid', value: (m) => m.id },
    ],
  };
  const membership: Membership = { id: row.id, role: 'MEMBER', joinedAt: new Date('2026-11-26T12:00:00.123Z') };

  it('round-trips their values', () => {
    expect(decodeCursor(BY_ROLE, encodeCursor(BY_ROLE, membership))).toEqual(['MEMBER', '2026-11-26T12:00:00.123Z', row.id]);
  });

  it('accepts infinity and -infinity as instants (orderings that put missing dates first or last use them)', () => {
    expect(decodeCursor(BY_ROLE, rawCursor([1, 'ROLE', 'MEMBER', '-infinity', row.id]))[1]).toBe('-infinity');
    expect(decodeCursor(BY_ROLE, rawCursor([1, 'ROLE', 'MEMBER', 'infinity', row.id]))[1]).toBe('infinity');
  });

  it.each<[string, unknown[]]>([
    ['an id that is not a uuid', ['MEMBER', '2026-11-26T12:00:00.123Z', 'x']],
    ['a uuid with a quote appended', ['MEMBER', '2026-11-26T12:00:00.123Z', `${row.id}'`]],
    ['an instant that is not a date', ['MEMBER', 'garbage', row.id]],
    ['an impossible date', ['MEMBER', '2026-02-31T12:00:00.000Z', row.id]],
    ['a date without a time', ['MEMBER', '2026-11-26', row.id]],
    ['an instant with an offset instead of Z', ['MEMBER', '2026-11-26T13:00:00.123+01:00', row.id]],
    ['a year PostgreSQL would not read', ['MEMBER', '+275760-01-01T00:00:00.000Z', row.id]],
    ['year 0 (PostgreSQL has none)', ['MEMBER', '0000-06-01T00:00:00.000Z', row.id]],
    ['an instant given as a number', ['MEMBER', 1795694400123, row.id]],
    ['a role that is not one of the enum', ['OWNER', '2026-11-26T12:00:00.123Z', row.id]],
  ])('rejects %s with BAD_USER_INPUT', (_label, values) => {
    expectBadCursor(() => decodeCursor(BY_ROLE, rawCursor([1, 'ROLE', ...values])));
  });
});

describe('afterCursorCondition', () => {
  it('is a single comparison for one ascending key', () => {
    expect(afterCursorCondition(BY_ID, ['id-9'])).toEqual({ sql: '(r.id > ?)', params: ['id-9'] });
  });

  it('uses < for one descending key', () => {
    const order: KeysetOrder<Row> = { name: 'ID_DESC', keys: [{ ...idKey, direction: 'desc' }] };
    expect(afterCursorCondition(order, ['id-9'])).toEqual({ sql: '(r.id < ?)', params: ['id-9'] });
  });

  it('expands two keys into "a after, or a equal and b after"', () => {
    expect(afterCursorCondition(BY_NAME, ['Accra', 'id-1'])).toEqual({
      sql: '(r.name > ? OR (r.name = ? AND r.id > ?))',
      params: ['Accra', 'Accra', 'id-1'],
    });
  });

  it('handles two keys with a descending first key', () => {
    const order: KeysetOrder<Row> = { name: 'SCORE', keys: [scoreDesc, idKey] };
    expect(afterCursorCondition(order, [7, 'id-1'])).toEqual({
      sql: '(r.score < ? OR (r.score = ? AND r.id > ?))',
      params: [7, 7, 'id-1'],
    });
  });

  it('expands three keys with mixed directions, params in placeholder order', () => {
    expect(afterCursorCondition(BY_SCORE_NAME, [7, 'Accra', 'id-1'])).toEqual({
      sql: '(r.score < ? OR (r.score = ? AND r.name > ?) OR (r.score = ? AND r.name = ? AND r.id > ?))',
      params: [7, 7, 'Accra', 7, 'Accra', 'id-1'],
    });
  });

  it('handles asc, desc, desc', () => {
    const order: KeysetOrder<Row> = {
      name: 'MIXED',
      keys: [nameAsc, scoreDesc, { ...idKey, direction: 'desc' }],
    };
    expect(afterCursorCondition(order, ['Accra', 0, 'id-1'])).toEqual({
      sql: '(r.name > ? OR (r.name = ? AND r.score < ?) OR (r.name = ? AND r.score = ? AND r.id < ?))',
      params: ['Accra', 'Accra', 0, 'Accra', 0, 'id-1'],
    });
  });

  it('has exactly as many params as placeholders', () => {
    const { sql, params } = afterCursorCondition(BY_SCORE_NAME, [1, 'b', 'c']);
    expect(sql.split('?').length - 1).toBe(params.length);
  });
});

describe('orderByClause', () => {
  it('lists every key with its direction, in order', () => {
    expect(orderByClause(BY_ID)).toBe('r.id asc');
    expect(orderByClause(BY_NAME)).toBe('r.name asc, r.id asc');
    expect(orderByClause(BY_SCORE_NAME)).toBe('r.score desc, r.name asc, r.id asc');
  });
});

/**
 * Property test: for random rows sorted by an ordering, "rows matching the after-cursor condition"
 * must be exactly the rows that follow the cursor row in that order. The condition is checked by
 * evaluating the generated SQL text itself with a tiny evaluator for its shape.
 */
describe('afterCursorCondition semantics (property)', () => {
  /** mulberry32: small seeded PRNG, so failures are reproducible. */
  function prng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const sizeDesc: SortKey<Row> = { sql: 'r.size', direction: 'desc', type: 'number', value: (r) => r.size };
  const sizeAsc: SortKey<Row> = { ...sizeDesc, direction: 'asc' };
  const nameDesc: SortKey<Row> = { ...nameAsc, direction: 'desc' };
  const scoreAsc: SortKey<Row> = { ...scoreDesc, direction: 'asc' };
  const idDesc: SortKey<Row> = { ...idKey, direction: 'desc' };

  const ORDERS: KeysetOrder<Row>[] = [
    { name: 'ID', keys: [idKey] },
    { name: 'ID_DESC', keys: [idDesc] },
    { name: 'NAME', keys: [nameAsc, idKey] },
    { name: 'NAME_DESC', keys: [nameDesc, idDesc] },
    { name: 'SCORE_DESC_ID', keys: [scoreDesc, idKey] },
    { name: 'SCORE_DESC_NAME_ASC', keys: [scoreDesc, nameAsc, idKey] },
    { name: 'NAME_ASC_SIZE_DESC', keys: [nameAsc, sizeDesc, idDesc] },
    { name: 'SIZE_DESC_SCORE_ASC_NAME_DESC', keys: [sizeDesc, scoreAsc, nameDesc, idKey] },
    { name: 'SIZE_ASC_NAME_ASC_SCORE_DESC', keys: [sizeAsc, nameAsc, scoreDesc, idDesc] },
  ];

  const COLUMNS: Record<string, (r: Row) => CursorValue> = {
    'r.id': (r) => r.id,
    'r.name': (r) => r.name,
    'r.score': (r) => r.score,
    'r.size': (r) => r.size,
  };

  function compare(a: CursorValue, b: CursorValue): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function sortRows(rows: readonly Row[], order: KeysetOrder<Row>): Row[] {
    return [...rows].sort((a, b) => {
      for (const key of order.keys) {
        const c = compare(key.value(a), key.value(b));
        if (c !== 0) return key.direction === 'asc' ? c : -c;
      }
      return 0;
    });
  }

  /**
   * Evaluates a fragment of the exact shape `(A OR (B AND C) OR ...)` where every comparison is
   * `<column> <op> ?`, consuming params left to right as the database would.
   */
  function evaluate(fragment: SqlFragment, target: Row): boolean {
    const params = [...fragment.params] as CursorValue[];
    expect(fragment.sql.startsWith('(') && fragment.sql.endsWith(')')).toBe(true);
    const branches = fragment.sql.slice(1, -1).split(' OR ');
    let result = false;
    for (const branch of branches) {
      const body = branch.startsWith('(') ? branch.slice(1, -1) : branch;
      let branchResult = true;
      for (const comparison of body.split(' AND ')) {
        const match = /^(\S+) (=|<|>) \?$/.exec(comparison);
        if (!match) throw new Error(`unexpected SQL shape: ${comparison}`);
        const [, column, operator] = match;
        const column_ = COLUMNS[column];
        if (!column_) throw new Error(`unknown column ${column}`);
        if (params.length === 0) throw new Error('more placeholders than params');
        const c = compare(column_(target), params.shift()!);
        branchResult &&= operator === '=' ? c === 0 : operator === '<' ? c < 0 : c > 0;
      }
      result ||= branchResult;
    }
    if (params.length !== 0) throw new Error('more params than placeholders');
    return result;
  }

  function randomRows(random: () => number, count: number): Row[] {
    const names = ['Accra', 'Abuja', 'Bahia', 'Kigali', 'Lagos', 'lagos', 'Osu', ''];
    return Array.from({ length: count }, (_, index) => ({
      // Unique, and deliberately not in insertion order.
      id: `id-${((index * 7919) % 1009).toString().padStart(4, '0')}`,
      name: names[Math.floor(random() * names.length)],
      // Few distinct values, so ties on the leading keys are common; negatives and fractions included.
      score: Math.floor(random() * 5) - 2 + (random() < 0.3 ? 0.5 : 0),
      size: Math.floor(random() * 3),
    }));
  }

  function mismatches(order: KeysetOrder<Row>, rows: readonly Row[], random: () => number): string[] {
    const sorted = sortRows(rows, order);
    const problems: string[] = [];
    const cursorIndexes = new Set([0, sorted.length - 1, ...Array.from({ length: 12 }, () => Math.floor(random() * sorted.length))]);
    for (const index of cursorIndexes) {
      const values = decodeCursor(order, encodeCursor(order, sorted[index]));
      const condition = afterCursorCondition(order, values);
      const selected = sorted.filter((candidate) => evaluate(condition, candidate)).map((r) => r.id);
      const expected = sorted.slice(index + 1).map((r) => r.id);
      if (JSON.stringify(selected) !== JSON.stringify(expected)) problems.push(`${order.name} after #${index}`);
    }
    return problems;
  }

  it.each(ORDERS.map((order) => [order.name, order] as const))('selects exactly the rows after the cursor for %s', (_name, order) => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const random = prng(seed);
      const rows = randomRows(random, 40 + Math.floor(random() * 40));
      expect(mismatches(order, rows, random)).toEqual([]);
    }
  });

  it('catches a wrong condition (the check is not vacuous)', () => {
    // Condition built for NAME asc while the list is sorted NAME desc: must disagree somewhere.
    const random = prng(7);
    const rows = randomRows(random, 60);
    const sortedDesc = sortRows(rows, { name: 'NAME_DESC', keys: [nameDesc, idKey] });
    const index = 20;
    const condition = afterCursorCondition(BY_NAME, [sortedDesc[index].name, sortedDesc[index].id]);
    const selected = sortedDesc.filter((candidate) => evaluate(condition, candidate)).map((r) => r.id);
    expect(selected).not.toEqual(sortedDesc.slice(index + 1).map((r) => r.id));
  });
});
