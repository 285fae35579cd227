import { AgreementRuleKind, EndorsementPosition } from './agreement';
import {
  EndorsementType,
  LeaderReconfirmationType,
  NominationKind,
  NominationStatus,
  NominationType,
  ProgrammeLeaderType,
  ProgrammeStatus,
  ProgrammeType,
  ReconfirmationOutcome,
} from './programme.types';

export interface ProgrammeRow {
  id: string;
  locality_id: string;
  name: string;
  purpose: string | null;
  status: ProgrammeStatus;
  starts_on: string | null;
  ends_on: string | null;
  review_cadence_days: number;
  agreement_rule: AgreementRuleKind;
  support_threshold: string | null;
  max_opposing: number | null;
  leader_term_months: number;
}
export const PROGRAMME_COLUMNS = `id, locality_id, name, purpose, status, starts_on, ends_on, review_cadence_days,
  agreement_rule, support_threshold, max_opposing, leader_term_months`;
export const toProgramme = (r: ProgrammeRow): ProgrammeType => ({
  id: r.id,
  localityId: r.locality_id,
  name: r.name,
  purpose: r.purpose,
  status: r.status,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  reviewCadenceDays: r.review_cadence_days,
  agreementRule: {
    kind: r.agreement_rule,
    supportThreshold: r.support_threshold === null ? null : Number(r.support_threshold),
    maxOpposing: r.max_opposing,
  },
  leaderTermMonths: r.leader_term_months,
});

export interface NominationRow {
  id: string;
  programme_id: string;
  person_id: string;
  kind: NominationKind;
  leader_id: string | null;
  status: NominationStatus;
  nominated_by_user_id: string;
  nominated_at: Date;
  decided_at: Date | null;
}
export const NOMINATION_COLUMNS =
  'id, programme_id, person_id, kind, leader_id, status, nominated_by_user_id, nominated_at, decided_at';
export const toNomination = (r: NominationRow): NominationType => ({
  id: r.id,
  programmeId: r.programme_id,
  personId: r.person_id,
  kind: r.kind,
  leaderId: r.leader_id,
  status: r.status,
  nominatedByUserId: r.nominated_by_user_id,
  nominatedAt: r.nominated_at,
  decidedAt: r.decided_at,
});

export interface EndorsementRow {
  id: string;
  nomination_id: string;
  organisation_id: string;
  position: EndorsementPosition;
  comment: string | null;
  endorsed_by_user_id: string;
  endorsed_at: Date;
}
export const ENDORSEMENT_COLUMNS = 'id, nomination_id, organisation_id, position, comment, endorsed_by_user_id, endorsed_at';
export const toEndorsement = (r: EndorsementRow): EndorsementType => ({
  id: r.id,
  nominationId: r.nomination_id,
  organisationId: r.organisation_id,
  position: r.position,
  comment: r.comment,
  endorsedByUserId: r.endorsed_by_user_id,
  endorsedAt: r.endorsed_at,
});

export interface LeaderRow {
  id: string;
  programme_id: string;
  person_id: string;
  nomination_id: string;
  agreed_at: Date;
  reconfirm_by: string;
  stepped_down_at: Date | null;
  step_down_reason: string | null;
}
export const LEADER_COLUMNS = 'id, programme_id, person_id, nomination_id, agreed_at, reconfirm_by, stepped_down_at, step_down_reason';
export const toLeader = (r: LeaderRow): ProgrammeLeaderType => ({
  id: r.id,
  personId: r.person_id,
  nominationId: r.nomination_id,
  agreedAt: r.agreed_at,
  reconfirmBy: r.reconfirm_by,
  steppedDownAt: r.stepped_down_at,
  stepDownReason: r.step_down_reason,
});

export interface ReconfirmationRow {
  id: string;
  leader_id: string;
  nomination_id: string;
  outcome: ReconfirmationOutcome;
  due_on: string;
  decided_at: Date;
  reconfirmed_at: Date | null;
  next_reconfirm_by: string | null;
}
export const RECONFIRMATION_COLUMNS =
  'id, leader_id, nomination_id, outcome, due_on, decided_at, reconfirmed_at, next_reconfirm_by';
export const toReconfirmation = (r: ReconfirmationRow): LeaderReconfirmationType => ({
  id: r.id,
  leaderId: r.leader_id,
  nominationId: r.nomination_id,
  outcome: r.outcome,
  dueOn: r.due_on,
  decidedAt: r.decided_at,
  reconfirmedAt: r.reconfirmed_at,
  nextReconfirmBy: r.next_reconfirm_by,
});
