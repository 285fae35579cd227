import { sectorText } from './onboarding-rows';
import { OnboardingPlan } from './onboarding-plan';
import { BODIES_SHEET, PEOPLE_SHEET } from './onboarding-sheet';
import { MAX_LISTED, OnboardingPreview, OnboardingRecord, OnboardingStep, OnboardingTally } from './onboarding.types';

/**
 * The plan as the API shows it: counts of everything, and the first problems and changes
 * in file order. A CSV file is one sheet: its rows are named by row number alone.
 */
export function previewOf(plan: OnboardingPlan, csv: boolean): OnboardingPreview {
  const sheetOf = (sheet: string | undefined) => (csv ? null : (sheet ?? null));
  const steps: OnboardingStep[] = [
    ...plan.bodies.map((b) => ({
      record: OnboardingRecord.MEMBER_BODY,
      action: b.action,
      sheet: sheetOf(BODIES_SHEET),
      row: b.row,
      name: b.name,
      detail: sectorText(b.sector),
      changes: b.changes,
      joinsLocality: b.joins,
    })),
    ...plan.people.map((p) => ({
      record: OnboardingRecord.PERSON,
      action: p.action,
      sheet: sheetOf(PEOPLE_SHEET),
      row: p.row,
      name: p.fullName,
      detail: plan.bodies[p.body]?.name ?? '',
      changes: p.changes,
      joinsLocality: false,
    })),
  ].filter((s) => s.action !== 'UNCHANGED' || s.joinsLocality);
  const membershipsToAdd = plan.bodies.filter((b) => b.joins).length;
  const order = (p: { sheet?: string; row?: number }) => (p.row === undefined ? -1 : (csv || p.sheet !== PEOPLE_SHEET ? 0 : 1e7) + p.row);
  const problems = [...plan.problems].sort((a, b) => order(a) - order(b));
  return {
    planDigest: plan.digest,
    canApply: !problems.length && steps.length > 0,
    bodies: tally(plan.bodies),
    people: tally(plan.people),
    membershipsToAdd,
    problemCount: problems.length,
    problems: problems.slice(0, MAX_LISTED).map((p) => ({ sheet: sheetOf(p.sheet), row: p.row ?? null, column: p.column ?? null, message: p.message })),
    stepCount: steps.length,
    steps: steps.slice(0, MAX_LISTED),
    newCompetencyNames: plan.newCompetencyNames.slice(0, MAX_LISTED),
  };
}

function tally(steps: { action: string }[]): OnboardingTally {
  const count = (action: string) => steps.filter((s) => s.action === action).length;
  return { create: count('CREATE'), change: count('CHANGE'), unchanged: count('UNCHANGED') };
}
