import { MAX_STAGE_DAYS, MAX_STAGES } from '@joinedup/conflicts';
import { FormReader } from '../manage/form-reader';

/** A stage's name and owner, as the API bounds them (IsName). */
export const MAX_STAGE_TEXT = 200;

/** One row of the stages form, as typed. */
export interface StageRow {
  name: string;
  owner: string;
  days: string;
}

/** A stage as setConflictProcess takes it. */
export interface StageInput {
  name: string;
  owner: string;
  timeLimitDays: number;
}

/** Stages as the API gives them. */
interface Stage {
  name: string;
  owner: string;
  timeLimitDays: number;
}

/**
 * The form's rows: every stage the API allows, so a process of any length can be written
 * without JavaScript; filled from `stages` (the draft, else the agreed version), the rest empty.
 */
export function stageRows(stages: readonly Stage[] = []): StageRow[] {
  return Array.from({ length: MAX_STAGES }, (_, i) => {
    const stage = stages[i];
    return stage ? { name: stage.name, owner: stage.owner, days: String(stage.timeLimitDays) } : { name: '', owner: '', days: '' };
  });
}

/**
 * The stages form's body (`stage-N-name`, `stage-N-owner`, `stage-N-days` for N = 1 to
 * MAX_STAGES): empty rows are left out and the others kept in order; a row begun must be
 * finished, and at least one stage given. The rows as typed come back for the form.
 */
export function readStages(body: Record<string, unknown>): { rows: StageRow[]; stages: StageInput[]; form: FormReader } {
  const form = new FormReader(body);
  const rows: StageRow[] = [];
  const stages: StageInput[] = [];
  for (let n = 1; n <= MAX_STAGES; n++) {
    const id = (field: string) => `stage-${n}-${field}`;
    const row = { name: form.raw(id('name'), MAX_STAGE_TEXT), owner: form.raw(id('owner'), MAX_STAGE_TEXT), days: form.raw(id('days'), 12) };
    rows.push(row);
    if (!row.name && !row.owner && !row.days) continue;
    const name = form.text(id('name'), { what: `the name of stage ${n}`, max: MAX_STAGE_TEXT, example: 'Discussion between the leads' });
    const owner = form.text(id('owner'), { what: `who owns stage ${n}`, max: MAX_STAGE_TEXT, example: 'Partnership coordinator' });
    const days = form.whole(id('days'), { what: `the days stage ${n} may take`, min: 1, max: MAX_STAGE_DAYS });
    if (name && owner && days !== undefined) stages.push({ name, owner, timeLimitDays: days });
  }
  if (rows.every((r) => !r.name && !r.owner && !r.days)) form.fail('stage-1-name', 'Enter at least one stage: its name, who owns it and the days it may take');
  return { rows, stages, form };
}
