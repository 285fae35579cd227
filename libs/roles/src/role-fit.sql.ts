/**
 * The fit score of role holders in SQL, for any number at once (the same rule as `roleFit`):
 * `pairs` is a relation of (key, tenant_id, role_id, person_id); the result has one row per
 * key with `score` (float8, 0–1, 1 when nothing is required), `met`, `required` and `gaps`
 * (a JSON array of {competency, requiredLevel, heldLevel}, by competency name).
 */
export function fitSql(pairs: string): string {
  return `
    select x.key,
           case when count(rc.name) = 0 then 1::float8
                else (count(rc.name) filter (where pc.level >= rc.min_level))::float8 / count(rc.name) end as score,
           (count(rc.name) filter (where pc.level >= rc.min_level))::int as met,
           count(rc.name)::int as required,
           coalesce(jsonb_agg(jsonb_build_object('competency', rc.name, 'requiredLevel', rc.min_level, 'heldLevel', pc.level)
                              order by lower(rc.name))
                      filter (where rc.name is not null and (pc.level is null or pc.level < rc.min_level)),
                    '[]'::jsonb) as gaps
      from ${pairs} x
      left join programme_role_competency rc on rc.tenant_id = x.tenant_id and rc.role_id = x.role_id
      -- The highest level held under that name (names are unique case-insensitively in practice).
      left join lateral (
        select max(c.level) as level from person_competency c
         where c.tenant_id = x.tenant_id and c.person_id = x.person_id and lower(c.name) = lower(rc.name)
      ) pc on true
     group by x.key`;
}

export interface FitRow {
  key: string;
  score: number;
  met: number;
  required: number;
  gaps: { competency: string; requiredLevel: number; heldLevel: number | null }[];
}
