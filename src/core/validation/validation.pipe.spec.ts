import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { BadUserInputError, ErrorCode, FieldError } from '../errors/domain-errors';
import { ValidationPipe } from './validation.pipe';

class AddressInput {
  @IsString()
  @Length(2, 40)
  city!: string;

  @IsOptional()
  @Length(2, 2)
  country?: string;
}

class BudgetLineInput {
  @IsString()
  @IsNotEmpty()
  label!: string;

  @IsInt()
  @Min(1)
  @Max(1_000_000)
  amount!: number;
}

class CreateProjectInput {
  @IsString()
  @MaxLength(10)
  title!: string;

  @IsEmail()
  contact!: string;

  @ValidateNested()
  @Type(() => AddressInput)
  address!: AddressInput;

  @ValidateNested({ each: true })
  @ArrayMaxSize(3)
  @Type(() => BudgetLineInput)
  lines!: BudgetLineInput[];
}

/** A class without any class-validator rule. */
class PlainArgs {
  first = 10;
  after?: string;
}

const validInput = () => ({
  title: 'Library',
  contact: 'ada@example.org',
  address: { city: 'Lagos', country: 'NG' },
  lines: [
    { label: 'Books', amount: 1000 },
    { label: 'Shelves', amount: 250 },
  ],
});

const argument = (metatype: ArgumentMetadata['metatype'], ...name: [string?]): ArgumentMetadata => ({
  type: 'body',
  metatype,
  data: name.length === 0 ? 'input' : name[0],
});

async function fieldErrorsOf(promise: Promise<unknown>): Promise<FieldError[]> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BadUserInputError);
  expect((error as BadUserInputError).code).toBe(ErrorCode.BAD_USER_INPUT);
  return [...(error as BadUserInputError).fieldErrors];
}

const paths = (errors: readonly FieldError[]) => errors.map((error) => error.path).sort();

describe('ValidationPipe', () => {
  let pipe: ValidationPipe;

  beforeEach(() => {
    pipe = new ValidationPipe();
  });

  it('returns an instance of the class, with nested instances, for valid input', async () => {
    const result = await pipe.transform(validInput(), argument(CreateProjectInput));
    expect(result).toBeInstanceOf(CreateProjectInput);
    const input = result as CreateProjectInput;
    expect(input.address).toBeInstanceOf(AddressInput);
    expect(input.lines[1]).toBeInstanceOf(BudgetLineInput);
    expect(input).toEqual(validInput());
  });

  it('reports a broken rule of an array element with a dotted path from the argument', async () => {
    const value = validInput();
    value.lines[1].amount = 0;
    const errors = await fieldErrorsOf(pipe.transform(value, argument(CreateProjectInput)));
    expect(errors).toEqual([{ path: 'input.lines.1.amount', message: expect.stringContaining('amount') }]);
  });

  it('uses the single field error as the message', async () => {
    const value = validInput();
    value.address.city = 'X';
    await expect(pipe.transform(value, argument(CreateProjectInput))).rejects.toThrow(/^input\.address\.city: /);
  });

  it('reports every broken rule, at every depth', async () => {
    const value = {
      title: 'A title far too long',
      contact: 'not-an-email',
      address: { city: 'X', country: 'NGA' },
      lines: [
        { label: '', amount: 1.5 },
        { label: 'Ok', amount: 10 },
        { label: 'Big', amount: 2_000_000 },
      ],
    };
    const errors = await fieldErrorsOf(pipe.transform(value, argument(CreateProjectInput)));
    expect(paths(errors)).toEqual(
      [
        'input.title',
        'input.contact',
        'input.address.city',
        'input.address.country',
        'input.lines.0.label',
        'input.lines.0.amount',
        'input.lines.2.amount',
      ].sort(),
    );
    for (const error of errors) expect(error.message).toEqual(expect.any(String));
  });

  it('reports each broken rule of one field separately', async () => {
    const value = { ...validInput(), lines: [{ label: 7, amount: 'many' }] };
    const errors = await fieldErrorsOf(pipe.transform(value, argument(CreateProjectInput)));
    // label: IsString and IsNotEmpty? (7 is not empty) → IsString only; amount: IsInt, Min, Max all fail on a string.
    expect(paths(errors)).toEqual(['input.lines.0.amount', 'input.lines.0.amount', 'input.lines.0.amount', 'input.lines.0.label']);
    expect(new Set(errors.filter((e) => e.path === 'input.lines.0.amount').map((e) => e.message)).size).toBe(3);
  });

  it('reports missing required fields', async () => {
    const errors = await fieldErrorsOf(pipe.transform({}, argument(CreateProjectInput)));
    // class-validator does not flag an undefined @ValidateNested property by itself (that needs
    // @IsDefined); the GraphQL schema's non-null types catch a missing object argument first.
    expect(new Set(paths(errors))).toEqual(new Set(['input.title', 'input.contact', 'input.lines']));
  });

  it('reports array-level rules on the array path', async () => {
    const value = { ...validInput(), lines: Array.from({ length: 4 }, () => ({ label: 'x', amount: 1 })) };
    expect(paths(await fieldErrorsOf(pipe.transform(value, argument(CreateProjectInput))))).toEqual(['input.lines']);
  });

  it('reports a nested object of the wrong shape on its own path', async () => {
    const value = { ...validInput(), address: 'Lagos' };
    expect(paths(await fieldErrorsOf(pipe.transform(value, argument(CreateProjectInput))))).toEqual(['input.address']);
  });

  it('starts paths at the property when the argument has no name', async () => {
    const value = validInput();
    value.lines[0].label = '';
    expect(paths(await fieldErrorsOf(pipe.transform(value, argument(CreateProjectInput, undefined))))).toEqual(['lines.0.label']);
  });

  it('refuses NUL characters at any depth of any argument, with or without rules, naming each path', async () => {
    const value = validInput();
    value.title = 'a\u0000';
    value.lines[1].label = '\u0000';
    expect(await fieldErrorsOf(pipe.transform(value, argument(CreateProjectInput)))).toEqual([
      { path: 'input.title', message: 'must not contain NUL characters (\\u0000)' },
      { path: 'input.lines.1.label', message: 'must not contain NUL characters (\\u0000)' },
    ]);
    expect(paths(await fieldErrorsOf(pipe.transform(['ok', 'no\u0000'], argument(Array, 'tags'))))).toEqual(['tags.1']);
    expect(paths(await fieldErrorsOf(pipe.transform('x\u0000', argument(String, 'slug'))))).toEqual(['slug']);
  });

  it('leaves the context, parent and resolve info alone (custom parameters)', async () => {
    const info = { variableValues: { text: 'a\u0000' } };
    await expect(pipe.transform(info, { type: 'custom', metatype: Object, data: undefined })).resolves.toBe(info);
  });

  it('validates again on every call (the rule cache does not skip validation)', async () => {
    await pipe.transform(validInput(), argument(CreateProjectInput));
    await expect(pipe.transform({ ...validInput(), contact: 'nope' }, argument(CreateProjectInput))).rejects.toBeInstanceOf(
      BadUserInputError,
    );
  });

  it.each<[string, unknown, ArgumentMetadata['metatype']]>([
    ['a string', 'hello', String],
    ['a number', 42, Number],
    ['a boolean', false, Boolean],
    ['an array', [1, 2], Array],
    ['an object', { a: 1 }, Object],
  ])('passes %s with a primitive metatype through unchanged', async (_label, value, metatype) => {
    await expect(pipe.transform(value, argument(metatype, 'x'))).resolves.toBe(value);
  });

  it('passes a class without rules through unchanged (same object, not an instance)', async () => {
    const value = { first: 'not even a number', after: 3 };
    const result = await pipe.transform(value, argument(PlainArgs, 'args'));
    expect(result).toBe(value);
    expect(result).not.toBeInstanceOf(PlainArgs);
  });

  it('passes values through when there is no metatype', async () => {
    const value = { title: '' };
    await expect(pipe.transform(value, argument(undefined))).resolves.toBe(value);
  });

  it('passes null and undefined through even for a class with rules (optional arguments)', async () => {
    await expect(pipe.transform(undefined, argument(CreateProjectInput))).resolves.toBeUndefined();
    await expect(pipe.transform(null, argument(CreateProjectInput))).resolves.toBeNull();
  });
});
