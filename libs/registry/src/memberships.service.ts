import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, violatedConstraint } from '@joinedup/database';
import { badInput, conflict, notFound } from '@joinedup/errors';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { LocalitiesService } from './localities.service';
import { OrganisationsService } from './organisations.service';
import { AddMemberInput, RecordMemberLeftInput } from './registry.inputs';
import { MEMBERSHIP_COLUMNS, MembershipRow, toMembership } from './registry.rows';
import { MembershipType } from './registry.types';
import { RegistryReason } from './registry.errors';

export const MAX_ACTIVE_MEMBERS = 40;

/** Member bodies joining and leaving localities. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly db: TenantDb,
    private readonly localities: LocalitiesService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Adds a member body. The 40-member limit is a check constraint on the locality's
   * member count, kept by a trigger whose row lock serialises concurrent additions.
   */
  async add(principal: Principal, input: AddMemberInput): Promise<MembershipType> {
    const locality = await this.localities.get(principal, input.localityId);
    const organisation = await this.organisations.get(input.organisationId);
    if (locality.archivedAt) throw conflict(`${locality.name} is archived; it takes no new members.`, RegistryReason.LOCALITY_ARCHIVED);
    try {
      const [row] = await this.db.query<MembershipRow>(
        `insert into membership (tenant_id, locality_id, organisation_id, joined_on)
         values ($1, $2, $3, coalesce($4::date, current_date)) returning ${MEMBERSHIP_COLUMNS}`,
        [principal.tenantId, locality.id, organisation.id, input.joinedOn ?? null],
      );
      const membership = toMembership(row);
      await this.audit.record({ action: 'membership.added', entityType: 'MEMBERSHIP', entityId: row.id, after: membership });
      await recordEvent(this.outbox, DOMAIN_EVENT.membershipChanged, {
        localityId: locality.id,
        organisationId: organisation.id,
        change: 'JOINED',
      });
      return membership;
    } catch (error) {
      const constraint = violatedConstraint(error);
      if (constraint === 'locality_member_limit') {
        throw conflict(
          `${locality.name} already has ${MAX_ACTIVE_MEMBERS} active member bodies, the most a locality can have. ` +
            'Record a member leaving before adding another.',
          RegistryReason.LOCALITY_FULL,
        );
      }
      if (constraint === 'membership_active_key') {
        throw conflict(`${organisation.name} is already an active member of ${locality.name}.`, RegistryReason.ALREADY_A_MEMBER);
      }
      throw error;
    }
  }

  /** Records that a body left; it also leaves that locality's programmes (a trigger does it). */
  async recordLeft(principal: Principal, input: RecordMemberLeftInput): Promise<MembershipType> {
    const locality = await this.localities.get(principal, input.localityId);
    const [current] = await this.db.query<MembershipRow>(
      `select ${MEMBERSHIP_COLUMNS} from membership
        where locality_id = $1 and organisation_id = $2 and left_on is null for update`,
      [locality.id, input.organisationId],
    );
    if (!current) throw notFound('An active membership of that organisation');
    const leftOn = input.leftOn ?? null;
    if (leftOn && leftOn < current.joined_on) {
      throw badInput(`leftOn must not be before the day it joined (${current.joined_on}).`, 'leftOn');
    }
    const [row] = await this.db.query<MembershipRow>(
      `update membership set left_on = coalesce($2::date, greatest(current_date, joined_on)) where id = $1
       returning ${MEMBERSHIP_COLUMNS}`,
      [current.id, leftOn],
    );
    const after = toMembership(row);
    await this.audit.record({
      action: 'membership.left',
      entityType: 'MEMBERSHIP',
      entityId: row.id,
      before: toMembership(current),
      after,
    });
    await recordEvent(this.outbox, DOMAIN_EVENT.membershipChanged, {
      localityId: locality.id,
      organisationId: input.organisationId,
      change: 'LEFT',
    });
    return after;
  }
}
