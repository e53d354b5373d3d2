/**
 * Values of plain rows read with hand-written SQL: the ORM's connection hands timestamps over as
 * `Date`s or as text, and numeric columns as numbers or text, depending on the column type.
 */

/** A timestamp column's value as a `Date`. */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

/** A nullable timestamp column's value as a `Date`, or null. */
export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** A nullable numeric column's value as a number, or null. */
export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
