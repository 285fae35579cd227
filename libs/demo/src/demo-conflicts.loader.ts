import { DemoContext } from './demo-context';
import { conflictTimeline } from './demo-conflict-timeline';
import { COORDINATOR, DEMO_CONFLICT_PROCESSES, DEMO_CONFLICTS, DemoConflict, DemoConflictProcess } from './demo-conflicts.data';

/** Conflict resolution processes with their versions and stages, then the conflict log. */
export async function loadConflicts(ctx: DemoContext): Promise<void> {
  /** Version ids by process and version number. */
  const versions = new Map<DemoConflictProcess, string[]>();
  for (const process of DEMO_CONFLICT_PROCESSES) versions.set(process, await loadProcess(ctx, process));
  for (const conflict of DEMO_CONFLICTS) await loadConflict(ctx, conflict, versions);
}

async function loadProcess(ctx: DemoContext, process: DemoConflictProcess): Promise<string[]> {
  const localityId = process.programme ? null : ctx.locality(process.locality).id;
  const programmeId = process.programme ? ctx.programme(process.programme).id : null;
  const firstCreated = process.versions[0].createdOn;
  const { id } = await ctx.findOrInsert(
    'conflict_process',
    [
      `select id from conflict_process where tenant_id = $1 and (locality_id = $2 or programme_id = $3)`,
      [ctx.tenantId, localityId, programmeId],
    ],
    [
      `insert into conflict_process (tenant_id, locality_id, programme_id, created_at, updated_at) values ($1, $2, $3, $4, $5) returning id`,
      [ctx.tenantId, localityId, programmeId, ctx.at(firstCreated), ctx.at(process.versions[process.versions.length - 1].createdOn)],
    ],
  );
  const ids: string[] = [];
  const coordinator = ctx.staff('coordinator');
  for (const [i, version] of process.versions.entries()) {
    const found = await ctx.findOrInsert(
      'conflict_process_version',
      [`select id from conflict_process_version where tenant_id = $1 and process_id = $2 and version = $3`, [ctx.tenantId, id, i + 1]],
      [
        `insert into conflict_process_version (tenant_id, process_id, version, created_by_user_id, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $5) returning id`,
        [ctx.tenantId, id, i + 1, coordinator, ctx.at(version.createdOn)],
      ],
    );
    ids.push(found.id);
    if (!found.inserted) continue;
    // Stages go in while the version is a draft; agreeing it then freezes them.
    const stages = await ctx.query(
      `insert into conflict_process_stage (tenant_id, version_id, stage_number, name, owner, time_limit_days)
       select $1, $2, s.n, s.name, s.owner, s.days
         from unnest($3::text[], $4::text[], $5::int[]) with ordinality as s(name, owner, days, n) returning stage_number`,
      [
        ctx.tenantId,
        found.id,
        version.stages.map((s) => s.name),
        version.stages.map((s) => s.owner),
        version.stages.map((s) => s.timeLimitDays),
      ],
    );
    ctx.count('conflict_process_stage', stages.length);
    if (version.agreedOn === undefined) continue;
    await ctx.query(
      `update conflict_process_version
          set agreed_on = $2, agreement_recorded_at = $3, agreement_recorded_by_user_id = $4, updated_at = $3
        where tenant_id = $5 and id = $1`,
      [found.id, ctx.date(version.agreedOn), ctx.at(version.agreedOn), coordinator, ctx.tenantId],
    );
  }
  return ids;
}

/** A conflict in the state its steps lead to, with its parties and its whole history. */
async function loadConflict(ctx: DemoContext, conflict: DemoConflict, versions: Map<DemoConflictProcess, string[]>): Promise<void> {
  const locality = ctx.locality(conflict.locality);
  const state = conflictTimeline(conflict);
  /** The representative who acted for an organisation, else the coordinator (recording it for them). */
  const actor = (by: string) => {
    const representative = by === COORDINATOR ? undefined : ctx.representative(by);
    return { userId: representative ?? ctx.staff('coordinator'), organisationId: representative ? ctx.organisation(by) : null };
  };
  const day = (offset: number | null) => (offset === null ? null : ctx.date(offset));
  const moment = (offset: number | null | undefined) => (offset === null || offset === undefined ? null : ctx.at(offset));
  const last = state.events[state.events.length - 1].on;
  const { id, inserted } = await ctx.findOrInsert(
    'conflict',
    [
      `select id from conflict where tenant_id = $1 and locality_id = $2 and lower(title) = lower($3) order by opened_at, id limit 1`,
      [ctx.tenantId, locality.id, conflict.title],
    ],
    [
      `insert into conflict (tenant_id, locality_id, programme_id, raised_by_organisation_id, raised_by_user_id, category, severity,
                             title, description, status, opened_at, acknowledged_at, acknowledged_by_user_id, process_version_id,
                             resolution_started_at, current_stage, stage_started_on, stage_due_on, closed_at, closed_by_user_id,
                             outcome, close_reason, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
       returning id`,
      [
        ctx.tenantId,
        locality.id,
        conflict.programme ? ctx.programme(conflict.programme).id : null,
        ctx.organisation(conflict.raisedBy),
        actor(conflict.raisedBy).userId,
        conflict.category,
        conflict.severity,
        conflict.title,
        conflict.description,
        state.status,
        ctx.at(conflict.openedOn),
        moment(state.acknowledged?.on),
        state.acknowledged ? actor(state.acknowledged.by).userId : null,
        state.process ? versions.get(state.process.process)![state.process.version - 1] : null,
        moment(state.resolutionStartedOn),
        state.currentStage,
        day(state.stageStartedOn),
        day(state.stageDueOn),
        moment(state.closed?.on),
        state.closed ? actor(state.closed.by).userId : null,
        state.outcome,
        state.closeReason,
        ctx.at(last),
      ],
    ],
  );
  if (!inserted) return;
  const parties = await ctx.query(
    `insert into conflict_party (tenant_id, conflict_id, organisation_id) select $1, $2, unnest($3::uuid[]) returning organisation_id`,
    [ctx.tenantId, id, conflict.parties.map((key) => ctx.organisation(key))],
  );
  ctx.count('conflict_party', parties.length);
  for (const event of state.events) {
    const who = actor(event.by);
    await ctx.insert(
      'conflict_event',
      `insert into conflict_event (tenant_id, conflict_id, kind, from_status, to_status, stage, stage_due_on, note, actor_user_id,
                                   actor_organisation_id, occurred_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        ctx.tenantId,
        id,
        event.kind,
        event.from,
        event.to,
        event.stage,
        day(event.stageDueOn),
        event.note,
        who.userId,
        who.organisationId,
        ctx.at(event.on),
      ],
    );
  }
}
