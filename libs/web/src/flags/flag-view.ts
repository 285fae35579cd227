import { ageOf, daysSince, instantOf, words } from '../dates';
import { recordHref } from '../records/record-links';
import { Flag, FlagHistoryEntry } from './flag.documents';

/** Who may work flags (acknowledge, dismiss, ask for a scan), as the API's FLAG_WORKERS. */
export const FLAG_WORKER_ROLES = ['TENANT_ADMIN', 'COORDINATOR'];

const HAPPENED: Record<string, string> = {
  RAISED: 'Raised by a scan',
  ACKNOWLEDGED: 'Acknowledged',
  DISMISSED: 'Dismissed',
  REOPENED: 'Opened again by a scan: its evidence changed',
  RESOLVED: 'Resolved by a scan: the condition no longer holds',
};

export interface HistoryLine {
  when: string;
  what: string;
  reason?: string;
}

/** The flag's history in words, oldest first; what the viewer did is said to be theirs. */
export function historyLines(history: FlagHistoryEntry[], viewerId: string): HistoryLine[] {
  return history.map((entry) => {
    const by = entry.actorUserId ? (entry.actorUserId === viewerId ? ' by you' : ' by a coordinator or administrator') : '';
    return { when: instantOf(entry.at), what: `${HAPPENED[entry.kind] ?? words(entry.kind)}${by}`, ...(entry.reason ? { reason: entry.reason } : {}) };
  });
}

/** GOV.UK tag colours of the severities. */
export const SEVERITY_TAG: Record<string, string> = { HIGH: 'govuk-tag--red', MEDIUM: 'govuk-tag--orange', LOW: 'govuk-tag--grey' };

/** The facts of the flag as rows: what it is about, when, and what was done. */
export function flagRows(flag: Flag, now = new Date()): { key: string; value: string; href?: string }[] {
  const rows: { key: string; value: string; href?: string }[] = [
    { key: 'Barrier', value: words(flag.barrier) },
    { key: 'Rule', value: flag.ruleCode },
    { key: 'About', value: words(flag.subjectType) },
  ];
  if (flag.locality) rows.push({ key: 'Locality', value: flag.locality.name, href: `/localities/${flag.locality.id}` });
  if (flag.programme) rows.push({ key: 'Programme', value: flag.programme.name, href: `/programmes/${flag.programme.id}` });
  if (flag.organisation) rows.push({ key: 'Member body', value: flag.organisation.name, href: recordHref('ORGANISATION', flag.organisation.id) });
  rows.push({ key: 'Raised', value: `${instantOf(flag.firstRaisedAt)} (${ageOf(daysSince(flag.firstRaisedAt, now))} ago)` });
  rows.push({ key: 'Last found', value: instantOf(flag.lastSeenAt) });
  if (flag.evidenceChangedAt !== flag.firstRaisedAt) rows.push({ key: 'Evidence last changed', value: instantOf(flag.evidenceChangedAt) });
  if (flag.acknowledgedAt) rows.push({ key: 'Acknowledged', value: instantOf(flag.acknowledgedAt) });
  if (flag.dismissedAt) rows.push({ key: 'Dismissed', value: `${instantOf(flag.dismissedAt)}: ${flag.dismissalReason ?? ''}` });
  if (flag.resolvedAt) rows.push({ key: 'Resolved', value: instantOf(flag.resolvedAt) });
  return rows;
}
