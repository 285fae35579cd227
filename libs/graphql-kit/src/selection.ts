import { FragmentDefinitionNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

const LEAF: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [] };

/**
 * Whether the client asked, below the field being resolved, for the field at `path`
 * (e.g. `selects(info, 'organisation', 'people')`), through fragments and aliases alike.
 * A resolver looks ahead with it to load a level's children in its own statement; a
 * field skipped by @skip/@include still counts, which costs at most rows not sent.
 */
export function selects(info: GraphQLResolveInfo, ...path: string[]): boolean {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    sets = sets.flatMap((set) => fieldsNamed(set, name, info.fragments));
    if (!sets.length) return false;
  }
  return true;
}

/** The selection sets of the fields called `name` in `set` (an empty set for a leaf). */
function fieldsNamed(set: SelectionSetNode, name: string, fragments: Record<string, FragmentDefinitionNode>): SelectionSetNode[] {
  const found: SelectionSetNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind === 'Field') {
      if (selection.name.value === name) found.push(selection.selectionSet ?? LEAF);
    } else if (selection.kind === 'InlineFragment') {
      found.push(...fieldsNamed(selection.selectionSet, name, fragments));
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment) found.push(...fieldsNamed(fragment.selectionSet, name, fragments));
    }
  }
  return found;
}
