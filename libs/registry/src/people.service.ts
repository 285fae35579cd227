import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb } from '@joinedup/database';
import { badInput, notFound } from '@joinedup/errors';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { Connection, PageArgs, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { OrganisationsService } from './organisations.service';
import { CompetencyInput, CreatePersonInput, SetCompetenciesInput } from './registry.inputs';
import { PERSON_COLUMNS, PersonRow, toPerson } from './registry.rows';
import { PersonType } from './registry.types';
import { afterKeys, byFullNameKeys, competencyNamesSql } from './registry-lists';

@Injectable()
export class PeopleService {
  constructor(
    private readonly db: TenantDb,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async get(id: string): Promise<PersonType> {
    const [row] = await this.db.query<PersonRow>(`select ${PERSON_COLUMNS} from person where id = $1`, [id]);
    if (!row) throw notFound('The person');
    return toPerson(row);
  }

  async listOfOrganisation(organisationId: string, page: PageArgs): Promise<Connection<PersonType>> {
    const after = decodeCursor(page.after, ['text', 'uuid']);
    const rows = await this.db.query<PersonRow>(
      `select ${PERSON_COLUMNS} from person p
        where organisation_id = $1 and ${afterKeys(byFullNameKeys('p'), '$2')}
        order by ${byFullNameKeys('p').join(', ')} limit $3`,
      [organisationId, after ?? null, page.first + 1],
    );
    return toConnection(rows, page.first, (r) => [r.full_name, r.id], toPerson);
  }

  /** Competency names in use, each once whatever its case (the spelling first written, alphabetically least), by name. */
  async competencyNames(first: number): Promise<string[]> {
    const rows = await this.db.query<{ name: string }>(competencyNamesSql('$1'), [first]);
    return rows.map((r) => r.name);
  }

  async create(principal: Principal, input: CreatePersonInput): Promise<PersonType> {
    await this.organisations.get(input.organisationId);
    const [row] = await this.db.query<PersonRow>(
      `insert into person (tenant_id, organisation_id, full_name, job_title, email) values ($1, $2, $3, $4, $5)
       returning ${PERSON_COLUMNS}`,
      [principal.tenantId, input.organisationId, input.fullName, input.jobTitle || null, input.email || null],
    );
    await this.writeCompetencies(principal, row.id, input.competencies);
    const person = toPerson(row);
    await this.audit.record({
      action: 'person.created',
      entityType: 'PERSON',
      entityId: row.id,
      after: { ...person, competencies: input.competencies },
    });
    // A new person holds no role anywhere yet.
    await recordEvent(this.outbox, DOMAIN_EVENT.personChanged, {
      personId: person.id,
      organisationId: person.organisationId,
      change: 'CREATED',
      localityIds: [],
    });
    return person;
  }

  /** Replaces a person's competencies with the given set. */
  async setCompetencies(principal: Principal, input: SetCompetenciesInput): Promise<PersonType> {
    const person = await this.get(input.personId);
    const before = await this.db.query<CompetencyInput>(
      `select name, level from person_competency where person_id = $1 order by name`,
      [person.id],
    );
    await this.db.query(`delete from person_competency where person_id = $1`, [person.id]);
    await this.writeCompetencies(principal, person.id, input.competencies);
    await this.audit.record({
      action: 'person.competencies_set',
      entityType: 'PERSON',
      entityId: person.id,
      before: { competencies: before },
      after: { competencies: input.competencies },
    });
    // The fit of every role they hold changed: roles sit only in localities their organisation is a member of.
    const memberOf = await this.db.query<{ locality_id: string }>(
      `select locality_id from membership where organisation_id = $1 and left_on is null`,
      [person.organisationId],
    );
    await recordEvent(this.outbox, DOMAIN_EVENT.personChanged, {
      personId: person.id,
      organisationId: person.organisationId,
      change: 'COMPETENCIES_SET',
      localityIds: memberOf.map((m) => m.locality_id),
    });
    return person;
  }

  private async writeCompetencies(principal: Principal, personId: string, competencies: CompetencyInput[]): Promise<void> {
    const names = competencies.map((c) => c.name.toLowerCase());
    if (new Set(names).size !== names.length) throw badInput('Each competency may be listed once.', 'competencies');
    if (!competencies.length) return;
    await this.db.query(
      `insert into person_competency (tenant_id, person_id, name, level)
       select $1, $2, c.name, c.level from unnest($3::text[], $4::int[]) as c(name, level)`,
      [principal.tenantId, personId, competencies.map((c) => c.name), competencies.map((c) => c.level)],
    );
  }
}
