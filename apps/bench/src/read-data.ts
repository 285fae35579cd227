import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTenant } from '@joinedup/auth';
import { BENCH_ID, type DataStep } from './scan-data';

/** A tenant of the read benchmark with its administrator, who signs in to read. */
export interface ReadTenant {
  id: string;
  slug: string;
  adminId: string;
  adminEmail: string;
  adminPassword: string;
}

export interface ReadData {
  /** The tenant whose dashboards are read. */
  measured: ReadTenant;
  /** The measured tenant's localities of 40 member bodies, read at random under load. */
  fullLocalityIds: string[];
  /** Its one locality with a single member body (the statement count must not depend on the members). */
  singleLocalityId: string;
  /** Rows written, over both tenants. */
  rows: number;
  durationMs: number;
}

/** Member bodies of a full locality (the registry's limit), and what each programme has. */
const MEMBERS = 40;
const PROGRAMMES = 6;
const PARTICIPANTS = 8;

/**
 * Two tenants of the same shape — the measured one and another whose rows row-level
 * security must hide — each with `localities` localities of 40 member bodies and one
 * locality of a single body. The shape is that of the shared side-by-side benchmark
 * (bench/peer-read/data.sql), so the figures compare: two people per body; six ACTIVE
 * programmes per locality with eight participants (all of them in a one-body locality: one)
 * and an agreed leader, who is a participant's first person.
 *
 * Tenants and administrators are made by createTenant (a real password hash, so the
 * administrator signs in like anyone); the rest is set-based SQL as the owner, one
 * statement per table over both tenants, in one transaction. Ids are made of the md5 of
 * ordinals (bench_id), so each statement computes the ids an earlier one wrote.
 */
export async function generateReadData(
  ownerSource: DataSource,
  owner: Client,
  localities: number,
  progress: (line: string) => void,
  /** The measured tenant's slug; the other tenant's is this with -other. */
  slug = 'bench-read',
): Promise<ReadData> {
  const started = Date.now();
  progress('  tenants and their administrators');
  const measured = await provision(ownerSource, slug, `Benchmark ${slug}`);
  const other = await provision(ownerSource, `${slug}-other`, `Benchmark ${slug}, the other tenant`);
  const steps = readSteps(localities);
  let rows = 0;
  await owner.query('begin');
  try {
    await owner.query(BENCH_ID);
    await owner.query(`create temp table r_tenant (k int, id uuid, admin_id uuid) on commit drop`);
    await owner.query(`insert into r_tenant select k - 1, id, admin_id from unnest($1::uuid[], $2::uuid[]) with ordinality as t(id, admin_id, k)`, [
      [measured.id, other.id],
      [measured.adminId, other.adminId],
    ]);
    for (const [index, step] of steps.entries()) {
      progress(`  ${String(index + 1).padStart(2)}/${steps.length} ${step.label}`);
      rows += (await owner.query(step.sql)).rowCount ?? 0;
    }
    await owner.query('commit');
  } catch (error) {
    await owner.query('rollback').catch(() => undefined);
    throw error;
  }
  // Statistics and the visibility map as a database in service would have them.
  progress('  vacuum analyze');
  await owner.query('vacuum (analyze)');
  const { rows: found } = await owner.query<{ id: string; members: number }>(
    `select id, active_member_count as members from locality where tenant_id = $1 order by code`,
    [measured.id],
  );
  const single = found.find((locality) => locality.members === 1);
  if (!single) throw new Error('The generator wrote no one-member locality');
  return {
    measured,
    fullLocalityIds: found.filter((locality) => locality.members === MEMBERS).map((locality) => locality.id),
    singleLocalityId: single.id,
    rows,
    durationMs: Date.now() - started,
  };
}

async function provision(owner: DataSource, slug: string, name: string): Promise<ReadTenant> {
  const adminEmail = `admin@${slug}.test`;
  // Random, so a kept database holds no known credential.
  const adminPassword = `bench ${randomUUID()}`;
  const { tenantId, adminId } = await createTenant(owner, { slug, name, adminEmail, adminPassword });
  return { id: tenantId, slug, adminId, adminEmail, adminPassword };
}

/**
 * Locality n = 0 of each tenant has one member body; n = 1..N have forty. The member body
 * of ordinal s in locality n is bench_id('o:k:n:s'); body s of a programme's participants is
 * ((j * 5 + i) mod members), as in data.sql, so neighbouring programmes share bodies.
 */
function readSteps(localities: number): DataStep[] {
  const members = `(case when l.n = 0 then 1 else ${MEMBERS} end)`;
  return [
    {
      label: 'localities',
      sql: `
        create temp table r_locality on commit drop as
        select t.k, t.id as tenant_id, t.admin_id, n, pg_temp.bench_id('read-locality:' || t.k || ':' || n) as id
          from r_tenant t cross join generate_series(0, ${localities}) n;
        insert into locality (tenant_id, id, name, code)
        select tenant_id, id, case n when 0 then 'Single-member locality' else 'Locality ' || n end, 'L' || n from r_locality`,
    },
    {
      label: 'member bodies',
      sql: `
        insert into organisation (tenant_id, id, name, sector)
        select l.tenant_id, pg_temp.bench_id('read-body:' || l.k || ':' || l.n || ':' || s), 'Body ' || s || ' of locality ' || l.n,
               (array['LOCAL_AUTHORITY', 'HEALTH', 'POLICE', 'VOLUNTARY', 'EDUCATION'])[1 + s % 5]
          from r_locality l cross join generate_series(0, ${MEMBERS - 1}) s
         where s < ${members}`,
    },
    {
      label: 'memberships (the trigger counts them on each locality)',
      sql: `
        insert into membership (tenant_id, locality_id, organisation_id)
        select l.tenant_id, l.id, pg_temp.bench_id('read-body:' || l.k || ':' || l.n || ':' || s)
          from r_locality l cross join generate_series(0, ${MEMBERS - 1}) s
         where s < ${members}`,
    },
    {
      label: 'people (two per member body)',
      sql: `
        insert into person (tenant_id, id, organisation_id, full_name, job_title)
        select l.tenant_id, pg_temp.bench_id('read-person:' || l.k || ':' || l.n || ':' || s || ':' || p),
               pg_temp.bench_id('read-body:' || l.k || ':' || l.n || ':' || s), 'Person ' || p || ' of body ' || s || '/' || l.n, 'Lead'
          from r_locality l cross join generate_series(0, ${MEMBERS - 1}) s cross join generate_series(0, 1) p
         where s < ${members}`,
    },
    {
      label: 'programmes (ACTIVE)',
      sql: `
        insert into programme (tenant_id, id, locality_id, name, status)
        select l.tenant_id, pg_temp.bench_id('read-programme:' || l.k || ':' || l.n || ':' || j), l.id, 'Programme ' || j, 'ACTIVE'
          from r_locality l cross join generate_series(0, ${PROGRAMMES - 1}) j`,
    },
    {
      label: 'programme participants',
      sql: `
        insert into programme_participant (tenant_id, programme_id, organisation_id)
        select distinct l.tenant_id, pg_temp.bench_id('read-programme:' || l.k || ':' || l.n || ':' || j),
               pg_temp.bench_id('read-body:' || l.k || ':' || l.n || ':' || ((j * 5 + i) % ${members}))
          from r_locality l cross join generate_series(0, ${PROGRAMMES - 1}) j cross join generate_series(0, ${PARTICIPANTS - 1}) i`,
    },
    {
      label: 'agreed nominations',
      sql: `
        insert into leader_nomination (tenant_id, id, programme_id, person_id, status, nominated_by_user_id, decided_at)
        select l.tenant_id, pg_temp.bench_id('read-nomination:' || l.k || ':' || l.n || ':' || j),
               pg_temp.bench_id('read-programme:' || l.k || ':' || l.n || ':' || j),
               pg_temp.bench_id('read-person:' || l.k || ':' || l.n || ':' || ((j * 5) % ${members}) || ':0'), 'AGREED', l.admin_id, now()
          from r_locality l cross join generate_series(0, ${PROGRAMMES - 1}) j`,
    },
    {
      label: 'agreed leaders',
      sql: `
        insert into programme_leader (tenant_id, programme_id, person_id, nomination_id, reconfirm_by)
        select l.tenant_id, pg_temp.bench_id('read-programme:' || l.k || ':' || l.n || ':' || j),
               pg_temp.bench_id('read-person:' || l.k || ':' || l.n || ':' || ((j * 5) % ${members}) || ':0'),
               pg_temp.bench_id('read-nomination:' || l.k || ':' || l.n || ':' || j), current_date + 365
          from r_locality l cross join generate_series(0, ${PROGRAMMES - 1}) j`,
    },
  ];
}
