import { PayloadType } from '../../../core/graphql/payload.type';
import { ExpectedVersionField, IsAmount, Trim } from '../../../core/validation/common-rules';
import { ArgsType, Field, Float, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsNumber, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../core/pagination/connection.args';
import { IsOmittable } from '../../../core/validation/is-omittable.decorator';
import { ApplicationStatus } from '../grant-application.entity';
import { GrantApplicationType } from './grants.types';

@InputType({ description: "An answer to one of the program's questions: `text` for text and CHOICE questions, `number` for NUMBER ones." })
export class AnswerInput {
  @Field(() => String, { description: "The question's key." })
  @IsString()
  @MaxLength(40)
  key!: string;

  @Field(() => String, { nullable: true, description: 'Text answer, or the chosen option.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  text?: string | null;

  @Field(() => Float, { nullable: true, description: 'Numeric answer.' })
  @IsOptional()
  @IsNumber()
  number?: number | null;
}

@InputType({ description: 'One item of the budget.' })
export class BudgetLineInput {
  @Field(() => String, { description: 'What the money is for (1 to 200 characters).' })
  @Trim()
  @IsString()
  @Length(1, 200)
  item!: string;

  @Field(() => String, { description: 'Amount in the program\'s currency, e.g. "750.00".' })
  @IsAmount('750.00')
  amount!: string;
}

@InputType({ isAbstract: true })
abstract class ApplicationFieldsInput {
  @Field(() => ID, { nullable: true, description: "Where the work happens: within one of the program's eligible regions." })
  @IsOmittable()
  @IsUUID()
  regionId?: string;

  @Field(() => String, { nullable: true, description: 'Title (1 to 200 characters).' })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 200)
  title?: string;

  @Field(() => String, { nullable: true, description: 'Short summary (1 to 1,000 characters).' })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 1000)
  summary?: string;

  @Field(() => String, { nullable: true, description: 'The proposal (1 to 20,000 characters).' })
  @IsOmittable()
  @IsString()
  @Length(1, 20000)
  proposal?: string;

  @Field(() => [AnswerInput], {
    nullable: true,
    description: "Answers to the program's questions (required ones must be answered to submit).",
  })
  @IsOmittable()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AnswerInput)
  answers?: AnswerInput[];

  @Field(() => String, { nullable: true, description: "Amount asked for, between the program's smallest and largest award." })
  @IsOmittable()
  @IsAmount('2500.00')
  requestedAmount?: string;

  @Field(() => [BudgetLineInput], { nullable: true, description: '1 to 30 lines adding up to the amount asked for.' })
  @IsOmittable()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineInput)
  budgetLines?: BudgetLineInput[];

  @Field(() => ID, { nullable: true, description: 'A listing the applicant owns that the grant would help; null removes it.' })
  @IsOptional()
  @IsUUID()
  businessId?: string | null;
}

@InputType({ description: 'A new application, created as a DRAFT.' })
export class CreateApplicationInput extends ApplicationFieldsInput {
  @Field(() => ID, { description: 'The program (OPEN).' })
  @IsUUID()
  programId!: string;
}

@InputType({ description: 'Changes to a DRAFT application; omitted fields stay.' })
export class UpdateApplicationInput extends ApplicationFieldsInput {
  @Field(() => ID, { description: 'The application.' })
  @IsUUID()
  id!: string;

  @ExpectedVersionField()
  expectedVersion?: number | null;
}

@InputType({ description: 'An application to act on.' })
export class ApplicationIdInput {
  @Field(() => ID, { description: 'The application.' })
  @IsUUID()
  id!: string;
}

export enum ApplicationOrder {
  SUBMITTED = 'SUBMITTED',
  NEWEST = 'NEWEST',
}
registerEnumType(ApplicationOrder, {
  name: 'ApplicationOrder',
  description: 'Order of a list of applications.',
  valuesMap: {
    SUBMITTED: { description: 'Earliest submission first (drafts last).' },
    NEWEST: { description: 'Most recently started first.' },
  },
});

@InputType({ description: 'Conditions an application must meet to be listed.' })
export class ApplicationFilter {
  @Field(() => ApplicationStatus, { nullable: true, description: 'Only applications with this status.' })
  @IsOptional()
  @IsEnum(ApplicationStatus)
  status?: ApplicationStatus;

  @Field(() => ID, { nullable: true, description: 'Only applications for work within this region (and below it).' })
  @IsOptional()
  @IsUUID()
  regionId?: string;
}

@ArgsType()
export class ProgramApplicationsArgs extends ConnectionArgs {
  @Field(() => ID, { description: 'The program.' })
  @IsUUID()
  programId!: string;

  @Field(() => ApplicationFilter, { nullable: true, description: 'Conditions on the applications listed.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicationFilter)
  filter?: ApplicationFilter;

  @Field(() => ApplicationOrder, { defaultValue: ApplicationOrder.SUBMITTED, description: 'Order of the list.' })
  @IsEnum(ApplicationOrder)
  orderBy: ApplicationOrder = ApplicationOrder.SUBMITTED;
}

@ArgsType()
export class ApplicationLookupArgs {
  @Field(() => ID, { description: "The application's id." })
  @IsUUID()
  id!: string;
}

export const CreateApplicationPayload = PayloadType(
  'CreateApplicationPayload',
  'The new application, a DRAFT.',
  'application',
  () => GrantApplicationType,
);
export const UpdateApplicationPayload = PayloadType(
  'UpdateApplicationPayload',
  'The application after the edit.',
  'application',
  () => GrantApplicationType,
);
export const SubmitApplicationPayload = PayloadType(
  'SubmitApplicationPayload',
  'The application, submitted.',
  'application',
  () => GrantApplicationType,
);
export const WithdrawApplicationPayload = PayloadType(
  'WithdrawApplicationPayload',
  'The application, withdrawn.',
  'application',
  () => GrantApplicationType,
);
