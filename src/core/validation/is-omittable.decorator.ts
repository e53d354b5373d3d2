import { ValidateIf } from 'class-validator';

/**
 * An input field that may be left out, but not set to null: unlike `@IsOptional()`, a null still
 * goes through the field's other rules (and fails them). For fields where null has no meaning.
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
