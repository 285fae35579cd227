import { createHash } from 'node:crypto';
import { MAX_ACTIVE_MEMBERS, Sector } from '@joinedup/registry';
import { BodyLine, CheckedRows, PersonLine, sectorText } from './onboarding-rows';
import { BODIES_SHEET, COLUMN, PEOPLE_SHEET, RowProblem } from './onboarding-sheet';

export type StepAction = 'CREATE' | 'CHANGE' | 'UNCHANGED';

/** The registry as the plan needs it: only the records the file names. */
export interface RegistrySnapshot {
  locality: { id: string; name: string; archived: boolean; activeMemberIds: string[] };
  /** Bodies of the tenant whose name or external reference the file gives. */
  organisations: { id: string; name: string; sector: Sector; externalRef: string | null }[];
  /** People of the tenant whose email the file gives, with their body's name. */
  people: {
    id: string;
    organisationId: string;
    organisationName: string;
    fullName: string;
    jobTitle: string | null;
    email: string;
    representsBody: boolean;
    competencies: { name: string; level: number }[];
  }[];
  /** The competency names in the registry (people's and roles') that the file gives, as spelled there. */
  competencyNames: string[];
}

export interface BodyStep extends BodyLine {
  action: StepAction;
  /** The body in the registry; null when it is to be created. */
  id: string | null;
  /** What changes, in words: `sector: Health → Police`. */
  changes: string[];
  /** It becomes an active member of the locality. */
  joins: boolean;
}

export interface PersonStep extends PersonLine {
  action: StepAction;
  id: string | null;
  changes: string[];
}

export interface OnboardingPlan {
  localityId: string;
  bodies: BodyStep[];
  people: PersonStep[];
  problems: RowProblem[];
  /** Competency names the registry does not hold yet, as the file first spells them: new to the tenant, or misspelt. */
  newCompetencyNames: string[];
  /** Names the plan (and so the file and the registry's records it touches): applying checks it is unchanged. */
  digest: string;
}

/**
 * What applying the file would do to the registry: each body and person created, changed
 * or unchanged (matched by external reference or name, and by email), the memberships to
 * add, and every problem. Pure: the same rows and snapshot give the same plan and digest.
 */
export function planOnboarding(checked: CheckedRows, registry: RegistrySnapshot): OnboardingPlan {
  const problems = [...checked.problems];
  const members = new Set(registry.locality.activeMemberIds);
  const bodies = checked.bodies.map((line) => planBody(line, registry, members, problems));
  const joining = bodies.filter((b) => b.joins).length;
  const { locality } = registry;
  if (locality.archived && joining) {
    problems.push({ message: `${locality.name} is archived: it takes no new member bodies. Import into a locality that is in use.` });
  }
  if (members.size + joining > MAX_ACTIVE_MEMBERS) {
    problems.push({
      message:
        `This file would give ${locality.name} ${members.size + joining} member bodies (${members.size} now and ${joining} joining); ` +
        `a locality has at most ${MAX_ACTIVE_MEMBERS}. Remove ${members.size + joining - MAX_ACTIVE_MEMBERS} bodies from the file, or record bodies leaving first.`,
    });
  }
  // Each competency is spelled as the registry spells it, so role fit matches; a name it does
  // not hold is spelled as the file first writes it (a new partnership's file is where its
  // competencies come from), and the preview lists those, so a misspelling is seen in time.
  const known = new Map(registry.competencyNames.map((name) => [name.toLowerCase(), name]));
  const newCompetencyNames: string[] = [];
  for (const { name } of checked.people.flatMap((p) => p.competencies ?? [])) {
    if (known.has(name.toLowerCase())) continue;
    known.set(name.toLowerCase(), name);
    newCompetencyNames.push(name);
  }
  newCompetencyNames.sort((a, b) => a.localeCompare(b));
  const people = checked.people.map((line) => planPerson(line, bodies[line.body], registry, known, problems));
  const plan = { localityId: locality.id, bodies, people, problems, newCompetencyNames };
  return { ...plan, digest: createHash('sha256').update(JSON.stringify(plan)).digest('base64url') };
}

function planBody(line: BodyLine, registry: RegistrySnapshot, members: Set<string>, problems: RowProblem[]): BodyStep {
  const fail = (column: string, message: string): BodyStep => {
    problems.push({ sheet: BODIES_SHEET, row: line.row, column, message });
    return { ...line, action: 'UNCHANGED', id: null, changes: [], joins: false };
  };
  const byRef = line.externalRef ? registry.organisations.filter((o) => o.externalRef?.toLowerCase() === line.externalRef!.toLowerCase()) : [];
  const byName = registry.organisations.filter((o) => o.name.toLowerCase() === line.name.toLowerCase());
  if (byRef.length > 1) return fail(COLUMN.externalRef, `${byRef.length} bodies in your registry have the external reference "${line.externalRef}": give one of them another reference first`);
  const found = byRef[0] ?? byName[0];
  if (!found) return { ...line, action: 'CREATE', id: null, changes: [], joins: true };
  const changes: string[] = [];
  if (found.name !== line.name) {
    if (byName.some((o) => o.id !== found.id)) return fail(COLUMN.name, `Another body in your registry is called "${line.name}": give this body another name, or its reference`);
    changes.push(`name: ${found.name} → ${line.name}`);
  }
  if (found.sector !== line.sector) changes.push(`sector: ${sectorText(found.sector)} → ${sectorText(line.sector)}`);
  if (line.externalRef && found.externalRef !== line.externalRef) {
    if (found.externalRef && found.externalRef.toLowerCase() !== line.externalRef.toLowerCase()) {
      return fail(COLUMN.externalRef, `${found.name} is in your registry with the external reference "${found.externalRef}": use that reference`);
    }
    changes.push(`external reference: ${found.externalRef ?? 'none'} → ${line.externalRef}`);
  }
  const joins = !members.has(found.id);
  return { ...line, action: changes.length ? 'CHANGE' : 'UNCHANGED', id: found.id, changes, joins };
}

function planPerson(line: PersonLine, body: BodyStep, registry: RegistrySnapshot, known: Map<string, string>, problems: RowProblem[]): PersonStep {
  const fail = (column: string, message: string): PersonStep => {
    problems.push({ sheet: PEOPLE_SHEET, row: line.row, column, message });
    return { ...line, action: 'UNCHANGED', id: null, changes: [] };
  };
  const competencies = line.competencies && line.competencies.map((c) => ({ name: known.get(c.name.toLowerCase())!, level: c.level }));
  const matches = registry.people.filter((p) => p.email.toLowerCase() === line.email.toLowerCase());
  if (matches.length > 1) return fail(COLUMN.email, `${matches.length} people in your registry have the email ${line.email}: correct their records first`);
  const found = matches[0];
  const planned = { ...line, competencies };
  if (!found) return { ...planned, action: 'CREATE', id: null, changes: [] };
  if (found.organisationId !== body.id) {
    return fail(COLUMN.body, `${line.email} is recorded as working for ${found.organisationName}: give that body, or leave the person out`);
  }
  const changes: string[] = [];
  if (found.fullName !== line.fullName) changes.push(`name: ${found.fullName} → ${line.fullName}`);
  if (line.jobTitle && found.jobTitle !== line.jobTitle) changes.push(`job title: ${found.jobTitle ?? 'none'} → ${line.jobTitle}`);
  if (competencies && describe(found.competencies) !== describe(competencies)) {
    changes.push(`competencies: ${describe(found.competencies) || 'none'} → ${describe(competencies) || 'none'}`);
  }
  if (found.representsBody !== line.representsBody) changes.push(line.representsBody ? 'now represents their body' : 'no longer represents their body');
  return { ...planned, action: changes.length ? 'CHANGE' : 'UNCHANGED', id: found.id, changes };
}

/** Competencies in a stable order, as the file writes them. */
const describe = (list: { name: string; level: number }[]): string =>
  [...list]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => `${c.name}: ${c.level}`)
    .join('; ');
