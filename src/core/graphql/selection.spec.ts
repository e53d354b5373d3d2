import { FieldNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { BadUserInputError } from '../errors/domain-errors';
import { selectedPaths } from './selection';

/** The info selectedPaths reads, for the first field of the document's operation. */
function infoOf(document: string) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectedPaths', () => {
  it('lists every selected path below the field, through fragments and inline fragments', () => {
    const info = infoOf(`
      { businesses { edges { node { id ...Place ... on Business { categories { name } } } } pageInfo { endCursor } } }
      fragment Place on Business { region { name parent { name } } }
    `);
    expect([...selectedPaths(info)].sort()).toEqual(
      [
        'edges',
        'edges.node',
        'edges.node.id',
        'edges.node.region',
        'edges.node.region.name',
        'edges.node.region.parent',
        'edges.node.region.parent.name',
        'edges.node.categories',
        'edges.node.categories.name',
        'pageInfo',
        'pageInfo.endCursor',
      ].sort(),
    );
  });

  it('walks a fragment once per path however often it is spread there (40 spreads of 40 spreads, seven deep)', () => {
    const levels = 7;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Business { id }` : `fragment F${i} on Business { ${`...F${i + 1} `.repeat(40)} }`,
    );
    const info = infoOf(`{ business(slug: "x") { ...F0 } } ${fragments.join(' ')}`);
    // Walked spread by spread, this is 40^6 visits (hours); once per path, a handful.
    expect([...selectedPaths(info)]).toEqual(['id']);
  });

  it('gives the same paths for a fragment spread at several paths', () => {
    const info = infoOf(`{ business { region { ...Named } owner: region { ...Named } } } fragment Named on Region { name }`);
    expect([...selectedPaths(info)].sort()).toEqual(['region', 'region.name']);
  });

  it('refuses a selection too large to plan (BAD_USER_INPUT)', () => {
    // 120 distinct field names, each with 120 distinct fields below: 14,400 paths.
    const inner = Array.from({ length: 120 }, (_, i) => `b${i}`).join(' ');
    const outer = Array.from({ length: 120 }, (_, i) => `a${i} { ${inner} }`).join(' ');
    expect(() => selectedPaths(infoOf(`{ x { ${outer} } }`))).toThrow(BadUserInputError);
  });
});
