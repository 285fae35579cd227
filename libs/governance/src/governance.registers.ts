import { CsvRegister, utcTime } from '@joinedup/csv';
import { flagInLocality } from './flag-localities';
import { FLAG_LAST_SEEN } from './governance-flags.service';
import { FlagState } from './governance.types';

/** Open flags of a locality written at most, newest first (the rest are cut, and the answer says so). */
const MAX_FLAG_ROWS = 5000;

/** The open flags (open or acknowledged, as the health score counts them) that show under a locality, newest first. */
export const OPEN_FLAGS_REGISTER: CsvRegister = {
  title: 'Open governance flags',
  about: 'Each open or acknowledged flag: its barrier, rule, severity, what it is about and when it was raised and last seen.',
  from: `from governance_flag
         left join programme pg on pg.tenant_id = governance_flag.tenant_id and pg.id = governance_flag.programme_id
         left join organisation o on o.tenant_id = governance_flag.tenant_id and o.id = governance_flag.organisation_id
        where governance_flag.state in ('${FlagState.OPEN}', '${FlagState.ACKNOWLEDGED}') and ${flagInLocality('$1::uuid')}`,
  orderBy: 'governance_flag.first_raised_at desc, governance_flag.id desc',
  columns: [
    { header: 'Barrier', value: 'governance_flag.barrier' },
    { header: 'Rule', value: 'governance_flag.rule_code' },
    { header: 'Severity', value: 'governance_flag.severity' },
    { header: 'State', value: 'governance_flag.state' },
    { header: 'About', value: 'governance_flag.subject_type' },
    { header: 'Programme', value: 'pg.name' },
    { header: 'Member body', value: 'o.name' },
    { header: 'Message', value: 'governance_flag.message' },
    { header: 'First raised', value: utcTime('governance_flag.first_raised_at') },
    { header: 'Last seen', value: utcTime(FLAG_LAST_SEEN) },
  ],
  maxRows: MAX_FLAG_ROWS,
};
