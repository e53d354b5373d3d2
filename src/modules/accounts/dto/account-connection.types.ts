import { ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../core/pagination/connection.types';
import { AccountType, MemberType } from './account.types';

@ObjectType({ description: 'A page of accounts.' })
export class AccountConnection extends ConnectionType(AccountType, 'Account') {}

@ObjectType({ description: 'A page of members.' })
export class MemberConnection extends ConnectionType(MemberType, 'Member') {}
