import { addMonths, NominationStatus, ReconfirmationOutcome, nextReconfirmBy } from '@joinedup/programmes';
import { DemoContext } from './demo-context';
import { DEMO_PROGRAMMES, DemoEndorsement, DemoNomination, DemoProgramme, decidedOn } from './demo-programmes.data';

/**
 * The demo programmes with their participants and leadership. A programme created ACTIVE
 * gets its first review scheduled by the database (see the improvement loader).
 */
export async function loadProgrammes(ctx: DemoContext): Promise<void> {
  for (const programme of DEMO_PROGRAMMES) await loadProgramme(ctx, programme);
}

async function loadProgramme(ctx: DemoContext, programme: DemoProgramme): Promise<void> {
  const locality = ctx.locality(programme.locality);
  const createdOn = Math.min(programme.startsOn, 0) - 30;
  const { id } = await ctx.findOrInsert(
    'programme',
    [
      `select id from programme where tenant_id = $1 and locality_id = $2 and lower(name) = lower($3) order by created_at, id limit 1`,
      [ctx.tenantId, locality.id, programme.name],
    ],
    [
      `insert into programme (tenant_id, locality_id, name, purpose, status, starts_on, ends_on, review_cadence_days,
                              agreement_rule, support_threshold, max_opposing, leader_term_months, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) returning id`,
      [
        ctx.tenantId,
        locality.id,
        programme.name,
        programme.purpose,
        programme.status,
        ctx.date(programme.startsOn),
        programme.endsOn === undefined ? null : ctx.date(programme.endsOn),
        programme.reviewCadenceDays,
        programme.rule.kind,
        programme.rule.supportThreshold,
        programme.rule.maxOpposing,
        programme.leaderTermMonths,
        ctx.at(createdOn),
      ],
    ],
  );
  ctx.keys.programmes.set(programme.name, { id, localityId: locality.id });
  for (const key of programme.participants) {
    // Only an active member of the programme's locality can take part.
    const rows = await ctx.query(
      `insert into programme_participant (tenant_id, programme_id, organisation_id, joined_at)
       select $1::uuid, $2::uuid, $3::uuid, $4::timestamptz
        where exists (select 1 from membership m where m.tenant_id = $1 and m.locality_id = $5
                         and m.organisation_id = $3 and m.left_on is null)
       on conflict (tenant_id, programme_id, organisation_id) where left_at is null do nothing returning organisation_id`,
      [ctx.tenantId, id, ctx.organisation(key), ctx.at(createdOn + 7), locality.id],
    );
    ctx.count('programme_participant', rows.length);
  }
  if (programme.nomination) await loadLeadership(ctx, id, programme, programme.nomination);
}

/**
 * The programme's nomination, its endorsements, (when agreed) its leader and the leader's
 * re-confirmation; only for a programme with no nomination or leader yet.
 */
async function loadLeadership(ctx: DemoContext, programmeId: string, programme: DemoProgramme, nomination: DemoNomination): Promise<void> {
  const [existing] = await ctx.query(
    `select 1 from leader_nomination where tenant_id = $1 and programme_id = $2
     union all select 1 from programme_leader where tenant_id = $1 and programme_id = $2 limit 1`,
    [ctx.tenantId, programmeId],
  );
  if (existing) return;
  const personId = ctx.person(nomination.leader);
  const agreed = nomination.status === NominationStatus.AGREED;
  const agreedOn = decidedOn(nomination.nominatedOn, nomination.endorsements);
  const { id } = await ctx.insert(
    'leader_nomination',
    `insert into leader_nomination (tenant_id, programme_id, person_id, status, nominated_by_user_id, nominated_at, decided_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      ctx.tenantId,
      programmeId,
      personId,
      nomination.status,
      ctx.staff('coordinator'),
      ctx.at(nomination.nominatedOn),
      agreed ? ctx.at(agreedOn) : null,
    ],
  );
  await endorse(ctx, id, nomination.nominatedOn, nomination.endorsements);
  if (!agreed) return;

  // Due one leader term after the day it was agreed, as the leadership service sets it.
  const firstDue = addMonths(ctx.date(agreedOn), programme.leaderTermMonths);
  const reconfirmation = nomination.reconfirmation;
  const reconfirmedOn = reconfirmation ? decidedOn(reconfirmation.nominatedOn, reconfirmation.endorsements) : null;
  const reconfirmed = reconfirmation?.outcome === ReconfirmationOutcome.RECONFIRMED;
  const next = reconfirmed ? nextReconfirmBy(firstDue, ctx.date(reconfirmedOn!), programme.leaderTermMonths) : null;
  const leader = await ctx.insert(
    'programme_leader',
    `insert into programme_leader (tenant_id, programme_id, person_id, nomination_id, agreed_at, reconfirm_by,
                                   stepped_down_at, step_down_reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      ctx.tenantId,
      programmeId,
      personId,
      id,
      ctx.at(agreedOn),
      next ?? firstDue,
      nomination.steppedDown ? ctx.at(nomination.steppedDown.on) : null,
      nomination.steppedDown?.reason ?? null,
    ],
  );
  if (!reconfirmation) return;

  // The re-confirmation names the leader; its decision is kept with the date it was due.
  const decidedAt = ctx.at(reconfirmedOn!);
  const { id: reconfirmationId } = await ctx.insert(
    'leader_nomination',
    `insert into leader_nomination (tenant_id, programme_id, person_id, kind, leader_id, status, nominated_by_user_id,
                                    nominated_at, decided_at)
     values ($1, $2, $3, 'RECONFIRMATION', $4, $5, $6, $7, $8) returning id`,
    [
      ctx.tenantId,
      programmeId,
      personId,
      leader.id,
      reconfirmed ? NominationStatus.AGREED : NominationStatus.NOT_RECONFIRMED,
      ctx.staff('coordinator'),
      ctx.at(reconfirmation.nominatedOn),
      decidedAt,
    ],
  );
  await endorse(ctx, reconfirmationId, reconfirmation.nominatedOn, reconfirmation.endorsements);
  await ctx.insert(
    'leader_reconfirmation',
    `insert into leader_reconfirmation (tenant_id, leader_id, nomination_id, outcome, due_on, decided_at, reconfirmed_at,
                                        next_reconfirm_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [ctx.tenantId, leader.id, reconfirmationId, reconfirmation.outcome, firstDue, decidedAt, reconfirmed ? decidedAt : null, next],
  );
}

async function endorse(ctx: DemoContext, nominationId: string, nominatedOn: number, endorsements: readonly DemoEndorsement[]) {
  for (const endorsement of endorsements) {
    // Bodies without a demo representative had their position recorded by the coordinator.
    await ctx.insert(
      'endorsement',
      `insert into endorsement (tenant_id, nomination_id, organisation_id, position, comment, endorsed_by_user_id, endorsed_at)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        ctx.tenantId,
        nominationId,
        ctx.organisation(endorsement.organisation),
        endorsement.position,
        endorsement.comment ?? null,
        ctx.representative(endorsement.organisation) ?? ctx.staff('coordinator'),
        ctx.at(nominatedOn + endorsement.after),
      ],
    );
  }
}
