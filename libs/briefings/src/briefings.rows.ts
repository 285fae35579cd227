import { CascadeLevel, summarise } from './briefing-rules';
import {
  BriefingAcknowledgementCountsType,
  BriefingAcknowledgementRecordType,
  BriefingAcknowledgementType,
  BriefingRecipientType,
  BriefingType,
} from './briefings.types';

/** `columns` prefixed with a table alias, for a statement that joins other tables. */
const aliased = (columns: string, alias: string): string =>
  columns
    .split(',')
    .map((c) => `${alias}.${c.trim()}`)
    .join(', ');

export interface BriefingRow {
  id: string;
  programme_id: string;
  title: string;
  summary: string;
  issued_on: string;
  link: string | null;
  issued_by_user_id: string;
  issued_by_organisation_id: string | null;
  issued_at: Date;
  /** The sort key of lists: issued_on, issued_at as text, id. */
  issued_key: string;
}
const BRIEFING_FIELDS = `id, programme_id, title, summary, issued_on, link, issued_by_user_id, issued_by_organisation_id, issued_at`;
export const BRIEFING_COLUMNS = `${BRIEFING_FIELDS}, issued_at::text as issued_key`;
/** BRIEFING_COLUMNS of the briefing aliased `alias`. */
export const briefingColumns = (alias: string): string => `${aliased(BRIEFING_FIELDS, alias)}, ${alias}.issued_at::text as issued_key`;
export const toBriefing = (r: BriefingRow): BriefingType => ({
  id: r.id,
  programmeId: r.programme_id,
  title: r.title,
  summary: r.summary,
  issuedOn: r.issued_on,
  link: r.link,
  issuedByUserId: r.issued_by_user_id,
  issuedByOrganisationId: r.issued_by_organisation_id,
  issuedAt: r.issued_at,
});

export interface AcknowledgementRow {
  id: string;
  briefing_id: string;
  organisation_id: string;
  cascade_level: CascadeLevel;
  note: string | null;
  acknowledged_by_user_id: string;
  acknowledged_at: Date;
}
export const ACKNOWLEDGEMENT_COLUMNS = `id, briefing_id, organisation_id, cascade_level, note, acknowledged_by_user_id, acknowledged_at`;
export const acknowledgementColumns = (alias: string): string => aliased(ACKNOWLEDGEMENT_COLUMNS, alias);
export const toAcknowledgement = (r: AcknowledgementRow): BriefingAcknowledgementType => ({
  id: r.id,
  briefingId: r.briefing_id,
  organisationId: r.organisation_id,
  cascade: r.cascade_level,
  note: r.note,
  acknowledgedByUserId: r.acknowledged_by_user_id,
  acknowledgedAt: r.acknowledged_at,
});

/** A recipient with its current acknowledgement's columns (all empty until it acknowledges). */
export interface RecipientRow {
  briefing_id: string;
  organisation_id: string;
  first_acknowledged_at: Date | null;
  ack_id: string | null;
  ack_cascade_level: CascadeLevel | null;
  ack_note: string | null;
  ack_by_user_id: string | null;
  ack_at: Date | null;
}
/** The columns of RecipientRow, from a recipient `r` left-joined to its current acknowledgement `a`. */
export const RECIPIENT_COLUMNS = `r.briefing_id, r.organisation_id, r.first_acknowledged_at, a.id as ack_id,
  a.cascade_level as ack_cascade_level, a.note as ack_note, a.acknowledged_by_user_id as ack_by_user_id, a.acknowledged_at as ack_at`;
export const toRecipient = (r: RecipientRow): BriefingRecipientType => ({
  briefingId: r.briefing_id,
  organisationId: r.organisation_id,
  firstAcknowledgedAt: r.first_acknowledged_at,
  acknowledgement: r.ack_id
    ? toAcknowledgement({
        id: r.ack_id,
        briefing_id: r.briefing_id,
        organisation_id: r.organisation_id,
        cascade_level: r.ack_cascade_level!,
        note: r.ack_note,
        acknowledged_by_user_id: r.ack_by_user_id!,
        acknowledged_at: r.ack_at!,
      })
    : null,
});

/** Counts of recipients, acknowledged ones and each cascade level (the SQL's COUNT_COLUMNS). */
export interface CountsRow {
  recipients: number;
  acknowledged: number;
  leadership_only: number;
  managers: number;
  front_line: number;
  whole_organisation: number;
}
/** Counts over recipients `r` (current acknowledgement columns), for a GROUP BY. */
export const COUNT_COLUMNS = `count(*)::int as recipients,
  count(r.acknowledgement_id)::int as acknowledged,
  (count(*) filter (where r.cascade_level = 'LEADERSHIP_ONLY'))::int as leadership_only,
  (count(*) filter (where r.cascade_level = 'MANAGERS'))::int as managers,
  (count(*) filter (where r.cascade_level = 'FRONT_LINE'))::int as front_line,
  (count(*) filter (where r.cascade_level = 'WHOLE_ORGANISATION'))::int as whole_organisation`;
export const NO_COUNTS: CountsRow = { recipients: 0, acknowledged: 0, leadership_only: 0, managers: 0, front_line: 0, whole_organisation: 0 };

export const toCounts = (r: CountsRow): BriefingAcknowledgementCountsType =>
  summarise(r.recipients, r.acknowledged, {
    [CascadeLevel.LEADERSHIP_ONLY]: r.leadership_only,
    [CascadeLevel.MANAGERS]: r.managers,
    [CascadeLevel.FRONT_LINE]: r.front_line,
    [CascadeLevel.WHOLE_ORGANISATION]: r.whole_organisation,
  });

export const toRecord = (organisationId: string, from: string, to: string, r: CountsRow): BriefingAcknowledgementRecordType => {
  const counts = toCounts(r);
  return {
    organisationId,
    from,
    to,
    received: counts.recipients,
    acknowledged: counts.acknowledged,
    unacknowledgedCount: counts.pending,
    rate: counts.rate,
    byCascade: counts.byCascade,
  };
};
