import { FormattedExecutionResult } from 'graphql';

/**
 * An operation's whole `data` as the json text PostgreSQL wrote (JsonReads), carried to
 * the response as it is: `stringifyResult` writes it without parsing it into objects and
 * serialising them again (for the dashboard, ~10 KB and ~1,000 objects per request).
 * Anything else that serialises it gets the parsed value.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** The data of a result, parsed when PostgreSQL wrote it (for readers in the process, e.g. the web pages). */
export function parsedData<T>(data: T | JsonText | null | undefined): T | null | undefined {
  return data instanceof JsonText ? (JSON.parse(data.text) as T) : data;
}

/** Apollo's response writer (JSON and a newline, as Apollo's own), writing data answered as JsonText as its text. */
export function stringifyResult(result: FormattedExecutionResult): string {
  const { data, errors, extensions } = result;
  if ((data as unknown) instanceof JsonText && !errors && !extensions) return `{"data":${(data as unknown as JsonText).text}}\n`;
  return `${JSON.stringify(result)}\n`;
}
