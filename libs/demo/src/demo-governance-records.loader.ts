import { RecognitionVisibility } from '@joinedup/recognition';
import { DemoContext } from './demo-context';
import {
  DEMO_ALIGNMENT_REQUESTS,
  DEMO_BRIEFINGS,
  DEMO_MILESTONES,
  DemoAlignmentRequest,
  DemoBriefing,
  DemoMilestone,
  DemoRecognition,
} from './demo-governance-records.data';

/** Briefings with their acknowledgements, alignment requests with their history, milestones with their recognitions. */
export async function loadGovernanceRecords(ctx: DemoContext): Promise<void> {
  for (const briefing of DEMO_BRIEFINGS) await loadBriefing(ctx, briefing);
  for (const request of DEMO_ALIGNMENT_REQUESTS) await loadAlignmentRequest(ctx, request);
  for (const milestone of DEMO_MILESTONES) await loadMilestone(ctx, milestone);
}

/** Who acted for an organisation: its demo representative, else the coordinator on its behalf. */
function actorFor(ctx: DemoContext, organisation: string): { userId: string; organisationId: string | null } {
  const representative = ctx.representative(organisation);
  return { userId: representative ?? ctx.staff('coordinator'), organisationId: representative ? ctx.organisation(organisation) : null };
}

async function loadBriefing(ctx: DemoContext, briefing: DemoBriefing): Promise<void> {
  const programme = ctx.programme(briefing.programme);
  const { id, inserted } = await ctx.findOrInsert(
    'briefing',
    [`select id from briefing where tenant_id = $1 and programme_id = $2 and title = $3`, [ctx.tenantId, programme.id, briefing.title]],
    [
      `insert into briefing (tenant_id, programme_id, title, summary, issued_on, issued_by_user_id)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [ctx.tenantId, programme.id, briefing.title, briefing.summary, ctx.date(briefing.issuedOn), ctx.staff('coordinator')],
    ],
  );
  if (!inserted) return;
  // The database takes recipients only in the issuing transaction (issued_at = now()) and only
  // among the organisations taking part then; once they are fixed, the briefing is dated back.
  const recipients = await ctx.query(
    `insert into briefing_recipient (tenant_id, briefing_id, organisation_id)
     select $1, $2, pp.organisation_id from programme_participant pp
      where pp.tenant_id = $1 and pp.programme_id = $3 and pp.left_at is null
     returning organisation_id`,
    [ctx.tenantId, id, programme.id],
  );
  ctx.count('briefing_recipient', recipients.length);
  await ctx.query(`update briefing set issued_at = $3 where tenant_id = $1 and id = $2`, [ctx.tenantId, id, ctx.at(briefing.issuedOn)]);
  // Each acknowledgement becomes its recipient's current one (trigger), so the later one counts.
  for (const acknowledgement of briefing.acknowledgements) {
    await ctx.insert(
      'briefing_acknowledgement',
      `insert into briefing_acknowledgement (tenant_id, briefing_id, organisation_id, cascade_level, note, acknowledged_by_user_id, acknowledged_at)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [
        ctx.tenantId,
        id,
        ctx.organisation(acknowledgement.organisation),
        acknowledgement.cascade,
        acknowledgement.note ?? null,
        actorFor(ctx, acknowledgement.organisation).userId,
        ctx.at(acknowledgement.on),
      ],
    );
  }
}

async function loadAlignmentRequest(ctx: DemoContext, request: DemoAlignmentRequest): Promise<void> {
  const programme = ctx.programme(request.programme);
  const requester = actorFor(ctx, request.requester);
  const target = actorFor(ctx, request.target);
  const { agreed, declined, withdrawn } = request;
  const answer = agreed ?? declined;
  const { id, inserted } = await ctx.findOrInsert(
    'alignment_request',
    [
      `select id from alignment_request where tenant_id = $1 and programme_id = $2 and title = $3`,
      [ctx.tenantId, programme.id, request.title],
    ],
    [
      // Written in its final state: the guard checks the programme and both parties on insert,
      // the check constraints that the status, answer and dates agree.
      `insert into alignment_request (tenant_id, programme_id, locality_id, requesting_organisation_id, target_organisation_id, kind,
                                      title, description, status, requested_by_user_id, requested_at, requested_on, response_due_on,
                                      response, responded_at, responded_on, responded_by_user_id, planned_on, decline_reason,
                                      adapted_on, adapted_recorded_at, adapted_by_user_id, withdrawn_at, withdrawn_by_user_id,
                                      withdrawal_reason, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
       returning id`,
      [
        ctx.tenantId,
        programme.id,
        programme.localityId,
        ctx.organisation(request.requester),
        ctx.organisation(request.target),
        request.kind,
        request.title,
        request.description,
        request.status,
        requester.userId,
        ctx.at(request.requestedOn),
        ctx.date(request.requestedOn),
        ctx.date(request.responseDueOn),
        agreed ? 'AGREED' : declined ? 'DECLINED' : null,
        answer ? ctx.at(answer.on) : null,
        answer ? ctx.date(answer.on) : null,
        answer ? target.userId : null,
        agreed ? ctx.date(agreed.plannedOn) : null,
        declined?.reason ?? null,
        request.adaptedOn === undefined ? null : ctx.date(request.adaptedOn),
        request.adaptedOn === undefined ? null : ctx.at(request.adaptedOn),
        request.adaptedOn === undefined ? null : target.userId,
        withdrawn ? ctx.at(withdrawn.on) : null,
        withdrawn ? requester.userId : null,
        withdrawn?.reason ?? null,
        ctx.at(Math.max(request.requestedOn, answer?.on ?? -Infinity, request.adaptedOn ?? -Infinity, withdrawn?.on ?? -Infinity)),
      ],
    ],
  );
  if (!inserted) return;
  const events: { from: string | null; to: string; on: number; by: typeof requester; plannedOn?: number; adaptedOn?: number; note?: string }[] = [
    { from: null, to: 'REQUESTED', on: request.requestedOn, by: requester },
  ];
  if (agreed) events.push({ from: 'REQUESTED', to: 'AGREED', on: agreed.on, by: target, plannedOn: agreed.plannedOn, note: agreed.note });
  if (declined) events.push({ from: 'REQUESTED', to: 'DECLINED', on: declined.on, by: target, note: declined.reason });
  if (request.adaptedOn !== undefined) events.push({ from: 'AGREED', to: 'ADAPTED', on: request.adaptedOn, by: target, adaptedOn: request.adaptedOn });
  if (withdrawn) events.push({ from: agreed ? 'AGREED' : 'REQUESTED', to: 'WITHDRAWN', on: withdrawn.on, by: requester, note: withdrawn.reason });
  for (const event of events) {
    await ctx.insert(
      'alignment_request_event',
      `insert into alignment_request_event (tenant_id, request_id, from_status, to_status, planned_on, adapted_on, note, actor_user_id,
                                            actor_organisation_id, occurred_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      [
        ctx.tenantId,
        id,
        event.from,
        event.to,
        event.plannedOn === undefined ? null : ctx.date(event.plannedOn),
        event.adaptedOn === undefined ? null : ctx.date(event.adaptedOn),
        event.note ?? null,
        event.by.userId,
        event.by.organisationId,
        ctx.at(event.on),
      ],
    );
  }
}

async function loadMilestone(ctx: DemoContext, milestone: DemoMilestone): Promise<void> {
  const programme = ctx.programme(milestone.programme);
  const coordinator = ctx.staff('coordinator');
  const achieved = milestone.achievedOn !== undefined;
  const { id, inserted } = await ctx.findOrInsert(
    'milestone',
    [
      `select id from milestone where tenant_id = $1 and programme_id = $2 and lower(name) = lower($3)`,
      [ctx.tenantId, programme.id, milestone.name],
    ],
    [
      // achieved_recorded_on is set by trigger (today), so an achievement in the past passes its check.
      `insert into milestone (tenant_id, programme_id, name, due_on, achieved_on, achieved_by_user_id, created_by_user_id,
                              created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        ctx.tenantId,
        programme.id,
        milestone.name,
        ctx.date(milestone.dueOn),
        achieved ? ctx.date(milestone.achievedOn!) : null,
        achieved ? coordinator : null,
        coordinator,
        ctx.at(milestone.createdOn),
        ctx.at(milestone.achievedOn ?? milestone.createdOn),
      ],
    ],
  );
  if (!inserted) return;
  const contributors = await ctx.query(
    `insert into milestone_contributor (tenant_id, milestone_id, programme_id, organisation_id, added_at)
     select $1, $2, $3, o.id, $5 from unnest($4::uuid[]) as o(id) returning organisation_id`,
    [ctx.tenantId, id, programme.id, milestone.contributors.map((key) => ctx.organisation(key)), ctx.at(milestone.createdOn)],
  );
  ctx.count('milestone_contributor', contributors.length);
  for (const recognition of milestone.recognitions) await loadRecognition(ctx, programme.id, id, recognition);
}

async function loadRecognition(ctx: DemoContext, programmeId: string, milestoneId: string, recognition: DemoRecognition): Promise<void> {
  const { credited, givenBy, visibleIn } = recognition;
  const giverKey = 'person' in givenBy ? givenBy.person.organisation : givenBy.organisation;
  // The recipient and giver organisations and the day recorded (today) are set by the database's trigger.
  await ctx.insert(
    'recognition',
    `insert into recognition (tenant_id, programme_id, milestone_id, credited_person_id, credited_organisation_id, recipient_organisation_id,
                              reason, given_by_person_id, given_by_organisation_id, giver_organisation_id, given_on,
                              visible_on_partnership_board, visible_in_own_organisation, visible_publicly, recorded_by_user_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
    [
      ctx.tenantId,
      programmeId,
      milestoneId,
      'person' in credited ? ctx.person(credited.person) : null,
      'organisation' in credited ? ctx.organisation(credited.organisation) : null,
      ctx.organisation('person' in credited ? credited.person.organisation : credited.organisation),
      recognition.reason,
      'person' in givenBy ? ctx.person(givenBy.person) : null,
      'organisation' in givenBy ? ctx.organisation(givenBy.organisation) : null,
      ctx.organisation(giverKey),
      ctx.date(recognition.givenOn),
      visibleIn.includes(RecognitionVisibility.PARTNERSHIP_BOARD),
      visibleIn.includes(RecognitionVisibility.OWN_ORGANISATION),
      visibleIn.includes(RecognitionVisibility.PUBLIC),
      actorFor(ctx, giverKey).userId,
    ],
  );
}
