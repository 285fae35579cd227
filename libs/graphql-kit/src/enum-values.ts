import { GraphQLError, GraphQLSchema, isEnumType } from 'graphql';
import { AppError, badInput } from '@joinedup/errors';
import { InputReason } from './graphql-kit.errors';

/** graphql's own words for an enum value it refuses, in a literal or in a variable. */
const NOT_AN_ENUM_VALUE = /Value "[^"]*" does not exist in "(\w+)" enum\.|Enum "(\w+)" cannot represent non-(?:enum|string) value: /;
/** The variable, and where in it, that held the value: `input.sector`, or `sector` for a whole variable. */
const VARIABLE_PATH = /^Variable "\$(\w+)" got invalid value (?:.* at "([^"]+)")?.*?; /s;

/**
 * A refused enum value as BAD_USER_INPUT whose message lists the values allowed, in place
 * of graphql's "Did you mean …" guess (the enum is one the caller already uses).
 */
export function enumValueError(error: unknown, schema: GraphQLSchema | undefined): AppError | undefined {
  if (!(error instanceof GraphQLError) || !schema) return undefined;
  const match = NOT_AN_ENUM_VALUE.exec(error.message);
  const type = match ? schema.getType(match[1] ?? match[2]) : undefined;
  if (!isEnumType(type)) return undefined;
  const allowed = type
    .getValues()
    .filter((value) => !value.deprecationReason)
    .map((value) => value.name);
  const message = `${error.message.replace(/ Did you mean .+\?$/s, '')} Allowed values: ${allowed.join(', ')}.`;
  const variable = VARIABLE_PATH.exec(error.message);
  return badInput(message, variable ? (variable[2] ?? variable[1]) : undefined, InputReason.NOT_AN_ENUM_VALUE);
}
