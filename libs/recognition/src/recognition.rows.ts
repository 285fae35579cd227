import { visibilityList } from './recognition.rules';
import { MilestoneContributorType, MilestoneType, RecognitionType } from './recognition.types';

/** Prefixes every column of a COLUMNS list with a table alias. */
export const qualified = (alias: string, columns: string): string =>
  columns
    .split(',')
    .map((c) => `${alias}.${c.trim()}`)
    .join(', ');

/**
 * SQL of a milestone `alias`: overdue when its due date is past (before today) and it is not
 * achieved; an achieved milestone is never overdue but keeps how late it was achieved. Counted
 * in the database's calendar, the one its dates are in.
 */
export const milestoneOverdue = (alias: string): string => `(${alias}.achieved_on is null and current_date > ${alias}.due_on)`;
/** SQL of a milestone `alias`: days past its due date, until today while not achieved, until it was once achieved; 0 if not past. */
export const milestoneDaysOverdue = (alias: string): string => `greatest(0, coalesce(${alias}.achieved_on, current_date) - ${alias}.due_on)`;

/** A milestone, with the database's today and how it stands against its due date. */
export interface MilestoneRow {
  id: string;
  programme_id: string;
  name: string;
  due_on: string;
  achieved_on: string | null;
  achieved_by_user_id: string | null;
  today: string;
  overdue: boolean;
  days_overdue: number;
}
export const MILESTONE_COLUMNS = 'id, programme_id, name, due_on, achieved_on, achieved_by_user_id';
/** MILESTONE_COLUMNS, today and the timing, for a statement on milestone alone. */
export const MILESTONE_SELECT = `${MILESTONE_COLUMNS}, current_date as today, ${milestoneOverdue('milestone')} as overdue,
  ${milestoneDaysOverdue('milestone')} as days_overdue`;
/**
 * Milestone rows as a table, with MILESTONE_SELECT's today and timing (and the tenant): where
 * JsonReads says Milestone rows live, so that a milestone read by id or as a programme's is
 * mapped by toMilestone whichever path reads it.
 */
export const MILESTONE_ROWS = `(select milestone.*, current_date as today, ${milestoneOverdue('milestone')} as overdue,
  ${milestoneDaysOverdue('milestone')} as days_overdue from milestone)`;
export const toMilestone = (r: MilestoneRow): MilestoneType => ({
  id: r.id,
  programmeId: r.programme_id,
  name: r.name,
  dueOn: r.due_on,
  achievedOn: r.achieved_on,
  achieved: r.achieved_on !== null,
  overdue: r.overdue,
  daysOverdue: r.days_overdue,
  achievedByUserId: r.achieved_by_user_id,
});

/** SQL of a milestone contributor `alias`: a recognition for the milestone credits the organisation. */
export const contributorRecognised = (alias: string): string =>
  `exists (select 1 from recognition r where r.tenant_id = ${alias}.tenant_id and r.milestone_id = ${alias}.milestone_id
                                         and r.recipient_organisation_id = ${alias}.organisation_id)`;

/** Milestone contributor rows as a table, each with whether it was recognised (contributorRecognised). */
export const CONTRIBUTOR_ROWS = `(select milestone_contributor.*, ${contributorRecognised('milestone_contributor')} as recognised
  from milestone_contributor)`;

export interface ContributorRow {
  milestone_id: string;
  organisation_id: string;
  recognised: boolean;
}
export const toContributor = (r: ContributorRow): MilestoneContributorType => ({
  milestoneId: r.milestone_id,
  organisationId: r.organisation_id,
  recognised: r.recognised,
});

export interface RecognitionRow {
  id: string;
  programme_id: string;
  milestone_id: string | null;
  credited_person_id: string | null;
  credited_organisation_id: string | null;
  recipient_organisation_id: string;
  reason: string;
  given_by_person_id: string | null;
  given_by_organisation_id: string | null;
  giver_organisation_id: string;
  given_on: string;
  visible_on_partnership_board: boolean;
  visible_in_own_organisation: boolean;
  visible_publicly: boolean;
  recorded_on: string;
  recorded_by_user_id: string;
}
export const RECOGNITION_COLUMNS = `id, programme_id, milestone_id, credited_person_id, credited_organisation_id, recipient_organisation_id,
  reason, given_by_person_id, given_by_organisation_id, giver_organisation_id, given_on, visible_on_partnership_board,
  visible_in_own_organisation, visible_publicly, recorded_on, recorded_by_user_id`;
export const toRecognition = (r: RecognitionRow): RecognitionType => ({
  id: r.id,
  programmeId: r.programme_id,
  milestoneId: r.milestone_id,
  creditedPersonId: r.credited_person_id,
  creditedOrganisationId: r.credited_organisation_id,
  recipientOrganisationId: r.recipient_organisation_id,
  reason: r.reason,
  givenByPersonId: r.given_by_person_id,
  givenByOrganisationId: r.given_by_organisation_id,
  giverOrganisationId: r.giver_organisation_id,
  givenOn: r.given_on,
  visibleIn: visibilityList({
    partnershipBoard: r.visible_on_partnership_board,
    ownOrganisation: r.visible_in_own_organisation,
    publicly: r.visible_publicly,
  }),
  visibleInOwnOrganisation: r.visible_in_own_organisation,
  recordedOn: r.recorded_on,
  recordedByUserId: r.recorded_by_user_id,
});
