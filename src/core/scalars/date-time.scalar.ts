import { CustomScalar, Scalar } from '@nestjs/graphql';
import { GraphQLError, Kind, ValueNode } from 'graphql';

/** ISO-8601 with a date, a time and an explicit offset (`Z` or `±hh:mm`). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO-8601 date-time with an offset; throws a GraphQL input error otherwise. */
export function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value)) {
    throw new GraphQLError('DateTime must be an ISO-8601 date-time with an offset, e.g. 2026-05-01T18:30:00Z');
  }
  const date = new Date(value);
  // Rejects impossible calendar values such as 2026-02-30 (Date would roll them over).
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const utcCheck = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  utcCheck.setUTCFullYear(year, month - 1, day);
  if (Number.isNaN(date.getTime()) || utcCheck.getUTCMonth() !== month - 1 || utcCheck.getUTCDate() !== day) {
    throw new GraphQLError(`DateTime "${value}" is not a valid date-time`);
  }
  // PostgreSQL has no year 0 (1 BC), and stores instants of years 1 to 9999 as ISO-8601 writes them.
  if (date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) {
    throw new GraphQLError(`DateTime "${value}" is outside the years 0001 to 9999 (UTC)`);
  }
  return date;
}

/** `DateTime`: an instant, always serialised in UTC (`2026-05-01T18:30:00.000Z`). */
@Scalar('DateTime', () => Date)
export class DateTimeScalar implements CustomScalar<string, Date> {
  description = 'An instant in time: ISO-8601 UTC on output (2026-05-01T18:30:00.000Z); any ISO-8601 offset on input.';

  parseValue(value: unknown): Date {
    return parseDateTime(value);
  }

  serialize(value: unknown): string {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  }

  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string');
    return parseDateTime(ast.value);
  }
}
