import { Request } from 'express';
import { MAX_STAGES } from '@joinedup/conflicts';
import { dayOf, words } from '../dates';
import type { ConflictCategory, ConflictSeverity, ConflictStatus, WebConflictLogQuery } from '../graphql/generated';
import { CATEGORIES, SEVERITIES } from '../member/member-forms';

/** Conflicts a page of the log shows. */
export const LOG_PAGE_SIZE = 20;

/** A conflict's statuses in lifecycle order, as the API names them. */
export const STATUSES = [
  { value: 'OPEN', text: 'Open' },
  { value: 'ACKNOWLEDGED', text: 'Acknowledged' },
  { value: 'IN_RESOLUTION', text: 'In resolution' },
  { value: 'RESOLVED', text: 'Resolved' },
  { value: 'CLOSED_UNRESOLVED', text: 'Closed unresolved' },
] as const satisfies readonly { value: ConflictStatus; text: string }[];

/** What the log is filtered by (each list matches any of its values; empty: all). */
export interface LogFilters {
  status: ConflictStatus[];
  severity: ConflictSeverity[];
  category: ConflictCategory[];
  stage: number[];
}

const listOf = (raw: unknown): string[] => (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string').slice(0, 20);

/** The values of `raw` that are among `choices`, each once. */
const chosen = <T extends string>(raw: unknown, choices: readonly { value: T }[]): T[] =>
  [...new Set(listOf(raw))].filter((v): v is T => choices.some((c) => c.value === v));

/** The filters from the query string: unknown values are dropped, never sent. */
export function readLogFilters(query: Request['query']): LogFilters {
  return {
    status: chosen(query.status, STATUSES),
    severity: chosen(query.severity, SEVERITIES),
    category: chosen(query.category, CATEGORIES),
    stage: [...new Set(listOf(query.stage).filter((v) => /^\d{1,2}$/.test(v)).map(Number))].filter((n) => n >= 1 && n <= MAX_STAGES),
  };
}

/** No filter: every conflict. */
export const NO_FILTERS: LogFilters = { status: [], severity: [], category: [], stage: [] };

/** The document's variables for one page of the log (after the cursor `after`). */
export function logVariables(localityId: string, filters: LogFilters = NO_FILTERS, after: string | null = null) {
  const some = <T>(list: T[]) => (list.length ? list : null);
  return {
    localityId,
    first: LOG_PAGE_SIZE,
    after,
    status: some(filters.status),
    severity: some(filters.severity),
    category: some(filters.category),
    stage: some(filters.stage),
  };
}

/** The log's address with its filters (and the next page's cursor). */
export function logHref(path: string, filters: LogFilters, after?: string | null): string {
  const query = new URLSearchParams();
  for (const s of filters.status) query.append('status', s);
  for (const s of filters.severity) query.append('severity', s);
  for (const s of filters.category) query.append('category', s);
  for (const s of filters.stage) query.append('stage', String(s));
  if (after) query.set('after', after);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The stage filter's choices: every stage the API allows, named after the locality's agreed process where it has one. */
export function stageChoices(stages: readonly { number: number; name: string }[], chosen: number[]) {
  return Array.from({ length: MAX_STAGES }, (_, i) => {
    const name = stages.find((s) => s.number === i + 1)?.name;
    return { value: String(i + 1), text: `Stage ${i + 1}${name ? `: ${name}` : ''}`, checked: chosen.includes(i + 1) };
  });
}

type LoggedConflict = WebConflictLogQuery['locality']['conflicts']['nodes'][number];

export interface LogEntry {
  href: string;
  title: string;
  overdue: boolean;
  rows: { key: { text: string }; value: { text: string } }[];
}

const textOf = (choices: readonly { value: string; text: string }[], value: string) => choices.find((c) => c.value === value)?.text ?? words(value);

/**
 * A conflict as the log shows it. What the API leaves empty for a caller who may not read
 * the details (title, raiser, parties) is said to be withheld, never guessed.
 */
export function logEntry(conflict: LoggedConflict): LogEntry {
  const withheld = 'Shown only to the bodies involved';
  const stage = conflict.currentStage ? `Stage ${conflict.currentStage}${conflict.stage ? `: ${conflict.stage.name}` : ''}` : 'Not started';
  const rows = [
    { key: 'Status', value: textOf(STATUSES, conflict.status) },
    { key: 'Severity', value: textOf(SEVERITIES, conflict.severity) },
    { key: 'Category', value: textOf(CATEGORIES, conflict.category) },
    { key: 'Raised by', value: conflict.detailsVisible ? (conflict.raisedByOrganisation?.name ?? '–') : withheld },
    { key: 'With', value: conflict.detailsVisible ? conflict.parties.map((p) => p.name).join(', ') || '–' : withheld },
    ...(conflict.programme ? [{ key: 'Programme', value: conflict.programme.name }] : []),
    { key: 'Stage', value: stage },
    { key: 'Stage due', value: conflict.stageDueOn ? dayOf(conflict.stageDueOn) : '–' },
    { key: 'Raised', value: dayOf(conflict.openedAt) },
  ];
  return {
    href: `/manage/conflicts/${conflict.id}`,
    title: (conflict.detailsVisible && conflict.title) || 'A conflict',
    overdue: conflict.stageOverdue,
    rows: rows.map((r) => ({ key: { text: r.key }, value: { text: r.value } })),
  };
}
