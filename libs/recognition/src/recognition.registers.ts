import { CsvRegister } from '@joinedup/csv';

/** Recognitions of a locality written at most, newest first (the rest are cut, and the answer says so). */
const MAX_RECOGNITION_ROWS = 5000;

const yes = (column: string) => `case when ${column} then 'yes' else 'no' end`;

/** Recognition given in a locality's programmes: to whom, by whom, why, for which milestone and where it is shown. */
export const RECOGNITIONS_REGISTER: CsvRegister = {
  title: 'Recognitions',
  about: 'Each achievement credited to a person or body: who gave it, why, the milestone it marks and where it is shown.',
  from: `from recognition r
         join programme pg on pg.tenant_id = r.tenant_id and pg.id = r.programme_id
         join organisation recipient on recipient.tenant_id = r.tenant_id and recipient.id = r.recipient_organisation_id
         join organisation giver on giver.tenant_id = r.tenant_id and giver.id = r.giver_organisation_id
         left join person credited on credited.tenant_id = r.tenant_id and credited.id = r.credited_person_id
         left join person giving on giving.tenant_id = r.tenant_id and giving.id = r.given_by_person_id
         left join milestone ms on ms.tenant_id = r.tenant_id and ms.id = r.milestone_id
        where pg.locality_id = $1`,
  orderBy: 'r.given_on desc, r.id',
  columns: [
    { header: 'Given on', value: 'r.given_on' },
    { header: 'Programme', value: 'pg.name' },
    { header: 'Credited to', value: 'coalesce(credited.full_name, recipient.name)' },
    { header: 'Credited body', value: 'recipient.name' },
    { header: 'Reason', value: 'r.reason' },
    { header: 'Given by', value: 'coalesce(giving.full_name, giver.name)' },
    { header: 'Giving body', value: 'giver.name' },
    { header: 'Milestone', value: 'ms.name' },
    { header: 'Milestone achieved on', value: 'ms.achieved_on' },
    { header: 'On the partnership board', value: yes('r.visible_on_partnership_board') },
    { header: 'In own organisation', value: yes('r.visible_in_own_organisation') },
    { header: 'Publicly', value: yes('r.visible_publicly') },
  ],
  maxRows: MAX_RECOGNITION_ROWS,
};
