import { registerEnumType } from '@nestjs/graphql';

/** Where a round stands today: from its dates, never stored. */
export enum SurveyRoundStatus {
  SCHEDULED = 'SCHEDULED',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

registerEnumType(SurveyRoundStatus, {
  name: 'SurveyRoundStatus',
  description: 'From the round’s dates and today (UTC).',
  valuesMap: {
    SCHEDULED: { description: 'Before opensOn: links can be sent, answers are not taken yet.' },
    OPEN: { description: 'From opensOn to closesOn, both included: people answer and may change their answers.' },
    CLOSED: { description: 'After closesOn, or once closed by a coordinator: links and edit codes no longer work.' },
  },
});

/**
 * Health-check days are UTC days, the same ones the links expire by (the end of closes_on,
 * UTC) and survey_response_tenant() judges edit codes by.
 */
export const SURVEY_TODAY = `(now() at time zone 'UTC')::date`;

/** The instant a round's links stop working: the end of its closing day, UTC. */
export const linksExpireAt = (closesOn: string): string => `((${closesOn})::date + 1)::timestamp at time zone 'UTC'`;

/** The status of the round aliased `alias`, as SQL: a round closed by a coordinator (closed_at) is closed at once. */
export const roundStatusSql = (alias: string): string =>
  `case when ${alias}.closed_at is not null then 'CLOSED' when ${SURVEY_TODAY} < ${alias}.opens_on then 'SCHEDULED'
        when ${SURVEY_TODAY} <= ${alias}.closes_on then 'OPEN' else 'CLOSED' end`;
