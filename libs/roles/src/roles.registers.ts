import { CsvRegister } from '@joinedup/csv';
import { fitSql } from './role-fit.sql';

/** Current roles of a locality's programmes written at most (the rest are cut, and the answer says so). */
const MAX_ROLE_ROWS = 5000;

/** The current roles of a locality's programmes: holder, how they were chosen, and fit now and when chosen. */
export const ROLES_REGISTER: CsvRegister = {
  title: 'Roles and fit',
  about: 'Each current role of a programme with its holder, how they were selected and why, and their fit.',
  from: `from programme_role r
         join programme pg on pg.tenant_id = r.tenant_id and pg.id = r.programme_id
         left join role_assignment a on a.tenant_id = r.tenant_id and a.role_id = r.id and a.ended_at is null
         left join person p on p.tenant_id = a.tenant_id and p.id = a.person_id
         left join organisation o on o.tenant_id = a.tenant_id and o.id = a.organisation_id
         left join lateral (${fitSql('(select a.id as key, a.tenant_id, a.role_id, a.person_id where a.id is not null)')}) f on true
        where pg.locality_id = $1 and r.retired_at is null`,
  orderBy: 'lower(pg.name), pg.id, lower(r.title), r.id',
  columns: [
    { header: 'Programme', value: 'pg.name' },
    { header: 'Role', value: 'r.title' },
    { header: 'Required for the programme', value: `case when r.required_for_programme then 'yes' else 'no' end` },
    { header: 'Holder', value: 'p.full_name' },
    { header: 'Holder’s body', value: 'o.name' },
    { header: 'Selection method', value: 'a.selection_method' },
    { header: 'Rationale', value: 'a.rationale' },
    { header: 'Fit now (%)', value: 'round(f.score * 100)' },
    { header: 'Competencies met', value: `case when f.key is not null then f.met || ' of ' || f.required end` },
    { header: 'Fit when chosen (%)', value: 'round(a.fit_at_assignment * 100)' },
    { header: 'Vacant since', value: 'r.vacant_since' },
  ],
  maxRows: MAX_ROLE_ROWS,
};
