/**
 * A rule written in TypeScript over a few yes/no facts, as an SQL condition: the rule is
 * evaluated for every combination of the facts (each an SQL boolean that is never null),
 * and the condition names the combinations where it holds ('true' or 'false' when it holds
 * for all or none). A compiled read then answers by the rule itself, never a restatement.
 */
export function ruleSql<K extends string>(facts: Readonly<Record<K, string>>, holds: (values: Record<K, boolean>) => boolean): string {
  const names = Object.keys(facts) as K[];
  const combinations = names.reduce<Record<K, boolean>[]>(
    (all, name) => all.flatMap((values) => [false, true].map((value) => ({ ...values, [name]: value }))),
    [{} as Record<K, boolean>],
  );
  const held = combinations.filter(holds);
  if (held.length === combinations.length) return 'true';
  if (!held.length) return 'false';
  return `(${held.map((values) => `(${names.map((name) => (values[name] ? facts[name] : `not ${facts[name]}`)).join(' and ')})`).join(' or ')})`;
}
