import { Field, ObjectType, ReturnTypeFuncValue } from '@nestjs/graphql';

/**
 * `XPayload { <field>: <Type> }`: the payload of a mutation that returns the one record it changed
 * (DESIGN.md §3: payloads are named after their mutations).
 */
export function PayloadType(
  name: string,
  description: string,
  field: string,
  type: () => ReturnTypeFuncValue,
  { nullable = false, fieldDescription = `The ${field} as it is now.` }: { nullable?: boolean; fieldDescription?: string } = {},
) {
  @ObjectType(name, { description })
  class Payload {}
  Field(type, { nullable, description: fieldDescription })(Payload.prototype, field);
  return Payload;
}
