import { MAX_CONFLICT_TEXT } from '@joinedup/conflicts';
import { dayOf, instantOf } from '../dates';
import type { ConflictAction, ConflictEventKind, WebManageConflictQuery } from '../graphql/generated';
import { FormReader } from '../manage/form-reader';
import { CONFLICT_ACTIONS } from '../member/member-forms';

/** What a coordinator may do to a conflict, in lifecycle order: the member bodies' actions, then recording how it ended, and commenting. */
export const MANAGER_ACTIONS = [
  ...CONFLICT_ACTIONS,
  { value: 'RESOLVE', text: 'Resolve it: record the outcome' },
  { value: 'CLOSE_UNRESOLVED', text: 'Close it unresolved: record why' },
  { value: 'COMMENT', text: 'Add a comment to its history' },
] as const satisfies readonly { value: ConflictAction; text: string }[];

export type ManagerAction = (typeof MANAGER_ACTIONS)[number]['value'];

/** The actions whose text is required, and what the error asks for. */
const TEXT_REQUIRED: Partial<Record<ManagerAction, string>> = {
  RESOLVE: 'how the conflict was resolved',
  CLOSE_UNRESOLVED: 'why it is closed without a resolution',
  COMMENT: 'your comment',
};

export interface ActionValues {
  action?: ManagerAction;
  note: string;
}

/**
 * The action form's body: one of the coordinator's actions and its text (required for an
 * outcome, a reason or a comment; an optional note otherwise). Whether the action is
 * allowed now is the API's to say, so a stale page gets its words.
 */
export function readManagerAction(body: Record<string, unknown>): { values: ActionValues; form: FormReader } {
  const form = new FormReader(body);
  const action = form.choice('action', MANAGER_ACTIONS, 'what you do about the conflict');
  const required = action && TEXT_REQUIRED[action];
  const note = form.text('note', { what: required || 'a note', max: MAX_CONFLICT_TEXT, required: !!required });
  return { values: { action, note }, form };
}

/** The actions to offer: those the API allows the caller now, the one chosen checked. */
export const offeredActions = (allowed: readonly string[], chosen?: string) =>
  MANAGER_ACTIONS.filter((a) => allowed.includes(a.value)).map((a) => ({ ...a, checked: a.value === chosen }));

const EVENT_WORDS: Record<ConflictEventKind, string> = {
  RAISED: 'Raised',
  ACKNOWLEDGED: 'Acknowledged',
  RESOLUTION_STARTED: 'Resolution started',
  ESCALATED: 'Escalated',
  RESOLVED: 'Resolved',
  CLOSED_UNRESOLVED: 'Closed unresolved',
  COMMENTED: 'Comment',
};

type HistoryEntry = WebManageConflictQuery['conflict']['history'][number];

/** Who did it, as far as the caller may know: a body's representative, you, or staff. */
export function actorOf(entry: { actorUserId: string | null; actorOrganisation: { name: string } | null }, viewerId: string): string {
  if (entry.actorOrganisation) return ` by ${entry.actorOrganisation.name}`;
  if (!entry.actorUserId) return '';
  return entry.actorUserId === viewerId ? ' by you' : ' by a coordinator or administrator';
}

/** The history, oldest first, each entry in words with when, and its note (empty when the API withholds it). */
export function historyLines(history: readonly HistoryEntry[], viewerId: string): { what: string; when: string; note: string | null }[] {
  return history.map((e) => {
    const entered = (e.kind === 'RESOLUTION_STARTED' || e.kind === 'ESCALATED') && e.stage ? `: stage ${e.stage}${e.stageDueOn ? `, due ${dayOf(e.stageDueOn)}` : ''}` : '';
    return { what: `${EVENT_WORDS[e.kind]}${actorOf(e, viewerId)}${entered}`, when: instantOf(e.occurredAt), note: e.note };
  });
}

/** Who recorded a process's agreement, as far as the caller may know. */
export const recordedBy = (userId: string | null, viewerId: string): string =>
  !userId ? '' : userId === viewerId ? 'you' : 'a coordinator or administrator';
