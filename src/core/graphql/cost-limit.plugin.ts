import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, getVariableValues, GraphQLError } from 'graphql';
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

/** Costs remembered per parsed document (Apollo keeps one per query text) and set of variables. */
const COSTS_PER_DOCUMENT = 32;

/**
 * Rejects operations whose estimated cost exceeds `maxCost`, before anything is resolved. The
 * cost of a document with the same variables is computed once: clients send the same few
 * queries over and over, with variables.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  const known = new WeakMap<DocumentNode, Map<string, number | null>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          const key = `${request.operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let costs = known.get(document);
          let cost = costs?.get(key);
          if (cost === undefined) {
            const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], request.variables ?? {});
            if (coerced.errors) {
              // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT
              // before resolving anything, so there is no cost to guard.
              cost = null;
            } else {
              try {
                cost = getComplexity({
                  schema,
                  query: document,
                  operationName: request.operationName ?? undefined,
                  // The request's own values: getComplexity coerces them itself (coerced ones would
                  // go through custom scalars twice).
                  variables: request.variables ?? {},
                  estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
                });
              } catch {
                // An argument that fails for one field (which execution would refuse for that field
                // alone, running the rest) or a document too large to estimate: no cost is known,
                // so none is allowed.
                cost = Number.POSITIVE_INFINITY;
              }
            }
            if (!costs) known.set(document, (costs = new Map<string, number | null>()));
            if (costs.size >= COSTS_PER_DOCUMENT) costs.delete(costs.keys().next().value!);
            costs.set(key, cost);
          }
          if (cost === null) return;
          if (cost > maxCost) {
            const found = Number.isFinite(cost) ? `found ${cost}` : 'its cost could not be estimated';
            throw new GraphQLError(`Query cost limit of ${maxCost} exceeded, ${found}.`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
