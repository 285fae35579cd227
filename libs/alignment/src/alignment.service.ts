import { Injectable } from '@nestjs/common';
import { Principal, Role, actingBody } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb } from '@joinedup/database';
import { badInput, conflict, forbidden, notFound } from '@joinedup/errors';
import { Connection } from '@joinedup/graphql-kit';
import { ProgrammeReason, ProgrammeStatus, ProgrammeType, ProgrammesService } from '@joinedup/programmes';
import { OrganisationsService, ownBodyOnly } from '@joinedup/registry';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { AlignmentAction, AlignmentActor, AlignmentStatus, mayTake, notAllowedMessage, transition } from './alignment-lifecycle';
import { actorOf } from './alignment-actor';
import { AlignmentScope, REQUEST_SOURCE, alignmentPages, readableCondition, viewerParam } from './alignment-lists';
import { DateProblem, adaptedProblem, plannedProblem, responseDueProblem } from './alignment-rules';
import {
  AgreeAlignmentRequestInput,
  AlignmentRequestsArgs,
  DeclineAlignmentRequestInput,
  RecordAlignmentAdaptedInput,
  RequestAlignmentInput,
  WithdrawAlignmentRequestInput,
} from './alignment.inputs';
import { REQUEST_COLUMNS, RequestRow, toRequest } from './alignment.rows';
import { AlignmentDirection, AlignmentRequestType } from './alignment.types';
import { AlignmentReason } from './alignment.errors';

/** What a transition writes besides the status: SQL assignments with parameters from $4 on, and the history entry. */
interface Change {
  set: string;
  params: unknown[];
  note: string | null;
  plannedOn?: string;
  adaptedOn?: string;
}

/** The request under its row lock, with the database's date. */
type Locked = AlignmentRequestType & { today: string };

const AUDIT_VERB: Record<AlignmentStatus, string> = {
  REQUESTED: 'requested',
  AGREED: 'agreed',
  DECLINED: 'declined',
  ADAPTED: 'adapted',
  WITHDRAWN: 'withdrawn',
};

/**
 * Alignment requests between the member bodies of a programme. Every change locks the
 * request's row, asks the lifecycle whether it is legal for this caller, and updates
 * only if the row is still in the state it was checked in (the database's trigger checks
 * the move again); history, audit trail and outbox are written in the same transaction.
 */
@Injectable()
export class AlignmentService {
  constructor(
    private readonly db: TenantDb,
    private readonly programmes: ProgrammesService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A request the caller may read (its programme is readable to them), or NOT_FOUND. */
  async get(principal: Principal, id: string): Promise<AlignmentRequestType> {
    const [row] = await this.db.query<RequestRow>(
      `select ${REQUEST_COLUMNS} from ${REQUEST_SOURCE} where r.id = $1 and ${readableCondition('$2')}`,
      [id.toLowerCase(), viewerParam(principal)],
    );
    if (!row) throw notFound('The alignment request');
    return toRequest(row);
  }

  /** Requests of a programme, of an organisation (made, received or both), or of an organisation in a programme. */
  async list(principal: Principal, args: AlignmentRequestsArgs): Promise<Connection<AlignmentRequestType>> {
    if (!args.programmeId && !args.organisationId) throw badInput('Give programmeId, organisationId or both.', 'programmeId');
    if (args.direction && !args.organisationId) throw badInput('direction goes with organisationId.', 'direction');
    const programmeId = args.programmeId ? (await this.programmes.get(principal, args.programmeId.toLowerCase())).id : null;
    const viewer = viewerParam(principal);
    if (!args.organisationId) return (await alignmentPages(this.db, viewer, 'PROGRAMME', [programmeId!], args))[0];
    const organisation = await this.organisations.get(args.organisationId.toLowerCase());
    const scope: AlignmentScope =
      args.direction === AlignmentDirection.MADE ? 'MADE' : args.direction === AlignmentDirection.RECEIVED ? 'RECEIVED' : 'ORGANISATION';
    return (await alignmentPages(this.db, viewer, scope, [organisation.id], { ...args, programmeId }))[0];
  }

  async request(principal: Principal, input: RequestAlignmentInput): Promise<AlignmentRequestType> {
    const requesterId = await this.requestingOrganisation(principal, input);
    const targetId = input.targetOrganisationId.toLowerCase();
    const programme = await this.programmes.get(principal, input.programmeId.toLowerCase());
    if (programme.status === ProgrammeStatus.CLOSED) throw conflict(`${programme.name} is closed; it takes no new alignment requests.`, ProgrammeReason.PROGRAMME_CLOSED);
    if (targetId === requesterId) {
      throw badInput(
        'An organisation cannot ask itself to align: address the request to another organisation taking part in the programme.',
        'targetOrganisationId',
      );
    }
    const [{ today }] = await this.db.query<{ today: string }>(`select current_date::text as today`);
    refuse(responseDueProblem(input.responseDueOn, today));
    await this.requireParticipants(programme, requesterId, targetId);

    const [row] = await this.db.query<{ id: string }>(
      `insert into alignment_request (tenant_id, programme_id, locality_id, requesting_organisation_id, target_organisation_id,
                                      kind, title, description, requested_by_user_id, response_due_on)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      [
        principal.tenantId,
        programme.id,
        programme.localityId,
        requesterId,
        targetId,
        input.kind,
        input.title,
        input.description,
        principal.userId,
        input.responseDueOn,
      ],
    );
    await this.appendEvent(principal, row.id, null, AlignmentStatus.REQUESTED, {});
    const made = await this.get(principal, row.id);
    await this.audit.record({ action: 'alignment_request.requested', entityType: 'ALIGNMENT_REQUEST', entityId: made.id, after: made });
    await this.changed(made);
    return made;
  }

  /** REQUESTED → AGREED, with the date the target plans to have adapted by. */
  agree(principal: Principal, input: AgreeAlignmentRequestInput): Promise<AlignmentRequestType> {
    return this.act(principal, input.requestId, AlignmentAction.AGREE, (current) => {
      refuse(plannedProblem(input.plannedOn, current.today));
      return {
        set: `response = 'AGREED', responded_at = now(), responded_on = current_date, responded_by_user_id = $4, planned_on = $5`,
        params: [principal.userId, input.plannedOn],
        note: input.note || null,
        plannedOn: input.plannedOn,
      };
    });
  }

  /** REQUESTED → DECLINED, with the reason. */
  decline(principal: Principal, input: DeclineAlignmentRequestInput): Promise<AlignmentRequestType> {
    return this.act(principal, input.requestId, AlignmentAction.DECLINE, () => ({
      set: `response = 'DECLINED', responded_at = now(), responded_on = current_date, responded_by_user_id = $4, decline_reason = $5`,
      params: [principal.userId, input.reason],
      note: input.reason,
    }));
  }

  /** AGREED → ADAPTED, on the day given (today by default). */
  recordAdapted(principal: Principal, input: RecordAlignmentAdaptedInput): Promise<AlignmentRequestType> {
    return this.act(principal, input.requestId, AlignmentAction.RECORD_ADAPTED, (current) => {
      const adaptedOn = input.adaptedOn ?? current.today;
      refuse(adaptedProblem(adaptedOn, current.respondedOn!, current.today));
      return {
        set: `adapted_on = $5, adapted_recorded_at = now(), adapted_by_user_id = $4`,
        params: [principal.userId, adaptedOn],
        note: input.note || null,
        adaptedOn,
      };
    });
  }

  /** REQUESTED or AGREED → WITHDRAWN, with the reason. */
  withdraw(principal: Principal, input: WithdrawAlignmentRequestInput): Promise<AlignmentRequestType> {
    return this.act(principal, input.requestId, AlignmentAction.WITHDRAW, () => ({
      set: `withdrawn_at = now(), withdrawn_by_user_id = $4, withdrawal_reason = $5`,
      params: [principal.userId, input.reason],
      note: input.reason,
    }));
  }

  /** Who the caller is to the request; a representative only for their own organisation. */
  actor(principal: Principal, request: AlignmentRequestType): AlignmentActor {
    return actorOf(principal, request);
  }

  /** The names of the requesting and the addressed body, for a refusal that says which may act. */
  private async sides(request: AlignmentRequestType): Promise<{ requester: string; target: string }> {
    const requester = await this.organisations.get(request.requestingOrganisationId);
    const target = await this.organisations.get(request.targetOrganisationId);
    return { requester: requester.name, target: target.name };
  }

  /** One step of the lifecycle: lock, check who and what, apply the change if the state is still the one checked. */
  private async act(
    principal: Principal,
    requestId: string,
    action: AlignmentAction,
    change: (current: Locked) => Change,
  ): Promise<AlignmentRequestType> {
    const current = await this.lock(principal, requestId.toLowerCase());
    if (!mayTake(this.actor(principal, current), action)) {
      throw forbidden(notAllowedMessage(action, await this.sides(current)), AlignmentReason.NOT_INVOLVED_IN_REQUEST);
    }
    const next = transition(current.status, action);
    if (!next.ok) throw conflict(next.message, AlignmentReason.REQUEST_STEP_NOT_ALLOWED);
    const { set, params, note, plannedOn, adaptedOn } = change(current);

    const [row] = await this.db.query<RequestRow>(
      `update alignment_request r set status = $2, ${set}, updated_at = now()
        where r.id = $1 and r.status = $3
        returning ${REQUEST_COLUMNS}`,
      [current.id, next.status, current.status, ...params],
    );
    if (!row) throw conflict('This request was changed by someone else at the same time; reload it and try again.', AlignmentReason.REQUEST_CHANGED_MEANWHILE);
    const after = toRequest(row);
    await this.appendEvent(principal, current.id, current.status, after.status, { note, plannedOn, adaptedOn });
    const { today: _today, ...before } = current;
    await this.audit.record({
      action: `alignment_request.${AUDIT_VERB[after.status]}`,
      entityType: 'ALIGNMENT_REQUEST',
      entityId: after.id,
      before,
      after,
    });
    await this.changed(after);
    return after;
  }

  /** The request's row held for this transaction, if the caller may read it. */
  private async lock(principal: Principal, id: string): Promise<Locked> {
    const [row] = await this.db.query<RequestRow & { today: string }>(
      `select ${REQUEST_COLUMNS}, current_date::text as today from ${REQUEST_SOURCE}
        where r.id = $1 and ${readableCondition('$2')} for update of r`,
      [id, viewerParam(principal)],
    );
    if (!row) throw notFound('The alignment request');
    return { ...toRequest(row), today: row.today };
  }

  private async requestingOrganisation(principal: Principal, input: RequestAlignmentInput): Promise<string> {
    const asked = input.requestingOrganisationId?.toLowerCase() ?? null;
    if (principal.role === Role.MEMBER_REPRESENTATIVE) {
      if (asked && asked !== principal.organisationId) throw await ownBodyOnly(this.db, principal, 'ask for alignment');
      return principal.organisationId!;
    }
    if (!asked) throw badInput('Name the organisation making the request (requestingOrganisationId).', 'requestingOrganisationId');
    return asked;
  }

  /**
   * Both organisations must take part in the programme now; their participations are
   * locked (FOR SHARE) so neither can end before this transaction commits.
   */
  private async requireParticipants(programme: ProgrammeType, requesterId: string, targetId: string): Promise<void> {
    const rows = await this.db.query<{ organisation_id: string }>(
      `select organisation_id from programme_participant
        where programme_id = $1 and organisation_id = any($2::uuid[]) and left_at is null for share`,
      [programme.id, [requesterId, targetId]],
    );
    const taking = new Set(rows.map((r) => r.organisation_id));
    for (const [id, field, role] of [
      [requesterId, 'requestingOrganisationId', 'only organisations taking part can ask for alignment there'],
      [targetId, 'targetOrganisationId', 'a request can only be addressed to an organisation taking part'],
    ] as const) {
      if (taking.has(id)) continue;
      const [named] = await this.db.query<{ name: string }>(`select name from organisation where id = $1`, [id]);
      throw badInput(`${named?.name ?? 'That organisation'} does not take part in ${programme.name}; ${role}.`, field);
    }
  }

  private async appendEvent(
    principal: Principal,
    requestId: string,
    from: AlignmentStatus | null,
    to: AlignmentStatus,
    entry: { note?: string | null; plannedOn?: string; adaptedOn?: string },
  ): Promise<void> {
    await this.db.query(
      `insert into alignment_request_event (tenant_id, request_id, from_status, to_status, planned_on, adapted_on, note,
                                            actor_user_id, actor_organisation_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        principal.tenantId,
        requestId,
        from,
        to,
        entry.plannedOn ?? null,
        entry.adaptedOn ?? null,
        entry.note || null,
        principal.userId,
        actingBody(principal),
      ],
    );
  }

  private changed(request: AlignmentRequestType): Promise<string> {
    return recordEvent(this.outbox, DOMAIN_EVENT.alignmentRequestChanged, {
      programmeId: request.programmeId,
      localityId: request.localityId,
      requestId: request.id,
      requestingOrganisationId: request.requestingOrganisationId,
      targetOrganisationId: request.targetOrganisationId,
      change: request.status,
      status: request.status,
      kind: request.kind,
      responseDueOn: request.responseDueOn,
      plannedOn: request.plannedOn,
      adaptedOn: request.adaptedOn,
    });
  }
}

function refuse(problem: DateProblem | null): void {
  if (problem) throw badInput(problem.message, problem.field);
}
