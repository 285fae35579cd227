import { CsvRegister } from '@joinedup/csv';

/** Alignment requests of a locality written at most, newest first (the rest are cut, and the answer says so). */
const MAX_ALIGNMENT_ROWS = 5000;

/** A locality's alignment requests: who asked whom to adapt what, and the answer. */
export const ALIGNMENT_REQUESTS_REGISTER: CsvRegister = {
  title: 'Alignment requests',
  about: 'Each request for a body to adapt a system or process: who asked, the answer, its dates and reasons.',
  from: `from alignment_request a
         join programme pg on pg.tenant_id = a.tenant_id and pg.id = a.programme_id
         join organisation asker on asker.tenant_id = a.tenant_id and asker.id = a.requesting_organisation_id
         join organisation target on target.tenant_id = a.tenant_id and target.id = a.target_organisation_id
        where a.locality_id = $1`,
  orderBy: 'a.requested_on desc, a.requested_at desc, a.id',
  columns: [
    { header: 'Programme', value: 'pg.name' },
    { header: 'Title', value: 'a.title' },
    { header: 'Kind', value: 'a.kind' },
    { header: 'Requested by', value: 'asker.name' },
    { header: 'Asked of', value: 'target.name' },
    { header: 'Status', value: 'a.status' },
    { header: 'Requested on', value: 'a.requested_on' },
    { header: 'Response due on', value: 'a.response_due_on' },
    { header: 'Responded on', value: 'a.responded_on' },
    { header: 'Planned for', value: 'a.planned_on' },
    { header: 'Adapted on', value: 'a.adapted_on' },
    { header: 'Reason', value: 'coalesce(a.decline_reason, a.withdrawal_reason)' },
  ],
  maxRows: MAX_ALIGNMENT_ROWS,
};
