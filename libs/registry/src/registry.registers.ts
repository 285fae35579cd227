import { CsvRegister } from '@joinedup/csv';
import { MAX_ACTIVE_MEMBERS } from './memberships.service';

/** Memberships a locality has had, past ones included: far more than its active bodies, still bounded. */
const MAX_MEMBERSHIP_ROWS = 1000;
/** People of a locality's bodies written at most (the rest are cut, and the answer says so). */
const MAX_PEOPLE_ROWS = 5000;

/** A locality's member bodies, active ones first, then those that left. */
export const MEMBER_BODIES_REGISTER: CsvRegister = {
  title: 'Member bodies',
  about: `Each body that is or was a member (at most ${MAX_ACTIVE_MEMBERS} active at once), with its sector and dates.`,
  from: `from membership m
         join organisation o on o.tenant_id = m.tenant_id and o.id = m.organisation_id
        where m.locality_id = $1`,
  orderBy: 'm.left_on is not null, lower(o.name), m.joined_on, m.id',
  columns: [
    { header: 'Member body', value: 'o.name' },
    { header: 'Sector', value: 'o.sector' },
    { header: 'External reference', value: 'o.external_ref' },
    { header: 'Joined on', value: 'm.joined_on' },
    { header: 'Left on', value: 'm.left_on' },
  ],
  maxRows: MAX_MEMBERSHIP_ROWS,
};

/** The people of a locality's active member bodies, with their competencies. */
export const PEOPLE_REGISTER: CsvRegister = {
  title: 'People',
  about: 'Each person of an active member body, with their competencies and levels.',
  from: `from person p
         join organisation o on o.tenant_id = p.tenant_id and o.id = p.organisation_id
        where exists (select 1 from membership m
                       where m.tenant_id = p.tenant_id and m.organisation_id = p.organisation_id
                         and m.locality_id = $1 and m.left_on is null)`,
  orderBy: 'lower(o.name), lower(p.full_name), p.id',
  columns: [
    { header: 'Name', value: 'p.full_name' },
    { header: 'Job title', value: 'p.job_title' },
    { header: 'Email', value: 'p.email' },
    { header: 'Member body', value: 'o.name' },
    {
      header: 'Competencies (level 1–5)',
      value: `(select string_agg(c.name || ' ' || c.level, '; ' order by lower(c.name))
                 from person_competency c where c.tenant_id = p.tenant_id and c.person_id = p.id)`,
    },
  ],
  maxRows: MAX_PEOPLE_ROWS,
};
