import { Injectable } from '@nestjs/common';
import { Principal, Role, actingBody } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb } from '@joinedup/database';
import { badInput, conflict, forbidden, notFound } from '@joinedup/errors';
import { Connection } from '@joinedup/graphql-kit';
import { ProgrammesService } from '@joinedup/programmes';
import { LocalitiesService, OrganisationsService, ownBodyOnly, RegistryReason } from '@joinedup/registry';
import { DOMAIN_EVENT, EventPayload, recordEvent } from '@joinedup/events';
import { ConflictAction, ConflictActor, ConflictState, ConflictStatus, mayTake, notAllowedMessage, transition } from './conflict-lifecycle';
import { conflictPages } from './conflict-lists';
import { ConflictProcessesService } from './conflict-processes.service';
import { readableCondition, readableConflicts, viewerParam } from './conflict-visibility';
import {
  CloseConflictUnresolvedInput,
  CommentOnConflictInput,
  ConflictTransitionInput,
  ConflictsArgs,
  RaiseConflictInput,
  ResolveConflictInput,
} from './conflicts.inputs';
import { CONFLICT_STATE_COLUMNS, ConflictRow, ConflictStateRow, toConflict } from './conflicts.rows';
import { ConflictEventKind, ConflictType } from './conflicts.types';
import { ConflictReason } from './conflicts.errors';

const MANAGERS: Role[] = [Role.TENANT_ADMIN, Role.COORDINATOR];

/** What a transition writes besides the status: its SQL assignments and their parameters from $5 on. */
interface Change {
  set: string;
  params: unknown[];
  /** A table the assignments read from (the stage a conflict enters), and which of its rows. */
  from?: { table: string; where: string };
}

/**
 * The conflict log. Every change locks the conflict's row, asks the lifecycle whether it
 * is legal, and updates only if the row is still in the state it was checked in; the
 * history, audit trail and outbox are written in the same transaction.
 */
@Injectable()
export class ConflictsService {
  constructor(
    private readonly db: TenantDb,
    private readonly localities: LocalitiesService,
    private readonly organisations: OrganisationsService,
    private readonly programmes: ProgrammesService,
    private readonly processes: ConflictProcessesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A conflict as the caller may read it, or NOT_FOUND when they may not know it exists. */
  async get(principal: Principal, id: string): Promise<ConflictType> {
    const [row] = await this.db.query<ConflictRow>(
      `select * from ${readableConflicts('$2', 'c.id = $1')} c`,
      [id, viewerParam(principal)],
    );
    if (!row) throw notFound('The conflict');
    return toConflict(row);
  }

  /** The conflicts of exactly one locality, programme or organisation. */
  async list(principal: Principal, args: ConflictsArgs): Promise<Connection<ConflictType>> {
    const given = (['localityId', 'programmeId', 'organisationId'] as const).filter((k) => args[k]);
    if (given.length !== 1) {
      throw badInput('Give exactly one of localityId, programmeId or organisationId.', given[1] ?? 'localityId');
    }
    if (args.localityId) {
      const locality = await this.localities.get(principal, args.localityId.toLowerCase());
      return (await conflictPages(this.db, viewerParam(principal), 'LOCALITY', [locality.id], args))[0];
    }
    if (args.programmeId) {
      const programme = await this.programmes.get(principal, args.programmeId.toLowerCase());
      return (await conflictPages(this.db, viewerParam(principal), 'PROGRAMME', [programme.id], args))[0];
    }
    const organisation = await this.organisations.get(args.organisationId!.toLowerCase());
    return (await conflictPages(this.db, viewerParam(principal), 'ORGANISATION', [organisation.id], args))[0];
  }

  async raise(principal: Principal, input: RaiseConflictInput): Promise<ConflictType> {
    const raiserId = await this.raisingOrganisation(principal, input);
    const locality = await this.localities.get(principal, input.localityId);
    if (locality.archivedAt) throw conflict(`${locality.name} is archived; no new conflicts can be raised there.`, RegistryReason.LOCALITY_ARCHIVED);
    let programmeId: string | null = null;
    if (input.programmeId) {
      const programme = await this.programmes.get(principal, input.programmeId).catch(() => {
        throw badInput(`That programme is not one of ${locality.name}'s.`, 'programmeId');
      });
      if (programme.localityId !== locality.id) {
        throw badInput(`${programme.name} is not a programme of ${locality.name}.`, 'programmeId');
      }
      programmeId = programme.id;
    }
    const partyIds = input.partyIds.map((id) => id.toLowerCase());
    if (partyIds.includes(raiserId)) {
      throw badInput('The raising organisation cannot also be one of the other parties.', 'partyIds');
    }
    await this.requireActiveMembers(locality.id, locality.name, [raiserId], 'raisedByOrganisationId');
    await this.requireActiveMembers(locality.id, locality.name, partyIds, 'partyIds');

    const [row] = await this.db.query<{ id: string; status: ConflictStatus }>(
      `insert into conflict (tenant_id, locality_id, programme_id, raised_by_organisation_id, raised_by_user_id,
                             category, severity, title, description)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id, status`,
      [principal.tenantId, locality.id, programmeId, raiserId, principal.userId, input.category, input.severity, input.title, input.description],
    );
    await this.db.query(
      `insert into conflict_party (tenant_id, conflict_id, organisation_id) select $1, $2, unnest($3::uuid[])`,
      [principal.tenantId, row.id, partyIds],
    );
    await this.appendEvent(principal, row.id, ConflictEventKind.RAISED, null, ConflictStatus.OPEN, null, null, null);
    const raised = await this.get(principal, row.id);
    await this.audit.record({
      action: 'conflict.raised',
      entityType: 'CONFLICT',
      entityId: row.id,
      after: { ...raised, raisedByOrganisationId: raiserId, partyIds },
    });
    await this.changed(raised, 'RAISED');
    return raised;
  }

  acknowledge(principal: Principal, input: ConflictTransitionInput): Promise<ConflictType> {
    return this.act(principal, input.conflictId, ConflictAction.ACKNOWLEDGE, input.note, async () => ({
      set: `acknowledged_at = now(), acknowledged_by_user_id = $5`,
      params: [principal.userId],
    }));
  }

  /** Enters stage 1 of the applicable agreed process; the conflict keeps that version from now on. */
  startResolution(principal: Principal, input: ConflictTransitionInput): Promise<ConflictType> {
    return this.act(principal, input.conflictId, ConflictAction.START_RESOLUTION, input.note, async (current) => {
      const version = await this.processes.applicableVersion(current.locality_id, current.programme_id);
      if (!version) {
        throw conflict(
          'There is no agreed conflict resolution process for this conflict: neither its programme nor its locality has one. ' +
            'A coordinator must set the stages of one and record that the partnership agreed it before resolution can start.',
          ConflictReason.NO_AGREED_PROCESS,
        );
      }
      return enterStage(version.id, 1);
    });
  }

  escalate(principal: Principal, input: ConflictTransitionInput): Promise<ConflictType> {
    return this.act(principal, input.conflictId, ConflictAction.ESCALATE, input.note, async (current) =>
      enterStage(current.process_version_id!, (current.current_stage ?? 0) + 1),
    );
  }

  resolve(principal: Principal, input: ResolveConflictInput): Promise<ConflictType> {
    return this.act(principal, input.conflictId, ConflictAction.RESOLVE, input.outcome, async () => ({
      set: `closed_at = now(), closed_by_user_id = $5, outcome = $6`,
      params: [principal.userId, input.outcome],
    }));
  }

  closeUnresolved(principal: Principal, input: CloseConflictUnresolvedInput): Promise<ConflictType> {
    return this.act(principal, input.conflictId, ConflictAction.CLOSE_UNRESOLVED, input.reason, async () => ({
      set: `closed_at = now(), closed_by_user_id = $5, close_reason = $6`,
      params: [principal.userId, input.reason],
    }));
  }

  comment(principal: Principal, input: CommentOnConflictInput): Promise<ConflictType> {
    return this.act(principal, input.conflictId, ConflictAction.COMMENT, input.comment, null);
  }

  /**
   * One step of the lifecycle: lock, check who and what, apply `change` (none for a
   * comment) on condition that the state is still the one checked, append the history.
   */
  private async act(
    principal: Principal,
    conflictId: string,
    action: ConflictAction,
    note: string | null | undefined,
    change: ((current: ConflictStateRow) => Promise<Change>) | null,
  ): Promise<ConflictType> {
    const current = await this.lock(principal, conflictId);
    const actor = await this.actor(principal, current);
    if (!mayTake(actor, action)) {
      throw forbidden(notAllowedMessage(action, await this.involved(current)), ConflictReason.NOT_INVOLVED_IN_CONFLICT);
    }
    const state: ConflictState = {
      status: current.status,
      currentStage: current.current_stage,
      stageCount: current.process_version_id ? await this.processes.stageCount(current.process_version_id) : null,
    };
    const next = transition(state, action);
    if (!next.ok) throw conflict(next.message, ConflictReason.CONFLICT_STEP_NOT_ALLOWED);
    const before = await this.get(principal, current.id);

    let after = before;
    if (change) {
      const { set, params, from } = await change(current);
      const updated = await this.db.query<{ id: string }>(
        `update conflict c set status = $2, ${set}, updated_at = now()
           ${from ? `from ${from.table}` : ''}
          where c.id = $1 and c.status = $3 and c.current_stage is not distinct from $4::smallint
            ${from ? `and ${from.where}` : ''}
          returning c.id`,
        [current.id, next.status, current.status, current.current_stage, ...params],
      );
      if (!updated.length) throw conflict('This conflict was changed by someone else at the same time; reload it and try again.', ConflictReason.CONFLICT_CHANGED_MEANWHILE);
      after = await this.get(principal, current.id);
      await this.audit.record({ action: `conflict.${EVENT_OF[action].toLowerCase()}`, entityType: 'CONFLICT', entityId: current.id, before, after });
    } else {
      await this.audit.record({ action: 'conflict.commented', entityType: 'CONFLICT', entityId: current.id, after: { comment: note } });
    }
    await this.appendEvent(principal, current.id, EVENT_OF[action], current.status, after.status, after.currentStage, after.stageDueOn, note || null);
    await this.changed(after, EVENT_OF[action]);
    return after;
  }

  /** The conflict's row held for this transaction, if the caller may know it exists. */
  private async lock(principal: Principal, id: string): Promise<ConflictStateRow> {
    const [row] = await this.db.query<ConflictStateRow>(
      `select ${CONFLICT_STATE_COLUMNS} from conflict c where c.id = $1 and ${readableCondition('c', '$2')} for update of c`,
      [id, viewerParam(principal)],
    );
    if (!row) throw notFound('The conflict');
    return row;
  }

  private async actor(principal: Principal, current: ConflictStateRow): Promise<ConflictActor> {
    if (MANAGERS.includes(principal.role)) return { manager: true, raiser: false, party: false };
    const organisationId = actingBody(principal);
    if (!organisationId) return { manager: false, raiser: false, party: false };
    const [party] = await this.db.query<{ found: boolean }>(
      `select true as found from conflict_party where conflict_id = $1 and organisation_id = $2`,
      [current.id, organisationId],
    );
    return { manager: false, raiser: current.raised_by_organisation_id === organisationId, party: !!party };
  }

  /** The names of the raising body and of the other parties, for a refusal that says which may act. */
  private async involved(current: ConflictStateRow): Promise<{ raiser: string; parties: string[] }> {
    const rows = await this.db.query<{ name: string; raiser: boolean }>(
      `select o.name, o.id = $2 as raiser from organisation o
        where o.id = $2 or o.id in (select organisation_id from conflict_party where conflict_id = $1)
        order by o.name`,
      [current.id, current.raised_by_organisation_id],
    );
    return { raiser: rows.find((r) => r.raiser)?.name ?? 'the raising body', parties: rows.filter((r) => !r.raiser).map((r) => r.name) };
  }

  private async raisingOrganisation(principal: Principal, input: RaiseConflictInput): Promise<string> {
    const asked = input.raisedByOrganisationId?.toLowerCase() ?? null;
    if (principal.role === Role.MEMBER_REPRESENTATIVE) {
      if (asked && asked !== principal.organisationId) throw await ownBodyOnly(this.db, principal, 'raise a conflict');
      return principal.organisationId!;
    }
    if (!asked) throw badInput('Name the organisation raising the conflict (raisedByOrganisationId).', 'raisedByOrganisationId');
    return asked;
  }

  /**
   * Every organisation must be an active member of the locality; their memberships are
   * locked (FOR SHARE) so none can end before this transaction commits.
   */
  private async requireActiveMembers(localityId: string, localityName: string, organisationIds: string[], field: string): Promise<void> {
    const rows = await this.db.query<{ organisation_id: string }>(
      `select organisation_id from membership
        where locality_id = $1 and organisation_id = any($2::uuid[]) and left_on is null for share`,
      [localityId, organisationIds],
    );
    const members = new Set(rows.map((r) => r.organisation_id));
    const outsiders = organisationIds.filter((id) => !members.has(id));
    if (!outsiders.length) return;
    const named = await this.db.query<{ name: string }>(`select name from organisation where id = any($1::uuid[]) order by name`, [outsiders]);
    const names = named.length ? named.map((n) => n.name).join(', ') : 'An organisation given';
    throw badInput(
      `${names} ${outsiders.length > 1 ? 'are not active members' : 'is not an active member'} of ${localityName}; ` +
        'the parties to a conflict must be its active member bodies.',
      field,
    );
  }

  private async appendEvent(
    principal: Principal,
    conflictId: string,
    kind: ConflictEventKind,
    from: ConflictStatus | null,
    to: ConflictStatus,
    stage: number | null,
    stageDueOn: string | null,
    note: string | null,
  ): Promise<void> {
    await this.db.query(
      `insert into conflict_event (tenant_id, conflict_id, kind, from_status, to_status, stage, stage_due_on, note,
                                   actor_user_id, actor_organisation_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        principal.tenantId,
        conflictId,
        kind,
        from,
        to,
        stage,
        stageDueOn,
        note,
        principal.userId,
        actingBody(principal),
      ],
    );
  }

  private changed(conflict: ConflictType, change: EventPayload<'conflictChanged'>['change']): Promise<string> {
    return recordEvent(this.outbox, DOMAIN_EVENT.conflictChanged, {
      localityId: conflict.localityId,
      programmeId: conflict.programmeId,
      conflictId: conflict.id,
      change,
      status: conflict.status,
      stage: conflict.currentStage,
      stageDueOn: conflict.stageDueOn,
    });
  }
}

const EVENT_OF: Record<ConflictAction, ConflictEventKind> = {
  ACKNOWLEDGE: ConflictEventKind.ACKNOWLEDGED,
  START_RESOLUTION: ConflictEventKind.RESOLUTION_STARTED,
  ESCALATE: ConflictEventKind.ESCALATED,
  RESOLVE: ConflictEventKind.RESOLVED,
  CLOSE_UNRESOLVED: ConflictEventKind.CLOSED_UNRESOLVED,
  COMMENT: ConflictEventKind.COMMENTED,
};

/** Enters `stage` of `versionId`: it starts today and is due after the stage's time limit. */
function enterStage(versionId: string, stage: number): Change {
  return {
    from: { table: 'conflict_process_stage s', where: 's.version_id = $5 and s.stage_number = $6' },
    set: `process_version_id = s.version_id, current_stage = s.stage_number,
          resolution_started_at = coalesce(c.resolution_started_at, now()),
          stage_started_on = current_date, stage_due_on = current_date + s.time_limit_days`,
    params: [versionId, stage],
  };
}
