import { CsvRegister } from '@joinedup/csv';

/** Reviews or measures of a locality’s programmes written at most (findings run to 10,000 characters; the rest are cut, and the answer says so). */
const MAX_IMPROVEMENT_ROWS = 2000;

const OF_LOCALITY = `join programme pg on pg.tenant_id = x.tenant_id and pg.id = x.programme_id`;

/** Improvement reviews of a locality's programmes: ratings, findings and how many measures met their target. */
export const REVIEWS_REGISTER: CsvRegister = {
  title: 'Improvement reviews',
  about: 'Each review of a programme: when due, its period, ratings, findings and the measures that met their target.',
  from: `from improvement_review x ${OF_LOCALITY}
        where pg.locality_id = $1`,
  orderBy: 'lower(pg.name), pg.id, x.due_on desc, x.id',
  columns: [
    { header: 'Programme', value: 'pg.name' },
    { header: 'Status', value: 'x.status' },
    { header: 'Due on', value: 'x.due_on' },
    { header: 'Period start', value: 'x.period_start' },
    { header: 'Period end', value: 'x.period_end' },
    { header: 'Effectiveness (1–5)', value: 'x.effectiveness_rating' },
    { header: 'Efficiency (1–5)', value: 'x.efficiency_rating' },
    { header: 'Findings', value: 'x.findings' },
    {
      header: 'Measures met',
      value: `(select case when count(*) > 0 then count(*) filter (where mv.met) || ' of ' || count(*) end
                 from improvement_measure_value mv where mv.tenant_id = x.tenant_id and mv.review_id = x.id)`,
    },
    { header: 'Completed on', value: 'x.completed_on' },
  ],
  maxRows: MAX_IMPROVEMENT_ROWS,
};

/** Measures of a locality's programmes with their target and the value of the latest review that recorded one. */
export const MEASURES_REGISTER: CsvRegister = {
  title: 'Improvement measures',
  about: 'Each measure of a programme: baseline, target, which way is better, and the latest value recorded at a review.',
  from: `from improvement_measure x ${OF_LOCALITY}
         left join lateral (
           select mv.value, mv.met, r.completed_on
             from improvement_measure_value mv
             join improvement_review r on r.tenant_id = mv.tenant_id and r.id = mv.review_id
            where mv.tenant_id = x.tenant_id and mv.measure_id = x.id
            order by r.completed_on desc nulls last, r.id desc limit 1) latest on true
        where pg.locality_id = $1`,
  orderBy: 'lower(pg.name), pg.id, lower(x.name), x.id',
  columns: [
    { header: 'Programme', value: 'pg.name' },
    { header: 'Measure', value: 'x.name' },
    { header: 'Unit', value: 'x.unit' },
    { header: 'Baseline', value: 'x.baseline' },
    { header: 'Target', value: 'x.target' },
    { header: 'Better when', value: 'x.direction' },
    { header: 'Latest value', value: 'latest.value' },
    { header: 'Latest review on', value: 'latest.completed_on' },
    { header: 'Met target', value: `case when latest.met then 'yes' when not latest.met then 'no' end` },
    { header: 'Retired on', value: 'x.retired_on' },
  ],
  maxRows: MAX_IMPROVEMENT_ROWS,
};
