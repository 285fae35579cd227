import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, violatedConstraint } from '@joinedup/database';
import { badInput, conflict } from '@joinedup/errors';
import { DOMAIN_EVENT, DomainEventPayloads, recordEvents } from '@joinedup/events';
import { LocalitiesService, MAX_ACTIVE_MEMBERS, RegistryReason, Sector } from '@joinedup/registry';
import { OnboardingReason } from './onboarding.errors';
import { OnboardingPlan, RegistrySnapshot, planOnboarding } from './onboarding-plan';
import { readOnboardingFile } from './onboarding-reader';
import { checkRows } from './onboarding-rows';

/** An uploaded file as the API receives it. */
export interface OnboardingFile {
  localityId: string;
  fileName: string;
  /** The file's bytes in base64, in pieces joined in order. */
  content: string[];
}

/** What applying wrote. */
export interface OnboardingCounts {
  bodiesCreated: number;
  bodiesChanged: number;
  membershipsAdded: number;
  peopleCreated: number;
  peopleChanged: number;
}

/**
 * Onboarding a locality from a spreadsheet: the file read and checked, planned against the
 * registry (preview), then applied in the operation's one transaction, which a failure
 * rolls back whole. Writes are set-based (one statement per kind of change), so a file of
 * thousands of rows takes a handful of statements.
 */
@Injectable()
export class OnboardingService {
  constructor(
    private readonly db: TenantDb,
    private readonly localities: LocalitiesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async preview(principal: Principal, file: OnboardingFile): Promise<OnboardingPlan> {
    const bytes = decode(file.content);
    const read = await readOnboardingFile(file.fileName, bytes);
    const checked = checkRows(read.rows);
    checked.problems.unshift(...read.problems);
    return planOnboarding(checked, await this.snapshot(principal, file.localityId, checked));
  }

  async apply(principal: Principal, file: OnboardingFile, planDigest: string): Promise<{ plan: OnboardingPlan; counts: OnboardingCounts }> {
    // One import at a time per tenant: the plan is made and applied on the same data.
    await this.db.query(`select pg_advisory_xact_lock(hashtext('onboarding:' || $1::text))`, [principal.tenantId]);
    const plan = await this.preview(principal, file);
    if (plan.problems.length) {
      throw badInput(`The file has ${plan.problems.length} problems to fix first; upload it again to see them.`, 'content');
    }
    if (plan.digest !== planDigest) {
      throw conflict('The registry or the file changed since the preview was made. Upload the file again to see what it would change now.', OnboardingReason.PLAN_CHANGED);
    }
    try {
      return { plan, counts: await this.write(principal, plan, file.fileName) };
    } catch (error) {
      if (violatedConstraint(error) === 'locality_member_limit') {
        throw conflict(`The locality would have more than ${MAX_ACTIVE_MEMBERS} member bodies. Upload the file again to see the members now.`, RegistryReason.LOCALITY_FULL);
      }
      throw error;
    }
  }

  /** The registry's records the file names, read under the caller's row-level security. */
  private async snapshot(principal: Principal, localityId: string, checked: ReturnType<typeof checkRows>): Promise<RegistrySnapshot> {
    const locality = await this.localities.get(principal, localityId);
    const lower = (list: (string | null)[]) => [...new Set(list.filter((v): v is string => !!v).map((v) => v.toLowerCase()))];
    const names = lower(checked.bodies.map((b) => b.name));
    const refs = lower(checked.bodies.map((b) => b.externalRef));
    const emails = lower(checked.people.map((p) => p.email));
    const competencyNames = lower(checked.people.flatMap((p) => (p.competencies ?? []).map((c) => c.name)));
    // One after another: the statements share the operation's one transaction.
    const members = await this.db.query<{ organisation_id: string }>(`select organisation_id from membership where locality_id = $1 and left_on is null`, [locality.id]);
    const organisations = await this.db.query<{ id: string; name: string; sector: Sector; external_ref: string | null }>(
        `select id, name, sector, external_ref from organisation
          where lower(name) = any($1::text[]) or lower(external_ref) = any($2::text[]) order by id`,
        [names, refs],
      );
    const people = await this.db.query<{
        id: string;
        organisation_id: string;
        organisation_name: string;
        full_name: string;
        job_title: string | null;
        email: string;
        represents_body: boolean;
        competencies: { name: string; level: number }[];
      }>(
        `select p.id, p.organisation_id, o.name as organisation_name, p.full_name, p.job_title, p.email, p.represents_body,
                coalesce((select json_agg(json_build_object('name', c.name, 'level', c.level) order by c.name)
                            from person_competency c where c.person_id = p.id), '[]') as competencies
           from person p join organisation o on o.id = p.organisation_id
          where lower(p.email) = any($1::text[]) order by p.id`,
        [emails],
      );
    const known = await this.db.query<{ name: string }>(
        `select min(name) as name from (
           select name from person_competency where lower(name) = any($1::text[])
           union select name from programme_role_competency where lower(name) = any($1::text[])) n
          group by lower(name)`,
        [competencyNames],
      );
    return {
      locality: { id: locality.id, name: locality.name, archived: !!locality.archivedAt, activeMemberIds: members.map((m) => m.organisation_id).sort() },
      organisations: organisations.map((o) => ({ id: o.id, name: o.name, sector: o.sector, externalRef: o.external_ref })),
      people: people.map((p) => ({
        id: p.id,
        organisationId: p.organisation_id,
        organisationName: p.organisation_name,
        fullName: p.full_name,
        jobTitle: p.job_title,
        email: p.email,
        representsBody: p.represents_body,
        competencies: p.competencies,
      })),
      competencyNames: known.map((k) => k.name),
    };
  }

  private async write(principal: Principal, plan: OnboardingPlan, fileName: string): Promise<OnboardingCounts> {
    const tenant = principal.tenantId;
    const created = plan.bodies.filter((b) => b.action === 'CREATE');
    const bodyIds = plan.bodies.map((b) => b.id);
    if (created.length) {
      const rows = await this.db.query<{ id: string }>(
        `insert into organisation (tenant_id, name, sector, external_ref)
         select $1, name, sector, ref from unnest($2::text[], $3::text[], $4::text[]) with ordinality as b(name, sector, ref, n) order by n
         returning id`,
        [tenant, created.map((b) => b.name), created.map((b) => b.sector), created.map((b) => b.externalRef)],
      );
      // INSERT … SELECT … ORDER BY returns its rows in that order.
      created.forEach((b, i) => (bodyIds[plan.bodies.indexOf(b)] = rows[i].id));
    }
    const changed = plan.bodies.filter((b) => b.action === 'CHANGE');
    if (changed.length) {
      await this.db.query(
        `update organisation o set name = b.name, sector = b.sector, external_ref = coalesce(b.ref, o.external_ref), updated_at = now()
           from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as b(id, name, sector, ref) where o.id = b.id`,
        [changed.map((b) => b.id), changed.map((b) => b.name), changed.map((b) => b.sector), changed.map((b) => b.externalRef)],
      );
    }
    const joining = plan.bodies.flatMap((b, i) => (b.joins ? [bodyIds[i]!] : []));
    if (joining.length) {
      await this.db.query(
        `insert into membership (tenant_id, locality_id, organisation_id) select $1, $2, unnest($3::uuid[])`,
        [tenant, plan.localityId, joining],
      );
    }

    const newPeople = plan.people.filter((p) => p.action === 'CREATE');
    const personIds = plan.people.map((p) => p.id);
    if (newPeople.length) {
      const rows = await this.db.query<{ id: string }>(
        `insert into person (tenant_id, organisation_id, full_name, job_title, email, represents_body)
         select $1, org, name, title, email, represents
           from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::boolean[]) with ordinality as p(org, name, title, email, represents, n)
          order by n
         returning id`,
        [
          tenant,
          newPeople.map((p) => bodyIds[p.body]),
          newPeople.map((p) => p.fullName),
          newPeople.map((p) => p.jobTitle),
          newPeople.map((p) => p.email),
          newPeople.map((p) => p.representsBody),
        ],
      );
      newPeople.forEach((p, i) => (personIds[plan.people.indexOf(p)] = rows[i].id));
    }
    const changedPeople = plan.people.filter((p) => p.action === 'CHANGE');
    if (changedPeople.length) {
      await this.db.query(
        `update person p set full_name = c.name, job_title = coalesce(c.title, p.job_title), represents_body = c.represents, updated_at = now()
           from unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[]) as c(id, name, title, represents) where p.id = c.id`,
        [changedPeople.map((p) => p.id), changedPeople.map((p) => p.fullName), changedPeople.map((p) => p.jobTitle), changedPeople.map((p) => p.representsBody)],
      );
    }
    // Competencies given in the file replace the person's; an empty cell keeps them.
    const setting = plan.people.flatMap((p, i) => (p.competencies && p.action !== 'UNCHANGED' ? [{ id: personIds[i]!, list: p.competencies }] : []));
    if (setting.length) {
      await this.db.query(`delete from person_competency where person_id = any($1::uuid[])`, [setting.map((s) => s.id)]);
      const flat = setting.flatMap((s) => s.list.map((c) => ({ id: s.id, ...c })));
      await this.db.query(
        `insert into person_competency (tenant_id, person_id, name, level) select $1, * from unnest($2::uuid[], $3::text[], $4::int[])`,
        [tenant, flat.map((c) => c.id), flat.map((c) => c.name), flat.map((c) => c.level)],
      );
    }

    const counts: OnboardingCounts = {
      bodiesCreated: created.length,
      bodiesChanged: changed.length,
      membershipsAdded: joining.length,
      peopleCreated: newPeople.length,
      peopleChanged: changedPeople.length,
    };
    await this.audit.record({ action: 'locality.onboarded', entityType: 'LOCALITY', entityId: plan.localityId, after: { fileName, ...counts } });
    await this.announce(plan, bodyIds, personIds);
    return counts;
  }

  /**
   * The events createOrganisation, createPerson, addMember and setPersonCompetencies record,
   * for each record the file created, changed or added (so the governance engine rescans what
   * changed, and webhooks hear of it), each kind in one statement.
   */
  private async announce(plan: OnboardingPlan, bodyIds: (string | null)[], personIds: (string | null)[]): Promise<void> {
    const touched = [...plan.bodies.filter((b) => b.action === 'CHANGE').map((b) => b.id!), ...plan.people.filter((p) => p.action === 'CHANGE').map((p) => bodyIds[p.body]!)];
    const memberOf = await this.db.query<{ organisation_id: string; locality_ids: string[] }>(
      `select organisation_id, array_agg(locality_id order by locality_id) as locality_ids from membership
        where organisation_id = any($1::uuid[]) and left_on is null group by organisation_id`,
      [[...new Set(touched)]],
    );
    const localitiesOf = new Map(memberOf.map((m) => [m.organisation_id, m.locality_ids]));
    const organisations = plan.bodies.flatMap((b, i) =>
      b.action === 'UNCHANGED' ? [] : [{ organisationId: bodyIds[i]!, change: b.action === 'CREATE' ? ('CREATED' as const) : ('UPDATED' as const), localityIds: b.action === 'CREATE' ? [] : (localitiesOf.get(b.id!) ?? []) }],
    );
    await recordEvents(this.outbox, DOMAIN_EVENT.organisationChanged, organisations);
    const joined = plan.bodies.flatMap((b, i) => (b.joins ? [{ localityId: plan.localityId, organisationId: bodyIds[i]!, change: 'JOINED' as const }] : []));
    await recordEvents(this.outbox, DOMAIN_EVENT.membershipChanged, joined);
    const people = plan.people.flatMap((p, i): DomainEventPayloads[typeof DOMAIN_EVENT.personChanged][] => {
      if (p.action === 'UNCHANGED') return [];
      const organisationId = bodyIds[p.body]!;
      if (p.action === 'CREATE') return [{ personId: personIds[i]!, organisationId, change: 'CREATED' as const, localityIds: [] }];
      const change = p.changes.some((c) => c.startsWith('competencies')) ? ('COMPETENCIES_SET' as const) : ('UPDATED' as const);
      return [{ personId: personIds[i]!, organisationId, change, localityIds: localitiesOf.get(organisationId) ?? [] }];
    });
    await recordEvents(this.outbox, DOMAIN_EVENT.personChanged, people);
  }
}

/** The file's bytes from its base64 pieces (the input bounds their number and length). */
function decode(content: string[]): Buffer {
  const text = content.join('');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw badInput('content must be the file in base64.', 'content');
  return Buffer.from(text, 'base64');
}
