import { Field, FieldMiddleware, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Where a page of a list stands (Relay cursor pagination, forward only).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when this page was requested with `after`, i.e. items precede it.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/**
 * A page of a list. `totalCount` is a function, called (by {@link callLazyValue}) only when a
 * client selects the field: counting is a second query that most pages do not need.
 */
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

/** Field middleware that resolves a property holding a function to the function's result. */
export const callLazyValue: FieldMiddleware = async (_context, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => unknown)() : value;
};

/**
 * Builds the `XEdge` object type and an abstract base for `XConnection`; declare the connection
 * as `@ObjectType({ description }) class XConnection extends ConnectionType(X, 'X') {}`.
 */
export function ConnectionType<T>(nodeType: abstract new () => T, nodeName: string = nodeType.name): abstract new () => Connection<T> {
  @ObjectType(`${nodeName}Edge`, { description: `One ${nodeName} in a list, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque position of this item; pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${nodeName}.` })
    node!: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The items of this page, in order.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Cursors and whether more items follow.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds (counted only when asked for).', middleware: [callLazyValue] })
    totalCount!: () => Promise<number>;
  }
  return ConnectionClass;
}
