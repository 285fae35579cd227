/**
 * GraphQL's "Did you mean …?" hints name fields, types and enum values of the schema
 * (validation and variable errors alike): removed wherever introspection is off, since
 * they would let a caller rebuild the schema piece by piece.
 */
export function withoutSuggestions<T extends { message: string }>(formatted: T): T {
  const message = formatted.message.replace(/ Did you mean .+\?$/s, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}
