import { GraphQLEnumType, GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { enumValueError } from './enum-values';

const Sector = new GraphQLEnumType({ name: 'Sector', values: { HEALTH: {}, FIRE_AND_RESCUE: {}, OLD: { deprecationReason: 'gone' } } });
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { sector: { type: GraphQLString, args: { sector: { type: Sector } } } } }),
});

describe('enumValueError', () => {
  it('lists the allowed values of a literal that is no value of its enum, instead of a guess', () => {
    const error = enumValueError(new GraphQLError('Value "HELTH" does not exist in "Sector" enum. Did you mean the enum value "HEALTH"?'), schema);
    expect(error?.message).toBe('Value "HELTH" does not exist in "Sector" enum. Allowed values: HEALTH, FIRE_AND_RESCUE.');
    expect(error?.code).toBe('BAD_USER_INPUT');
    expect(error?.reason?.reason).toBe('NOT_AN_ENUM_VALUE');
  });

  it('names the field of a variable that holds a wrong value', () => {
    const error = enumValueError(
      new GraphQLError('Variable "$input" got invalid value 3 at "input.sector"; Enum "Sector" cannot represent non-string value: 3.'),
      schema,
    );
    expect(error?.message).toContain('Allowed values: HEALTH, FIRE_AND_RESCUE.');
    expect(error?.details).toEqual({ field: 'input.sector' });
  });

  it('names the variable itself when it is the wrong value', () => {
    const error = enumValueError(
      new GraphQLError('Variable "$sector" got invalid value "HELTH"; Value "HELTH" does not exist in "Sector" enum.'),
      schema,
    );
    expect(error?.details).toEqual({ field: 'sector' });
  });

  it('also for a string literal given where an enum value belongs', () => {
    const error = enumValueError(new GraphQLError('Enum "Sector" cannot represent non-enum value: "HEALTH".'), schema);
    expect(error?.message).toBe('Enum "Sector" cannot represent non-enum value: "HEALTH". Allowed values: HEALTH, FIRE_AND_RESCUE.');
  });

  it('leaves other errors alone', () => {
    expect(enumValueError(new GraphQLError('Cannot query field "x" on type "Query".'), schema)).toBeUndefined();
    expect(enumValueError(new Error('Value "X" does not exist in "Sector" enum.'), schema)).toBeUndefined();
  });
});
