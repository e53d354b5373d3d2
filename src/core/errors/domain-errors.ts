/** Stable `extensions.code` values that clients may rely on (DESIGN.md §3). */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  PRECONDITION_FAILED = 'PRECONDITION_FAILED',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One invalid field: a dotted path from the argument (`input.email`, `first`) and what is wrong. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * Base of every error a service may throw on purpose. Its message is written for the client and
 * is returned as is; anything else that escapes a resolver is masked as an internal error.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends DomainError {
  constructor(
    readonly fieldErrors: readonly FieldError[],
    message = fieldErrors.length === 1 ? `${fieldErrors[0].path}: ${fieldErrors[0].message}` : 'The input is not valid',
  ) {
    super(ErrorCode.BAD_USER_INPUT, message, { fieldErrors });
  }

  static field(path: string, message: string): BadUserInputError {
    return new BadUserInputError([{ path, message }]);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'You must be signed in to do this') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

/** Also thrown for things that exist but the caller may not see, so existence is never revealed. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(ErrorCode.NOT_FOUND, `${what} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, extensions);
  }
}

export class PreconditionFailedError extends DomainError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.PRECONDITION_FAILED, message, extensions);
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(ErrorCode.RATE_LIMITED, 'Too many attempts; try again later', { retryAfterSeconds });
  }
}

/** Refuses an edit based on another version of a record than the current one (optimistic locking). */
export function assertExpectedVersion(current: number, expected: number | null | undefined): void {
  if (expected !== undefined && expected !== null && expected !== current) {
    throw new ConflictError('This record was changed by someone else; reload it and try again', { currentVersion: current });
  }
}
