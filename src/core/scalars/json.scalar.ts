import { GraphQLError, GraphQLScalarType } from 'graphql';

/** `JSON`: an arbitrary JSON value, for documents whose shape is not part of the schema. Output only. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'An arbitrary JSON value (output only): data exports and audit states.',
  serialize: (value) => value,
  parseValue: () => {
    throw new GraphQLError('JSON values are not accepted as input');
  },
  parseLiteral: () => {
    throw new GraphQLError('JSON values are not accepted as input');
  },
});
