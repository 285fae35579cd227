import { CsvRegister, utcTime } from '@joinedup/csv';

/** Briefing recipients of a locality written at most, newest briefings first (the rest are cut, and the answer says so). */
const MAX_ACKNOWLEDGEMENT_ROWS = 5000;

/** Per briefing of a locality's programmes, each body it went to and whether, when and how far it passed it on. */
export const ACKNOWLEDGEMENTS_REGISTER: CsvRegister = {
  title: 'Briefing acknowledgements',
  about: 'Each briefing and each body it was sent to: acknowledged or not, when, and how far it was passed on.',
  from: `from briefing_recipient br
         join briefing b on b.tenant_id = br.tenant_id and b.id = br.briefing_id
         join programme pg on pg.tenant_id = b.tenant_id and pg.id = b.programme_id
         join organisation o on o.tenant_id = br.tenant_id and o.id = br.organisation_id
        where pg.locality_id = $1`,
  orderBy: 'b.issued_on desc, b.id, lower(o.name), o.id',
  columns: [
    { header: 'Programme', value: 'pg.name' },
    { header: 'Briefing', value: 'b.title' },
    { header: 'Issued on', value: 'b.issued_on' },
    { header: 'Member body', value: 'o.name' },
    { header: 'Acknowledged', value: `case when br.acknowledged_at is null then 'no' else 'yes' end` },
    { header: 'First acknowledged', value: utcTime('br.first_acknowledged_at') },
    { header: 'Passed on to', value: 'br.cascade_level' },
  ],
  maxRows: MAX_ACKNOWLEDGEMENT_ROWS,
};
