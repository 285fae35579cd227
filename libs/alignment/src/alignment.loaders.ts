import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Principal } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { badInput, notFound } from '@joinedup/errors';
import { Connection, requestLoader } from '@joinedup/graphql-kit';
import {
  AlignmentPageFilter,
  AlignmentScope,
  alignmentPages,
  organisationDeclineRates,
  programmeDeclineRates,
  readableCondition,
  viewerParam,
} from './alignment-lists';
import { Period, isDateProblem, resolvePeriod } from './alignment-rules';
import { AlignmentPeriodArgs } from './alignment.inputs';
import { AlignmentDeclineRateType, AlignmentRequestType } from './alignment.types';

/**
 * Per-request batch loaders of alignment requests and decline rates (a request's history is
 * executed by its description: AlignmentJsonRead, DescribedLoaders): one
 * statement per list level, whatever the number of parents. Parents are records the
 * caller may already read; lists keyed by organisation apply the caller's visibility.
 */
@Injectable()
export class AlignmentLoaders {
  constructor(private readonly db: TenantDb) {}

  /** The database's date today, read once per request. */
  today(): Promise<string> {
    return requestLoader('alignment.today', async (keys) => {
      const [row] = await this.db.query<{ today: string }>(`select current_date::text as today`);
      return keys.map(() => row.today);
    }).load('today');
  }

  /** The period asked for, with its defaults; BAD_USER_INPUT naming the field when it is wrong. */
  async period(args: AlignmentPeriodArgs): Promise<Period> {
    const period = resolvePeriod(args, await this.today());
    if (isDateProblem(period)) throw badInput(period.message, period.field);
    return period;
  }

  /** The id of a programme the caller may read, checked once per request; NOT_FOUND otherwise. */
  async readableProgramme(principal: Principal, id: string): Promise<string> {
    const found = await requestLoader('alignment.readableProgramme', async (ids) => {
      const rows = await this.db.query<{ id: string }>(
        `select p.id from programme p join locality l on l.tenant_id = p.tenant_id and l.id = p.locality_id
          where p.id = any($1::uuid[]) and ${readableCondition('$2')}`,
        [ids, viewerParam(principal)],
      );
      const readable = new Set(rows.map((r) => r.id));
      return ids.map((i) => readable.has(i));
    }).load(id.toLowerCase());
    if (!found) throw notFound('The programme');
    return id.toLowerCase();
  }

  /** A page of requests per programme or organisation, with the same filters for each. */
  requestsOf(principal: Principal, scope: AlignmentScope, filter: AlignmentPageFilter): DataLoader<string, Connection<AlignmentRequestType>> {
    const { first, after, status, programmeId } = filter;
    const name = `alignment.of.${scope}.${JSON.stringify({ first, after, status, programmeId })}`;
    return requestLoader(name, (keys) => alignmentPages(this.db, viewerParam(principal), scope, keys, filter));
  }

  /** Each organisation's decline rate over the requests the caller may read, optionally in one programme. */
  declineRateOfOrganisation(principal: Principal, period: Period, programmeId: string | null): DataLoader<string, AlignmentDeclineRateType> {
    const name = `alignment.rateOfOrganisation.${period.from}.${period.to}.${programmeId}`;
    return requestLoader(name, (keys) => organisationDeclineRates(this.db, viewerParam(principal), keys, period, programmeId));
  }

  /** The decline rate of each organisation of each programme. */
  declineRatesOfProgramme(period: Period): DataLoader<string, AlignmentDeclineRateType[]> {
    return requestLoader(`alignment.ratesOfProgramme.${period.from}.${period.to}`, (keys) => programmeDeclineRates(this.db, keys, period));
  }
}
