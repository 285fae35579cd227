import { CsvRegister, utcTime } from '@joinedup/csv';
import { conflictSource, readableCondition } from './conflict-visibility';

/** Conflicts of a locality written at most, newest first (the rest are cut, and the answer says so). */
const MAX_CONFLICT_ROWS = 5000;

/** Shown only to whoever may read the conflict's details (conflict-visibility); empty otherwise. */
const detail = (value: string) => `case when v.details_visible then ${value} end`;

/** A locality's conflict log, as the viewer may read it: the details only where conflict-visibility allows. */
export const CONFLICT_LOG_REGISTER: CsvRegister = {
  title: 'Conflict log',
  about: 'Each conflict with its status, stage and due date; who raised it, the parties and the outcome where you may read them.',
  from: `from ${conflictSource('$2')}
         left join programme pg on pg.tenant_id = c.tenant_id and pg.id = c.programme_id
         left join organisation raiser on raiser.tenant_id = c.tenant_id and raiser.id = c.raised_by_organisation_id
        where c.locality_id = $1 and ${readableCondition('c', '$2')}`,
  readsViewer: true,
  orderBy: 'c.opened_at desc, c.id',
  columns: [
    { header: 'Opened', value: utcTime('c.opened_at') },
    { header: 'Programme', value: 'pg.name' },
    { header: 'Title', value: detail('c.title') },
    { header: 'Raised by', value: detail('raiser.name') },
    {
      header: 'Parties',
      value: detail(`(select string_agg(o.name, '; ' order by lower(o.name))
                         from conflict_party cp join organisation o on o.tenant_id = cp.tenant_id and o.id = cp.organisation_id
                        where cp.tenant_id = c.tenant_id and cp.conflict_id = c.id)`),
    },
    { header: 'Category', value: 'c.category' },
    { header: 'Severity', value: 'c.severity' },
    { header: 'Status', value: 'c.status' },
    { header: 'Stage', value: 'c.current_stage' },
    { header: 'Stage due on', value: 'c.stage_due_on' },
    { header: 'Overdue', value: `case when c.status = 'IN_RESOLUTION' and c.stage_due_on < current_date then 'yes' else 'no' end` },
    { header: 'Closed', value: utcTime('c.closed_at') },
    { header: 'Outcome', value: detail('coalesce(c.outcome, c.close_reason)') },
  ],
  maxRows: MAX_CONFLICT_ROWS,
};
