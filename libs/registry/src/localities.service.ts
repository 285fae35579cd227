import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, isUniqueViolation } from '@joinedup/database';
import { conflict, notFound } from '@joinedup/errors';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { Connection, PageArgs, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { localityAccessCondition, localityAccessParam } from './locality-access';
import { CreateLocalityInput, RenameLocalityInput } from './registry.inputs';
import { LOCALITY_COLUMNS, LocalityRow, toLocality } from './registry.rows';
import { LocalityType } from './registry.types';
import { afterKeys, byNameKeys, localityFilter } from './registry-lists';
import { RegistryReason } from './registry.errors';

@Injectable()
export class LocalitiesService {
  constructor(
    private readonly db: TenantDb,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A locality the caller may see, or NOT_FOUND (also for one they may not see). */
  async get(principal: Principal, id: string): Promise<LocalityType> {
    const [row] = await this.db.query<LocalityRow>(
      `select ${LOCALITY_COLUMNS} from locality l where id = $1 and ${localityAccessCondition('l', '$2')}`,
      [id, localityAccessParam(principal)],
    );
    if (!row) throw notFound('The locality');
    return toLocality(row);
  }

  async list(
    principal: Principal,
    page: PageArgs,
    filter: { nameContains?: string; includeArchived?: boolean },
  ): Promise<Connection<LocalityType>> {
    const after = decodeCursor(page.after, ['text', 'uuid']);
    const rows = await this.db.query<LocalityRow & { sort_name: string }>(
      `select ${LOCALITY_COLUMNS}, lower(name) as sort_name from locality l
        where ${localityAccessCondition('l', '$1')} and ${localityFilter('l', '$2', '$3')} and ${afterKeys(byNameKeys('l'), '$4')}
        order by ${byNameKeys('l').join(', ')}
        limit $5`,
      [localityAccessParam(principal), filter.nameContains ?? null, filter.includeArchived ?? false, after ?? null, page.first + 1],
    );
    return toConnection(rows, page.first, (r) => [r.sort_name, r.id], toLocality);
  }

  async create(principal: Principal, input: CreateLocalityInput): Promise<LocalityType> {
    try {
      const [row] = await this.db.query<LocalityRow>(
        `insert into locality (tenant_id, name, code, region) values ($1, $2, $3, $4) returning ${LOCALITY_COLUMNS}`,
        [principal.tenantId, input.name, input.code.toUpperCase(), input.region || null],
      );
      const locality = toLocality(row);
      await this.audit.record({ action: 'locality.created', entityType: 'LOCALITY', entityId: row.id, after: locality });
      await recordEvent(this.outbox, DOMAIN_EVENT.localityChanged, { localityId: row.id, change: 'CREATED' });
      return locality;
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A locality with code ${input.code.toUpperCase()} already exists.`, RegistryReason.LOCALITY_CODE_TAKEN);
      throw error;
    }
  }

  async rename(principal: Principal, input: RenameLocalityInput): Promise<LocalityType> {
    const before = await this.get(principal, input.localityId);
    const [row] = await this.db.query<LocalityRow>(
      `update locality set name = $2, updated_at = now() where id = $1 returning ${LOCALITY_COLUMNS}`,
      [input.localityId, input.name],
    );
    const after = toLocality(row);
    await this.audit.record({ action: 'locality.renamed', entityType: 'LOCALITY', entityId: row.id, before, after });
    await recordEvent(this.outbox, DOMAIN_EVENT.localityChanged, { localityId: row.id, change: 'RENAMED' });
    return after;
  }

  async archive(principal: Principal, id: string): Promise<LocalityType> {
    const before = await this.get(principal, id);
    if (before.archivedAt) throw conflict(`${before.name} is already archived.`, RegistryReason.LOCALITY_ARCHIVED);
    const [row] = await this.db.query<LocalityRow>(
      `update locality set archived_at = now(), updated_at = now() where id = $1 returning ${LOCALITY_COLUMNS}`,
      [id],
    );
    const after = toLocality(row);
    await this.audit.record({ action: 'locality.archived', entityType: 'LOCALITY', entityId: id, before, after });
    await recordEvent(this.outbox, DOMAIN_EVENT.localityChanged, { localityId: id, change: 'ARCHIVED' });
    return after;
  }
}
