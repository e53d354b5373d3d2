import { GraphQLError, Kind, ValueNode } from 'graphql';
import { DateTimeScalar, parseDateTime } from './date-time.scalar';

describe('parseDateTime', () => {
  it.each([
    ['2026-05-01T18:30:00Z', '2026-05-01T18:30:00.000Z'],
    ['2026-05-01T18:30Z', '2026-05-01T18:30:00.000Z'],
    ['2026-05-01T18:30:00+00:00', '2026-05-01T18:30:00.000Z'],
    ['2026-05-01T18:30:00-00:00', '2026-05-01T18:30:00.000Z'],
    ['2026-05-01T18:30:00+01:00', '2026-05-01T17:30:00.000Z'],
    ['2026-05-01T18:30:00-05:00', '2026-05-01T23:30:00.000Z'],
    ['2026-05-01T18:30:00+05:30', '2026-05-01T13:00:00.000Z'],
    ['2026-05-01T01:00:00+14:00', '2026-04-30T11:00:00.000Z'],
    ['2026-12-31T23:00:00-01:00', '2027-01-01T00:00:00.000Z'],
    ['2026-05-01T18:30:00.5Z', '2026-05-01T18:30:00.500Z'],
    ['2026-05-01T18:30:00.123Z', '2026-05-01T18:30:00.123Z'],
    ['2026-05-01T18:30:00.123456Z', '2026-05-01T18:30:00.123Z'],
    ['2026-05-01T18:30:00.123456789+02:00', '2026-05-01T16:30:00.123Z'],
    ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z'],
  ])('accepts %s as %s', (input, iso) => {
    const date = parseDateTime(input);
    expect(date).toBeInstanceOf(Date);
    expect(date.toISOString()).toBe(iso);
  });

  it('checks the calendar date as written, before applying the offset', () => {
    // 2026-03-01T00:30+01:00 is 2026-02-28T23:30Z: a valid date written as March 1st.
    expect(parseDateTime('2026-03-01T00:30:00+01:00').toISOString()).toBe('2026-02-28T23:30:00.000Z');
  });

  it.each<[string, unknown]>([
    ['no offset', '2026-05-01T18:30:00'],
    ['no offset, with fraction', '2026-05-01T18:30:00.000'],
    ['date only', '2026-05-01'],
    ['time only', '18:30:00Z'],
    ['February 30th', '2026-02-30T00:00:00Z'],
    ['February 29th of a common year', '2026-02-29T00:00:00Z'],
    ['February 29th of 1900', '1900-02-29T00:00:00Z'],
    ['April 31st', '2026-04-31T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['month 00', '2026-00-10T00:00:00Z'],
    ['day 00', '2026-05-00T00:00:00Z'],
    ['day 32', '2026-01-32T00:00:00Z'],
    ['hour 25', '2026-05-01T25:00:00Z'],
    ['minute 60', '2026-05-01T18:60:00Z'],
    ['offset without colon', '2026-05-01T18:30:00+0100'],
    ['offset hours only', '2026-05-01T18:30:00+01'],
    ['impossible offset', '2026-05-01T18:30:00+99:00'],
    ['space instead of T', '2026-05-01 18:30:00Z'],
    ['lower-case z', '2026-05-01T18:30:00z'],
    ['more than 9 fraction digits', '2026-05-01T18:30:00.1234567890Z'],
    ['a trailing space', '2026-05-01T18:30:00Z '],
    ['a leading space', ' 2026-05-01T18:30:00Z'],
    ['a date string in another format', 'Fri, 01 May 2026 18:30:00 GMT'],
    ['garbage', 'tomorrow'],
    ['an empty string', ''],
    ['a number', 1777660200000],
    ['a numeric string', '1777660200000'],
    ['a Date object', new Date('2026-05-01T18:30:00Z')],
    ['null', null],
    ['undefined', undefined],
    ['an object', { iso: '2026-05-01T18:30:00Z' }],
    ['year 0000 (PostgreSQL has no year 0)', '0000-01-01T00:00:00Z'],
    ['an instant in year 0000 once in UTC', '0001-01-01T00:30:00+01:00'],
  ])('rejects %s', (_label, value) => {
    expect(() => parseDateTime(value)).toThrow(GraphQLError);
  });
});

describe('DateTimeScalar', () => {
  const scalar = new DateTimeScalar();

  describe('serialize', () => {
    it('outputs UTC ISO-8601 with milliseconds', () => {
      expect(scalar.serialize(new Date(Date.UTC(2026, 4, 1, 18, 30)))).toBe('2026-05-01T18:30:00.000Z');
      expect(scalar.serialize(new Date('2026-05-01T18:30:00.123456+05:30'))).toBe('2026-05-01T13:00:00.123Z');
      expect(scalar.serialize(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    });

    it('accepts a string or epoch milliseconds from the database layer', () => {
      expect(scalar.serialize('2026-05-01T18:30:00+02:00')).toBe('2026-05-01T16:30:00.000Z');
      expect(scalar.serialize(Date.UTC(2026, 4, 1))).toBe('2026-05-01T00:00:00.000Z');
    });

    it('refuses invalid dates', () => {
      expect(() => scalar.serialize(new Date(NaN))).toThrow(GraphQLError);
      expect(() => scalar.serialize('not a date')).toThrow(GraphQLError);
    });
  });

  describe('parseValue', () => {
    it('parses like parseDateTime', () => {
      expect(scalar.parseValue('2026-05-01T18:30:00-03:00').toISOString()).toBe('2026-05-01T21:30:00.000Z');
      expect(() => scalar.parseValue('2026-05-01')).toThrow(GraphQLError);
      expect(() => scalar.parseValue(1777660200000)).toThrow(GraphQLError);
    });
  });

  describe('parseLiteral', () => {
    it('parses a string literal', () => {
      const ast: ValueNode = { kind: Kind.STRING, value: '2026-05-01T18:30:00Z' };
      expect(scalar.parseLiteral(ast).toISOString()).toBe('2026-05-01T18:30:00.000Z');
    });

    it('validates the string literal', () => {
      expect(() => scalar.parseLiteral({ kind: Kind.STRING, value: '2026-02-30T00:00:00Z' })).toThrow(GraphQLError);
    });

    it.each<[string, ValueNode]>([
      ['an int', { kind: Kind.INT, value: '1777660200000' }],
      ['a float', { kind: Kind.FLOAT, value: '1.5' }],
      ['a boolean', { kind: Kind.BOOLEAN, value: true }],
      ['null', { kind: Kind.NULL }],
      ['an enum', { kind: Kind.ENUM, value: 'NOW' }],
      ['a list', { kind: Kind.LIST, values: [{ kind: Kind.STRING, value: '2026-05-01T18:30:00Z' }] }],
      ['a variable', { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'when' } }],
    ])('rejects %s', (_label, ast) => {
      expect(() => scalar.parseLiteral(ast)).toThrow(new GraphQLError('DateTime must be a string'));
    });
  });
});
