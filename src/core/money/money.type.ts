import { Field, ObjectType } from '@nestjs/graphql';
import { formatMinorUnits } from './money';

@ObjectType({ description: 'An amount of money in one currency. Never a float: the amount is a decimal string.' })
export class Money {
  @Field(() => String, { description: 'Decimal amount with the currency\'s minor digits, e.g. "1234.50" (USD) or "1500" (JPY).' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 currency code, e.g. "USD".' })
  currency!: string;

  static of(minorUnits: bigint | number, currency: string): Money {
    return { amount: formatMinorUnits(minorUnits, currency), currency };
  }
}
