import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Money } from '../../../core/money/money.type';
import { ConnectionType } from '../../../core/pagination/connection.types';
import { ApplicationStatus } from '../grant-application.entity';
import { OrganizationRole } from '../organization.entity';
import { ProgramStatus, QuestionType as QuestionKind } from '../program-rules';

registerEnumType(OrganizationRole, {
  name: 'OrganizationRole',
  description: "A staff member's role in an organization.",
  valuesMap: {
    OWNER: { description: 'Everything a manager does, plus managing staff.' },
    MANAGER: { description: "Runs the organization's programs." },
  },
});
registerEnumType(ProgramStatus, {
  name: 'ProgramStatus',
  description: 'Where a grant program is in its life.',
  valuesMap: {
    DRAFT: { description: 'Being set up by its managers; visible to them only.' },
    OPEN: { description: 'Taking applications until closesAt.' },
    CLOSED: { description: 'Past closesAt; no application is accepted.' },
    REVIEWING: { description: 'Applications are being reviewed.' },
    DECIDED: { description: 'Every submitted application has been awarded or declined.' },
    ARCHIVED: { description: 'Done and put away.' },
  },
});
registerEnumType(QuestionKind, {
  name: 'QuestionType',
  description: 'What kind of answer a question takes.',
  valuesMap: {
    SHORT_TEXT: { description: 'Up to 200 characters.' },
    LONG_TEXT: { description: 'Up to 5,000 characters.' },
    NUMBER: { description: 'A number.' },
    CHOICE: { description: 'One of the options.' },
  },
});
registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'Where an application is.',
  valuesMap: {
    DRAFT: { description: 'Being written; only the applicant sees it.' },
    SUBMITTED: { description: 'Sent to the program.' },
    IN_REVIEW: { description: 'Reviewers are assigned.' },
    AWARDED: { description: 'Granted.' },
    DECLINED: { description: 'Not granted.' },
    WITHDRAWN: { description: 'Withdrawn by the applicant.' },
  },
});

@ObjectType('Organization', { description: 'A funder or sponsor that runs grant programs.' })
export class OrganizationType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: 'Unique, URL-friendly name.' })
  slug!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { description: 'What it does.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Website.' })
  website!: string | null;

  @Field(() => String, { nullable: true, description: 'Logo (https).' })
  logoUrl!: string | null;

  @Field(() => Date, { nullable: true, description: 'When an admin verified it; only verified organizations open programs.' })
  verifiedAt!: Date | null;

  @Field(() => Int, { description: 'Version for optimistic locking.' })
  version!: number;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of organizations.' })
export class OrganizationConnection extends ConnectionType(OrganizationType, 'Organization') {}

@ObjectType('OrganizationMember', {
  description: 'Someone on an organization\'s staff. Private profiles show as "A member" except to themselves, the staff and admins.',
})
export class OrganizationMemberType {
  @Field(() => ID, {
    nullable: true,
    description: 'The account, when its profile is public or the viewer is that person, on the staff or an admin.',
  })
  accountId!: string | null;

  @Field(() => String, { description: 'Display name, or "A member" for a private profile hidden from the viewer.' })
  displayName!: string;

  @Field(() => OrganizationRole, { description: 'Owner or manager.' })
  role!: OrganizationRole;
}

@ObjectType('OrganizationViewerCan', { description: 'What the viewer may do with an organization.' })
export class OrganizationViewerCan {
  @Field(() => Boolean, { description: 'Edit it and run its programs (owners and managers).' })
  manage!: boolean;

  @Field(() => Boolean, { description: 'Add and remove staff (owners).' })
  manageStaff!: boolean;
}

@ObjectType('RubricCriterion', { description: 'One criterion reviewers score applications on.' })
export class RubricCriterionType {
  @Field(() => String, { description: 'Unique key within the rubric.' })
  key!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { description: 'Guidance for reviewers.' })
  guidance!: string;

  @Field(() => Float, { description: 'Weight in the total (more than 0).' })
  weight!: number;

  @Field(() => Int, { description: 'Highest score (1 to 100).' })
  maxScore!: number;
}

@ObjectType('ProgramQuestion', { description: 'An extra question applicants answer.' })
export class ProgramQuestionType {
  @Field(() => String, { description: 'Unique key within the program; answers name it.' })
  key!: string;

  @Field(() => String, { description: 'The question as asked.' })
  label!: string;

  @Field(() => QuestionKind, { description: 'What kind of answer it takes.' })
  type!: QuestionKind;

  @Field(() => Boolean, { description: 'Whether an application must answer it to be submitted.' })
  required!: boolean;

  @Field(() => [String], { description: 'The options of a CHOICE question.' })
  options!: string[];
}

@ObjectType('ProgramViewerCan', { description: 'What the viewer may do with a program.' })
export class ProgramViewerCan {
  @Field(() => Boolean, { description: "Edit and run it (its organization's owners and managers)." })
  edit!: boolean;

  @Field(() => Boolean, {
    description:
      "Apply, by the rule createApplication applies: it is open, the viewer's home region is within an eligible region, and they have no live application to it.",
  })
  apply!: boolean;
}

@ObjectType('ApplicationCount', { description: 'How many applications of a program have a status.' })
export class ApplicationCountType {
  @Field(() => ApplicationStatus, { description: 'The status.' })
  status!: ApplicationStatus;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType('GrantProgram', { description: 'A grant program run by an organization for some regions.' })
export class GrantProgramType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: 'Unique, URL-friendly name.' })
  slug!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { description: 'What it funds and how.' })
  description!: string;

  @Field(() => String, { description: 'ISO 4217 currency of every amount of the program.' })
  currency!: string;

  @Field(() => Date, { description: 'When it starts taking applications.' })
  opensAt!: Date;

  @Field(() => Date, { description: 'Deadline: no application is accepted from this instant on.' })
  closesAt!: Date;

  @Field(() => Date, { description: 'When reviews are due.' })
  reviewDeadline!: Date;

  @Field(() => Int, { description: 'Reviewers per application (1 to 10).' })
  reviewersPerApplication!: number;

  @Field(() => Boolean, { description: "Whether reviewers see applications without the applicant's identity." })
  blindReview!: boolean;

  @Field(() => [RubricCriterionType], { description: 'The scoring rubric.' })
  rubric!: RubricCriterionType[];

  @Field(() => [ProgramQuestionType], { description: 'Extra questions for applicants.' })
  questions!: ProgramQuestionType[];

  @Field(() => Date, {
    nullable: true,
    description: 'When the first application was submitted: rubric, questions and currency no longer change.',
  })
  contentFrozenAt!: Date | null;

  @Field(() => Int, { description: 'Version for optimistic locking.' })
  version!: number;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of grant programs.' })
export class GrantProgramConnection extends ConnectionType(GrantProgramType, 'GrantProgram') {}

@ObjectType('BudgetLine', { description: "One item of an application's budget." })
export class BudgetLineType {
  @Field(() => String, { description: 'What the money is for.' })
  item!: string;

  @Field(() => Money, { description: 'How much.' })
  amount!: Money;
}

@ObjectType('Answer', { description: "An answer to one of a program's questions." })
export class AnswerType {
  @Field(() => String, { description: "The question's key." })
  key!: string;

  @Field(() => String, { nullable: true, description: 'The answer to a text or CHOICE question.' })
  text!: string | null;

  @Field(() => Float, { nullable: true, description: 'The answer to a NUMBER question.' })
  number!: number | null;
}

@ObjectType('Applicant', { description: "Who applied: shown to the applicant, the program's managers and admins." })
export class ApplicantType {
  @Field(() => ID, { description: 'The account.' })
  accountId!: string;

  @Field(() => String, { description: 'Display name (a deleted account shows as "Deleted member").' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'E-mail address, to contact them; null once deleted.' })
  email!: string | null;
}

@ObjectType('GrantApplication', { description: "A member's application to a grant program." })
export class GrantApplicationType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { description: 'Short summary.' })
  summary!: string;

  @Field(() => String, { description: 'The proposal.' })
  proposal!: string;

  @Field(() => ApplicationStatus, { description: 'Where it is.' })
  status!: ApplicationStatus;

  @Field(() => Date, { nullable: true, description: 'When it was submitted.' })
  submittedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn.' })
  withdrawnAt!: Date | null;

  @Field(() => Int, { description: 'Version for optimistic locking.' })
  version!: number;

  @Field(() => Date, { description: 'When it was started.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of applications.' })
export class GrantApplicationConnection extends ConnectionType(GrantApplicationType, 'GrantApplication') {}
