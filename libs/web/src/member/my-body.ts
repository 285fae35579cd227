import type { WebMyBodyQuery } from '../graphql/generated';
import { CASCADES } from './member-forms';

/** The to-do page's document's answer. */
export type MyBody = Omit<WebMyBodyQuery, 'me'>;

export interface Tag {
  text: string;
  classes: string;
}

const DAY_MS = 86_400_000;

/** When an unanswered alignment request is due, as a tag: overdue, today, or in so many days (yellow within a week). */
export function dueTag(responseDueOn: string, overdue: boolean, today: string): Tag {
  if (overdue) return { text: 'Overdue', classes: 'govuk-tag--red' };
  const days = Math.round((Date.parse(`${responseDueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  if (days <= 0) return { text: 'Due today', classes: 'govuk-tag--orange' };
  return { text: days === 1 ? 'Due tomorrow' : `Due in ${days} days`, classes: days <= 7 ? 'govuk-tag--yellow' : 'govuk-tag--grey' };
}

/** How far the bodies that acknowledged a briefing passed it on, in words ("2 to managers, 1 to the whole organisation"). */
export function cascadeSummary(byCascade: readonly { cascade: string; count: number }[]): string {
  const words = byCascade
    .filter((c) => c.count > 0)
    .map((c) => `${c.count} to ${(CASCADES.find((k) => k.value === c.cascade)?.text ?? c.cascade).replace(/^The /, 'the ').toLowerCase()}`);
  return words.length ? `passed on: ${words.join(', ')}` : 'not passed on by any body yet';
}

/**
 * The to-do page's lists from its document: briefings with how far they went, alignment
 * requests with their due tags, the conflicts on which the body can act now (an action
 * other than commenting: acknowledging as a party, starting or escalating resolution), and
 * the programmes the body takes part in (where it may record recognition).
 */
export function toDoList(data: MyBody, today: string) {
  const organisation = data.organisation;
  const briefings = organisation.briefingAcknowledgement.unacknowledged.nodes.map((b) => ({ ...b, cascaded: cascadeSummary(b.acknowledgementCounts.byCascade) }));
  const requests = organisation.alignmentRequestsReceived.nodes.map((r) => ({ ...r, tag: dueTag(r.responseDueOn, r.responseOverdue, today) }));
  const conflicts = data.conflicts.nodes.filter((c) => c.allowedActions.some((a) => a !== 'COMMENT'));
  const programmes = data.localities.nodes.flatMap((l) =>
    l.programmes.filter((p) => p.participants.some((o) => o.id === organisation.id)).map((p) => ({ id: p.id, name: p.name, status: p.status, locality: l.name })),
  );
  return {
    organisation,
    briefings,
    unacknowledgedCount: organisation.briefingAcknowledgement.unacknowledgedCount,
    requests,
    moreRequests: organisation.alignmentRequestsReceived.pageInfo,
    nominations: organisation.nominationsToEndorse,
    conflicts,
    moreConflicts: data.conflicts.pageInfo,
    localities: data.localities.nodes,
    programmes,
  };
}
