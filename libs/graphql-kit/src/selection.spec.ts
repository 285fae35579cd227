import { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, Kind, OperationDefinitionNode, parse } from 'graphql';
import { SelectionTree, selects } from './selection';

/** What a resolver of the operation's first root field would get as `info` (the parts `selects` reads). */
function infoOf(document: string): GraphQLResolveInfo {
  const definitions = parse(document).definitions;
  const operation = definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const root = operation.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [root], fragments } as unknown as GraphQLResolveInfo;
}

describe('selects', () => {
  it('follows a path of fields below the one being resolved', () => {
    const info = infoOf(`{ members { joinedOn organisation { name people { fullName } } } }`);
    expect(selects(info, 'organisation')).toBe(true);
    expect(selects(info, 'organisation', 'people')).toBe(true);
    expect(selects(info, 'organisation', 'people', 'competencies')).toBe(false);
    expect(selects(info, 'people')).toBe(false);
  });

  it('sees through aliases, inline fragments and named fragments', () => {
    const info = infoOf(`
      { members { body: organisation { ... on Organisation { ...Staff } } } }
      fragment Staff on Organisation { staff: people { fullName } }`);
    expect(selects(info, 'organisation', 'people')).toBe(true);
    expect(selects(info, 'body')).toBe(false);
  });

  it('counts a leaf field as selected', () => {
    expect(selects(infoOf(`{ programmes { leader { agreedAt } } }`), 'leader', 'agreedAt')).toBe(true);
  });
});

describe('SelectionTree', () => {
  it('finds each field by its name under any alias, level by level, merging what is below', () => {
    const tree = SelectionTree.of(infoOf(`{ members { body: organisation { staff: people { fullName } } organisation { name } } }`));
    const organisation = tree.field('organisation')!;
    expect(organisation.plain).toBe(true);
    expect(organisation.below.field('people')!.below.has('fullName')).toBe(true);
    expect(organisation.below.has('staff')).toBe(false);
    expect(organisation.below.has('name')).toBe(true);
    expect(tree.field('locality')).toBeNull();
  });

  it('reads through fragments', () => {
    const tree = SelectionTree.of(
      infoOf(`{ members { ... on Membership { ...Body } } } fragment Body on Membership { organisation { name } }`),
    );
    expect(tree.field('organisation')!.below.has('name')).toBe(true);
  });

  it('calls a field with arguments or under @skip/@include not plain, so it is left to its resolver', () => {
    const plain = (document: string) => SelectionTree.of(infoOf(document)).field('members')!.plain;
    expect(plain(`{ x { members { id } } }`)).toBe(true);
    expect(plain(`{ x { members(includeFormer: true) { id } } }`)).toBe(false);
    expect(plain(`query($a: Boolean!) { x { members @include(if: $a) { id } } }`)).toBe(false);
    expect(plain(`query($a: Boolean!) { x { ... @skip(if: $a) { members { id } } } }`)).toBe(false);
  });
});

