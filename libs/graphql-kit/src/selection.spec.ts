import { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, Kind, OperationDefinitionNode, parse } from 'graphql';
import { selects } from './selection';

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
