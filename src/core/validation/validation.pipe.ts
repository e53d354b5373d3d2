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
    if (!metatype || value === undefined || value === null || !this.hasRules(metatype)) return value;
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

function flatten(errors: readonly ValidationError[], parents: readonly string[]): FieldError[] {
  return errors.flatMap((error) => {
    const path = [...parents, error.property];
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path: path.join('.'), message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
