import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../pagination/connection.args';

/**
 * Every list field multiplies the cost of what is selected below it by its page size
 * (`first`, or the default page size), so `regions(first: 100) { children(first: 100) }` costs
 * about 10,000 while a plain lookup costs a handful.
 */
export const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  if (!field.args.some((arg) => arg.name === 'first')) return undefined;
  const first = typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + first * Math.max(childComplexity, 1);
};

/** Rejects operations whose estimated cost exceeds `maxCost`, before anything is resolved. */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT
            // before resolving anything, so there is no cost to guard.
            return;
          }
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${cost}.`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
