import {
  DirectiveNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getDirectiveValues,
} from 'graphql';

export type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;
type Variables = Record<string, unknown>;

/** The fields asked of one object type by response key, in the order GraphQL answers them, occurrences merged. */
export type CollectedFields = Map<string, FieldNode[]>;

/**
 * The outcome of every @include/@skip of an operation for these variables, as a key: the
 * compiled statement differs only by these.
 */
export function directiveKey(operation: OperationDefinitionNode, fragments: Fragments, variables: Variables): string | null {
  let key = '';
  const visit = (set: SelectionSetNode, seen: Set<string>): boolean => {
    for (const selection of set.selections) {
      const included = includes(selection.directives, variables);
      if (included === null) return false;
      key += included ? '1' : '0';
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name) || !visit(fragment.selectionSet, new Set(seen).add(name))) return false;
      } else if (selection.selectionSet && !visit(selection.selectionSet, seen)) return false;
    }
    return true;
  };
  return visit(operation.selectionSet, new Set()) ? key : null;
}

/**
 * The fields of `sets` on `type` (an object type), merged by response key as GraphQL's
 * CollectFields does: fields skipped by @skip/@include left out, fragments on another type
 * left out; null for what it cannot decide (another directive, an unknown fragment).
 */
export function collectFields(sets: readonly SelectionSetNode[], type: string, fragments: Fragments, variables: Variables): CollectedFields | null {
  const fields: CollectedFields = new Map();
  const visit = (set: SelectionSetNode): boolean => {
    for (const selection of set.selections) {
      const included = includes(selection.directives, variables);
      if (included === null) return false;
      if (!included) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        fields.set(key, [...(fields.get(key) ?? []), selection]);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      if (!fragment) return false;
      if (fragment.typeCondition && fragment.typeCondition.name.value !== type) continue;
      if (!visit(fragment.selectionSet)) return false;
    }
    return true;
  };
  return sets.every(visit) ? fields : null;
}

export const selectionSetsOf = (nodes: readonly FieldNode[]): SelectionSetNode[] => nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));

export function fragmentsOf(definitions: readonly { kind: Kind }[]): Fragments {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments[fragment.name.value] = fragment;
    }
  }
  return fragments;
}

/** Whether a selection is included (@skip/@include), or null for a directive only execution knows. */
function includes(directives: readonly DirectiveNode[] | undefined, variables: Variables): boolean | null {
  if (!directives?.length) return true;
  if (directives.some((d) => d.name.value !== 'skip' && d.name.value !== 'include')) return null;
  const node = { directives } as FieldNode;
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  } catch {
    return null; // a variable GraphQL would refuse: execution reports it
  }
}
