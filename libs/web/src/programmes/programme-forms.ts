import { FieldError } from '../health-check/answer-form';
import { DateParts } from '../health-check-rounds/round-form';
import { FormReader } from '../manage/form-reader';
import {
  AgreementRuleKind,
  CreateProgrammeInput,
  DefineRoleInput,
  ProgrammeStatus,
  RequiredCompetencyInput,
  SelectionMethod,
} from '../graphql/generated';

/** A form read: what to show again, its errors, and the API's input once there are none. */
export interface Read<V, I> {
  values: V;
  errors: FieldError[];
  input?: I;
}

const done = <V, I>(form: FormReader, values: V, input: I): Read<V, I> => ({ values, errors: form.errors, input: form.ok ? input : undefined });

/** The bounds the API puts on a programme (CreateProgrammeInput), said once for the form and its reader. */
export const PROGRAMME_BOUNDS = {
  reviewCadenceDays: { min: 7, max: 730, default: 90 },
  leaderTermMonths: { min: 1, max: 60, default: 12 },
  /** Bodies that may oppose under a qualified majority: a locality has at most 40. */
  maxOpposing: { min: 0, max: 40 },
} as const;

export const STATUSES: readonly { value: ProgrammeStatus; text: string }[] = [
  { value: 'DRAFT', text: 'Draft' },
  { value: 'ACTIVE', text: 'Active' },
  { value: 'CLOSED', text: 'Closed' },
];

export const RULE_KINDS: readonly { value: AgreementRuleKind; text: string; hint: string }[] = [
  { value: 'UNANIMOUS', text: 'Every body supports', hint: 'Unanimous: each body taking part must support the leader.' },
  { value: 'QUALIFIED_MAJORITY', text: 'A qualified majority supports', hint: 'A share of the bodies must support; you can also limit how many may oppose.' },
];

export const SELECTION_METHODS: readonly { value: SelectionMethod; text: string; hint: string }[] = [
  { value: 'OPEN_SELECTION', text: 'Open selection', hint: 'Chosen from candidates against the role’s requirements.' },
  { value: 'APPOINTED', text: 'Appointed', hint: 'Appointed by the partnership or a body without an open selection.' },
  { value: 'DEFAULTED', text: 'Held by default', hint: 'For example, it is always the council’s head of service.' },
];

export interface ProgrammeValues {
  name: string;
  purpose: string;
  startsOn: DateParts;
  endsOn: DateParts;
  reviewCadenceDays: string;
  leaderTermMonths: string;
  ruleKind: string;
  supportPercent: string;
  maxOpposing: string;
  participantIds: string[];
}

/** A blank programme form, with the API's defaults filled in. */
export function blankProgramme(): ProgrammeValues {
  const empty = { day: '', month: '', year: '' };
  return {
    name: '',
    purpose: '',
    startsOn: empty,
    endsOn: empty,
    reviewCadenceDays: String(PROGRAMME_BOUNDS.reviewCadenceDays.default),
    leaderTermMonths: String(PROGRAMME_BOUNDS.leaderTermMonths.default),
    ruleKind: 'UNANIMOUS',
    supportPercent: '',
    maxOpposing: '',
    participantIds: [],
  };
}

/**
 * Create a programme: the share that must support is asked as a percentage (66.7 for two
 * thirds) and sent as the API's share to three decimals; participants only from `memberIds`.
 */
export function readProgramme(body: Record<string, unknown>, localityId: string, memberIds: readonly string[]): Read<ProgrammeValues, CreateProgrammeInput> {
  const form = new FormReader(body);
  const name = form.text('name', { what: 'the programme’s name', max: 200, example: 'Warm Homes' });
  const purpose = form.text('purpose', { what: 'its purpose', max: 2000, required: false });
  const startsOn = form.day('startsOn', 'the day it starts', false);
  const endsOn = form.day('endsOn', 'the day it ends', false);
  if (startsOn && endsOn && endsOn < startsOn) form.fail('endsOn-day', 'Enter a day it ends that is not before the day it starts');
  const { reviewCadenceDays: cadence, leaderTermMonths: term, maxOpposing: opposing } = PROGRAMME_BOUNDS;
  const reviewCadenceDays = form.whole('reviewCadenceDays', { what: 'the days between reviews', min: cadence.min, max: cadence.max });
  const leaderTermMonths = form.whole('leaderTermMonths', { what: 'the leader’s term in months', min: term.min, max: term.max });
  const ruleKind = form.choice('ruleKind', RULE_KINDS, 'how a leader is agreed');
  const majority = ruleKind === 'QUALIFIED_MAJORITY';
  const percent = majority ? form.decimal('supportPercent', { what: 'the share of bodies that must support, in per cent', min: 1, max: 100 }) : undefined;
  const maxOpposing = majority ? form.whole('maxOpposing', { what: 'the most bodies that may oppose', min: opposing.min, max: opposing.max, required: false }) : undefined;
  const participantIds = form.many('participantIds', memberIds, 'the bodies taking part', { max: 40 });
  const values: ProgrammeValues = {
    name,
    purpose,
    startsOn: form.dateParts('startsOn'),
    endsOn: form.dateParts('endsOn'),
    reviewCadenceDays: form.raw('reviewCadenceDays', 12),
    leaderTermMonths: form.raw('leaderTermMonths', 12),
    ruleKind: ruleKind ?? '',
    supportPercent: form.raw('supportPercent', 24),
    maxOpposing: form.raw('maxOpposing', 12),
    participantIds,
  };
  const agreementRule = majority
    ? { kind: 'QUALIFIED_MAJORITY' as const, supportThreshold: Math.round((percent ?? 0) * 10) / 1000, maxOpposing: maxOpposing ?? null }
    : { kind: 'UNANIMOUS' as const };
  return done(form, values, {
    localityId,
    name,
    purpose: purpose || null,
    startsOn: startsOn ?? null,
    endsOn: endsOn ?? null,
    reviewCadenceDays: reviewCadenceDays!,
    leaderTermMonths: leaderTermMonths!,
    agreementRule,
    participantIds,
  });
}

/** One id chosen from a list the page offered (a body, a person): `name` is the field, `what` completes "Select …". */
export function readChoice(body: Record<string, unknown>, name: string, allowed: readonly string[], what: string): Read<Record<string, string>, string> {
  const form = new FormReader(body);
  const id = form.id(name, what);
  if (id && !allowed.includes(id)) form.fail(name, `Select ${what}`);
  return done(form, { [name]: form.raw(name, 36) }, id!);
}

/** A change of status, to one the page offered. */
export function readStatus(body: Record<string, unknown>, offered: readonly { value: ProgrammeStatus }[]): Read<{ status: string }, ProgrammeStatus> {
  const form = new FormReader(body);
  const status = form.choice('status', offered, 'the programme’s new status');
  return done(form, { status: status ?? '' }, status!);
}

/** A reason in field `name`, required or not (at most 2000 characters, as the API bounds them). */
export function readReason(body: Record<string, unknown>, name: string, what: string, required: boolean): Read<Record<string, string>, string | null> {
  const form = new FormReader(body);
  const reason = form.text(name, { what, max: 2000, required });
  return done(form, { [name]: reason }, reason || null);
}

/** How many required competencies the role form offers (the API takes up to 20). */
export const COMPETENCY_ROWS = 5;
export const LEVELS = [1, 2, 3, 4, 5].map((level) => ({ value: String(level), text: `Level ${level}` }));

export interface RoleValues {
  title: string;
  responsibilities: string;
  requiredForProgramme: boolean;
  competencies: { name: string; level: string }[];
}

/** The role form's values: blank, or a role's own for changing it. */
export function roleValues(role?: { title: string; responsibilities?: string | null; requiredForProgramme: boolean; requiredCompetencies: RequiredCompetencyInput[] }): RoleValues {
  const rows = Array.from({ length: COMPETENCY_ROWS }, (_, i) => {
    const c = role?.requiredCompetencies[i];
    return { name: c?.name ?? '', level: c ? String(c.minLevel) : '' };
  });
  return { title: role?.title ?? '', responsibilities: role?.responsibilities ?? '', requiredForProgramme: role?.requiredForProgramme ?? false, competencies: rows };
}

/**
 * Define or change a role: title, responsibilities, whether the programme needs it, and up
 * to COMPETENCY_ROWS required competencies, each named as in the registry (`known`) with a
 * minimum level; a row left empty is no requirement.
 */
export function readRole(body: Record<string, unknown>, known: readonly string[]): Read<RoleValues, Omit<DefineRoleInput, 'programmeId'>> {
  const form = new FormReader(body);
  const title = form.text('title', { what: 'the role’s title', max: 200, example: 'Data lead' });
  const responsibilities = form.text('responsibilities', { what: 'its responsibilities', max: 4000, required: false });
  const requiredForProgramme = form.raw('requiredForProgramme', 3) === 'yes';
  const competencies: RoleValues['competencies'] = [];
  const requiredCompetencies: RequiredCompetencyInput[] = [];
  for (let i = 1; i <= COMPETENCY_ROWS; i++) {
    const name = form.raw(`competency-${i}`, 100);
    const level = form.raw(`level-${i}`, 1);
    competencies.push({ name, level });
    if (!name && !level) continue;
    const chosen = known.find((k) => k === name);
    if (!chosen) form.fail(`competency-${i}`, `Select competency ${i} from those the registry holds`);
    else if (requiredCompetencies.some((c) => c.name.toLowerCase() === chosen.toLowerCase())) form.fail(`competency-${i}`, `Select ${chosen} once only`);
    const minLevel = form.whole(`level-${i}`, { what: `the level competency ${i} needs`, min: 1, max: 5 });
    if (chosen && minLevel) requiredCompetencies.push({ name: chosen, minLevel });
  }
  return done(form, { title, responsibilities, requiredForProgramme, competencies }, { title, responsibilities: responsibilities || null, requiredForProgramme, requiredCompetencies });
}

export interface AssignValues {
  personId: string;
  selectionMethod: string;
  rationale: string;
}

/** Assign a role: a person the page offered, how they were chosen, and why (required unless by open selection). */
export function readAssignment(body: Record<string, unknown>, candidateIds: readonly string[]): Read<AssignValues, { personId: string; selectionMethod: SelectionMethod; rationale: string | null }> {
  const form = new FormReader(body);
  const personId = form.id('personId', 'who will hold the role');
  if (personId && !candidateIds.includes(personId)) form.fail('personId', 'Select who will hold the role from the people of the bodies taking part');
  const selectionMethod = form.choice('selectionMethod', SELECTION_METHODS, 'how they were chosen');
  const open = selectionMethod === 'OPEN_SELECTION';
  const rationale = form.text('rationale', { what: 'why this person holds the role', max: 2000, required: !!selectionMethod && !open });
  const values = { personId: form.raw('personId', 36), selectionMethod: selectionMethod ?? '', rationale };
  return done(form, values, { personId: personId!, selectionMethod: selectionMethod!, rationale: rationale || null });
}
