import { ConflictAction, ConflictEventKind, ConflictStatus, mayTake, transition } from '@joinedup/conflicts';
import { COORDINATOR, DEMO_CONFLICT_PROCESSES, DemoConflict, DemoConflictProcess, DemoStage } from './demo-conflicts.data';

/** A version of a demo process: the process, its 1-based number and its stages. */
export interface DemoProcessVersionRef {
  process: DemoConflictProcess;
  version: number;
  stages: DemoStage[];
}

/** An entry of a conflict's history, with its day (offset) and who acted. */
export interface DemoConflictEvent {
  kind: ConflictEventKind;
  from: ConflictStatus | null;
  to: ConflictStatus;
  stage: number | null;
  stageDueOn: number | null;
  note: string | null;
  on: number;
  by: string;
}

/** Where a demo conflict stands after its steps, as the conflicts service would have left it. */
export interface DemoConflictState {
  status: ConflictStatus;
  acknowledged: { on: number; by: string } | null;
  /** The process version it started resolution under. */
  process: DemoProcessVersionRef | null;
  resolutionStartedOn: number | null;
  currentStage: number | null;
  stageStartedOn: number | null;
  stageDueOn: number | null;
  closed: { on: number; by: string } | null;
  outcome: string | null;
  closeReason: string | null;
  events: DemoConflictEvent[];
}

const EVENT_OF: Record<ConflictAction, ConflictEventKind> = {
  ACKNOWLEDGE: ConflictEventKind.ACKNOWLEDGED,
  START_RESOLUTION: ConflictEventKind.RESOLUTION_STARTED,
  ESCALATE: ConflictEventKind.ESCALATED,
  RESOLVE: ConflictEventKind.RESOLVED,
  CLOSE_UNRESOLVED: ConflictEventKind.CLOSED_UNRESOLVED,
  COMMENT: ConflictEventKind.COMMENTED,
};

/**
 * The agreed process version a conflict entering resolution on day `on` follows: the
 * latest version agreed by then of its programme's own process, else of its locality's.
 */
export function applicableProcess(conflict: DemoConflict, on: number): DemoProcessVersionRef | null {
  const latestAgreed = (process: DemoConflictProcess | undefined): DemoProcessVersionRef | null => {
    if (!process) return null;
    for (let i = process.versions.length - 1; i >= 0; i--) {
      const { agreedOn, stages } = process.versions[i];
      if (agreedOn !== undefined && agreedOn <= on) return { process, version: i + 1, stages };
    }
    return null;
  };
  const own = conflict.programme ? DEMO_CONFLICT_PROCESSES.find((p) => p.programme === conflict.programme) : undefined;
  const locality = DEMO_CONFLICT_PROCESSES.find((p) => p.locality === conflict.locality && !p.programme);
  return latestAgreed(own) ?? latestAgreed(locality);
}

/**
 * Replays a demo conflict's steps through the conflict lifecycle (the same state machine
 * and permissions the service applies) and returns the state and history they lead to;
 * throws on a step the service would refuse.
 */
export function conflictTimeline(conflict: DemoConflict): DemoConflictState {
  const state: DemoConflictState = {
    status: ConflictStatus.OPEN,
    acknowledged: null,
    process: null,
    resolutionStartedOn: null,
    currentStage: null,
    stageStartedOn: null,
    stageDueOn: null,
    closed: null,
    outcome: null,
    closeReason: null,
    events: [
      {
        kind: ConflictEventKind.RAISED,
        from: null,
        to: ConflictStatus.OPEN,
        stage: null,
        stageDueOn: null,
        note: null,
        on: conflict.openedOn,
        by: conflict.raisedBy,
      },
    ],
  };
  let previous = conflict.openedOn;
  for (const step of conflict.steps) {
    const what = `"${conflict.title}": ${step.action} on day ${step.on}`;
    if (step.on <= previous) throw new Error(`${what} is not after the step before`);
    previous = step.on;
    const actor = {
      manager: step.by === COORDINATOR,
      raiser: step.by === conflict.raisedBy,
      party: conflict.parties.includes(step.by),
    };
    if (!actor.manager && !actor.raiser && !actor.party) throw new Error(`${what}: ${step.by} is not involved`);
    if (!mayTake(actor, step.action)) throw new Error(`${what}: ${step.by} may not do that`);
    const next = transition(
      { status: state.status, currentStage: state.currentStage, stageCount: state.process?.stages.length ?? null },
      step.action,
    );
    if (!next.ok) throw new Error(`${what}: ${next.message}`);
    if (step.action === ConflictAction.START_RESOLUTION) {
      state.process = applicableProcess(conflict, step.on);
      if (!state.process) throw new Error(`${what}: no agreed process applies`);
      state.resolutionStartedOn = step.on;
    }
    if (step.action === ConflictAction.START_RESOLUTION || step.action === ConflictAction.ESCALATE) {
      state.currentStage = next.stage;
      state.stageStartedOn = step.on;
      state.stageDueOn = step.on + state.process!.stages[next.stage! - 1].timeLimitDays;
    }
    if (step.action === ConflictAction.ACKNOWLEDGE) state.acknowledged = { on: step.on, by: step.by };
    if (step.action === ConflictAction.RESOLVE || step.action === ConflictAction.CLOSE_UNRESOLVED) {
      if (!step.note) throw new Error(`${what} needs the outcome or reason as its note`);
      state.closed = { on: step.on, by: step.by };
      if (step.action === ConflictAction.RESOLVE) state.outcome = step.note;
      else state.closeReason = step.note;
    }
    if (step.action === ConflictAction.COMMENT && !step.note) throw new Error(`${what} needs the comment as its note`);
    state.events.push({
      kind: EVENT_OF[step.action],
      from: state.status,
      to: next.status,
      stage: state.currentStage,
      stageDueOn: state.stageDueOn,
      note: step.note ?? null,
      on: step.on,
      by: step.by,
    });
    state.status = next.status;
  }
  return state;
}
