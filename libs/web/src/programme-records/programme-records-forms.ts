import type { AlignmentKind, AlignmentStatus } from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { DateParts } from '../health-check-rounds/round-form';
import { FormReader } from '../manage/form-reader';
import { MAX_ALIGNMENT_TEXT, MAX_TITLE } from '../member/member-forms';

/** What a body may be asked to adapt, as the API names it. */
export const ALIGNMENT_KINDS = [
  { value: 'REFERRAL_PROCESS', text: 'A referral process' },
  { value: 'DATA_SHARING', text: 'Data sharing' },
  { value: 'IT_SYSTEM', text: 'An IT system' },
  { value: 'POLICY', text: 'A policy' },
  { value: 'WORKFORCE', text: 'Workforce' },
  { value: 'BUDGET', text: 'A budget' },
  { value: 'OTHER', text: 'Something else' },
] as const satisfies readonly { value: AlignmentKind; text: string }[];

/** An alignment request's status in words, in lifecycle order (the filter's order too). */
export const ALIGNMENT_STATUSES = [
  { value: 'REQUESTED', text: 'Waiting for an answer' },
  { value: 'AGREED', text: 'Agreed' },
  { value: 'ADAPTED', text: 'Adapted' },
  { value: 'DECLINED', text: 'Declined' },
  { value: 'WITHDRAWN', text: 'Withdrawn' },
] as const satisfies readonly { value: AlignmentStatus; text: string }[];

/** As the API allows a briefing's summary and link (libs/briefings); titles and names are MAX_TITLE. */
const MAX_SUMMARY = 5000;
const MAX_LINK = 2000;

const NO_DAY: DateParts = { day: '', month: '', year: '' };

/** A form read: what was typed (to show again), its errors, and the API's input when there are none. */
export interface Read<V, I> {
  values: V;
  errors: FieldError[];
  input?: I;
}

function finish<V, I>(form: FormReader, values: V, input: () => I): Read<V, I> {
  return form.ok ? { values, errors: [], input: input() } : { values, errors: form.errors };
}

export interface BriefingValues {
  title: string;
  summary: string;
  link: string;
  issuedOn: DateParts;
}

export const EMPTY_BRIEFING: BriefingValues = { title: '', summary: '', link: '', issuedOn: NO_DAY };

/** Issue a briefing: title, summary, an optional https link and day (today when empty; the API refuses a future day). */
export function readBriefing(body: Record<string, unknown>): Read<BriefingValues, { title: string; summary: string; link: string | null; issuedOn: string | null }> {
  const form = new FormReader(body);
  const title = form.text('title', { what: 'a title for the briefing', max: MAX_TITLE });
  const summary = form.text('summary', { what: 'what the bodies taking part should know', max: MAX_SUMMARY });
  const link = form.link('link', { what: 'the link to the full briefing', max: MAX_LINK });
  const issuedOn = form.day('issuedOn', 'the day it was issued', false);
  const values = { title, summary, link, issuedOn: form.dateParts('issuedOn') };
  return finish(form, values, () => ({ title, summary, link: link || null, issuedOn: issuedOn ?? null }));
}

export interface AlignmentValues {
  requestingOrganisationId: string;
  targetOrganisationId: string;
  kind: string;
  title: string;
  description: string;
  responseDueOn: DateParts;
}

export const EMPTY_ALIGNMENT: AlignmentValues = { requestingOrganisationId: '', targetOrganisationId: '', kind: '', title: '', description: '', responseDueOn: NO_DAY };

/**
 * Request alignment on behalf of a body taking part: which body asks which other to adapt
 * what, and by when it should answer (the API judges the day: today or later).
 */
export function readAlignmentRequest(
  body: Record<string, unknown>,
  participantIds: readonly string[],
): Read<AlignmentValues, { requestingOrganisationId: string; targetOrganisationId: string; kind: AlignmentKind; title: string; description: string; responseDueOn: string }> {
  const form = new FormReader(body);
  const bodies = participantIds.map((value) => ({ value }));
  const requestingOrganisationId = form.choice('requestingOrganisationId', bodies, 'the body asking');
  const targetOrganisationId = form.choice('targetOrganisationId', bodies, 'the body asked to adapt');
  if (requestingOrganisationId && requestingOrganisationId === targetOrganisationId) form.fail('targetOrganisationId', 'Select a body other than the one asking');
  const kind = form.choice('kind', ALIGNMENT_KINDS, 'what is to be adapted');
  const title = form.text('title', { what: 'what to adapt', max: MAX_TITLE, example: 'Use the shared referral form for hospital discharges' });
  const description = form.text('description', { what: 'how, and which partner’s system or process to align with', max: MAX_ALIGNMENT_TEXT });
  const responseDueOn = form.day('responseDueOn', 'the day the answer is due');
  const values: AlignmentValues = {
    requestingOrganisationId: form.raw('requestingOrganisationId', 36),
    targetOrganisationId: form.raw('targetOrganisationId', 36),
    kind: form.raw('kind', 30),
    title,
    description,
    responseDueOn: form.dateParts('responseDueOn'),
  };
  return finish(form, values, () => ({ requestingOrganisationId: requestingOrganisationId!, targetOrganisationId: targetOrganisationId!, kind: kind!, title, description, responseDueOn: responseDueOn! }));
}

/** Withdraw a request: why (required; the API keeps it with the request). */
export function readWithdrawal(body: Record<string, unknown>): Read<{ reason: string }, { reason: string }> {
  const form = new FormReader(body);
  const reason = form.text('reason', { what: 'why the request is withdrawn', max: MAX_ALIGNMENT_TEXT });
  return finish(form, { reason }, () => ({ reason }));
}

export interface MilestoneValues {
  name: string;
  dueOn: DateParts;
  contributorIds: string[];
}

export const EMPTY_MILESTONE: MilestoneValues = { name: '', dueOn: NO_DAY, contributorIds: [] };

/** A milestone as the change form shows it first (the day's parts without leading zeros, as people type them). */
export function milestoneValues(m: { name: string; dueOn: string; contributors: { organisation: { id: string } }[] }): MilestoneValues {
  const [year, month, day] = m.dueOn.split('-');
  return { name: m.name, dueOn: { day: String(Number(day)), month: String(Number(month)), year }, contributorIds: m.contributors.map((c) => c.organisation.id) };
}

/** Add or change a milestone: its name, due day and the bodies taking part that contribute (none or more). */
export function readMilestone(body: Record<string, unknown>, participantIds: readonly string[]): Read<MilestoneValues, { name: string; dueOn: string; contributorIds: string[] }> {
  const form = new FormReader(body);
  const name = form.text('name', { what: 'the milestone’s name', max: MAX_TITLE, example: 'First 100 homes insulated' });
  const dueOn = form.day('dueOn', 'the day it is due');
  const contributorIds = form.many('contributorIds', participantIds, 'contributing bodies');
  return finish(form, { name, dueOn: form.dateParts('dueOn'), contributorIds }, () => ({ name, dueOn: dueOn!, contributorIds }));
}

/** Mark a milestone achieved: the day (today when empty; the API refuses a future day). */
export function readAchieved(body: Record<string, unknown>): Read<{ achievedOn: DateParts }, { achievedOn: string | null }> {
  const form = new FormReader(body);
  const achievedOn = form.day('achievedOn', 'the day it was achieved', false);
  return finish(form, { achievedOn: form.dateParts('achievedOn') }, () => ({ achievedOn: achievedOn ?? null }));
}
