import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  printSchema,
} from 'graphql';
import { createTestApp, TestApp } from '../utils/test-app';

const SCHEMA_FILE = join(__dirname, '..', '..', 'schema', 'schema.graphql');
const HEADER = '# Generated from the code-first schema by `npm run schema:generate`; do not edit.\n\n';

/** Every named thing in the schema that lacks a description, as `Type.field(arg)` paths. */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    // Code-first root types (Query, Mutation) cannot carry a description; their fields do.
    if (!type.description && !roots.includes(type as never)) missing.push(type.name);
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

describe('GraphQL schema', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    t = await createTestApp();
    schema = t.app.get(GraphQLSchemaHost).schema;
  });
  afterAll(() => t.close());

  it('matches the checked-in schema/schema.graphql (npm run schema:generate updates it)', async () => {
    const generated = HEADER + printSchema(schema) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') await writeFile(SCHEMA_FILE, generated);
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    expect(committed).toBe(generated);
  });

  it('describes every type, field, argument and enum value', () => {
    expect(undocumented(schema)).toEqual([]);
  });
});
