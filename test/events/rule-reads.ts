import { GOVERNANCE_RULES, GovernanceRule, ruleSql } from '@joinedup/governance';

/** A rule's statement as PostgreSQL would read it, without string literals and comments. */
function bareSql(rule: GovernanceRule): string {
  return rule
    .sql(ruleSql(rule, 'tenant'))
    .replace(/--[^\n]*/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .toLowerCase();
}

/**
 * The tables of `tables` a rule's SQL reads: each name found after FROM or JOIN, or in a
 * FROM list after a comma, not as a column (after a dot) nor a function (before a bracket).
 */
export function tablesReadBy(rule: GovernanceRule, tables: readonly string[]): string[] {
  const sql = bareSql(rule);
  return tables.filter((table) => new RegExp(`(?:\\bfrom|\\bjoin|,)\\s+(?:only\\s+)?${table}\\b(?!\\s*[.(])`).test(sql));
}

/** Every rule with the tables it reads. */
export function ruleReads(tables: readonly string[]): { rule: GovernanceRule; tables: string[] }[] {
  return GOVERNANCE_RULES.map((rule) => ({ rule, tables: tablesReadBy(rule, tables) }));
}
