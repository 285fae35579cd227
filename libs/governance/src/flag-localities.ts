/**
 * Where a flag shows and counts. A flag of a locality rule sits in its locality. A flag of a
 * tenant-wide rule sits in none (GovernanceRule.tenantWide: its flags carry no locality); one
 * about a person's roles (ROLE_OVERLOAD) shows and counts under each locality of the
 * programmes whose assignments its evidence lists.
 *
 * That is written down once, in flagLocalitiesOf, and kept in the table
 * governance_flag_locality (a row per flag and locality where it shows, with the flag's
 * state): statement triggers on governance_flag rewrite a flag's rows whenever the flag is
 * raised or changed, by whatever statement (a scan's merge, acknowledging, dismissing), so
 * they cannot go stale. Lists and counts read the table; its
 * index (tenant, locality, state) finds a locality's flags in the states a list asks for.
 */

/** The table of where flags show. */
export const FLAG_LOCALITY_TABLE = 'governance_flag_locality';

/** The localities of a tenant-wide flag's assignments (a set-returning subquery); `flag` names the governance_flag row. */
function assignmentLocalities(flag: string): string {
  return `select p.locality_id
            from jsonb_array_elements(case when jsonb_typeof(${flag}.evidence -> 'assignments') = 'array'
                                           then ${flag}.evidence -> 'assignments' else '[]'::jsonb end) e
            join programme p on p.tenant_id = ${flag}.tenant_id and p.id = (e ->> 'programmeId')::uuid`;
}

/**
 * The localities where the flag row `flag` shows, as a set-returning subquery of one column
 * `locality_id`, each once: the one definition (the triggers write it, nothing else reads it).
 * Plain SQL of the flag's own columns, no rule codes, so that the migration that keeps it
 * imports no framework (the rules' module registers GraphQL types).
 */
export function flagLocalitiesOf(flag: string): string {
  return `select ${flag}.locality_id where ${flag}.locality_id is not null
          union
          select a.locality_id from (${assignmentLocalities(flag)}) a where ${flag}.locality_id is null`;
}

/** A condition: the flag row `flag` shows under `locality` (a uuid expression). */
export function flagInLocality(locality: string, flag = 'governance_flag'): string {
  return `exists (select 1 from ${FLAG_LOCALITY_TABLE} at_l
                   where at_l.tenant_id = ${flag}.tenant_id and at_l.flag_id = ${flag}.id and at_l.locality_id = ${locality})`;
}

/** The trigger function that keeps governance_flag_locality, from the statement's transition tables. */
export const FLAG_LOCALITIES_FUNCTION = 'governance_flag_localities_kept';

/**
 * The body of FLAG_LOCALITIES_FUNCTION: after a statement inserted or updated flags (the
 * transition tables `written` and, for updates, `written_before`), their rows are written
 * again from flagLocalitiesOf. Set-based: one delete and one insert per statement, however
 * many flags a scan wrote.
 */
export function flagLocalitiesFunctionBody(): string {
  return `
begin
  if tg_op = 'UPDATE' then
    delete from ${FLAG_LOCALITY_TABLE} l using written_before f where l.tenant_id = f.tenant_id and l.flag_id = f.id;
  end if;
  insert into ${FLAG_LOCALITY_TABLE} (tenant_id, flag_id, locality_id, state)
  select f.tenant_id, f.id, l.locality_id, f.state
    from written f cross join lateral (${flagLocalitiesOf('f')}) l;
  return null;
end`;
}

/** (Re)creates FLAG_LOCALITIES_FUNCTION as the code defines it; a migration runs it (and rewrites the rows) when the definition changes. */
export function flagLocalitiesFunctionSql(): string {
  return `create or replace function ${FLAG_LOCALITIES_FUNCTION}() returns trigger
  language plpgsql set search_path = public, pg_temp
  as $fn$${flagLocalitiesFunctionBody()}$fn$`;
}
