import { HEALTH_BARRIERS } from '../health/health-barriers';
import type { WebBoardPackQuery } from '../graphql/generated';

type Pack = WebBoardPackQuery;
type Programme = Pack['locality']['programmes'][number];
type OpenFlag = Pack['openFlags']['nodes'][number];

const DAY_MS = 86_400_000;

/** At most this many programmes, and open flags per barrier, are listed: the pack fits 4 A4 pages. */
export const PROGRAMMES_LISTED = 6;
export const FLAGS_LISTED_PER_BARRIER = 2;
export const ITEMS_LISTED_PER_PROGRAMME = 2;

/**
 * The instant the pack is "as of": the latest scan of the locality (its scores, flags and
 * ages are that scan's), or `now` before the first scan. Every age, overdue day and "since"
 * is counted from it, never from the clock, so the same data prints the same text.
 */
export function asOfOf(pack: Pack, now: Date): Date {
  const takenAt = pack.locality.governanceHealth?.takenAt;
  return takenAt ? new Date(takenAt) : now;
}

/**
 * "What changed" counts from the start of the as-of day's month (UTC): the previous pack's
 * day is not recorded (a GET that printed a different "since" each time would not be
 * repeatable), and boards meet monthly.
 */
export function sinceOf(asOf: Date): Date {
  return new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), 1));
}

/** YYYY-MM-DD of an instant (UTC). */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** Whole days from `from` to `to`, never below 0. */
const daysBetween = (from: string | Date, to: Date): number => Math.max(0, Math.floor((to.getTime() - new Date(from).getTime()) / DAY_MS));

/** Days a YYYY-MM-DD due date is past on the as-of day; 0 when not yet due. */
export function daysOverdue(dueOn: string, asOf: Date): number {
  return Math.max(0, Math.round((Date.parse(`${dayOf(asOf)}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / DAY_MS));
}

const SEVERITY_TEXT: Record<string, string> = { HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' };

export interface BarrierFlags {
  code: string;
  label: string;
  open: number;
  oldestDays: number;
  raised: number;
  resolved: number;
  flags: { severity: string; message: string; ageDays: number; programme: string | null }[];
  more: number;
}

/**
 * Per barrier (in DESIGN.md's order): open flags with the oldest's age and the oldest few
 * listed, and flags raised and resolved since `since`. Flags carry their own barrier.
 */
export function barrierFlags(pack: Pack, asOf: Date, since: Date): BarrierFlags[] {
  const open = pack.openFlags.nodes;
  const raised = pack.raisedFlags.nodes.filter((f) => Date.parse(f.firstRaisedAt) >= since.getTime());
  const resolved = pack.resolvedFlags.nodes.filter((f) => f.resolvedAt && Date.parse(f.resolvedAt) >= since.getTime());
  return HEALTH_BARRIERS.map(({ code, label }) => {
    const mine = open.filter((f) => f.barrier === code).sort(oldestFirst);
    return {
      code,
      label,
      open: mine.length,
      oldestDays: mine.length ? daysBetween(mine[0].firstRaisedAt, asOf) : 0,
      raised: raised.filter((f) => f.barrier === code).length,
      resolved: resolved.filter((f) => f.barrier === code).length,
      flags: mine.slice(0, FLAGS_LISTED_PER_BARRIER).map((f) => ({
        severity: SEVERITY_TEXT[f.severity] ?? f.severity,
        message: clip(f.message, 110),
        ageDays: daysBetween(f.firstRaisedAt, asOf),
        programme: f.programme?.name ?? null,
      })),
      more: Math.max(0, mine.length - FLAGS_LISTED_PER_BARRIER),
    };
  });
}

function oldestFirst(a: OpenFlag, b: OpenFlag): number {
  return a.firstRaisedAt.localeCompare(b.firstRaisedAt) || a.id.localeCompare(b.id);
}

/** Totals of the changes, and whether a list the pack read was cut at the API's page size (the counts are then "at least"). */
export function changeTotals(pack: Pack, barriers: BarrierFlags[]) {
  return {
    raised: barriers.reduce((n, b) => n + b.raised, 0),
    resolved: barriers.reduce((n, b) => n + b.resolved, 0),
    open: barriers.reduce((n, b) => n + b.open, 0),
    openCut: pack.openFlags.pageInfo.hasNextPage,
    changesCut: pack.raisedFlags.pageInfo.hasNextPage || pack.resolvedFlags.pageInfo.hasNextPage,
  };
}

export interface OverdueItem {
  text: string;
  days: number;
}

export interface ProgrammeRow {
  name: string;
  status: string;
  overall: number | null;
  leader: string | null;
  reconfirmBy: string | null;
  nextReviewOn: string | null;
  lastReview: { completedOn: string | null; effectiveness: number | null; efficiency: number | null } | null;
  overdue: OverdueItem[];
  moreOverdue: number;
}

/**
 * A programme's leader, reviews and what is overdue on the as-of day: the scheduled review,
 * the leader's re-confirmation, open actions and milestones not achieved, the longest overdue first.
 */
export function programmeRow(programme: Programme, asOf: Date): ProgrammeRow {
  const overdue: OverdueItem[] = [];
  const push = (text: string, dueOn: string) => {
    const days = daysOverdue(dueOn, asOf);
    if (days > 0) overdue.push({ text, days });
  };
  if (programme.nextReview) push('Improvement review', programme.nextReview.dueOn);
  if (programme.leader) push(`Re-confirmation of ${programme.leader.person.fullName} as leader`, programme.leader.reconfirmBy);
  for (const action of programme.openActions) push(`Action: ${action.description} (${action.owner.fullName})`, action.dueOn);
  for (const milestone of programme.milestones) if (!milestone.achieved) push(`Milestone: ${milestone.name}`, milestone.dueOn);
  overdue.sort((a, b) => b.days - a.days || a.text.localeCompare(b.text));
  const last = programme.completedReviews[0];
  return {
    name: programme.name,
    status: programme.status,
    overall: programme.governanceHealth?.overall ?? null,
    leader: programme.leader?.person.fullName ?? null,
    reconfirmBy: programme.leader?.reconfirmBy ?? null,
    nextReviewOn: programme.nextReview?.dueOn ?? null,
    lastReview: last ? { completedOn: last.completedOn ?? null, effectiveness: last.effectivenessRating ?? null, efficiency: last.efficiencyRating ?? null } : null,
    overdue: overdue.slice(0, ITEMS_LISTED_PER_PROGRAMME).map((item) => ({ ...item, text: clip(item.text, 70) })),
    moreOverdue: Math.max(0, overdue.length - ITEMS_LISTED_PER_PROGRAMME),
  };
}

/** A long line cut at a word, so one action's description cannot push the pack past its pages. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}

/** The programmes the pack lists (active ones first, then by name), and how many more there are. */
export function programmeRows(pack: Pack, asOf: Date): { rows: ProgrammeRow[]; more: number } {
  const order = (status: string) => (status === 'ACTIVE' ? 0 : status === 'DRAFT' ? 1 : 2);
  const sorted = [...pack.locality.programmes].sort((a, b) => order(a.status) - order(b.status) || a.name.localeCompare(b.name));
  return { rows: sorted.slice(0, PROGRAMMES_LISTED).map((p) => programmeRow(p, asOf)), more: Math.max(0, sorted.length - PROGRAMMES_LISTED) };
}
