import { listedWithAnd } from '@joinedup/access';

/**
 * The conflict lifecycle as a pure state machine: which action is legal in which state,
 * where it leads, and who may take it. The service asks it before every change, and the
 * database's trigger on `conflict` refuses the same illegal moves a second time.
 *
 *   OPEN ─acknowledge→ ACKNOWLEDGED ─startResolution→ IN_RESOLUTION (stage 1)
 *   IN_RESOLUTION (stage n) ─escalate→ IN_RESOLUTION (stage n + 1), up to the last stage
 *   ACKNOWLEDGED | IN_RESOLUTION ─resolve→ RESOLVED, ─closeUnresolved→ CLOSED_UNRESOLVED
 *   comment: any state before it is closed
 */

export enum ConflictStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  IN_RESOLUTION = 'IN_RESOLUTION',
  RESOLVED = 'RESOLVED',
  CLOSED_UNRESOLVED = 'CLOSED_UNRESOLVED',
}

export enum ConflictAction {
  ACKNOWLEDGE = 'ACKNOWLEDGE',
  START_RESOLUTION = 'START_RESOLUTION',
  ESCALATE = 'ESCALATE',
  RESOLVE = 'RESOLVE',
  CLOSE_UNRESOLVED = 'CLOSE_UNRESOLVED',
  COMMENT = 'COMMENT',
}

/** Where a conflict stands: its status, and its stage of the process version it started under. */
export interface ConflictState {
  status: ConflictStatus;
  /** 1-based; null before resolution starts. */
  currentStage: number | null;
  /** Stages of the process version the conflict started under; null before resolution starts. */
  stageCount: number | null;
}

/** Who is acting, relative to the conflict. */
export interface ConflictActor {
  /** A coordinator or tenant administrator. */
  manager: boolean;
  /** A representative of the raising organisation. */
  raiser: boolean;
  /** A representative of one of the other parties. */
  party: boolean;
}

export type Transition =
  | { ok: true; status: ConflictStatus; stage: number | null }
  | { ok: false; message: string };

const CLOSED = [ConflictStatus.RESOLVED, ConflictStatus.CLOSED_UNRESOLVED];

export const isClosed = (status: ConflictStatus): boolean => CLOSED.includes(status);

/** The actions the state allows, whoever asks, in lifecycle order. */
export function allowedActions(state: ConflictState): ConflictAction[] {
  switch (state.status) {
    case ConflictStatus.OPEN:
      return [ConflictAction.ACKNOWLEDGE, ConflictAction.COMMENT];
    case ConflictStatus.ACKNOWLEDGED:
      return [ConflictAction.START_RESOLUTION, ConflictAction.RESOLVE, ConflictAction.CLOSE_UNRESOLVED, ConflictAction.COMMENT];
    case ConflictStatus.IN_RESOLUTION:
      return [
        ...(hasNextStage(state) ? [ConflictAction.ESCALATE] : []),
        ConflictAction.RESOLVE,
        ConflictAction.CLOSE_UNRESOLVED,
        ConflictAction.COMMENT,
      ];
    default:
      return [];
  }
}

/** Where `action` leads from `state`, or why it may not be taken now (with what may). */
export function transition(state: ConflictState, action: ConflictAction): Transition {
  if (!allowedActions(state).includes(action)) return { ok: false, message: refusal(state, action) };
  switch (action) {
    case ConflictAction.ACKNOWLEDGE:
      return { ok: true, status: ConflictStatus.ACKNOWLEDGED, stage: null };
    case ConflictAction.START_RESOLUTION:
      return { ok: true, status: ConflictStatus.IN_RESOLUTION, stage: 1 };
    case ConflictAction.ESCALATE:
      return { ok: true, status: ConflictStatus.IN_RESOLUTION, stage: (state.currentStage ?? 0) + 1 };
    case ConflictAction.RESOLVE:
      return { ok: true, status: ConflictStatus.RESOLVED, stage: state.currentStage };
    case ConflictAction.CLOSE_UNRESOLVED:
      return { ok: true, status: ConflictStatus.CLOSED_UNRESOLVED, stage: state.currentStage };
    case ConflictAction.COMMENT:
      return { ok: true, status: state.status, stage: state.currentStage };
  }
}

/**
 * Whether this actor may take the action at all (the state is checked separately).
 * Acknowledging is for a coordinator or another party (not the raiser, who cannot
 * acknowledge their own complaint); either side may move the conflict into and up the
 * process; recording how it ended is for coordinators.
 */
export function mayTake(actor: ConflictActor, action: ConflictAction): boolean {
  if (actor.manager) return true;
  switch (action) {
    case ConflictAction.ACKNOWLEDGE:
      return actor.party;
    case ConflictAction.START_RESOLUTION:
    case ConflictAction.ESCALATE:
    case ConflictAction.COMMENT:
      return actor.party || actor.raiser;
    case ConflictAction.RESOLVE:
    case ConflictAction.CLOSE_UNRESOLVED:
      return false;
  }
}

/** Why an actor may not take the action, for the FORBIDDEN message: it names the bodies that may. */
export function notAllowedMessage(action: ConflictAction, bodies: { raiser: string; parties: string[] }): string {
  const only = 'Only coordinators, tenant administrators and representatives of';
  switch (action) {
    case ConflictAction.ACKNOWLEDGE:
      return `${only} ${listedWithAnd(bodies.parties)}, ${bodies.parties.length === 1 ? 'the party' : 'the parties'} it was raised against, can acknowledge it.`;
    case ConflictAction.RESOLVE:
    case ConflictAction.CLOSE_UNRESOLVED:
      return 'Only coordinators and tenant administrators can record how a conflict ended.';
    case ConflictAction.START_RESOLUTION:
      return `${only} ${listedWithAnd([bodies.raiser, ...bodies.parties])}, the bodies involved, can start its resolution.`;
    case ConflictAction.ESCALATE:
      return `${only} ${listedWithAnd([bodies.raiser, ...bodies.parties])}, the bodies involved, can escalate it.`;
    case ConflictAction.COMMENT:
      return `${only} ${listedWithAnd([bodies.raiser, ...bodies.parties])}, the bodies involved, can comment on it.`;
  }
}

const hasNextStage = (state: ConflictState): boolean =>
  state.currentStage !== null && state.stageCount !== null && state.currentStage < state.stageCount;

const ACTION_WORDS: Record<ConflictAction, string> = {
  ACKNOWLEDGE: 'acknowledge it',
  START_RESOLUTION: 'start resolution',
  ESCALATE: 'escalate it to the next stage',
  RESOLVE: 'resolve it',
  CLOSE_UNRESOLVED: 'close it unresolved',
  COMMENT: 'comment',
};

function refusal(state: ConflictState, action: ConflictAction): string {
  const allowed = allowedActions(state).map((a) => ACTION_WORDS[a]);
  const now = allowed.length ? ` Allowed now: ${allowed.join(', ')}.` : '';
  switch (state.status) {
    case ConflictStatus.OPEN:
      return `This conflict is open and has not been acknowledged yet; it must be acknowledged before anything else.${now}`;
    case ConflictStatus.ACKNOWLEDGED:
      return action === ConflictAction.ESCALATE
        ? `This conflict has not entered its resolution process yet, so there is no stage to escalate from.${now}`
        : `This conflict is already acknowledged.${now}`;
    case ConflictStatus.IN_RESOLUTION:
      if (action === ConflictAction.ESCALATE) {
        return `This conflict is at stage ${state.currentStage} of ${state.stageCount}, the last stage of its process; it cannot be escalated further.${now}`;
      }
      return `This conflict is already in resolution, at stage ${state.currentStage} of ${state.stageCount}.${now}`;
    default:
      return `This conflict is closed (${state.status === ConflictStatus.RESOLVED ? 'resolved' : 'closed unresolved'}); nothing more can be done to it.`;
  }
}
