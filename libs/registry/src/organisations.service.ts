import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, isUniqueViolation } from '@joinedup/database';
import { conflict, notFound } from '@joinedup/errors';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { Connection, PageArgs, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { CreateOrganisationInput } from './registry.inputs';
import { ORGANISATION_COLUMNS, OrganisationRow, toOrganisation } from './registry.rows';
import { OrganisationType } from './registry.types';
import { Sector } from './sector';
import { RegistryReason } from './registry.errors';
import { afterKeys, byNameKeys, organisationFilter } from './registry-lists';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly db: TenantDb,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async get(id: string): Promise<OrganisationType> {
    const [row] = await this.db.query<OrganisationRow>(`select ${ORGANISATION_COLUMNS} from organisation where id = $1`, [id]);
    if (!row) throw notFound('The organisation');
    return toOrganisation(row);
  }

  async list(page: PageArgs, filter: { nameContains?: string; sector?: Sector }): Promise<Connection<OrganisationType>> {
    const after = decodeCursor(page.after, ['text', 'uuid']);
    const rows = await this.db.query<OrganisationRow & { sort_name: string }>(
      `select ${ORGANISATION_COLUMNS}, lower(name) as sort_name from organisation o
        where ${organisationFilter('o', '$1', '$2')} and ${afterKeys(byNameKeys('o'), '$3')}
        order by ${byNameKeys('o').join(', ')}
        limit $4`,
      [filter.nameContains ?? null, filter.sector ?? null, after ?? null, page.first + 1],
    );
    return toConnection(rows, page.first, (r) => [r.sort_name, r.id], toOrganisation);
  }

  async create(principal: Principal, input: CreateOrganisationInput): Promise<OrganisationType> {
    try {
      const [row] = await this.db.query<OrganisationRow>(
        `insert into organisation (tenant_id, name, sector, external_ref) values ($1, $2, $3, $4)
         returning ${ORGANISATION_COLUMNS}`,
        [principal.tenantId, input.name, input.sector, input.externalRef || null],
      );
      const organisation = toOrganisation(row);
      await this.audit.record({
        action: 'organisation.created',
        entityType: 'ORGANISATION',
        entityId: row.id,
        after: organisation,
      });
      // A new body is a member of no locality yet.
      await recordEvent(this.outbox, DOMAIN_EVENT.organisationChanged, { organisationId: row.id, change: 'CREATED', localityIds: [] });
      return organisation;
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`An organisation called "${input.name}" already exists.`, RegistryReason.ORGANISATION_NAME_TAKEN);
      throw error;
    }
  }
}
