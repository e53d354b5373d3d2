import { KeysetOrder } from '../../core/pagination/keyset';
import { columnsOf, nearestFirst, radiusCondition, searchTerms, selectList, textCondition } from './business-search.sql';

/** `?` placeholders of a statement (none of these statements has a `?` inside a literal). */
const placeholders = (sql: string) => sql.split('?').length - 1;

describe('searchTerms', () => {
  it('keeps the words that must match, without OR and quotes', () => {
    expect(searchTerms('plantain OR barbers')).toEqual({ positive: 'plantain barbers', negative: '', phrase: false });
  });

  it('sets apart the excluded words', () => {
    expect(searchTerms('bakery -bread  -')).toEqual({ positive: 'bakery', negative: 'bread', phrase: false });
  });

  it('notices a quoted phrase', () => {
    expect(searchTerms('"puff puff" lagos')).toEqual({ positive: 'puff puff lagos', negative: '', phrase: true });
  });
});

describe('textCondition', () => {
  it('matches by text or by a similar name', () => {
    const condition = textCondition('bakry');
    expect(condition.sql).toContain('b.search @@');
    expect(condition.sql).toContain('<% hometown_unaccent(b.name)');
    expect(condition.params).toEqual(['bakry', 'bakry']);
    expect(placeholders(condition.sql)).toBe(condition.params.length);
  });

  it('keeps a similar name out when it carries an excluded word', () => {
    const condition = textCondition('bakery -bread -cake');
    expect(condition.sql).toContain('AND NOT b.search @@');
    expect(condition.params).toEqual(['bakery -bread -cake', 'bakery', 'bread OR cake']);
    expect(placeholders(condition.sql)).toBe(condition.params.length);
  });

  it('asks for exactly a quoted phrase, or for exclusions alone, without typo tolerance', () => {
    for (const text of ['"puff puff"', '-bread']) {
      const condition = textCondition(text);
      expect(condition.sql).not.toContain('<%');
      expect(condition.params).toEqual([text]);
      expect(placeholders(condition.sql)).toBe(1);
    }
  });
});

describe('radiusCondition', () => {
  it('bounds by a box (for the index) and by the exact distance, in metres', () => {
    const condition = radiusCondition({ lat: 6.5, lng: 3.4, radiusKm: 5 });
    expect(condition.params).toEqual([6.5, 3.4, 5000, 6.5, 3.4, 5000]);
    expect(placeholders(condition.sql)).toBe(condition.params.length);
  });
});

describe('nearestFirst', () => {
  const radius = radiusCondition({ lat: 6.5, lng: 3.4, radiusKm: 5 });
  const page = (after?: { condition: string; params: unknown[] }) => ({
    select: 'SELECT b.id, b.name FROM business b WHERE b.status = ? AND b.member_owned = ?',
    params: ['PUBLISHED', true],
    where: { sql: `(b.status = ?) AND (${radius.sql})`, params: ['PUBLISHED', ...radius.params] },
    afterCondition: after?.condition ?? '',
    afterParams: after?.params ?? [],
    orderBy: 'distance_km asc, page.id asc',
    limit: 21,
  });

  it('gives one value for every placeholder, in order, with and without a cursor', () => {
    for (const after of [undefined, { condition: ' WHERE (page.distance_km, page.id) > (?, ?)', params: [1.5, 'x'] }]) {
      const [sql, params] = nearestFirst({ lat: 6.5, lng: 3.4, radius }, page(after));
      expect(placeholders(sql)).toBe(params.length);
      // Step one: the point of the distance column, then its conditions; the page ends with the limit.
      expect(params.slice(0, 4)).toEqual([6.5, 3.4, 6.5, 3.4]);
      expect(params.slice(4, 4 + 1 + radius.params.length)).toEqual(['PUBLISHED', ...radius.params]);
      expect(params[params.length - 1]).toBe(21);
    }
  });

  it('reads step two with the conditions of the page, not the radius again', () => {
    const [sql] = nearestFirst({ lat: 6.5, lng: 3.4, radius }, page());
    const stepTwo = sql.slice(sql.indexOf('SELECT * FROM ('));
    expect(stepTwo).toContain('b.member_owned = ?');
    expect(stepTwo.split('earth_box').length - 1).toBe(1);
  });
});

describe('columnsOf and selectList', () => {
  const order: KeysetOrder<{ id: string }> = {
    name: 'stale',
    keys: [
      { sql: "date_trunc('milliseconds', b.updated_at)", direction: 'asc', type: 'string', value: () => '' },
      { sql: 'rank', direction: 'desc', type: 'number', value: () => 0 },
      { sql: 'b.id', direction: 'asc', type: 'string', value: (row) => row.id },
    ],
  };

  it("names the columns of business an ordering's keys read, computed ones aside", () => {
    expect(columnsOf(order)).toEqual(['updated_at', 'id']);
    expect(columnsOf(order)).toBe(columnsOf(order));
  });

  it("lists the plan's columns and the ordering's once each", () => {
    expect(selectList(['id', 'status', 'name'], columnsOf(order))).toBe('b.id, b.status, b.name, b.updated_at');
  });
});
