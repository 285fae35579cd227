import { dayOf, instantOf } from '../dates';
import type { AlignmentStatus, WebManageAlignmentRequestsQuery, WebManageBriefingQuery, WebManageMilestonesQuery } from '../graphql/generated';
import { CASCADES, VISIBILITY } from '../member/member-forms';
import { ALIGNMENT_KINDS, ALIGNMENT_STATUSES } from './programme-records-forms';

const textOf = (list: readonly { value: string; text: string }[], value: string): string => list.find((i) => i.value === value)?.text ?? value;

export interface AcknowledgementRow {
  body: string;
  acknowledged: boolean;
  /** When it (last) acknowledged, and first when that differs. */
  when: string;
  cascade: string;
  note: string;
}

/** Each body the briefing went to: whether it acknowledged, when, and how far it passed it on; those that have not, first. */
export function acknowledgementRows(recipients: WebManageBriefingQuery['briefing']['recipients']): AcknowledgementRow[] {
  const rows = recipients.map((r): AcknowledgementRow => {
    const ack = r.acknowledgement;
    if (!ack) return { body: r.organisation.name, acknowledged: false, when: '', cascade: '', note: '' };
    const first = r.firstAcknowledgedAt && r.firstAcknowledgedAt !== ack.acknowledgedAt ? ` (first on ${instantOf(r.firstAcknowledgedAt)})` : '';
    return { body: r.organisation.name, acknowledged: true, when: `${instantOf(ack.acknowledgedAt)}${first}`, cascade: textOf(CASCADES, ack.cascade), note: ack.note ?? '' };
  });
  return [...rows.filter((r) => !r.acknowledged), ...rows.filter((r) => r.acknowledged)];
}

/** The status filter from the query string (`?status=REQUESTED`); every status when absent or unknown. */
export function statusFilter(raw: unknown): AlignmentStatus | undefined {
  return ALIGNMENT_STATUSES.find((s) => s.value === raw)?.value;
}

type AlignmentNode = WebManageAlignmentRequestsQuery['programme']['alignmentRequests']['nodes'][number];

export interface AlignmentRow {
  id: string;
  title: string;
  kind: string;
  description: string;
  who: string;
  status: string;
  overdue: boolean;
  due: string;
  /** The answer and what followed, in words. */
  answer: string;
  mayWithdraw: boolean;
}

export function alignmentRow(r: AlignmentNode): AlignmentRow {
  const answer = [
    r.respondedOn && r.status !== 'WITHDRAWN' ? `Answered on ${dayOf(r.respondedOn)}.` : '',
    r.plannedOn ? `Plans to have adapted by ${dayOf(r.plannedOn)}.` : '',
    r.adaptedOn ? `Adapted on ${dayOf(r.adaptedOn)}.` : '',
    r.declineReason ? `Declined: ${r.declineReason}` : '',
    r.withdrawalReason ? `Withdrawn: ${r.withdrawalReason}` : '',
  ].filter(Boolean);
  return {
    id: r.id,
    title: r.title,
    kind: textOf(ALIGNMENT_KINDS, r.kind),
    description: r.description,
    who: `${r.requestingOrganisation.name} asked ${r.targetOrganisation.name} on ${dayOf(r.requestedOn)}`,
    status: textOf(ALIGNMENT_STATUSES, r.status),
    overdue: r.responseOverdue,
    due: dayOf(r.responseDueOn),
    answer: answer.join(' ') || 'No answer yet.',
    mayWithdraw: r.allowedActions.includes('WITHDRAW'),
  };
}

/** The year of recognitions shown (`?year=2026`, this year when absent), with the years either side to page to. */
export function recognitionYear(raw: unknown, today: string): { year: number; from: string; to: string; earlier: number; later?: number } {
  const thisYear = Number(today.slice(0, 4));
  const asked = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : thisYear;
  const year = Math.min(Math.max(asked, 2000), thisYear);
  return { year, from: `${year}-01-01`, to: `${year}-12-31`, earlier: year - 1, later: year < thisYear ? year + 1 : undefined };
}

type RecognitionNode = WebManageMilestonesQuery['programme']['recognitions']['recognitions'][number];

/** One recognition: who was credited, by whom, for what, for which milestone, where it was made visible. */
export function recognitionRow(r: RecognitionNode): { credited: string; givenBy: string; reason: string; milestone: string; givenOn: string; visibleIn: string } {
  const person = (p: { fullName: string } | null | undefined, body: string) => (p ? `${p.fullName} (${body})` : body);
  return {
    credited: person(r.creditedPerson, r.recipientOrganisation.name),
    givenBy: person(r.givenByPerson, r.giverOrganisation.name),
    reason: r.reason,
    milestone: r.milestone?.name ?? '',
    givenOn: dayOf(r.givenOn),
    visibleIn: r.visibleIn.map((v) => textOf(VISIBILITY, v)).join('; '),
  };
}
