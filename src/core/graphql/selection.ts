import { FragmentDefinitionNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { BadUserInputError } from '../errors/domain-errors';

/**
 * At most this many selections are looked at. Distinct paths below one field are bounded by the
 * schema's shape and the depth limit; a document that names more is refused.
 */
const MAX_SELECTIONS = 10_000;

/**
 * What a client selected below the current field, as dotted paths (`edges.node.region.parent.name`),
 * following fragments. Hot read paths use it to load, in one SQL statement, exactly the relations
 * the query will ask for. Each selection set is walked once per path it stands at, however often
 * its fragment is spread there (a document spreading fragments into fragments many times over
 * would otherwise cost time growing with the product of its spreads).
 */
export function selectedPaths(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const paths = new Set<string>();
  const walked = new Map<SelectionSetNode, Set<string>>();
  let selections = 0;
  const visit = (selectionSet: SelectionSetNode | undefined, prefix: string) => {
    if (!selectionSet) return;
    let prefixes = walked.get(selectionSet);
    if (!prefixes) walked.set(selectionSet, (prefixes = new Set()));
    if (prefixes.has(prefix)) return;
    prefixes.add(prefix);
    if ((selections += selectionSet.selections.length) > MAX_SELECTIONS) {
      throw new BadUserInputError([], 'This query selects too much; select fewer fields');
    }
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const path = prefix + selection.name.value;
        paths.add(path);
        visit(selection.selectionSet, `${path}.`);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, prefix);
      } else {
        // A fragment that spreads itself (invalid, refused by validation) ends here too: its
        // selection set is already being walked at this path.
        const fragment: FragmentDefinitionNode | undefined = info.fragments[selection.name.value];
        visit(fragment?.selectionSet, prefix);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, '');
  return paths;
}
