/**
 * The lifecycle of an alignment request as a pure state machine: which action is legal in
 * which state, where it leads, and who may take it. The service asks it before every
 * change, and the database's trigger on `alignment_request` refuses the same moves again.
 *
 *   REQUESTED ─agree→ AGREED ─recordAdapted→ ADAPTED
 *   REQUESTED ─decline→ DECLINED
 *   REQUESTED | AGREED ─withdraw→ WITHDRAWN
 *
 * Withdrawal is allowed while the request waits for an answer (the requester no longer
 * needs it) and after it was agreed (the agreement fell through), never once it was
 * declined or adapted: those are the target's answers and stay as given. DECLINED,
 * ADAPTED and WITHDRAWN are final.
 */

export enum AlignmentStatus {
  REQUESTED = 'REQUESTED',
  AGREED = 'AGREED',
  DECLINED = 'DECLINED',
  ADAPTED = 'ADAPTED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum AlignmentAction {
  AGREE = 'AGREE',
  DECLINE = 'DECLINE',
  RECORD_ADAPTED = 'RECORD_ADAPTED',
  WITHDRAW = 'WITHDRAW',
}

/** Who is acting, relative to the request. */
export interface AlignmentActor {
  /** A coordinator or tenant administrator. */
  manager: boolean;
  /** A representative of the requesting organisation. */
  requester: boolean;
  /** A representative of the target organisation. */
  target: boolean;
}

export type AlignmentTransition = { ok: true; status: AlignmentStatus } | { ok: false; message: string };

const FINAL = [AlignmentStatus.DECLINED, AlignmentStatus.ADAPTED, AlignmentStatus.WITHDRAWN];

export const isFinal = (status: AlignmentStatus): boolean => FINAL.includes(status);

const NEXT: Record<AlignmentStatus, Partial<Record<AlignmentAction, AlignmentStatus>>> = {
  REQUESTED: {
    AGREE: AlignmentStatus.AGREED,
    DECLINE: AlignmentStatus.DECLINED,
    WITHDRAW: AlignmentStatus.WITHDRAWN,
  },
  AGREED: {
    RECORD_ADAPTED: AlignmentStatus.ADAPTED,
    WITHDRAW: AlignmentStatus.WITHDRAWN,
  },
  DECLINED: {},
  ADAPTED: {},
  WITHDRAWN: {},
};

/** The actions the state allows, whoever asks, in lifecycle order. */
export function allowedActions(status: AlignmentStatus): AlignmentAction[] {
  return Object.values(AlignmentAction).filter((action) => NEXT[status][action] !== undefined);
}

/** Where `action` leads from `status`, or why it may not be taken now (with what may). */
export function transition(status: AlignmentStatus, action: AlignmentAction): AlignmentTransition {
  const next = NEXT[status][action];
  return next ? { ok: true, status: next } : { ok: false, message: refusal(status) };
}

/**
 * Whether this actor may take the action at all (the state is checked separately). The
 * answer and the adaptation are the target organisation's own, and are what its decline
 * rate measures, so only its representatives give them; the requester's representatives
 * withdraw, and so may a coordinator, who may have made the request on its behalf.
 */
export function mayTake(actor: AlignmentActor, action: AlignmentAction): boolean {
  switch (action) {
    case AlignmentAction.AGREE:
    case AlignmentAction.DECLINE:
    case AlignmentAction.RECORD_ADAPTED:
      return actor.target;
    case AlignmentAction.WITHDRAW:
      return actor.requester || actor.manager;
  }
}

/** Why an actor may not take the action, for the FORBIDDEN message: it names the body that may. */
export function notAllowedMessage(action: AlignmentAction, names: { requester: string; target: string }): string {
  return action === AlignmentAction.WITHDRAW
    ? `Only representatives of ${names.requester}, which made the request, coordinators and tenant administrators can withdraw it.`
    : `Only representatives of ${names.target}, to which the request is addressed, can answer it or record that it adapted.`;
}

const ACTION_WORDS: Record<AlignmentAction, string> = {
  AGREE: 'agree to it',
  DECLINE: 'decline it',
  RECORD_ADAPTED: 'record that it was adapted',
  WITHDRAW: 'withdraw it',
};

function refusal(status: AlignmentStatus): string {
  const allowed = allowedActions(status).map((a) => ACTION_WORDS[a]);
  const now = allowed.length ? ` Allowed now: ${allowed.join(', ')}.` : '';
  switch (status) {
    case AlignmentStatus.REQUESTED:
      // The only illegal move from REQUESTED.
      return `This request has not been agreed yet; the target organisation must agree to it before it can record that it adapted.${now}`;
    case AlignmentStatus.AGREED:
      // Agreeing or declining again: the answer is given.
      return `This request has already been answered: it was agreed, and an answer cannot be changed.${now}`;
    case AlignmentStatus.DECLINED:
      return 'This request was declined; nothing more can be done to it. Make a new request if circumstances have changed.';
    case AlignmentStatus.ADAPTED:
      return 'This request is complete: the target organisation has adapted. Nothing more can be done to it.';
    case AlignmentStatus.WITHDRAWN:
      return 'This request was withdrawn; nothing more can be done to it.';
  }
}
