import { FormattedExecutionResult } from 'graphql';

/**
 * A root field's value as the json text PostgreSQL wrote (JsonReads), carried to the
 * response as it is: `stringifyResult` writes it without parsing it into objects and
 * serialising them again (for the dashboard, ~10 KB and ~1,000 objects per request).
 * Anything else that serialises it gets the parsed value.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** Apollo's response writer (JSON and a newline, as Apollo's own), writing a root field answered as JsonText as its text. */
export function stringifyResult(result: FormattedExecutionResult): string {
  const { data, errors, extensions } = result;
  if (data && !errors && !extensions) {
    const keys = Object.keys(data);
    const value: unknown = keys.length === 1 ? data[keys[0]] : undefined;
    if (value instanceof JsonText) return `{"data":{${JSON.stringify(keys[0])}:${value.text}}}\n`;
  }
  return `${JSON.stringify(result)}\n`;
}
