import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Principal } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { Connection, PageArgs, groupBy, oneBy, requestLoader } from '@joinedup/graphql-kit';
import { localityAccessCondition, localityAccessParam } from '@joinedup/registry';
import { BriefingScope, briefingPages } from './briefing-lists';
import {
  ACKNOWLEDGEMENT_COLUMNS,
  AcknowledgementRow,
  COUNT_COLUMNS,
  CountsRow,
  NO_COUNTS,
  toAcknowledgement,
  toCounts,
  toRecord,
} from './briefings.rows';
import {
  BriefingAcknowledgementCountsType,
  BriefingAcknowledgementRecordType,
  BriefingAcknowledgementType,
  BriefingType,
} from './briefings.types';

/** A period of issue dates, both included (already checked). */
export interface Period {
  from: string;
  to: string;
}

/**
 * Per-request batch loaders of briefings: one statement per list level, whatever the
 * number of parents. Parents are records the caller may already read; lists that start
 * from an organisation keep to programmes of localities the caller may see. A briefing's
 * recipients and acknowledgements, and a briefing by id, are executed by their descriptions
 * (BriefingJsonRead, DescribedLoaders); the counts and records here are summaries.
 */
@Injectable()
export class BriefingLoaders {
  constructor(private readonly db: TenantDb) {}

  /** A page of briefings, newest first, per programme or per organisation (those it has not acknowledged). */
  briefingsOf(principal: Principal, scope: BriefingScope, page: PageArgs, period?: Period): DataLoader<string, Connection<BriefingType>> {
    const access = localityAccessParam(principal);
    const name = `briefings.of.${scope}.${JSON.stringify({ first: page.first, after: page.after, access, period })}`;
    return requestLoader(name, (keys) => briefingPages(this.db, scope, keys, page, { access, from: period?.from, to: period?.to }));
  }

  /** How many recipients each briefing has, how many acknowledged, and how far it went. */
  counts(): DataLoader<string, BriefingAcknowledgementCountsType> {
    return requestLoader('briefings.counts', async (ids) => {
      const rows = await this.db.query<CountsRow & { briefing_id: string }>(
        `select r.briefing_id, ${COUNT_COLUMNS} from briefing_recipient r where r.briefing_id = any($1::uuid[]) group by r.briefing_id`,
        [ids],
      );
      return oneBy(ids, rows, (r) => r.briefing_id).map((r) => toCounts(r ?? NO_COUNTS));
    });
  }

  /**
   * Every acknowledgement of each briefing, oldest first: a recipient's history is the
   * organisation's among them (Briefing.acknowledgements executes its description; a recipient
   * has no id of its own for DescribedLoaders to re-select it by).
   */
  acknowledgements(): DataLoader<string, BriefingAcknowledgementType[]> {
    return requestLoader('briefings.acknowledgements', async (ids) => {
      const rows = await this.db.query<AcknowledgementRow>(
        `select ${ACKNOWLEDGEMENT_COLUMNS} from briefing_acknowledgement where briefing_id = any($1::uuid[]) order by acknowledged_at, id`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.briefing_id).map((group) => group.map(toAcknowledgement));
    });
  }

  /**
   * Each organisation's acknowledgement of the briefings sent to it that were issued in the
   * period, counted in one statement for all of them, over programmes of localities the
   * caller may see.
   */
  record(principal: Principal, period: Period): DataLoader<string, BriefingAcknowledgementRecordType> {
    const access = localityAccessParam(principal);
    return requestLoader(`briefings.record.${access ?? 'all'}.${period.from}.${period.to}`, async (ids) => {
      const rows = await this.db.query<CountsRow & { organisation_id: string }>(
        `select r.organisation_id, ${COUNT_COLUMNS}
           from briefing_recipient r
           join briefing b on b.tenant_id = r.tenant_id and b.id = r.briefing_id
           join programme p on p.tenant_id = b.tenant_id and p.id = b.programme_id
           join locality l on l.tenant_id = p.tenant_id and l.id = p.locality_id
          where r.organisation_id = any($1::uuid[]) and b.issued_on between $3::date and $4::date
            and ${localityAccessCondition('l', '$2')}
          group by r.organisation_id`,
        [ids, access, period.from, period.to],
      );
      return oneBy(ids, rows, (r) => r.organisation_id).map((r, i) => toRecord(ids[i], period.from, period.to, r ?? NO_COUNTS));
    });
  }
}
