import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb } from '@joinedup/database';
import { badInput, conflict, notFound } from '@joinedup/errors';
import { ProgrammesService } from '@joinedup/programmes';
import { LocalitiesService, localityAccessParam } from '@joinedup/registry';
import { applicableVersionFrom, processVisible } from './conflict-relations';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { AgreeConflictProcessInput, ConflictStageInput, SetConflictProcessInput } from './conflicts.inputs';
import {
  PROCESS_COLUMNS,
  PROCESS_FROM,
  ProcessRow,
  STAGE_COLUMNS,
  StageRow,
  VERSION_COLUMNS,
  VersionRow,
  toProcess,
  toStage,
  toVersion,
} from './conflicts.rows';
import { ConflictProcessType, ConflictProcessVersionType } from './conflicts.types';
import { ConflictReason } from './conflicts.errors';

/**
 * Conflict resolution processes. Changes to one process are serialised by locking its
 * row; an agreed version is frozen by a trigger, so editing it makes a new draft version
 * and the conflicts that started under the agreed one keep it.
 */
@Injectable()
export class ConflictProcessesService {
  constructor(
    private readonly db: TenantDb,
    private readonly localities: LocalitiesService,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A process of a locality the caller may see, or NOT_FOUND; `lock` holds it for a change. */
  async get(principal: Principal, id: string, lock = false): Promise<ConflictProcessType> {
    const [row] = await this.db.query<ProcessRow>(
      `select ${PROCESS_COLUMNS} from ${PROCESS_FROM} where p.id = $1 and ${processVisible('$2')} ${lock ? 'for update of p' : ''}`,
      [id, localityAccessParam(principal)],
    );
    if (!row) throw notFound('The conflict resolution process');
    return toProcess(row);
  }

  /**
   * Sets the stages of a locality's or a programme's process: the first version, a change
   * to the current draft, or (when the latest version is agreed) a new draft version.
   */
  async set(principal: Principal, input: SetConflictProcessInput): Promise<ConflictProcessType> {
    const owner = await this.owner(principal, input);
    await this.db.query(
      `insert into conflict_process (tenant_id, locality_id, programme_id) values ($1, $2, $3) on conflict do nothing`,
      [principal.tenantId, owner.programmeId ? null : owner.localityId, owner.programmeId],
    );
    const [{ id }] = await this.db.query<{ id: string }>(
      `select id from conflict_process where ${owner.programmeId ? 'programme_id = $1' : 'locality_id = $1'}`,
      [owner.programmeId ?? owner.localityId],
    );
    const process = await this.get(principal, id, true);
    const [latest] = await this.db.query<VersionRow>(
      `select ${VERSION_COLUMNS} from conflict_process_version where process_id = $1 order by version desc limit 1`,
      [process.id],
    );
    let version: VersionRow;
    let before: unknown = null;
    if (latest && latest.agreed_on === null) {
      before = { ...toVersion(latest), stages: await this.stages(latest.id) };
      await this.db.query(`delete from conflict_process_stage where version_id = $1`, [latest.id]);
      [version] = await this.db.query<VersionRow>(
        `update conflict_process_version set updated_at = now() where id = $1 returning ${VERSION_COLUMNS}`,
        [latest.id],
      );
    } else {
      [version] = await this.db.query<VersionRow>(
        `insert into conflict_process_version (tenant_id, process_id, version, created_by_user_id) values ($1, $2, $3, $4)
         returning ${VERSION_COLUMNS}`,
        [principal.tenantId, process.id, (latest?.version ?? 0) + 1, principal.userId],
      );
    }
    await this.insertStages(principal, version.id, input.stages);
    await this.db.query(`update conflict_process set updated_at = now() where id = $1`, [process.id]);

    await this.audit.record({
      action: before ? 'conflict_process.draft_changed' : 'conflict_process.version_drafted',
      entityType: 'CONFLICT_PROCESS',
      entityId: process.id,
      before: before ?? undefined,
      after: { ...toVersion(version), stages: input.stages },
    });
    await recordEvent(this.outbox, DOMAIN_EVENT.conflictProcessChanged, {
      localityId: process.localityId,
      programmeId: process.programmeId,
      processId: process.id,
      versionId: version.id,
      version: version.version,
      change: 'DRAFTED',
    });
    return process;
  }

  /** Records that the partnership agreed the draft version, on the date given (today by default). */
  async agree(principal: Principal, input: AgreeConflictProcessInput): Promise<ConflictProcessType> {
    const process = await this.get(principal, input.processId, true);
    const versions = await this.db.query<VersionRow & { today: string }>(
      `select ${VERSION_COLUMNS}, current_date::text as today from conflict_process_version where process_id = $1 order by version desc`,
      [process.id],
    );
    const draft = versions.find((v) => v.agreed_on === null);
    const lastAgreed = versions.find((v) => v.agreed_on !== null);
    if (!draft) {
      throw conflict(
        lastAgreed
          ? `Version ${lastAgreed.version} of this process is already agreed (on ${lastAgreed.agreed_on}). ` +
              'Change its stages to make a new version, then record that the partnership agreed that.'
          : 'This process has no stages to agree yet; set its stages first.',
        ConflictReason.NO_AGREED_PROCESS,
      );
    }
    const today = versions[0].today;
    const agreedOn = input.agreedOn ?? today;
    if (agreedOn > today) throw badInput(`agreedOn must not be in the future (today is ${today}).`, 'agreedOn');
    if (lastAgreed?.agreed_on && agreedOn < lastAgreed.agreed_on) {
      throw badInput(
        `agreedOn must not be before ${lastAgreed.agreed_on}, when version ${lastAgreed.version} was agreed.`,
        'agreedOn',
      );
    }
    const [row] = await this.db.query<VersionRow>(
      `update conflict_process_version
          set agreed_on = $2, agreement_recorded_at = now(), agreement_recorded_by_user_id = $3, updated_at = now()
        where id = $1 and agreed_on is null returning ${VERSION_COLUMNS}`,
      [draft.id, agreedOn, principal.userId],
    );
    const after = toVersion(row);
    await this.audit.record({
      action: 'conflict_process.agreed',
      entityType: 'CONFLICT_PROCESS',
      entityId: process.id,
      before: toVersion(draft),
      after,
    });
    await recordEvent(this.outbox, DOMAIN_EVENT.conflictProcessChanged, {
      localityId: process.localityId,
      programmeId: process.programmeId,
      processId: process.id,
      versionId: row.id,
      version: row.version,
      change: 'AGREED',
      agreedOn: row.agreed_on ?? agreedOn,
    });
    return process;
  }

  /**
   * The agreed version a conflict follows when its resolution starts now: the latest agreed
   * version of its programme's own process, else of its locality's; null when neither has one.
   */
  async applicableVersion(localityId: string, programmeId: string | null): Promise<ConflictProcessVersionType | null> {
    const [row] = await this.db.query<VersionRow>(
      `select ${VERSION_COLUMNS.split(', ').map((c) => `v.${c}`).join(', ')} ${applicableVersionFrom('v', '$1::uuid', '$2::uuid')}`,
      [localityId, programmeId],
    );
    return row ? toVersion(row) : null;
  }

  async stageCount(versionId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `select count(*)::int as n from conflict_process_stage where version_id = $1`,
      [versionId],
    );
    return row.n;
  }

  private async stages(versionId: string) {
    const rows = await this.db.query<StageRow>(
      `select ${STAGE_COLUMNS} from conflict_process_stage where version_id = $1 order by stage_number`,
      [versionId],
    );
    return rows.map(toStage);
  }

  private async insertStages(principal: Principal, versionId: string, stages: ConflictStageInput[]): Promise<void> {
    await this.db.query(
      `insert into conflict_process_stage (tenant_id, version_id, stage_number, name, owner, time_limit_days)
       select $1, $2, s.n, s.name, s.owner, s.days
         from unnest($3::text[], $4::text[], $5::int[]) with ordinality as s(name, owner, days, n)`,
      [principal.tenantId, versionId, stages.map((s) => s.name), stages.map((s) => s.owner), stages.map((s) => s.timeLimitDays)],
    );
  }

  /** The locality (or programme) whose process is set, checked to be one the caller may see. */
  private async owner(principal: Principal, input: SetConflictProcessInput): Promise<{ localityId: string; programmeId: string | null }> {
    if (!!input.localityId === !!input.programmeId) {
      throw badInput(
        "Give either localityId (the locality's default process) or programmeId (a programme's own process), not both.",
        input.localityId ? 'programmeId' : 'localityId',
      );
    }
    if (input.programmeId) {
      const programme = await this.programmes.get(principal, input.programmeId);
      return { localityId: programme.localityId, programmeId: programme.id };
    }
    const locality = await this.localities.get(principal, input.localityId!);
    return { localityId: locality.id, programmeId: null };
  }
}
