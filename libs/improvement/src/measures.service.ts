import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, violatedConstraint } from '@joinedup/database';
import { AppError, conflict, notFound } from '@joinedup/errors';
import { ProgrammeReason, ProgrammeStatus, ProgrammeType, ProgrammesService } from '@joinedup/programmes';
import { DOMAIN_EVENT, EventPayload, recordEvent } from '@joinedup/events';
import { CreateMeasureInput, UpdateMeasureInput } from './improvement.inputs';
import { MEASURE_COLUMNS, MeasureRow, toMeasure } from './improvement.rows';
import { MeasureType } from './improvement.types';
import { ImprovementReason } from './improvement.errors';

/** The measures of a programme, managed by coordinators and tenant administrators. */
@Injectable()
export class MeasuresService {
  constructor(
    private readonly db: TenantDb,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(principal: Principal, input: CreateMeasureInput): Promise<MeasureType> {
    const programme = await this.programmes.get(principal, input.programmeId, true);
    refuseClosed(programme);
    const [row] = await this.write(
      programme,
      input.name,
      `insert into improvement_measure (tenant_id, programme_id, name, unit, baseline, target, direction)
       values ($1, $2, $3, $4, $5, $6, $7) returning ${MEASURE_COLUMNS}`,
      [principal.tenantId, programme.id, input.name, input.unit, input.baseline ?? null, input.target, input.direction],
    );
    const measure = toMeasure(row);
    await this.audit.record({ action: 'measure.created', entityType: 'MEASURE', entityId: row.id, after: measure });
    await this.recordChange(programme, row.id, 'CREATED');
    return measure;
  }

  /** Changes the fields given; `active: false` retires the measure, `active: true` reinstates it. */
  async update(principal: Principal, input: UpdateMeasureInput): Promise<MeasureType> {
    const [locked] = await this.db.query<MeasureRow>(`select ${MEASURE_COLUMNS} from improvement_measure where id = $1 for update`, [
      input.measureId,
    ]);
    if (!locked) throw notFound('The measure');
    const programme = await this.programmes.get(principal, locked.programme_id).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound('The measure') : error;
    });
    refuseClosed(programme);
    const before = toMeasure(locked);
    const retiredOn = input.active === undefined ? 'keep' : input.active ? 'reinstate' : 'retire';
    const name = input.name ?? before.name;
    const [row] = await this.write(
      programme,
      name,
      `update improvement_measure set name = $2, unit = $3, baseline = $4, target = $5, direction = $6,
              retired_on = case $7::text when 'keep' then retired_on when 'reinstate' then null else coalesce(retired_on, current_date) end,
              updated_at = now()
        where id = $1 returning ${MEASURE_COLUMNS}`,
      [
        before.id,
        name,
        input.unit ?? before.unit,
        input.baseline !== undefined ? input.baseline : before.baseline,
        input.target ?? before.target,
        input.direction ?? before.direction,
        retiredOn,
      ],
    );
    const after = toMeasure(row);
    await this.audit.record({ action: 'measure.updated', entityType: 'MEASURE', entityId: row.id, before, after });
    const change = before.active === after.active ? 'UPDATED' : after.active ? 'REINSTATED' : 'RETIRED';
    await this.recordChange(programme, row.id, change);
    return after;
  }

  private async write(programme: ProgrammeType, name: string, sql: string, parameters: unknown[]): Promise<MeasureRow[]> {
    try {
      return await this.db.query<MeasureRow>(sql, parameters);
    } catch (error) {
      if (violatedConstraint(error) === 'improvement_measure_name_key') {
        throw conflict(`${programme.name} already has a measure named "${name}".`, ImprovementReason.MEASURE_NAME_TAKEN);
      }
      throw error;
    }
  }

  private recordChange(programme: ProgrammeType, measureId: string, change: EventPayload<'measureChanged'>['change']) {
    return recordEvent(this.outbox, DOMAIN_EVENT.measureChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      measureId,
      change,
    });
  }
}

export function refuseClosed(programme: ProgrammeType): void {
  if (programme.status === ProgrammeStatus.CLOSED) {
    throw conflict(`${programme.name} is closed; its measures, reviews and actions can no longer change.`, ProgrammeReason.PROGRAMME_CLOSED);
  }
}
