import { EntityManager } from 'typeorm';
import { Role } from '@joinedup/auth';
import { queryRows, violatedConstraint } from '@joinedup/database';
import { conflict } from '@joinedup/errors';
import { NominationStatus } from '@joinedup/programmes';
import {
  DEMO_LOCALITIES,
  DEMO_ORGANISATIONS,
  DEMO_REPRESENTED,
  DEMO_STAFF_USERS,
  DemoLocality,
  DemoUser,
  organisationByKey,
} from './demo-partnership.data';
import { peopleOf, stableHash } from './demo-people.data';
import { DEMO_PROGRAMMES, DemoNomination, DemoProgramme } from './demo-programmes.data';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DemoUserSummary {
  email: string;
  role: Role;
  /** Name of the organisation a member representative acts for. */
  organisation?: string;
}

/**
 * Writes the demo data set into one tenant inside the caller's tenant transaction. Every
 * record is looked up by its natural key first and inserted only when missing, so a
 * re-run adds nothing; `added` counts what this run inserted, by table.
 */
export class DemoLoader {
  readonly added: Record<string, number> = {};
  private readonly localities = new Map<string, { id: string; name: string }>();
  private readonly organisations = new Map<string, string>();
  /** Person ids by organisation key, in slot order. */
  private readonly people = new Map<string, string[]>();
  private readonly userIds = new Map<string, string>();
  private coordinatorId = '';

  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
    private readonly now: Date,
    private readonly passwordHash: () => Promise<string>,
  ) {}

  async load(slug: string): Promise<DemoUserSummary[]> {
    // Two runs on one tenant at once would both see a record missing; take turns.
    await this.query(`select pg_advisory_xact_lock(hashtext('joinedup.seed-demo'), hashtext($1))`, [this.tenantId]);
    for (const locality of DEMO_LOCALITIES) await this.locality(locality);
    for (const organisation of DEMO_ORGANISATIONS) {
      const id = await this.findOrInsert(
        'organisation',
        [`select id from organisation where tenant_id = $1 and lower(name) = lower($2)`, [this.tenantId, organisation.name]],
        [
          `insert into organisation (tenant_id, name, sector) values ($1, $2, $3) returning id`,
          [this.tenantId, organisation.name, organisation.sector],
        ],
      );
      this.organisations.set(organisation.key, id);
      for (const code of organisation.localities) {
        await this.membership(this.localities.get(code)!, id, -(450 + (stableHash(organisation.key) % 1000)));
      }
      await this.peopleOf(organisation.key);
    }
    const users = await this.users(slug);
    for (const programme of DEMO_PROGRAMMES) await this.programme(programme);
    if (Object.keys(this.added).length) {
      await this.query(
        `insert into audit_event (tenant_id, action, entity_type, entity_id, after) values ($1, 'demo.loaded', 'TENANT', $1, $2)`,
        [this.tenantId, JSON.stringify(this.added)],
      );
      this.count('audit_event');
    }
    return users;
  }

  private async locality(locality: DemoLocality): Promise<void> {
    const id = await this.findOrInsert(
      'locality',
      [`select id from locality where tenant_id = $1 and upper(code) = upper($2)`, [this.tenantId, locality.code]],
      [
        `insert into locality (tenant_id, name, code, region) values ($1, $2, $3, $4) returning id`,
        [this.tenantId, locality.name, locality.code, locality.region],
      ],
    );
    this.localities.set(locality.code, { id, name: locality.name });
  }

  private async membership(locality: { id: string; name: string }, organisationId: string, joinedOn: number): Promise<void> {
    try {
      const rows = await this.query(
        `insert into membership (tenant_id, locality_id, organisation_id, joined_on) values ($1, $2, $3, $4)
         on conflict (tenant_id, locality_id, organisation_id) where left_on is null do nothing returning id`,
        [this.tenantId, locality.id, organisationId, this.date(joinedOn)],
      );
      this.count('membership', rows.length);
    } catch (error) {
      if (violatedConstraint(error) === 'locality_member_limit') {
        throw conflict(`${locality.name} already has too many active member bodies for the demo partnership.`);
      }
      throw error;
    }
  }

  private async peopleOf(organisationKey: string): Promise<void> {
    const organisationId = this.organisations.get(organisationKey)!;
    const ids: string[] = [];
    for (const person of peopleOf(organisationByKey(organisationKey))) {
      const id = await this.findOrInsert(
        'person',
        [
          `select id from person where tenant_id = $1 and organisation_id = $2 and lower(full_name) = lower($3)
            order by created_at, id limit 1`,
          [this.tenantId, organisationId, person.fullName],
        ],
        [
          `insert into person (tenant_id, organisation_id, full_name, job_title, email) values ($1, $2, $3, $4, $5) returning id`,
          [this.tenantId, organisationId, person.fullName, person.jobTitle, person.email],
        ],
      );
      const rows = await this.query(
        `insert into person_competency (tenant_id, person_id, name, level)
         select $1::uuid, $2::uuid, c.name, c.level from unnest($3::text[], $4::int[]) as c(name, level)
         on conflict do nothing returning name`,
        [this.tenantId, id, person.competencies.map((c) => c.name), person.competencies.map((c) => c.level)],
      );
      this.count('person_competency', rows.length);
      ids.push(id);
    }
    this.people.set(organisationKey, ids);
  }

  private async users(slug: string): Promise<DemoUserSummary[]> {
    const representatives: DemoUser[] = DEMO_REPRESENTED.map((key) => ({
      localPart: `rep.${key}`,
      displayName: `${peopleOf(organisationByKey(key))[0].fullName} (${organisationByKey(key).name})`,
      role: Role.MEMBER_REPRESENTATIVE,
      organisation: key,
    }));
    const summaries: DemoUserSummary[] = [];
    const userByEmail = `select id, role from app_user where tenant_id = $1 and lower(email) = lower($2)`;
    const [admin] = await this.query(userByEmail, [this.tenantId, `admin@${slug}.demo`]);
    if (admin) summaries.push({ email: `admin@${slug}.demo`, role: admin.role as Role });
    for (const user of [...DEMO_STAFF_USERS, ...representatives]) {
      const email = `${user.localPart}@${slug}.demo`;
      const organisationId = user.organisation ? this.organisations.get(user.organisation)! : null;
      const [existing] = await this.query(userByEmail, [this.tenantId, email]);
      let id = existing?.id;
      if (!id) {
        [{ id }] = await this.query(
          `insert into app_user (tenant_id, email, display_name, password_hash, role, organisation_id)
           values ($1, $2, $3, $4, $5, $6) returning id`,
          [this.tenantId, email, user.displayName, await this.passwordHash(), user.role, organisationId],
        );
        this.count('app_user');
      }
      this.userIds.set(user.organisation ?? user.localPart, id);
      summaries.push({
        email,
        role: (existing?.role as Role | undefined) ?? user.role,
        ...(user.organisation ? { organisation: organisationByKey(user.organisation).name } : {}),
      });
    }
    this.coordinatorId = this.userIds.get('coordinator')!;
    return summaries;
  }

  private async programme(programme: DemoProgramme): Promise<void> {
    const locality = this.localities.get(programme.locality)!;
    const createdOn = Math.min(programme.startsOn, 0) - 30;
    const id = await this.findOrInsert(
      'programme',
      [
        `select id from programme where tenant_id = $1 and locality_id = $2 and lower(name) = lower($3) order by created_at, id limit 1`,
        [this.tenantId, locality.id, programme.name],
      ],
      [
        `insert into programme (tenant_id, locality_id, name, purpose, status, starts_on, ends_on, review_cadence_days,
                                agreement_rule, support_threshold, max_opposing, leader_term_months, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) returning id`,
        [
          this.tenantId,
          locality.id,
          programme.name,
          programme.purpose,
          programme.status,
          this.date(programme.startsOn),
          programme.endsOn === undefined ? null : this.date(programme.endsOn),
          programme.reviewCadenceDays,
          programme.rule.kind,
          programme.rule.supportThreshold,
          programme.rule.maxOpposing,
          programme.leaderTermMonths,
          this.at(createdOn),
        ],
      ],
    );
    for (const key of programme.participants) {
      // Only an active member of the programme's locality can take part.
      const rows = await this.query(
        `insert into programme_participant (tenant_id, programme_id, organisation_id, joined_at)
         select $1::uuid, $2::uuid, $3::uuid, $4::timestamptz
          where exists (select 1 from membership m where m.tenant_id = $1 and m.locality_id = $5
                           and m.organisation_id = $3 and m.left_on is null)
         on conflict (tenant_id, programme_id, organisation_id) where left_at is null do nothing returning organisation_id`,
        [this.tenantId, id, this.organisations.get(key)!, this.at(createdOn + 7), locality.id],
      );
      this.count('programme_participant', rows.length);
    }
    if (programme.nomination) await this.nomination(id, programme, programme.nomination);
  }

  /** The programme's nomination, its endorsements and (when agreed) its leader; only for a programme with none. */
  private async nomination(programmeId: string, programme: DemoProgramme, nomination: DemoNomination): Promise<void> {
    const [existing] = await this.query(
      `select 1 from leader_nomination where tenant_id = $1 and programme_id = $2
       union all select 1 from programme_leader where tenant_id = $1 and programme_id = $2 limit 1`,
      [this.tenantId, programmeId],
    );
    if (existing) return;
    const personId = this.people.get(nomination.leader.organisation)![nomination.leader.slot];
    const nominatedAt = this.at(nomination.nominatedOn);
    const endorsedAt = (after: number) => new Date(nominatedAt.getTime() + after * DAY_MS);
    const decidedAt =
      nomination.status === NominationStatus.AGREED ? endorsedAt(Math.max(...nomination.endorsements.map((e) => e.after))) : null;
    const [{ id }] = await this.query(
      `insert into leader_nomination (tenant_id, programme_id, person_id, status, nominated_by_user_id, nominated_at, decided_at)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [this.tenantId, programmeId, personId, nomination.status, this.coordinatorId, nominatedAt, decidedAt],
    );
    this.count('leader_nomination');
    for (const endorsement of nomination.endorsements) {
      // Bodies without a demo representative had their position recorded by the coordinator.
      await this.query(
        `insert into endorsement (tenant_id, nomination_id, organisation_id, position, comment, endorsed_by_user_id, endorsed_at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [
          this.tenantId,
          id,
          this.organisations.get(endorsement.organisation)!,
          endorsement.position,
          endorsement.comment ?? null,
          this.userIds.get(endorsement.organisation) ?? this.coordinatorId,
          endorsedAt(endorsement.after),
        ],
      );
      this.count('endorsement');
    }
    if (!decidedAt) return;
    await this.query(
      `insert into programme_leader (tenant_id, programme_id, person_id, nomination_id, agreed_at, reconfirm_by,
                                     stepped_down_at, step_down_reason)
       values ($1, $2, $3, $4, $5, ($5::timestamptz::date + make_interval(months => $6))::date, $7, $8)`,
      [
        this.tenantId,
        programmeId,
        personId,
        id,
        decidedAt,
        programme.leaderTermMonths,
        nomination.steppedDown ? this.at(nomination.steppedDown.on) : null,
        nomination.steppedDown?.reason ?? null,
      ],
    );
    this.count('programme_leader');
  }

  /**
   * Every lookup names the tenant itself: row-level security does not hold back an owner
   * that is a superuser (as in development), so the policy alone would not scope it.
   */
  private async findOrInsert(table: string, find: [string, unknown[]], insert: [string, unknown[]]): Promise<string> {
    const [found] = await this.query(...find);
    if (found) return found.id;
    const [inserted] = await this.query(...insert);
    this.count(table);
    return inserted.id;
  }

  private query(sql: string, parameters: unknown[] = []): Promise<Record<string, any>[]> {
    return queryRows<Record<string, any>>(this.manager, sql, parameters);
  }

  private count(table: string, rows = 1): void {
    if (rows) this.added[table] = (this.added[table] ?? 0) + rows;
  }

  /** The moment `days` days from now (negative: ago). */
  private at(days: number): Date {
    return new Date(this.now.getTime() + days * DAY_MS);
  }

  /** The calendar date (UTC) `days` days from today. */
  private date(days: number): string {
    return this.at(days).toISOString().slice(0, 10);
  }
}
