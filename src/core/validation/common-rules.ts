import { applyDecorators } from '@nestjs/common';
import { Field, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Length, Matches, MaxLength, Min } from 'class-validator';

/** Trims surrounding white space from a string input before it is validated. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Lower-case letters and digits separated by single dashes. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A URL-friendly slug: lower-case letters and digits separated by single dashes. */
export const IsSlug = (maxLength = 120): PropertyDecorator =>
  applyDecorators(
    Matches(SLUG_PATTERN, { message: 'must be lower-case letters and digits separated by single dashes' }),
    Length(1, maxLength),
  );

/** A non-negative money amount in major units as text ("2500.00"): up to 15 digits and 4 decimals. */
export const IsAmount = (example: string): PropertyDecorator =>
  Matches(/^\d{1,15}(\.\d{1,4})?$/, { message: `must be an amount such as "${example}"` });

/** A web address (http or https) of at most 500 characters. */
export const IsWebUrl = (options: { each?: boolean } = {}): PropertyDecorator =>
  applyDecorators(
    IsUrl(
      { protocols: ['https', 'http'], require_protocol: true, require_tld: true },
      { ...options, message: 'must be an http(s) address' },
    ),
    MaxLength(500, options),
  );

/** An https address (pictures, logos) of at most 500 characters. */
export const IsHttpsUrl = (options: { each?: boolean } = {}): PropertyDecorator =>
  applyDecorators(
    IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, { ...options, message: 'must be an https address' }),
    MaxLength(500, options),
  );

/**
 * `expectedVersion`: the `version` an edit is based on. A different current version → CONFLICT
 * (optimistic locking, DESIGN.md §5); omitted or null means no check.
 */
export const ExpectedVersionField = (): PropertyDecorator =>
  applyDecorators(
    Field(() => Int, { nullable: true, description: 'The `version` the edit is based on; a different current version → CONFLICT.' }),
    IsOptional(),
    IsInt(),
    Min(1),
  );
