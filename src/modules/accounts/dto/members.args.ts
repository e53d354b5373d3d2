import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../core/pagination/connection.args';
import { AccountRole } from '../account-role';

@InputType({ description: 'Conditions a member must meet to be listed.' })
export class MemberFilter {
  @Field(() => ID, { nullable: true, description: 'Only members whose home is within this region (the region and everything below it).' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => String, { nullable: true, description: 'Display name contains this text (case ignored).' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  text?: string;
}

@ArgsType()
export class MembersArgs extends ConnectionArgs {
  @Field(() => MemberFilter, { nullable: true, description: 'Conditions on the members listed.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MemberFilter)
  filter?: MemberFilter;
}

@InputType({ description: 'Conditions an account must meet to be listed (admins).' })
export class AccountFilter {
  @Field(() => String, { nullable: true, description: 'E-mail address or display name contains this text (case ignored).' })
  @IsOptional()
  @IsString()
  @Length(1, 254)
  text?: string;

  @Field(() => AccountRole, { nullable: true, description: 'Only accounts with this role.' })
  @IsOptional()
  @IsEnum(AccountRole)
  role?: AccountRole;
}

@ArgsType()
export class AccountsArgs extends ConnectionArgs {
  @Field(() => AccountFilter, { nullable: true, description: 'Conditions on the accounts listed.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccountFilter)
  filter?: AccountFilter;
}
