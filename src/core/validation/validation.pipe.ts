import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationError } from 'class-validator';
import { BadUserInputError, FieldError } from '../errors/domain-errors';

/**
 * Validates GraphQL arguments declared as classes with class-validator rules and turns failures
 * into `BAD_USER_INPUT` with one field error per broken rule (`input.budgetLines.2.amount`).
 * Arguments of other types pass through untouched and cost nothing.
 */
@Injectable()
export class ValidationPipe implements PipeTransform {
  private readonly validated = new Map<Function, boolean>();

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (value === undefined || value === null) return value;
    // GraphQL arguments arrive as 'body'; the context, the parent object and the resolve info as
    // 'custom'. Routes check their own parameters (a domain error there would not be a 400).
    if (metadata.type === 'body') {
      const withNul = nulPaths(value, metadata.data ?? '');
      if (withNul.length > 0) throw new BadUserInputError(withNul.map((path) => ({ path, message: NUL_MESSAGE })));
    }
    if (!metatype || !this.hasRules(metatype)) return value;
    const instance = plainToInstance(metatype, value) as object;
    const errors = await validate(instance, { forbidUnknownValues: true, validationError: { target: false } });
    if (errors.length > 0) {
      throw new BadUserInputError(flatten(errors, metadata.data ? [metadata.data] : []));
    }
    return instance;
  }

  private hasRules(metatype: Function): boolean {
    let known = this.validated.get(metatype);
    if (known === undefined) {
      known = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false).length > 0;
      this.validated.set(metatype, known);
    }
    return known;
  }
}

const NUL_MESSAGE = 'must not contain NUL characters (\\u0000)';

/**
 * Paths of the strings in an argument that hold a NUL character, which no PostgreSQL text can
 * hold: refused here, for every argument, rather than failing in the database.
 */
function nulPaths(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || 'value'] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulPaths(item, join(path, String(index))));
  if (typeof value === 'object' && value !== null) {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== null && prototype !== Object.prototype) return [];
    return Object.entries(value).flatMap(([key, item]) => nulPaths(item, join(path, key)));
  }
  return [];
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function flatten(errors: readonly ValidationError[], parents: readonly string[]): FieldError[] {
  return errors.flatMap((error) => {
    const path = [...parents, error.property];
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path: path.join('.'), message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
