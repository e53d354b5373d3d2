import { HttpException } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { DeadlockException, DriverException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { BadUserInputError, ConflictError, DomainError, ErrorCode } from './domain-errors';

const HTTP_STATUS_CODES: Readonly<Record<number, ErrorCode>> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  412: ErrorCode.PRECONDITION_FAILED,
  429: ErrorCode.RATE_LIMITED,
};

const INTERNAL_MESSAGE = 'Internal server error';

/**
 * The one place where errors become what clients see. Domain errors keep their message and code;
 * errors produced by GraphQL itself (parse, validation, variable coercion, request limits) keep
 * theirs; everything else — a bug, a database failure — is masked so no stack, SQL, table or
 * constraint name leaves the server.
 */
export function toClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const where = { locations: formatted.locations, path: formatted.path };
  const domain = asDomainError(unwrapResolverError(error));
  if (domain) {
    return { message: domain.message, ...where, extensions: { ...domain.extensions, code: domain.code } };
  }
  if (isGraphQLLevelError(error)) {
    return { message: formatted.message, ...where, extensions: { code: formatted.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED' } };
  }
  return { message: INTERNAL_MESSAGE, ...where, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/** True for errors that are a fault of the server, which are logged before being masked. */
export function isUnexpectedError(error: unknown): boolean {
  return !asDomainError(unwrapResolverError(error)) && !isGraphQLLevelError(error);
}

/** Domain errors, plus the few foreign errors with an unambiguous meaning for clients. */
function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof OptimisticLockError) {
    return new ConflictError('This record was changed by someone else; reload it and try again');
  }
  if (error instanceof UniqueConstraintViolationException) {
    return new ConflictError('This conflicts with an existing record');
  }
  // Two transactions that each waited for the other: PostgreSQL undid one; sent again, it goes through.
  if (error instanceof DeadlockException || (error instanceof DriverException && error.code === '40001')) {
    return new ConflictError('This clashed with a change made at the same moment; send it again');
  }
  // A text longer than its column by PostgreSQL's count, which counts every code point where the
  // length rules do not (a variation selector, say): still the input's fault.
  if (error instanceof DriverException && error.code === '22001') {
    return new BadUserInputError([], 'A value is longer than its field allows');
  }
  if (error instanceof HttpException) {
    const code = HTTP_STATUS_CODES[error.getStatus()];
    if (code) return new DomainError(code, error.message);
  }
  return undefined;
}

/**
 * Errors raised by GraphQL machinery (parse, validation, variable coercion, request limits) rather
 * than during execution: those carry the `path` of the field whose resolver failed, and whatever
 * fails there without being a domain error is a fault of the server.
 */
function isGraphQLLevelError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.path !== undefined) return false;
  const original = error.originalError;
  return original === undefined || original === null || (original instanceof GraphQLError && !original.originalError);
}
