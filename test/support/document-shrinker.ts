import { ASTNode, DocumentNode, GraphQLSchema, Kind, SelectionSetNode, parse, print, validate, visit } from 'graphql';

/**
 * The valid documents one selection smaller than `query` (a field with all it selects, or
 * a fragment), biggest cut first; fragments and variables left unused are
 * dropped with it. For shrinking a failing generated document to what still fails.
 */
export function smallerDocuments(schema: GraphQLSchema, query: string): string[] {
  const document = parse(query);
  const count = removableCount(document);
  const smaller: string[] = [];
  for (let index = 0; index < count; index++) {
    const candidate = withoutUnused(withoutSelection(document, index));
    if (!hasEmptySelection(candidate) && !validate(schema, candidate).length) smaller.push(print(candidate));
  }
  return smaller;
}

/** Shrinks `query` while `stillFails` says the smaller one fails too, trying at most `attempts` documents. */
export async function shrink(
  schema: GraphQLSchema,
  query: string,
  stillFails: (smaller: string) => Promise<boolean>,
  attempts = 60,
): Promise<string> {
  let smallest = query;
  let tried = 0;
  for (let progress = true; progress && tried < attempts; ) {
    progress = false;
    for (const candidate of smallerDocuments(schema, smallest)) {
      if (++tried > attempts) break;
      if (await stillFails(candidate)) {
        smallest = candidate;
        progress = true;
        break;
      }
    }
  }
  return smallest;
}

/** How many selections may be removed (all of them: removing the last leaves an empty selection, which is not offered). */
function removableCount(document: DocumentNode): number {
  let count = 0;
  visit(document, { enter: (node) => void (isSelection(node) && count++) });
  return count;
}

function withoutSelection(document: DocumentNode, index: number): DocumentNode {
  let seen = 0;
  return visit(document, { enter: (node) => (isSelection(node) && seen++ === index ? null : undefined) });
}

const isSelection = (node: ASTNode): boolean =>
  node.kind === Kind.FIELD || node.kind === Kind.INLINE_FRAGMENT || node.kind === Kind.FRAGMENT_SPREAD;

/** Drops fragment definitions nothing spreads any more, then variable definitions nothing uses. */
function withoutUnused(document: DocumentNode): DocumentNode {
  let current = document;
  for (let changed = true; changed; ) {
    const spread = new Set<string>();
    visit(current, { FragmentSpread: (node) => void spread.add(node.name.value) });
    const definitions = current.definitions.filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION || spread.has(d.name.value));
    changed = definitions.length !== current.definitions.length;
    current = { ...current, definitions };
  }
  const used = new Set<string>();
  visit(current, { VariableDefinition: () => false, Variable: (node) => void used.add(node.name.value) });
  return visit(current, {
    VariableDefinition: (node) => (used.has(node.variable.name.value) ? undefined : null),
  });
}

function hasEmptySelection(document: DocumentNode): boolean {
  let empty = false;
  visit(document, { SelectionSet: (node: SelectionSetNode) => void (empty ||= !node.selections.length) });
  return empty;
}
