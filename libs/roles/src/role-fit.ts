/** A competency a role requires, at a minimum level from 1 (aware) to 5 (expert). */
export interface CompetencyRequirement {
  name: string;
  minLevel: number;
}

/** A competency a person holds. */
export interface HeldCompetency {
  name: string;
  level: number;
}

/** A requirement the person does not meet: not held at all (`heldLevel` null) or held too low. */
export interface CompetencyGap {
  competency: string;
  requiredLevel: number;
  heldLevel: number | null;
}

export interface RoleFit {
  /** The share of the requirements met, 0 to 1; 1 when the role requires nothing. */
  score: number;
  met: number;
  required: number;
  /** The requirements not met, by competency name. */
  gaps: CompetencyGap[];
}

/**
 * How well a person fits a role: the share of its required competencies they hold at or
 * above the minimum level. Names match case-insensitively, as people's competencies are
 * unique case-insensitively. The API computes the same in SQL for whole lists
 * (RoleLoaders.fit); this is the rule written once, plainly, and tested.
 */
export function roleFit(requirements: CompetencyRequirement[], held: HeldCompetency[]): RoleFit {
  const levels = new Map(held.map((c) => [c.name.toLowerCase(), c.level]));
  const gaps: CompetencyGap[] = [];
  for (const requirement of requirements) {
    const heldLevel = levels.get(requirement.name.toLowerCase()) ?? null;
    if (heldLevel === null || heldLevel < requirement.minLevel) {
      gaps.push({ competency: requirement.name, requiredLevel: requirement.minLevel, heldLevel });
    }
  }
  gaps.sort((a, b) => compareNames(a.competency, b.competency));
  const required = requirements.length;
  const met = required - gaps.length;
  return { score: required === 0 ? 1 : met / required, met, required, gaps };
}

/** The order SQL gives with `order by lower(name)` for plain names. */
function compareNames(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}
