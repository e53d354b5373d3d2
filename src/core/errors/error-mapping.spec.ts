import { DeadlockException, DriverException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  InternalServerErrorException,
  NotFoundException,
  PreconditionFailedException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { buildSchema, execute, GraphQLError, GraphQLFormattedError, locatedError, parse, validate, type SourceLocation } from 'graphql';
import {
  BadUserInputError,
  ConflictError,
  DomainError,
  ErrorCode,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitedError,
  UnauthenticatedError,
} from './domain-errors';
import { isUnexpectedError, toClientError } from './error-mapping';

const LOCATIONS: SourceLocation[] = [{ line: 2, column: 3 }];
const PATH = ['createProject', 'budget'];
const SQL_MESSAGE =
  'insert into "project" ("secret_column") values ($1) - duplicate key value violates unique constraint "project_slug_unique"';

/** What graphql-js does to an error thrown by a resolver at PATH. */
function wrapAsResolverError(original: unknown): GraphQLError {
  return locatedError(original, undefined, PATH);
}

/** What Apollo hands to formatError as its first argument for an error. */
function formattedOf(error: GraphQLError, extensions: Record<string, unknown> = {}): GraphQLFormattedError {
  return {
    message: error.message,
    locations: LOCATIONS,
    path: error.path ?? PATH,
    extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: String(error.stack).split('\n'), ...extensions },
  };
}

/** toClientError applied the way Apollo would, for an error thrown inside a resolver. */
function mapResolverError(original: unknown): GraphQLFormattedError {
  const wrapped = wrapAsResolverError(original);
  return toClientError(formattedOf(wrapped), wrapped);
}

function expectMasked(result: GraphQLFormattedError, ...secrets: string[]): void {
  expect(result).toEqual({
    message: 'Internal server error',
    locations: LOCATIONS,
    path: PATH,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  });
  const json = JSON.stringify(result);
  for (const secret of secrets) expect(json).not.toContain(secret);
  expect(json).not.toContain('stacktrace');
  expect(json).not.toContain('.ts:');
}

describe('toClientError', () => {
  describe('domain errors', () => {
    it.each<[string, DomainError, ErrorCode]>([
      ['BadUserInputError', BadUserInputError.field('input.email', 'must be an email'), ErrorCode.BAD_USER_INPUT],
      ['UnauthenticatedError', new UnauthenticatedError(), ErrorCode.UNAUTHENTICATED],
      ['ForbiddenError', new ForbiddenError('Only organisers may do this'), ErrorCode.FORBIDDEN],
      ['NotFoundError', new NotFoundError('Region'), ErrorCode.NOT_FOUND],
      ['ConflictError', new ConflictError('Already a member'), ErrorCode.CONFLICT],
      ['PreconditionFailedError', new PreconditionFailedError('Project is closed'), ErrorCode.PRECONDITION_FAILED],
      ['RateLimitedError', new RateLimitedError(30), ErrorCode.RATE_LIMITED],
    ])('%s keeps its message and code, raw or wrapped by graphql-js', (_name, error, code) => {
      const raw = toClientError(formattedOf(new GraphQLError(error.message)), error);
      const wrapped = mapResolverError(error);
      for (const result of [raw, wrapped]) {
        expect(result.message).toBe(error.message);
        expect(result.extensions?.code).toBe(code);
        expect(result.locations).toEqual(LOCATIONS);
        expect(result.path).toEqual(PATH);
        expect(result.extensions).not.toHaveProperty('stacktrace');
      }
      expect(isUnexpectedError(error)).toBe(false);
      expect(isUnexpectedError(wrapAsResolverError(error))).toBe(false);
    });

    it('keeps the extensions of a domain error, such as fieldErrors', () => {
      const error = new BadUserInputError([
        { path: 'input.lines.0.amount', message: 'must be positive' },
        { path: 'input.title', message: 'must not be empty' },
      ]);
      expect(mapResolverError(error)).toEqual({
        message: 'The input is not valid',
        locations: LOCATIONS,
        path: PATH,
        extensions: {
          code: 'BAD_USER_INPUT',
          fieldErrors: [
            { path: 'input.lines.0.amount', message: 'must be positive' },
            { path: 'input.title', message: 'must not be empty' },
          ],
        },
      });
    });

    it('keeps other extensions, such as retryAfterSeconds', () => {
      expect(mapResolverError(new RateLimitedError(42)).extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 42 });
      expect(mapResolverError(new ConflictError('Changed', { currentVersion: 3 })).extensions).toEqual({
        code: 'CONFLICT',
        currentVersion: 3,
      });
    });

    it('does not let an extension override the code', () => {
      const error = new DomainError(ErrorCode.NOT_FOUND, 'Nope', { code: 'INTERNAL_SERVER_ERROR' });
      expect(mapResolverError(error).extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('MikroORM errors', () => {
    it('maps OptimisticLockError to CONFLICT without its message', () => {
      const error = OptimisticLockError.lockFailed('ProjectSecretTable');
      const result = mapResolverError(error);
      expect(result.extensions).toEqual({ code: ErrorCode.CONFLICT });
      expect(result.message).not.toBe(error.message);
      expect(JSON.stringify(result)).not.toContain('ProjectSecretTable');
      expect(JSON.stringify(result)).not.toContain('optimistic lock');
      expect(isUnexpectedError(wrapAsResolverError(error))).toBe(false);
    });

    it('maps UniqueConstraintViolationException to CONFLICT without leaking SQL', () => {
      const error = new UniqueConstraintViolationException(Object.assign(new Error(SQL_MESSAGE), { constraint: 'project_slug_unique' }));
      const result = mapResolverError(error);
      expect(result.extensions).toEqual({ code: ErrorCode.CONFLICT });
      expect(result.path).toEqual(PATH);
      const json = JSON.stringify(result);
      for (const secret of ['project_slug_unique', 'secret_column', 'insert into', 'duplicate key']) expect(json).not.toContain(secret);
      expect(isUnexpectedError(error)).toBe(false);
      expect(isUnexpectedError(wrapAsResolverError(error))).toBe(false);
    });
  });

  describe('database errors with a meaning for clients', () => {
    it.each<[string, Error, ErrorCode]>([
      ['a deadlock', new DeadlockException(Object.assign(new Error(SQL_MESSAGE), { code: '40P01' })), ErrorCode.CONFLICT],
      ['a serialization failure', new DriverException(Object.assign(new Error(SQL_MESSAGE), { code: '40001' })), ErrorCode.CONFLICT],
      [
        'a value too long for its column',
        new DriverException(Object.assign(new Error(SQL_MESSAGE), { code: '22001' })),
        ErrorCode.BAD_USER_INPUT,
      ],
    ])('maps %s to %s without leaking SQL', (_label, error, code) => {
      const result = mapResolverError(error);
      expect(result.extensions).toMatchObject({ code });
      expect(result.message).not.toMatch(/insert into|secret_column/);
      expect(isUnexpectedError(wrapAsResolverError(error))).toBe(false);
    });

    it('still masks any other database error', () => {
      const error = new DriverException(Object.assign(new Error(SQL_MESSAGE), { code: '22P02' }));
      expect(mapResolverError(error).extensions).toEqual({ code: ErrorCode.INTERNAL_SERVER_ERROR });
      expect(isUnexpectedError(wrapAsResolverError(error))).toBe(true);
    });
  });

  describe('Nest HttpExceptions', () => {
    it.each<[string, HttpException, ErrorCode]>([
      ['BadRequestException', new BadRequestException('Bad thing'), ErrorCode.BAD_USER_INPUT],
      ['UnauthorizedException', new UnauthorizedException(), ErrorCode.UNAUTHENTICATED],
      ['ForbiddenException', new ForbiddenException(), ErrorCode.FORBIDDEN],
      ['NotFoundException', new NotFoundException('No such thing'), ErrorCode.NOT_FOUND],
      ['ConflictException', new ConflictException(), ErrorCode.CONFLICT],
      ['PreconditionFailedException', new PreconditionFailedException(), ErrorCode.PRECONDITION_FAILED],
      ['HttpException 429', new HttpException('Slow down', HttpStatus.TOO_MANY_REQUESTS), ErrorCode.RATE_LIMITED],
    ])('%s → its code, with its message', (_name, error, code) => {
      const result = mapResolverError(error);
      expect(result).toEqual({ message: error.message, locations: LOCATIONS, path: PATH, extensions: { code } });
      expect(isUnexpectedError(wrapAsResolverError(error))).toBe(false);
    });

    it('uses the default message of ForbiddenException', () => {
      expect(mapResolverError(new ForbiddenException())).toMatchObject({ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } });
    });

    it.each<[string, HttpException]>([
      ['InternalServerErrorException', new InternalServerErrorException(SQL_MESSAGE)],
      ['ServiceUnavailableException', new ServiceUnavailableException(SQL_MESSAGE)],
      ['HttpException 418', new HttpException(SQL_MESSAGE, 418)],
    ])('masks %s, which has no client meaning', (_name, error) => {
      expectMasked(mapResolverError(error), 'secret_column', 'duplicate key');
      expect(isUnexpectedError(wrapAsResolverError(error))).toBe(true);
    });
  });

  describe('errors raised by GraphQL itself', () => {
    const schema = buildSchema('type Query { hello(name: String!): String }');

    it('passes a parse error through with only its code', () => {
      let error: GraphQLError | undefined;
      try {
        parse('{ hello(');
      } catch (thrown) {
        error = thrown as GraphQLError;
      }
      expect(error).toBeInstanceOf(GraphQLError);
      const formatted: GraphQLFormattedError = {
        message: error!.message,
        locations: error!.locations,
        extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: ['GraphQLError: Syntax Error', '    at parse (parser.js:1:1)'] },
      };
      expect(toClientError(formatted, error)).toEqual({
        message: error!.message,
        locations: error!.locations,
        path: undefined,
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      });
      expect(isUnexpectedError(error)).toBe(false);
    });

    it('passes validation errors through with only their code', () => {
      const errors = validate(schema, parse('{ hello nope }'));
      expect(errors.length).toBeGreaterThanOrEqual(2);
      for (const error of errors) {
        const formatted: GraphQLFormattedError = {
          ...error.toJSON(),
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['x'], exception: { internal: true } },
        };
        const result = toClientError(formatted, error);
        expect(result.message).toBe(error.message);
        expect(result.locations).toEqual(error.locations);
        expect(result.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
        expect(isUnexpectedError(error)).toBe(false);
      }
    });

    it('falls back to GRAPHQL_VALIDATION_FAILED when the formatted error has no code', () => {
      const error = new GraphQLError('Query is too complex');
      expect(toClientError({ message: error.message }, error).extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    });

    it('keeps the code of a request-limit error (no originalError)', () => {
      const error = new GraphQLError('Query depth limit exceeded', { extensions: { code: 'BAD_USER_INPUT' } });
      const result = toClientError({ message: error.message, extensions: { code: 'BAD_USER_INPUT', limit: 10 } }, error);
      expect(result).toEqual({
        message: 'Query depth limit exceeded',
        locations: undefined,
        path: undefined,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });

    it('passes a variable coercion error (GraphQLError wrapping a scalar GraphQLError) through', () => {
      const scalarError = new GraphQLError('DateTime must be an ISO-8601 date-time with an offset');
      const error = new GraphQLError(`Variable "$when" got invalid value "x"; ${scalarError.message}`, { originalError: scalarError });
      const result = toClientError({ message: error.message, extensions: { code: 'BAD_USER_INPUT' } }, error);
      expect(result).toMatchObject({ message: error.message, extensions: { code: 'BAD_USER_INPUT' } });
      expect(isUnexpectedError(error)).toBe(false);
    });
  });

  describe('unexpected errors', () => {
    it('masks a plain Error', () => {
      const error = new Error(SQL_MESSAGE);
      const formatted: GraphQLFormattedError = {
        message: SQL_MESSAGE,
        locations: LOCATIONS,
        path: PATH,
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: String(error.stack).split('\n') },
      };
      expectMasked(toClientError(formatted, error), SQL_MESSAGE, 'secret_column', 'project_slug_unique');
      expect(isUnexpectedError(error)).toBe(true);
    });

    it('masks a resolver error whose original is a plain Error with an SQL message', () => {
      const original = Object.assign(new Error(SQL_MESSAGE), { detail: 'Key (slug)=(x) already exists.', table: 'project' });
      const wrapped = wrapAsResolverError(original);
      expect(wrapped.originalError).toBe(original);
      expectMasked(
        toClientError(formattedOf(wrapped, { detail: original.detail }), wrapped),
        'secret_column',
        'duplicate key',
        'Key (slug)',
      );
      expect(isUnexpectedError(wrapped)).toBe(true);
    });

    it.each<[string, unknown]>([
      ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'secret_column')")],
      ['a thrown string', 'secret_column exploded'],
      ['a thrown object', { message: 'secret_column exploded', code: 'FORBIDDEN' }],
      ['an error that merely looks like a domain error', Object.assign(new Error('secret_column'), { code: ErrorCode.FORBIDDEN })],
    ])('masks %s thrown by a resolver', (_label, thrown) => {
      expectMasked(mapResolverError(thrown), 'secret_column');
      expect(isUnexpectedError(wrapAsResolverError(thrown))).toBe(true);
    });

    it('masks a non-client driver error (e.g. a failed connection)', () => {
      const original = new Error('connect ECONNREFUSED 10.0.0.5:5432 password authentication failed for user "hometown"');
      expectMasked(mapResolverError(original), 'ECONNREFUSED', '10.0.0.5', 'hometown');
    });
  });

  describe('with real graphql-js execution', () => {
    const schema = buildSchema(`
      type Query {
        domain: String
        conflict: String
        sql: String
        forbidden: String
      }
    `);
    const rootValue = {
      domain: () => {
        throw BadUserInputError.field('first', 'must be at most 100');
      },
      conflict: () => {
        throw new UniqueConstraintViolationException(new Error(SQL_MESSAGE));
      },
      sql: () => Promise.reject(new Error(SQL_MESSAGE)),
      forbidden: () => {
        throw new ForbiddenException();
      },
    };

    it('maps every error of a response as documented', async () => {
      const result = await execute({ schema, rootValue, document: parse('{ domain conflict sql forbidden }') });
      const mapped = Object.fromEntries(
        (result.errors ?? []).map((error) => [String(error.path?.[0]), toClientError(error.toJSON(), error)] as const),
      );
      expect(mapped.domain).toEqual({
        message: 'first: must be at most 100',
        locations: [{ line: 1, column: 3 }],
        path: ['domain'],
        extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ path: 'first', message: 'must be at most 100' }] },
      });
      expect(mapped.conflict).toMatchObject({ path: ['conflict'], extensions: { code: 'CONFLICT' } });
      expect(mapped.sql).toEqual({
        message: 'Internal server error',
        locations: [{ line: 1, column: 19 }],
        path: ['sql'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(mapped.forbidden).toMatchObject({ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } });
      expect(JSON.stringify(mapped)).not.toContain('secret_column');
      expect((result.errors ?? []).filter((error) => isUnexpectedError(error)).map((error) => error.path)).toEqual([['sql']]);
    });
  });
});
