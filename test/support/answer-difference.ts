/** A GraphQL response as the differential test compares it. */
export interface Answer {
  data?: unknown;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: { code?: unknown } }[];
}

/**
 * Where two answers to the same document first differ, in words (`data.locality.members[2].id:
 * "…" ≠ "…"`), or null when they agree: the data value for value and key order included,
 * the errors as a set of (path, code, message) (execution may report them in another order).
 */
export function firstDifference(left: Answer, right: Answer): string | null {
  return valueDifference(left.data ?? null, right.data ?? null, 'data') ?? errorsDifference(left, right);
}

function valueDifference(left: unknown, right: unknown, path: string): string | null {
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return `${path}: ${left.length} items ≠ ${right.length} items`;
    for (let i = 0; i < left.length; i++) {
      const found = valueDifference(left[i], right[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (isRecord(left) && isRecord(right)) {
    const leftKeys = Object.keys(left);
    const rightKeys = Object.keys(right);
    if (leftKeys.join() !== rightKeys.join()) return `${path}: keys ${leftKeys.join(',')} ≠ ${rightKeys.join(',')}`;
    for (const key of leftKeys) {
      const found = valueDifference(left[key], right[key], `${path}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return Object.is(left, right) ? null : `${path}: ${brief(left)} ≠ ${brief(right)}`;
}

function errorsDifference(left: Answer, right: Answer): string | null {
  const leftErrors = errorLines(left);
  const rightErrors = errorLines(right);
  for (let i = 0; i < Math.max(leftErrors.length, rightErrors.length); i++) {
    if (leftErrors[i] !== rightErrors[i]) return `errors[${i}] (of ${leftErrors.length} and ${rightErrors.length}): ${leftErrors[i] ?? 'none'} ≠ ${rightErrors[i] ?? 'none'}`;
  }
  return null;
}

/** Each error as `path code: message`, sorted. */
const errorLines = (answer: Answer): string[] =>
  (answer.errors ?? []).map((e) => `${(e.path ?? []).join('.') || '(no path)'} ${String(e.extensions?.code)}: ${e.message}`).sort();

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const brief = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};
