import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import { ArgRule, JsonReads, column, cursorArg, dateTimeColumn, pageSizeArg, rowById, uuidArg } from '@joinedup/graphql-kit';
import { readableProgramme } from '@joinedup/programmes';
import { localityAccessParam } from '@joinedup/registry';
import { isCalendarDate } from './briefing-rules';
import { BriefingResolver } from './briefings.resolvers';
import { BRIEFING_COLUMNS, COUNT_COLUMNS, RECIPIENT_COLUMNS, toAcknowledgement, toBriefing, toRecipient } from './briefings.rows';

const briefingCursor = cursorArg(['text', 'timestamp', 'uuid']);

/** `after` of a list of briefings: a cursor of theirs whose first part is a date (briefingPages refuses any other). */
const briefingAfter: ArgRule = (value) => {
  const bound = briefingCursor(value);
  return bound && (bound.value === null || isCalendarDate((bound.value as string[])[0])) ? bound : null;
};

/**
 * The briefings' part of JsonReads: `briefing(id)`, a programme's briefings (newest first,
 * as briefingPages pages them), recipients and acknowledgements. Of the acknowledgement
 * counts, `rate` and `byCascade` are summarised in TypeScript (briefing-rules.ts) and executed.
 */
/**
 * Recipients with their organisation's sort key and their current acknowledgement's columns
 * (RECIPIENT_COLUMNS, what toRecipient reads), as a table for a FROM clause.
 */
const RECIPIENTS = `(select r.tenant_id, r.acknowledgement_id, ${RECIPIENT_COLUMNS}, lower(o.name) as organisation_key
  from briefing_recipient r
  join organisation o on o.tenant_id = r.tenant_id and o.id = r.organisation_id
  left join briefing_acknowledgement a on a.tenant_id = r.tenant_id and a.id = r.acknowledgement_id)`;

@Injectable()
export class BriefingJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    // Where the rows of briefings and acknowledgements live: a briefing's acknowledgements are executed by the description below too.
    this.reads.addRows('Briefing', { table: `(select tenant_id, ${BRIEFING_COLUMNS} from briefing)`, fromRow: toBriefing });
    // A recipient has no id: its rows are only ever read as a briefing's (the table is what its mapper reads).
    this.reads.addRows('BriefingRecipient', { table: RECIPIENTS, fromRow: toRecipient });
    this.reads.addRows('BriefingAcknowledgement', { table: 'briefing_acknowledgement', fromRow: toAcknowledgement });
    const summarised = 'summarised in TypeScript (briefing-rules.ts: the rate rounded, every cascade level listed; the period checked)';
    this.reads.leaveExecuted('BriefingAcknowledgementCounts', summarised, ['rate', 'byCascade']);
    this.reads.leaveExecuted('CascadeCount', summarised);
    this.reads.leaveExecuted('BriefingAcknowledgementRecord', summarised);
    this.reads.leaveExecuted('Query', summarised, ['briefingAcknowledgement']);
    this.reads.leaveExecuted('Organisation', summarised, ['briefingAcknowledgement']);
    this.reads.addFields('Query', {
      briefing: {
        roles: rolesOf(BriefingResolver.prototype.briefing),
        args: { id: uuidArg },
        one: (_row, b, scope) => `from briefing ${b} where ${b}.id = ${scope.arg('id')}::uuid and ${readableBriefing(b, scope.caller(localityAccessParam))}`,
      },
    });
    this.reads.addFields('Programme', {
      briefings: {
        args: { first: pageSizeArg, after: briefingAfter },
        page: (row, b, scope) =>
          `from briefing ${b} where ${b}.tenant_id = ${row}.tenant_id and ${b}.programme_id = ${row}.id
             and ${readableProgramme(row, scope.caller(localityAccessParam))}
             and (${scope.arg('after')}::text[] is null
                  or (${b}.issued_on, ${b}.issued_at, ${b}.id) < (${scope.arg('after')}[1]::date, ${scope.arg('after')}[2]::timestamptz, ${scope.arg('after')}[3]::uuid))`,
        orderBy: (b) => `${b}.issued_on desc, ${b}.issued_at desc, ${b}.id desc`,
        cursor: (b) => [`${b}.issued_on`, `${b}.issued_at`, `${b}.id`],
      },
    });
    this.reads.addFields('Briefing', {
      id: column('id'),
      title: column('title'),
      summary: column('summary'),
      issuedOn: column('issued_on'),
      link: column('link'),
      issuedByUserId: column('issued_by_user_id'),
      issuedAt: dateTimeColumn('issued_at'),
      programme: rowById('programme', 'programme_id'),
      issuedByOrganisation: rowById('organisation', 'issued_by_organisation_id'),
      acknowledgementCounts: {
        one: (row, c) => `from (select ${COUNT_COLUMNS} from briefing_recipient r where r.tenant_id = ${row}.tenant_id and r.briefing_id = ${row}.id) ${c}`,
      },
      recipients: {
        many: (row, r) => `from ${RECIPIENTS} ${r} where ${r}.tenant_id = ${row}.tenant_id and ${r}.briefing_id = ${row}.id`,
        orderBy: (r) => `${r}.organisation_key, ${r}.organisation_id`,
      },
      acknowledgements: {
        many: (row, a) => `from briefing_acknowledgement ${a} where ${a}.tenant_id = ${row}.tenant_id and ${a}.briefing_id = ${row}.id`,
        orderBy: (a) => `${a}.acknowledged_at, ${a}.id`,
      },
    });
    this.reads.addFields('BriefingAcknowledgementCounts', {
      recipients: column('recipients'),
      acknowledged: column('acknowledged'),
      pending: { value: (row) => `${row}.recipients - ${row}.acknowledged` },
    });
    this.reads.addFields('BriefingRecipient', {
      firstAcknowledgedAt: dateTimeColumn('first_acknowledged_at'),
      acknowledgement: rowById('briefing_acknowledgement', 'acknowledgement_id'),
      organisation: rowById('organisation', 'organisation_id'),
      history: {
        many: (row, a) => `from briefing_acknowledgement ${a}
                            where ${a}.tenant_id = ${row}.tenant_id and ${a}.briefing_id = ${row}.briefing_id and ${a}.organisation_id = ${row}.organisation_id`,
        orderBy: (a) => `${a}.acknowledged_at, ${a}.id`,
      },
    });
    this.reads.addFields('BriefingAcknowledgement', {
      id: column('id'),
      cascade: column('cascade_level'),
      note: column('note'),
      acknowledgedByUserId: column('acknowledged_by_user_id'),
      acknowledgedAt: dateTimeColumn('acknowledged_at'),
      briefing: rowById('briefing', 'briefing_id'),
      organisation: rowById('organisation', 'organisation_id'),
    });
  }
}

/** SQL condition on a briefing alias: its programme is in a locality the caller may see (`param`: localityAccessParam). */
export const readableBriefing = (alias: string, param: string): string =>
  `exists (select 1 from programme p where p.tenant_id = ${alias}.tenant_id and p.id = ${alias}.programme_id and ${readableProgramme('p', param)})`;
