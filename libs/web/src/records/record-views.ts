import { dayOf, instantOf, words } from '../dates';
import type * as Q from '../graphql/generated';
import { RecordKind, recordHref } from './record-links';

/** What a record page shows: built here from the API's answer, escaped by the template. */
export interface RecordView {
  /** The kind of record, as the caption says it. */
  kind: string;
  title: string;
  status?: string;
  /** Said when the API withholds part of the record from this user. */
  withheld?: string;
  rows: Row[];
  lists: List[];
  onwards: Link[];
}

export interface Row {
  key: string;
  value: string;
  href?: string;
}

export interface Link {
  text: string;
  href?: string;
  note?: string;
}

export interface List {
  heading: string;
  items: Link[];
  /** Said under a list cut to LIST_LIMIT. */
  more?: string;
}

/** The most items a list on a record page shows. */
export const LIST_LIMIT = 20;

type Named = { id: string; name: string };

const row = (key: string, value: unknown, href?: string): Row[] =>
  value === null || value === undefined || value === '' ? [] : [{ key, value: String(value), ...(href ? { href } : {}) }];
const day = (iso: string | null | undefined) => (iso ? dayOf(iso) : undefined);
const instant = (iso: string | null | undefined) => (iso ? instantOf(iso) : undefined);
const localityRow = (l: Named | null | undefined) => (l ? row('Locality', l.name, recordHref('LOCALITY', l.id)) : []);
const programmeRow = (p: Named | null | undefined) => (p ? row('Programme', p.name, recordHref('PROGRAMME', p.id)) : []);
const organisationRow = (key: string, o: Named | null | undefined) => (o ? row(key, o.name, recordHref('ORGANISATION', o.id)) : []);

function list(heading: string, items: Link[], none?: string): List[] {
  if (!items.length) return none ? [{ heading, items: [{ text: none }] }] : [];
  const shown = items.slice(0, LIST_LIMIT);
  return [{ heading, items: shown, ...(items.length > shown.length ? { more: `The first ${shown.length} of ${items.length} are shown.` } : {}) }];
}

const bodies = (orgs: Named[]): Link[] => orgs.map((o) => ({ text: o.name, href: recordHref('ORGANISATION', o.id) }));

/** The leader pages of a locality and of a programme: where their health and open flags are. */
function healthOf(locality?: Named | null, programme?: Named | null): Link[] {
  return [
    ...(programme ? [{ text: `Governance health of ${programme.name}`, href: `/programmes/${programme.id}` }] : []),
    ...(locality ? [{ text: `Governance health of ${locality.name}`, href: `/localities/${locality.id}` }] : []),
  ];
}

/** One describer per kind: the record as the API returned it → what its page shows. */
/** Each kind's record as its document reads it. */
export interface RecordsOf {
  localities: Q.WebLocalityRecordQuery['record'];
  programmes: Q.WebProgrammeRecordQuery['record'];
  'programme-roles': Q.WebProgrammeRoleRecordQuery['record'];
  conflicts: Q.WebConflictRecordQuery['record'];
  'conflict-processes': Q.WebConflictProcessRecordQuery['record'];
  briefings: Q.WebBriefingRecordQuery['record'];
  'alignment-requests': Q.WebAlignmentRequestRecordQuery['record'];
  'improvement-reviews': Q.WebImprovementReviewRecordQuery['record'];
  milestones: Q.WebMilestoneRecordQuery['record'];
  recognitions: Q.WebRecognitionRecordQuery['record'];
  organisations: Q.WebOrganisationRecordQuery['record'];
  people: Q.WebPersonRecordQuery['record'];
}

export const RECORD_VIEWS: { [K in RecordKind]: (r: RecordsOf[K]) => RecordView } = {
  localities: (r) => ({
    kind: 'Locality',
    title: r.name,
    status: r.archivedAt ? 'Archived' : undefined,
    rows: [...row('Code', r.code), ...row('Region', r.region), ...row('Active member bodies', r.activeMemberCount), ...row('Archived', instant(r.archivedAt))],
    lists: list('Programmes', r.programmes.map((p) => ({ text: p.name, href: recordHref('PROGRAMME', p.id), note: words(p.status) })), 'None yet.'),
    onwards: healthOf(r),
  }),

  programmes: (r) => ({
    kind: 'Programme',
    title: r.name,
    status: words(r.status),
    rows: [
      ...localityRow(r.locality),
      ...row('Purpose', r.purpose),
      ...row('Starts', day(r.startsOn)),
      ...row('Ends', day(r.endsOn)),
      ...row('Reviewed every', `${r.reviewCadenceDays} days`),
      ...(r.leader
        ? row('Agreed leader', `${r.leader.person.fullName} (${r.leader.person.organisation.name}), agreed ${instantOf(r.leader.agreedAt)}; re-confirm by ${dayOf(r.leader.reconfirmBy)}`, recordHref('PERSON', r.leader.person.id))
        : row('Agreed leader', 'None')),
      ...(r.openNomination
        ? row(
            'Open nomination',
            `${r.openNomination.person.fullName} (${words(r.openNomination.kind)}), nominated ${instantOf(r.openNomination.nominatedAt)}: ` +
              `${r.openNomination.tally.supporting} support, ${r.openNomination.tally.opposing} oppose, ${r.openNomination.tally.abstaining} abstain, ${r.openNomination.tally.pending} to answer`,
            recordHref('PERSON', r.openNomination.person.id),
          )
        : []),
    ],
    lists: list('Participating bodies', bodies(r.participants), 'None.'),
    onwards: healthOf(r.locality, r),
  }),

  'programme-roles': (r) => ({
    kind: 'Programme role',
    title: r.title,
    status: r.retiredAt ? 'Retired' : r.holder ? 'Held' : 'Vacant',
    rows: [
      ...programmeRow(r.programme),
      ...row('Required for the programme', r.requiredForProgramme ? 'Yes' : 'No'),
      ...row('Responsibilities', r.responsibilities),
      ...(r.holder
        ? [
            ...row('Held by', `${r.holder.person.fullName} (${r.holder.organisation.name}) since ${instantOf(r.holder.assignedAt)}`, recordHref('PERSON', r.holder.person.id)),
            ...row('How they were selected', words(r.holder.selectionMethod)),
            ...row('Why', r.holder.rationale ?? 'No reason recorded'),
            ...row('Fit', `${Math.round(r.holder.fit.score * 100)} % of the required competencies met`),
          ]
        : row('Vacant since', day(r.vacantSince))),
      ...row('Retired', instant(r.retiredAt)),
      ...row('Why it was retired', r.retireReason),
    ],
    lists: list('Required competencies', r.requiredCompetencies.map((c) => ({ text: c.name, note: `level ${c.minLevel} or above` })), 'None.'),
    onwards: healthOf(r.programme.locality, r.programme),
  }),

  conflicts: (r) => ({
    kind: 'Conflict',
    title: (r.detailsVisible && r.title) || 'A conflict',
    status: words(r.status),
    withheld: r.detailsVisible ? undefined : 'Its details (title, description, parties and outcome) are shown only to the bodies involved and to whoever the conflict process lets read them.',
    rows: [
      ...localityRow(r.locality),
      ...programmeRow(r.programme),
      ...row('Category', words(r.category)),
      ...row('Severity', words(r.severity)),
      ...organisationRow('Raised by', r.raisedByOrganisation),
      ...row('Opened', instant(r.openedAt)),
      ...row('Acknowledged', instant(r.acknowledgedAt)),
      ...(r.stage ? row('Stage', `${r.stage.number}: ${r.stage.name} (owner: ${r.stage.owner})`) : []),
      ...row('Stage due', r.stageDueOn ? `${dayOf(r.stageDueOn)}${r.stageOverdue ? ' (overdue)' : ''}` : undefined),
      ...row('Closed', instant(r.closedAt)),
      ...row('What it is about', r.description),
      ...row('Outcome', r.outcome),
      ...row('Why it was closed', r.closeReason),
    ],
    lists: r.detailsVisible ? list('Other parties', bodies(r.parties), 'None.') : [],
    onwards: healthOf(r.locality, r.programme),
  }),

  'conflict-processes': (r) => {
    const stages = (v: { stages: { number: number; name: string; owner: string; timeLimitDays: number }[] } | null) => (v ? v.stages.map((s) => ({ text: `${s.number}. ${s.name}`, note: `owner: ${s.owner}; ${s.timeLimitDays} days` })) : []);
    return {
      kind: 'Conflict resolution process',
      title: `Conflict resolution process of ${r.programme?.name ?? r.locality.name}`,
      status: r.agreedVersion ? 'Agreed' : 'Not agreed',
      rows: [
        ...localityRow(r.locality),
        ...programmeRow(r.programme),
        ...row('Created', instant(r.createdAt)),
        ...(r.agreedVersion ? row('Agreed version', `Version ${r.agreedVersion.version}, agreed ${r.agreedVersion.agreedOn ? dayOf(r.agreedVersion.agreedOn) : ''}`) : row('Agreed version', 'None')),
        ...(r.draftVersion ? row('Draft waiting to be agreed', `Version ${r.draftVersion.version}, drafted ${instantOf(r.draftVersion.createdAt)}`) : []),
      ],
      lists: [...list('Stages of the agreed version', stages(r.agreedVersion)), ...list('Stages of the draft', stages(r.draftVersion))],
      onwards: healthOf(r.locality, r.programme),
    };
  },

  briefings: (r) => ({
    kind: 'Briefing',
    title: r.title,
    rows: [
      ...programmeRow(r.programme),
      ...row('Issued', day(r.issuedOn)),
      ...organisationRow('Issued by', r.issuedByOrganisation),
      ...row('Summary', r.summary),
      ...row('Acknowledged by', `${r.acknowledgementCounts.acknowledged} of ${r.acknowledgementCounts.recipients} bodies it was sent to`),
    ],
    lists: [],
    onwards: healthOf(r.programme.locality, r.programme),
  }),

  'alignment-requests': (r) => ({
    kind: 'Alignment request',
    title: r.title,
    status: words(r.status),
    rows: [
      ...programmeRow(r.programme),
      ...organisationRow('Asked by', r.requestingOrganisation),
      ...organisationRow('Asked of', r.targetOrganisation),
      ...row('Kind', words(r.kind)),
      ...row('What is asked', r.description),
      ...row('Requested', day(r.requestedOn)),
      ...row('Answer due', `${dayOf(r.responseDueOn)}${r.responseOverdue ? ' (overdue)' : ''}`),
      ...row('Answered', r.respondedOn ? `${dayOf(r.respondedOn)}: ${words(r.response)}` : undefined),
      ...row('Why it was declined', r.declineReason),
      ...row('Adaptation planned for', day(r.plannedOn)),
      ...row('Adapted', day(r.adaptedOn)),
      ...row('Withdrawn', instant(r.withdrawnAt)),
      ...row('Why it was withdrawn', r.withdrawalReason),
    ],
    lists: [],
    onwards: healthOf(r.locality, r.programme),
  }),

  'improvement-reviews': (r) => ({
    kind: 'Improvement review',
    title: `Improvement review of ${r.programme.name}, due ${dayOf(r.dueOn)}`,
    status: words(r.status),
    rows: [
      ...programmeRow(r.programme),
      ...row('Due', day(r.dueOn)),
      ...row('Period', r.periodStart && r.periodEnd ? `${dayOf(r.periodStart)} to ${dayOf(r.periodEnd)}` : undefined),
      ...row('Completed', day(r.completedOn)),
      ...row('Cancelled', day(r.cancelledOn)),
      ...row('Effectiveness', r.effectivenessRating === null ? undefined : `${r.effectivenessRating} of 5`),
      ...row('Efficiency', r.efficiencyRating === null ? undefined : `${r.efficiencyRating} of 5`),
      ...row('Findings', r.findings),
    ],
    lists: [
      ...list('Measures', r.values.map((v) => ({ text: v.measure.name, note: `${v.value} ${v.measure.unit} against a target of ${v.target}: ${v.met ? 'met' : 'missed'}` }))),
      ...list('Actions', r.actions.map((a) => ({ text: a.description, note: `${words(a.status)}, due ${dayOf(a.dueOn)}${a.daysOverdue > 0 ? ` (${a.daysOverdue} days overdue)` : ''}` }))),
    ],
    onwards: healthOf(r.programme.locality, r.programme),
  }),

  milestones: (r) => ({
    kind: 'Milestone',
    title: r.name,
    status: r.achieved ? 'Achieved' : r.overdue ? 'Overdue' : 'Not yet achieved',
    rows: [...programmeRow(r.programme), ...row('Due', day(r.dueOn)), ...row('Achieved', day(r.achievedOn))],
    lists: list('Bodies that contributed', r.contributors.map((c) => ({ text: c.organisation.name, href: recordHref('ORGANISATION', c.organisation.id), note: c.recognised ? 'recognised' : 'not recognised yet' })), 'None recorded.'),
    onwards: healthOf(r.programme.locality, r.programme),
  }),

  recognitions: (r) => ({
    kind: 'Recognition',
    title: `Recognition of ${r.creditedPerson?.fullName ?? r.recipientOrganisation.name}`,
    rows: [
      ...programmeRow(r.programme),
      ...(r.creditedPerson ? row('Credited to', r.creditedPerson.fullName, recordHref('PERSON', r.creditedPerson.id)) : []),
      ...organisationRow(r.creditedPerson ? 'Of' : 'Credited to', r.recipientOrganisation),
      ...organisationRow('Given by', r.giverOrganisation),
      ...row('Given', day(r.givenOn)),
      ...(r.milestone ? row('For the milestone', r.milestone.name, recordHref('MILESTONE', r.milestone.id)) : []),
      ...row('Why', r.reason),
    ],
    lists: [],
    onwards: healthOf(r.programme.locality, r.programme),
  }),

  organisations: (r) => ({
    kind: 'Member body',
    title: r.name,
    rows: [...row('Sector', words(r.sector)), ...row('Reference', r.externalRef)],
    lists: list(
      'Member of',
      r.memberships.map((m) => ({ text: m.locality.name, href: recordHref('LOCALITY', m.locality.id), note: `since ${dayOf(m.joinedOn)}` })),
      'No locality you can see.',
    ),
    onwards: [],
  }),

  people: (r) => ({
    kind: 'Person',
    title: r.fullName,
    rows: [...row('Job title', r.jobTitle), ...organisationRow('Works for', r.organisation)],
    lists: [
      ...list('Roles held now', r.rolesHeld.map((a) => ({ text: a.role.title, href: recordHref('PROGRAMME_ROLE', a.role.id), note: a.role.programme.name })), 'None.'),
      ...list('Competencies', r.competencies.map((c) => ({ text: c.name, note: `level ${c.level}` }))),
    ],
    onwards: [],
  }),
};
