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

/** A field asked for in a selection (under any alias), and what below it. */
export interface SelectedField {
  below: SelectionTree;
  /** False when some occurrence takes arguments or is conditional (@skip/@include): leave it to its resolver. */
  plain: boolean;
}

interface Occurrence {
  set: SelectionSetNode;
  conditional: boolean;
}

/**
 * The selection below a field, walked level by level, for a resolver that loads several
 * levels in one statement and hands each level's answers to the next (withPrefetched).
 */
export class SelectionTree {
  private constructor(
    private readonly occurrences: Occurrence[],
    private readonly fragments: Record<string, FragmentDefinitionNode>,
  ) {}

  /** What the client asked for below the field being resolved. */
  static of(info: GraphQLResolveInfo): SelectionTree {
    const sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [{ set: node.selectionSet, conditional: false }] : []));
    return new SelectionTree(sets, info.fragments);
  }

  /** The field `name` as asked for at this level (through aliases and fragments), or null. */
  field(name: string): SelectedField | null {
    let found = false;
    const below: Occurrence[] = [];
    let plain = true;
    const visit = (set: SelectionSetNode, conditional: boolean): void => {
      for (const selection of set.selections) {
        const isConditional = conditional || !!selection.directives?.length;
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value !== name) continue;
          found = true;
          if (isConditional || selection.arguments?.length) plain = false;
          if (selection.selectionSet) below.push({ set: selection.selectionSet, conditional: isConditional });
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          visit(selection.selectionSet, isConditional);
        } else {
          const fragment = this.fragments[selection.name.value];
          if (fragment) visit(fragment.selectionSet, isConditional);
        }
      }
    };
    for (const occurrence of this.occurrences) visit(occurrence.set, occurrence.conditional);
    if (!found) return null;
    return { below: new SelectionTree(below, this.fragments), plain };
  }

  /** Whether the field `name` is asked for at this level. */
  has(name: string): boolean {
    return this.field(name) !== null;
  }
}
