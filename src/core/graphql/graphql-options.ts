import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { DriverException } from '@mikro-orm/core';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError, ValidationContext } from 'graphql';
import type { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config';
import { createGraphQLContext, GraphQLContext } from '../context/request-context';
import { isUnexpectedError, toClientError } from '../errors/error-mapping';
import { costLimitPlugin } from './cost-limit.plugin';

export const GRAPHQL_PATH = '/graphql';

/** Reports a request-limit violation as a validation error whose message names the limit. */
function rejectAsValidationError(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(
    new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
  );
}

/**
 * A database error as it may be logged: MikroORM writes parameter values into the SQL text, which
 * its messages quote (addresses, password hashes…), so they are logged by their codes and names.
 */
export function loggable(error: unknown): unknown {
  if (!(error instanceof DriverException)) return error;
  const { code, constraint, table, column, routine } = error as DriverException & Record<string, string | undefined>;
  return { type: error.name, code, constraint, table, column, routine, stack: error.stack?.split('\n').slice(1).join('\n') };
}

/** Logs what is about to be masked, with the request id, so a masked error can be traced. */
function unexpectedErrorLoggingPlugin(logger: PinoLogger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isUnexpectedError(error)) {
              logger.error(
                { err: loggable(error.originalError ?? error), requestId: contextValue.requestContext?.requestId, path: error.path },
                'unexpected error while answering a GraphQL request',
              );
            }
          }
        },
      };
    },
  };
}

/**
 * Apollo settings that make DESIGN.md §3 and §5 true: sorted generated schema, one error mapping,
 * request limits (depth, aliases, cost, tokens), no HTTP batching, CSRF prevention, and no
 * introspection or IDE in production.
 */
export function graphqlOptions(config: AppConfig, logger: PinoLogger): ApolloDriverConfig {
  const limits = {
    propagateOnRejection: false,
    exposeLimits: true,
    onReject: [rejectAsValidationError],
  };
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth, ...limits },
    maxAliases: { n: config.graphql.maxAliases, ...limits },
    maxDirectives: { n: 20, ...limits },
    // Its Apollo plugin parses every document a second time and turns syntax errors into 500s;
    // the 100 kB body limit already bounds the size of a document.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: config.isProduction },
  }).protect();

  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: { numberScalarMode: 'integer' },
    introspection: !config.isProduction,
    // The IDE is served by our own route (see graphql-ide.ts); Apollo's landing pages load from a CDN.
    playground: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    autoTransformHttpErrors: false,
    formatError: toClientError,
    context: createGraphQLContext,
    plugins: [
      ...armor.plugins,
      costLimitPlugin(config.graphql.maxCost),
      unexpectedErrorLoggingPlugin(logger),
      // Cache hints are unused; computing them costs time on every field.
      ApolloServerPluginCacheControlDisabled(),
    ],
    validationRules: armor.validationRules,
  };
}
