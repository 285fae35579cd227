/**
 * The catalogue of domain events: every event a transaction may record in the outbox, its
 * payload, and where the change it records sits. A stored contract (events wait in the
 * outbox and the queue for their consumers), so names and payload fields change only by
 * adding. No payload carries free text a person wrote (titles, reasons, comments) nor a link.
 *
 * The governance engine rescans on every event here, where its scope says, so a new event
 * is heard without anyone remembering to subscribe it (governance-scan.worker.ts).
 */

/** Event names. Written once here; code elsewhere uses these constants, never the strings. */
export const DOMAIN_EVENT = {
  localityChanged: 'registry.locality_changed',
  organisationChanged: 'registry.organisation_changed',
  personChanged: 'registry.person_changed',
  membershipChanged: 'membership.changed',
  programmeCreated: 'programme.created',
  programmeChanged: 'programme.changed',
  nominationChanged: 'leadership.nomination_changed',
  endorsementChanged: 'leadership.endorsement_changed',
  leaderAgreed: 'leadership.leader_agreed',
  leaderSteppedDown: 'leadership.leader_stepped_down',
  reconfirmationChanged: 'leadership.reconfirmation_changed',
  roleChanged: 'roles.role_changed',
  roleAssignmentChanged: 'roles.assignment_changed',
  conflictProcessChanged: 'conflicts.process_changed',
  conflictChanged: 'conflicts.conflict_changed',
  measureChanged: 'improvement.measure_changed',
  reviewChanged: 'improvement.review_changed',
  actionChanged: 'improvement.action_changed',
  briefingChanged: 'briefings.briefing_changed',
  briefingAcknowledgementChanged: 'briefings.acknowledgement_changed',
  alignmentRequestChanged: 'alignment.request_changed',
  milestoneChanged: 'recognition.milestone_changed',
  recognitionChanged: 'recognition.recognition_changed',
  // The outbox's type check allows no underscore in the first part (^[a-z]+(\.[a-z_]+)+$).
  healthCheckInvitationsCreated: 'healthcheck.invitations_created',
  healthCheckRoundClosed: 'healthcheck.round_closed',
  userCreated: 'user.created',
  userRoleChanged: 'user.role_changed',
  userDeactivated: 'user.deactivated',
  userSignInLinkRequested: 'user.sign_in_link_requested',
  scanRequested: 'governance.scan_requested',
  webhookDeliveriesCreated: 'webhooks.deliveries_created',
} as const;

export type DomainEventName = (typeof DOMAIN_EVENT)[keyof typeof DOMAIN_EVENT];

/** A programme's change names the programme and its locality. */
type InProgramme = { programmeId: string; localityId: string };

/** The payload each event carries. Types, not interfaces: each must be assignable to a JSON object. */
export type DomainEventPayloads = {
  /** A locality was created, renamed or archived. */
  [DOMAIN_EVENT.localityChanged]: { localityId: string; change: 'CREATED' | 'RENAMED' | 'ARCHIVED' };
  /**
   * A member body was recorded, or its name, sector or reference changed (an import);
   * `localityIds`: those it is an active member of (none when new).
   */
  [DOMAIN_EVENT.organisationChanged]: { organisationId: string; change: 'CREATED' | 'UPDATED'; localityIds: string[] };
  /**
   * A person was recorded, their details changed (an import), or their competencies
   * replaced (which changes the fit of every role they hold). `localityIds`: the localities
   * their organisation is an active member of, where any role they hold sits (none for a
   * new person, who holds none).
   */
  [DOMAIN_EVENT.personChanged]: {
    personId: string;
    organisationId: string;
    change: 'CREATED' | 'UPDATED' | 'COMPETENCIES_SET';
    localityIds: string[];
  };
  [DOMAIN_EVENT.membershipChanged]: { localityId: string; organisationId: string; change: 'JOINED' | 'LEFT' };
  [DOMAIN_EVENT.programmeCreated]: InProgramme;
  /** Its details or status changed, or an organisation joined or left it. */
  [DOMAIN_EVENT.programmeChanged]: InProgramme & {
    change: 'UPDATED' | 'PARTICIPANT_JOINED' | 'PARTICIPANT_LEFT';
    organisationId?: string;
  };
  /** A leadership nomination was made or withdrawn. */
  [DOMAIN_EVENT.nominationChanged]: InProgramme & {
    nominationId: string;
    kind: 'LEADERSHIP' | 'RECONFIRMATION';
    change: 'NOMINATED' | 'WITHDRAWN';
  };
  /** An organisation took (or changed) its position on a nomination of either kind. */
  [DOMAIN_EVENT.endorsementChanged]: InProgramme & {
    nominationId: string;
    kind: 'LEADERSHIP' | 'RECONFIRMATION';
    organisationId: string;
    position: 'SUPPORT' | 'OPPOSE' | 'ABSTAIN';
  };
  [DOMAIN_EVENT.leaderAgreed]: InProgramme & { nominationId: string; personId: string; leaderId: string; reconfirmBy: string };
  [DOMAIN_EVENT.leaderSteppedDown]: InProgramme & { personId: string; leaderId: string };
  /**
   * A re-confirmation of the current leader was opened, decided either way, or withdrawn
   * (also when the leader stepped down while it was open). `reconfirmBy` is the leader's
   * due date after the change.
   */
  [DOMAIN_EVENT.reconfirmationChanged]: InProgramme & {
    nominationId: string;
    leaderId: string;
    personId: string;
    change: 'OPENED' | 'RECONFIRMED' | 'NOT_RECONFIRMED' | 'WITHDRAWN';
    reconfirmBy: string;
  };
  /** A role was defined, changed or retired. */
  [DOMAIN_EVENT.roleChanged]: InProgramme & { roleId: string; change: 'DEFINED' | 'UPDATED' | 'RETIRED' };
  /**
   * A role gained or lost its holder. Also written by the `participant_leave_roles` trigger
   * (migration 1764600000000) with `endCause: 'ORGANISATION_LEFT'` when the holder's
   * organisation leaves the programme.
   */
  [DOMAIN_EVENT.roleAssignmentChanged]: InProgramme & {
    roleId: string;
    assignmentId: string;
    personId: string;
    change: 'ASSIGNED' | 'ENDED';
    endCause?: 'VACATED' | 'ORGANISATION_LEFT' | 'ROLE_RETIRED';
  };
  /** A conflict process got a new draft version, its draft changed, or a version was agreed. */
  [DOMAIN_EVENT.conflictProcessChanged]: {
    localityId: string;
    /** Null for a locality's own process (the default for its programmes). */
    programmeId: string | null;
    processId: string;
    versionId: string;
    version: number;
    change: 'DRAFTED' | 'AGREED';
    /** AGREED: the date the partnership agreed it, YYYY-MM-DD. */
    agreedOn?: string;
  };
  /** A conflict was raised, moved through its lifecycle, or commented on. */
  [DOMAIN_EVENT.conflictChanged]: {
    localityId: string;
    programmeId: string | null;
    conflictId: string;
    change: 'RAISED' | 'ACKNOWLEDGED' | 'RESOLUTION_STARTED' | 'ESCALATED' | 'RESOLVED' | 'CLOSED_UNRESOLVED' | 'COMMENTED';
    status: 'OPEN' | 'ACKNOWLEDGED' | 'IN_RESOLUTION' | 'RESOLVED' | 'CLOSED_UNRESOLVED';
    /** In resolution: the stage, and when it is due (YYYY-MM-DD). */
    stage: number | null;
    stageDueOn: string | null;
  };
  [DOMAIN_EVENT.measureChanged]: InProgramme & { measureId: string; change: 'CREATED' | 'UPDATED' | 'RETIRED' | 'REINSTATED' };
  /**
   * The database trigger that schedules a programme's first review (and cancels it) writes
   * this too (migration 1764620000000); test/events/trigger-events checks its payloads.
   */
  [DOMAIN_EVENT.reviewChanged]: InProgramme & {
    reviewId: string;
    change: 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';
    /** SCHEDULED: when it is due. */
    dueOn?: string;
    /** COMPLETED: how many measures met and missed their target. */
    metCount?: number;
    missedCount?: number;
  };
  [DOMAIN_EVENT.actionChanged]: InProgramme & {
    actionId: string;
    reviewId: string;
    change: 'CREATED' | 'UPDATED';
    status: 'OPEN' | 'DONE' | 'DROPPED';
    dueOn: string;
  };
  /** A briefing was issued to the organisations taking part in its programme. */
  [DOMAIN_EVENT.briefingChanged]: InProgramme & { briefingId: string; change: 'ISSUED'; issuedOn: string; recipientCount: number };
  /** A recipient organisation acknowledged a briefing, for the first time or again (the latest counts). */
  [DOMAIN_EVENT.briefingAcknowledgementChanged]: InProgramme & {
    briefingId: string;
    organisationId: string;
    acknowledgementId: string;
    change: 'ACKNOWLEDGED' | 'REACKNOWLEDGED';
    cascade: 'LEADERSHIP_ONLY' | 'MANAGERS' | 'FRONT_LINE' | 'WHOLE_ORGANISATION';
  };
  /** An alignment request was made, answered (agreed or declined), recorded as adapted, or withdrawn. */
  [DOMAIN_EVENT.alignmentRequestChanged]: InProgramme & {
    requestId: string;
    requestingOrganisationId: string;
    targetOrganisationId: string;
    change: 'REQUESTED' | 'AGREED' | 'DECLINED' | 'ADAPTED' | 'WITHDRAWN';
    status: 'REQUESTED' | 'AGREED' | 'DECLINED' | 'ADAPTED' | 'WITHDRAWN';
    kind: 'DATA_SHARING' | 'REFERRAL_PROCESS' | 'IT_SYSTEM' | 'POLICY' | 'BUDGET' | 'WORKFORCE' | 'OTHER';
    /** YYYY-MM-DD the answer is (or was) due. */
    responseDueOn: string;
    /** AGREED and after: YYYY-MM-DD the adaptation is planned for. */
    plannedOn: string | null;
    /** ADAPTED: YYYY-MM-DD the target adapted. */
    adaptedOn: string | null;
  };
  /** A milestone was created, changed (name, due date, contributors) or achieved. */
  [DOMAIN_EVENT.milestoneChanged]: InProgramme & {
    milestoneId: string;
    change: 'CREATED' | 'UPDATED' | 'ACHIEVED';
    dueOn: string;
    achievedOn: string | null;
    contributorIds: string[];
  };
  /** A recognition was recorded. */
  [DOMAIN_EVENT.recognitionChanged]: InProgramme & {
    recognitionId: string;
    change: 'RECORDED';
    milestoneId: string | null;
    /** The organisation credited, or the credited person's organisation. */
    recipientOrganisationId: string;
    creditedPersonId: string | null;
    giverOrganisationId: string;
    givenOn: string;
    visibleIn: ('PARTNERSHIP_BOARD' | 'OWN_ORGANISATION' | 'PUBLIC')[];
  };
  /** People were invited to a health-check round: the ids of their invitations (the sender builds the links). */
  [DOMAIN_EVENT.healthCheckInvitationsCreated]: { roundId: string; invitationIds: string[] };
  /** A coordinator closed a round: the worker settles its pooled responses at once. */
  [DOMAIN_EVENT.healthCheckRoundClosed]: { roundId: string };
  [DOMAIN_EVENT.userCreated]: { userId: string; role: string };
  [DOMAIN_EVENT.userRoleChanged]: { userId: string; from: string; to: string };
  [DOMAIN_EVENT.userDeactivated]: { userId: string };
  /** A tenant administrator asked for a sign-in link to be emailed (the link's row, never its token). */
  [DOMAIN_EVENT.userSignInLinkRequested]: { userId: string; linkId: string };
  /** A scan was asked for (by a coordinator, or by the demo loader); the worker queues it. */
  [DOMAIN_EVENT.scanRequested]: { scanId: string; localityId: string | null };
  /** Webhook deliveries to send, at most DELIVERY_IDS_PER_EVENT per event. */
  [DOMAIN_EVENT.webhookDeliveriesCreated]: { deliveryIds: string[] };
};

/** The payload of an event by its key in DOMAIN_EVENT: `EventPayload<'roleChanged'>`. */
export type EventPayload<K extends keyof typeof DOMAIN_EVENT> = DomainEventPayloads[(typeof DOMAIN_EVENT)[K]];

/**
 * Where a change sits, for the rescans it causes: the localities whose records it changed
 * (their locality scans), and whether it can change what a tenant-wide rule finds (a
 * person's roles across localities: then the tenant's full scan).
 */
export interface DomainEventScope {
  localityIds: string[];
  tenantWide: boolean;
}

type ScopeOf<K extends DomainEventName> = (payload: DomainEventPayloads[K]) => DomainEventScope;

const NOWHERE: DomainEventScope = { localityIds: [], tenantWide: false };
const inLocality = (p: { localityId: string }): DomainEventScope => ({ localityIds: [p.localityId], tenantWide: false });
/** Roles, their holders, the people holding them and the programmes' status are what ROLE_OVERLOAD reads. */
const inLocalityAndRoles = (p: { localityId: string }): DomainEventScope => ({ localityIds: [p.localityId], tenantWide: true });

/** Every event's scope, read from its payload alone (no database: a relay or a test can call it). */
export const DOMAIN_EVENT_SCOPE: { readonly [K in DomainEventName]: ScopeOf<K> } = {
  [DOMAIN_EVENT.localityChanged]: inLocality,
  [DOMAIN_EVENT.organisationChanged]: (p) => ({ localityIds: p.localityIds, tenantWide: false }),
  [DOMAIN_EVENT.personChanged]: (p) => ({ localityIds: p.localityIds, tenantWide: p.change !== 'CREATED' }),
  [DOMAIN_EVENT.membershipChanged]: inLocality,
  [DOMAIN_EVENT.programmeCreated]: inLocalityAndRoles,
  [DOMAIN_EVENT.programmeChanged]: inLocalityAndRoles,
  [DOMAIN_EVENT.nominationChanged]: inLocality,
  [DOMAIN_EVENT.endorsementChanged]: inLocality,
  [DOMAIN_EVENT.leaderAgreed]: inLocality,
  [DOMAIN_EVENT.leaderSteppedDown]: inLocality,
  [DOMAIN_EVENT.reconfirmationChanged]: inLocality,
  [DOMAIN_EVENT.roleChanged]: inLocalityAndRoles,
  [DOMAIN_EVENT.roleAssignmentChanged]: inLocalityAndRoles,
  [DOMAIN_EVENT.conflictProcessChanged]: inLocality,
  [DOMAIN_EVENT.conflictChanged]: inLocality,
  [DOMAIN_EVENT.measureChanged]: inLocality,
  [DOMAIN_EVENT.reviewChanged]: inLocality,
  [DOMAIN_EVENT.actionChanged]: inLocality,
  [DOMAIN_EVENT.briefingChanged]: inLocality,
  [DOMAIN_EVENT.briefingAcknowledgementChanged]: inLocality,
  [DOMAIN_EVENT.alignmentRequestChanged]: inLocality,
  [DOMAIN_EVENT.milestoneChanged]: inLocality,
  [DOMAIN_EVENT.recognitionChanged]: inLocality,
  // The health check, users, scans and webhooks change nothing a rule reads.
  [DOMAIN_EVENT.healthCheckInvitationsCreated]: () => NOWHERE,
  [DOMAIN_EVENT.healthCheckRoundClosed]: () => NOWHERE,
  [DOMAIN_EVENT.userCreated]: () => NOWHERE,
  [DOMAIN_EVENT.userRoleChanged]: () => NOWHERE,
  [DOMAIN_EVENT.userDeactivated]: () => NOWHERE,
  [DOMAIN_EVENT.userSignInLinkRequested]: () => NOWHERE,
  [DOMAIN_EVENT.scanRequested]: () => NOWHERE,
  [DOMAIN_EVENT.webhookDeliveriesCreated]: () => NOWHERE,
};

/** A payload's fields at run time; the type makes the list exactly the payload type's fields. */
type FieldsOf<P> = { readonly [F in keyof P]-?: undefined extends P[F] ? 'optional' : 'required' };

const R = 'required' as const;
const O = 'optional' as const;
const IN_PROGRAMME = { programmeId: R, localityId: R };

/**
 * Every event's fields, for payloads the type checker never sees: those database triggers
 * write, and those read back from the outbox (test/events checks both against this).
 */
export const DOMAIN_EVENT_FIELDS: { readonly [K in DomainEventName]: FieldsOf<DomainEventPayloads[K]> } = {
  [DOMAIN_EVENT.localityChanged]: { localityId: R, change: R },
  [DOMAIN_EVENT.organisationChanged]: { organisationId: R, change: R, localityIds: R },
  [DOMAIN_EVENT.personChanged]: { personId: R, organisationId: R, change: R, localityIds: R },
  [DOMAIN_EVENT.membershipChanged]: { localityId: R, organisationId: R, change: R },
  [DOMAIN_EVENT.programmeCreated]: IN_PROGRAMME,
  [DOMAIN_EVENT.programmeChanged]: { ...IN_PROGRAMME, change: R, organisationId: O },
  [DOMAIN_EVENT.nominationChanged]: { ...IN_PROGRAMME, nominationId: R, kind: R, change: R },
  [DOMAIN_EVENT.endorsementChanged]: { ...IN_PROGRAMME, nominationId: R, kind: R, organisationId: R, position: R },
  [DOMAIN_EVENT.leaderAgreed]: { ...IN_PROGRAMME, nominationId: R, personId: R, leaderId: R, reconfirmBy: R },
  [DOMAIN_EVENT.leaderSteppedDown]: { ...IN_PROGRAMME, personId: R, leaderId: R },
  [DOMAIN_EVENT.reconfirmationChanged]: { ...IN_PROGRAMME, nominationId: R, leaderId: R, personId: R, change: R, reconfirmBy: R },
  [DOMAIN_EVENT.roleChanged]: { ...IN_PROGRAMME, roleId: R, change: R },
  [DOMAIN_EVENT.roleAssignmentChanged]: { ...IN_PROGRAMME, roleId: R, assignmentId: R, personId: R, change: R, endCause: O },
  [DOMAIN_EVENT.conflictProcessChanged]: {
    localityId: R,
    programmeId: R,
    processId: R,
    versionId: R,
    version: R,
    change: R,
    agreedOn: O,
  },
  [DOMAIN_EVENT.conflictChanged]: { localityId: R, programmeId: R, conflictId: R, change: R, status: R, stage: R, stageDueOn: R },
  [DOMAIN_EVENT.measureChanged]: { ...IN_PROGRAMME, measureId: R, change: R },
  [DOMAIN_EVENT.reviewChanged]: { ...IN_PROGRAMME, reviewId: R, change: R, dueOn: O, metCount: O, missedCount: O },
  [DOMAIN_EVENT.actionChanged]: { ...IN_PROGRAMME, actionId: R, reviewId: R, change: R, status: R, dueOn: R },
  [DOMAIN_EVENT.briefingChanged]: { ...IN_PROGRAMME, briefingId: R, change: R, issuedOn: R, recipientCount: R },
  [DOMAIN_EVENT.briefingAcknowledgementChanged]: {
    ...IN_PROGRAMME,
    briefingId: R,
    organisationId: R,
    acknowledgementId: R,
    change: R,
    cascade: R,
  },
  [DOMAIN_EVENT.alignmentRequestChanged]: {
    ...IN_PROGRAMME,
    requestId: R,
    requestingOrganisationId: R,
    targetOrganisationId: R,
    change: R,
    status: R,
    kind: R,
    responseDueOn: R,
    plannedOn: R,
    adaptedOn: R,
  },
  [DOMAIN_EVENT.milestoneChanged]: { ...IN_PROGRAMME, milestoneId: R, change: R, dueOn: R, achievedOn: R, contributorIds: R },
  [DOMAIN_EVENT.recognitionChanged]: {
    ...IN_PROGRAMME,
    recognitionId: R,
    change: R,
    milestoneId: R,
    recipientOrganisationId: R,
    creditedPersonId: R,
    giverOrganisationId: R,
    givenOn: R,
    visibleIn: R,
  },
  [DOMAIN_EVENT.healthCheckInvitationsCreated]: { roundId: R, invitationIds: R },
  [DOMAIN_EVENT.healthCheckRoundClosed]: { roundId: R },
  [DOMAIN_EVENT.userCreated]: { userId: R, role: R },
  [DOMAIN_EVENT.userRoleChanged]: { userId: R, from: R, to: R },
  [DOMAIN_EVENT.userDeactivated]: { userId: R },
  [DOMAIN_EVENT.userSignInLinkRequested]: { userId: R, linkId: R },
  [DOMAIN_EVENT.scanRequested]: { scanId: R, localityId: R },
  [DOMAIN_EVENT.webhookDeliveriesCreated]: { deliveryIds: R },
};

/** What is wrong with a stored payload for its name: fields it lacks or the catalogue does not know (none: []). */
export function payloadMismatches(type: string, payload: Record<string, unknown>): string[] {
  if (!isDomainEventName(type)) return [`${type} is not catalogued`];
  const fields = DOMAIN_EVENT_FIELDS[type] as Record<string, 'required' | 'optional'>;
  return [
    ...Object.keys(fields)
      .filter((field) => fields[field] === 'required' && !(field in payload))
      .map((field) => `${type} lacks ${field}`),
    ...Object.keys(payload)
      .filter((field) => !(field in fields))
      .map((field) => `${type} has ${field}, which the catalogue does not know`),
  ];
}

export const DOMAIN_EVENT_NAMES: readonly DomainEventName[] = Object.values(DOMAIN_EVENT);

export function isDomainEventName(type: string): type is DomainEventName {
  return (DOMAIN_EVENT_NAMES as readonly string[]).includes(type);
}

/** The scope of a stored event; an event of a name not (or no longer) catalogued concerns nothing. */
export function scopeOf(type: string, payload: Record<string, unknown>): DomainEventScope {
  if (!isDomainEventName(type)) return NOWHERE;
  const scope = (DOMAIN_EVENT_SCOPE[type] as (p: unknown) => DomainEventScope)(payload);
  return { localityIds: [...new Set(scope.localityIds.filter((id) => typeof id === 'string'))], tenantWide: scope.tenantWide };
}
