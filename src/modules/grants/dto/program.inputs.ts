import { PayloadType } from '../../../core/graphql/payload.type';
import { ExpectedVersionField, IsAmount, IsSlug, Trim } from '../../../core/validation/common-rules';
import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '../../../core/pagination/connection.args';
import { IsOmittable } from '../../../core/validation/is-omittable.decorator';
import { ProgramStatus, QuestionType } from '../program-rules';
import { GrantProgramType } from './grants.types';

@InputType({ description: 'A criterion of a rubric.' })
export class RubricCriterionInput {
  @Field(() => String, { description: 'Unique key: lower-case letters, digits and _ (e.g. "impact").' })
  @IsString()
  key!: string;

  @Field(() => String, { description: 'Title (1 to 120 characters).' })
  @Trim()
  @IsString()
  @Length(1, 120)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Guidance for reviewers (up to 2,000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  guidance?: string;

  @Field(() => Float, { description: 'Weight in the total; more than 0.' })
  @IsNumber()
  @IsPositive()
  @Max(1000)
  weight!: number;

  @Field(() => Int, { description: 'Highest score, 1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  maxScore!: number;
}

@InputType({ description: 'An extra question for applicants.' })
export class ProgramQuestionInput {
  @Field(() => String, { description: 'Unique key: lower-case letters, digits and _.' })
  @IsString()
  key!: string;

  @Field(() => String, { description: 'The question (1 to 300 characters).' })
  @Trim()
  @IsString()
  @Length(1, 300)
  label!: string;

  @Field(() => QuestionType, { description: 'What kind of answer it takes.' })
  @IsEnum(QuestionType)
  type!: QuestionType;

  @Field(() => Boolean, { nullable: true, description: 'Must be answered to submit (default false).' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @Field(() => [String], { nullable: true, description: 'Options of a CHOICE question (2 to 20, distinct).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  options?: string[];
}

/** Fields shared by creating and editing a program. */
@InputType({ isAbstract: true })
abstract class ProgramFieldsInput {
  @Field(() => String, { nullable: true, description: 'What it funds and how (up to 10,000 characters).' })
  @IsOmittable()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @Field(() => [ID], { nullable: true, description: 'Regions whose members may apply (each with everything below it); 1 to 50.' })
  @IsOmittable()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  eligibleRegionIds?: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Declared budget as a decimal amount in the currency, e.g. "25000.00"; editable while DRAFT.',
  })
  @IsOmittable()
  @IsAmount('2500.00')
  budget?: string;

  @Field(() => String, { nullable: true, description: 'Smallest award, e.g. "500.00".' })
  @IsOmittable()
  @IsAmount('500.00')
  minAward?: string;

  @Field(() => String, { nullable: true, description: 'Largest award, e.g. "5000.00".' })
  @IsOmittable()
  @IsAmount('5000.00')
  maxAward?: string;

  @Field(() => Date, { nullable: true, description: 'When it starts taking applications.' })
  @IsOmittable()
  @IsDate()
  opensAt?: Date;

  @Field(() => Date, { nullable: true, description: 'Deadline (after opensAt).' })
  @IsOmittable()
  @IsDate()
  closesAt?: Date;

  @Field(() => Date, { nullable: true, description: 'When reviews are due (after closesAt).' })
  @IsOmittable()
  @IsDate()
  reviewDeadline?: Date;

  @Field(() => Int, { nullable: true, description: 'Reviewers per application, 1 to 10 (default 3).' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(10)
  reviewersPerApplication?: number;

  @Field(() => Boolean, { nullable: true, description: 'Hide applicants from reviewers (default true).' })
  @IsOmittable()
  @IsBoolean()
  blindReview?: boolean;

  @Field(() => [RubricCriterionInput], { nullable: true, description: 'The scoring rubric (1 to 20 criteria to open the program).' })
  @IsOmittable()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionInput)
  rubric?: RubricCriterionInput[];

  @Field(() => [ProgramQuestionInput], { nullable: true, description: 'Up to 20 extra questions for applicants.' })
  @IsOmittable()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProgramQuestionInput)
  questions?: ProgramQuestionInput[];
}

@InputType({ description: 'A new grant program, created as a DRAFT.' })
export class CreateProgramInput extends ProgramFieldsInput {
  @Field(() => ID, { description: 'The organization that runs it (its owners and managers).' })
  @IsUUID()
  organizationId!: string;

  @Field(() => String, { description: 'Name (1 to 160 characters).' })
  @Trim()
  @IsString()
  @Length(1, 160)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Unique slug; derived from the name when omitted.' })
  @IsOptional()
  @IsSlug()
  slug?: string;

  @Field(() => String, { description: 'ISO 4217 currency code, e.g. "USD".' })
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as "USD"' })
  currency!: string;
}

@InputType({
  description:
    'Changes to a program (managers). The budget and eligible regions change while DRAFT; the rubric, questions and currency until the first submission.',
})
export class UpdateProgramInput extends ProgramFieldsInput {
  @Field(() => ID, { description: 'The program.' })
  @IsUUID()
  id!: string;

  @ExpectedVersionField()
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 160)
  name?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'New currency, until the first submission. While DRAFT, give budget, minAward and maxAward again with it; once OPEN the amounts keep their figures, so it must have as many decimals as the current one.',
  })
  @IsOmittable()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as "USD"' })
  currency?: string;
}

@InputType({ description: 'A program to act on.' })
export class ProgramIdInput {
  @Field(() => ID, { description: 'The program.' })
  @IsUUID()
  id!: string;
}

@InputType({ description: 'A later deadline for an open program.' })
export class ExtendProgramDeadlineInput {
  @Field(() => ID, { description: 'The program.' })
  @IsUUID()
  id!: string;

  @Field(() => Date, { description: 'The new deadline: later than the current one and in the future.' })
  @IsDate()
  closesAt!: Date;
}

@InputType({ description: 'Conditions a program must meet to be listed; all given conditions apply.' })
export class ProgramFilter {
  @Field(() => ProgramStatus, {
    nullable: true,
    description: 'Only programs with this status (as of now: OPEN past its deadline is CLOSED).',
  })
  @IsOptional()
  @IsEnum(ProgramStatus)
  status?: ProgramStatus;

  @Field(() => ID, {
    nullable: true,
    description: 'Only programs members of this region may apply to: an eligible region contains it, or lies within it.',
  })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => ID, { nullable: true, description: 'Only programs of this organization.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only programs taking applications now (true).' })
  @IsOptional()
  @IsBoolean()
  open?: boolean;

  @Field(() => String, { nullable: true, description: 'Name or description contains this text.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  text?: string;
}

@ArgsType()
export class ProgramsArgs extends ConnectionArgs {
  @Field(() => ProgramFilter, { nullable: true, description: 'Conditions on the programs listed; they come by deadline, soonest first.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProgramFilter)
  filter?: ProgramFilter;
}

@ArgsType()
export class ProgramLookupArgs {
  @Field(() => String, { description: "The program's slug." })
  @IsString()
  @MaxLength(120)
  slug!: string;
}

export const CreateProgramPayload = PayloadType('CreateProgramPayload', 'The new program, a DRAFT.', 'program', () => GrantProgramType);
export const UpdateProgramPayload = PayloadType('UpdateProgramPayload', 'The program after the edit.', 'program', () => GrantProgramType);
export const OpenProgramPayload = PayloadType(
  'OpenProgramPayload',
  'The program, now taking applications.',
  'program',
  () => GrantProgramType,
);
export const ExtendProgramDeadlinePayload = PayloadType(
  'ExtendProgramDeadlinePayload',
  'The program with its new deadline.',
  'program',
  () => GrantProgramType,
);
export const StartProgramReviewPayload = PayloadType(
  'StartProgramReviewPayload',
  'The program, now in review.',
  'program',
  () => GrantProgramType,
);
export const ArchiveProgramPayload = PayloadType('ArchiveProgramPayload', 'The program, archived.', 'program', () => GrantProgramType);
