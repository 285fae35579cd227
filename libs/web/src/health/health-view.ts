import { EvidenceLink, evidenceLinks } from '../records/evidence-links';
import { HEALTH_BARRIERS, HealthScores, barrierLabel } from './health-barriers';
import type { WebLocalitiesHealthQuery, WebLocalityHealthQuery, WebProgrammeHealthQuery } from '../graphql/generated';

/** A locality as the overview's document reads it. */
export type LocalityRow = WebLocalitiesHealthQuery['localities']['nodes'][number];
/** A flag as the locality and programme documents read it. */
export type Flag = WebLocalityHealthQuery['governanceFlags']['nodes'][number];
/** The latest health check as the locality and programme documents read it (the same fields). */
export type LatestResults = NonNullable<WebLocalityHealthQuery['latestHealthCheckResults'] | WebProgrammeHealthQuery['latestHealthCheckResults']>;

const DAY_MS = 86_400_000;

/** A day as the API takes it (YYYY-MM-DD, UTC), `days` from `now`. */
export function dayFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The trend the health pages chart: the last year. */
const TREND_DAYS = 365;

/** The trend's days as the pages ask for them. */
export function trendPeriod(now: Date): { from: string; to: string } {
  return { from: dayFrom(now, -TREND_DAYS), to: dayFrom(now, 0) };
}

/** A change of score in words a table can show: "+5", "−3", "No change", or "–" when unknown. */
export function changeText(now: number | null | undefined, before: number | null | undefined): string {
  if (now == null || before == null) return '–';
  const change = now - before;
  return change === 0 ? 'No change' : change > 0 ? `+${change}` : `−${-change}`;
}

/** The overview's row of a locality: its health now, its change over 30 days, its flags by severity. */
export function overviewRow(locality: LocalityRow) {
  return {
    ...locality,
    overall: locality.governanceHealth?.overall ?? null,
    change: changeText(locality.governanceHealth?.overall, locality.governanceHealthAsOf?.overall),
    flags: locality.governanceFlagCounts ?? { high: 0, medium: 0, low: 0 },
  };
}

/** At most this many points of a trend are drawn and listed: a year of month ends. */
export const TREND_POINTS = 12;

/** The last snapshot of each calendar month (UTC), the latest TREND_POINTS of them, oldest first. */
export function monthEnds(points: HealthScores[]): HealthScores[] {
  const byMonth = new Map<string, HealthScores>();
  for (const point of [...points].sort((a, b) => a.takenAt.localeCompare(b.takenAt))) byMonth.set(point.takenAt.slice(0, 7), point);
  return [...byMonth.values()].slice(-TREND_POINTS);
}

/** The seven scores of a snapshot as table rows, in the barriers' order. */
export function scoreRows(health: HealthScores): { label: string; score: number }[] {
  return HEALTH_BARRIERS.map((b) => ({ label: b.label, score: health[b.field] }));
}

const SEVERITY = {
  HIGH: { text: 'High', tag: 'govuk-tag--red' },
  MEDIUM: { text: 'Medium', tag: 'govuk-tag--orange' },
  LOW: { text: 'Low', tag: 'govuk-tag--grey' },
} as const;

export interface FlagView {
  id: string;
  href: string;
  severity: { text: string; tag: string };
  message: string;
  ageDays: number;
  programme: { id: string; name: string } | null;
  evidence: EvidenceLink[];
}

/**
 * Flags grouped by barrier, in the barriers' order (an unknown barrier last), each with its
 * age in whole days, its severity as a tag and its evidence as links; `page` is the id of
 * the locality or programme the page is about, left out of the evidence links.
 */
export function flagGroups(flags: Flag[], now: Date, page: string): { code: string; label: string; flags: FlagView[] }[] {
  const order = (code: string) => {
    const i = HEALTH_BARRIERS.findIndex((b) => b.code === code);
    return i < 0 ? HEALTH_BARRIERS.length : i;
  };
  const codes = [...new Set(flags.map((f) => f.barrier))].sort((a, b) => order(a) - order(b));
  return codes.map((code) => ({
    code,
    label: barrierLabel(code),
    flags: flags
      .filter((f) => f.barrier === code)
      .map((f) => ({
        id: f.id,
        href: `/flags/${f.id}`,
        severity: SEVERITY[f.severity] ?? { text: f.severity, tag: 'govuk-tag--grey' },
        message: f.message,
        ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(f.firstRaisedAt)) / DAY_MS)),
        programme: f.programme,
        evidence: evidenceLinks(f.evidenceRecords, { omit: [page] }),
      })),
  }));
}
