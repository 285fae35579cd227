import { AlignmentStatus } from '@joinedup/alignment';
import { ProgrammeStatus } from '@joinedup/programmes';
import { RecognitionVisibility } from '@joinedup/recognition';
import { organisationByKey } from './demo-partnership.data';
import { peopleOf } from './demo-people.data';
import { programmeByName } from './demo-programmes.data';
import {
  DEMO_ALIGNMENT_REQUESTS,
  DEMO_BRIEFINGS,
  DEMO_DECLINER,
  DEMO_MILESTONES,
  DEMO_NEVER_ACKNOWLEDGES,
  DemoAlignmentRequest,
  DemoBriefing,
  DemoMilestone,
  partyOrganisation,
} from './demo-governance-records.data';

/** Programmes, organisations and names the GraphQL tour (docs/graphql-tour.md) creates or reads (steps 9–11). */
const TOUR_PROGRAMMES = ['Safer Streets', 'Healthy Ageing'];

const takesPart = (programme: string, organisation: string) => programmeByName(programme).participants.includes(organisation);

describe('demo briefings', () => {
  it.each(DEMO_BRIEFINGS.map((b) => [b.title, b]))('%s is consistent', (_title, b) => {
    const briefing = b as DemoBriefing;
    const programme = programmeByName(briefing.programme);
    expect(programme.status).toBe(ProgrammeStatus.ACTIVE);
    // Issued while the participants took part (they join a week after the programme is made).
    expect(briefing.issuedOn).toBeGreaterThan(Math.min(programme.startsOn, 0) - 23);
    expect(briefing.issuedOn).toBeLessThan(0);
    let previous = briefing.issuedOn;
    for (const ack of briefing.acknowledgements) {
      expect(takesPart(briefing.programme, ack.organisation)).toBe(true);
      expect(ack.on).toBeGreaterThanOrEqual(previous);
      expect(ack.on).toBeLessThan(0);
      previous = ack.on;
    }
  });

  it('mixes acknowledged and ignored briefings, cascade levels, and one re-acknowledgement', () => {
    const keys = DEMO_BRIEFINGS.map((b) => `${b.programme}/${b.title.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const briefing of DEMO_BRIEFINGS) {
      expect(TOUR_PROGRAMMES).not.toContain(briefing.programme);
      const acknowledged = new Set(briefing.acknowledgements.map((a) => a.organisation)).size;
      expect(acknowledged).toBeLessThan(programmeByName(briefing.programme).participants.length);
    }
    const cascades = new Set(DEMO_BRIEFINGS.flatMap((b) => b.acknowledgements.map((a) => a.cascade)));
    expect(cascades.size).toBe(4);
    const repeated = DEMO_BRIEFINGS.flatMap((b) => b.acknowledgements.map((a) => `${b.title}/${a.organisation}`));
    expect(repeated.length - new Set(repeated).size).toBe(1);
  });

  it('has an organisation that receives briefings and never acknowledges one', () => {
    const received = DEMO_BRIEFINGS.filter((b) => takesPart(b.programme, DEMO_NEVER_ACKNOWLEDGES));
    expect(received.length).toBeGreaterThanOrEqual(2);
    for (const briefing of DEMO_BRIEFINGS) {
      expect(briefing.acknowledgements.map((a) => a.organisation)).not.toContain(DEMO_NEVER_ACKNOWLEDGES);
    }
  });
});

describe('demo alignment requests', () => {
  it.each(DEMO_ALIGNMENT_REQUESTS.map((r) => [r.title, r]))('%s is consistent', (_title, r) => {
    const request = r as DemoAlignmentRequest;
    expect(TOUR_PROGRAMMES).not.toContain(request.programme);
    expect(takesPart(request.programme, request.requester)).toBe(true);
    expect(takesPart(request.programme, request.target)).toBe(true);
    expect(request.requester).not.toBe(request.target);
    expect(request.requestedOn).toBeLessThan(0);
    expect(request.responseDueOn).toBeGreaterThanOrEqual(request.requestedOn);
    const answer = request.agreed ?? request.declined;
    expect(request.agreed && request.declined).toBeFalsy();
    if (answer) {
      expect(answer.on).toBeGreaterThanOrEqual(request.requestedOn);
      expect(answer.on).toBeLessThan(0);
    }
    if (request.agreed) expect(request.agreed.plannedOn).toBeGreaterThanOrEqual(request.agreed.on);
    if (request.declined) expect(request.declined.reason.trim()).toBeTruthy();
    switch (request.status) {
      case AlignmentStatus.REQUESTED:
        expect(answer ?? request.withdrawn ?? request.adaptedOn).toBeUndefined();
        break;
      case AlignmentStatus.AGREED:
        expect(request.agreed).toBeDefined();
        expect(request.withdrawn ?? request.adaptedOn).toBeUndefined();
        break;
      case AlignmentStatus.DECLINED:
        expect(request.declined).toBeDefined();
        expect(request.withdrawn ?? request.adaptedOn).toBeUndefined();
        break;
      case AlignmentStatus.ADAPTED:
        expect(request.agreed).toBeDefined();
        expect(request.adaptedOn).toBeGreaterThanOrEqual(request.agreed!.on);
        expect(request.adaptedOn).toBeLessThan(0);
        expect(request.withdrawn).toBeUndefined();
        break;
      case AlignmentStatus.WITHDRAWN:
        expect(request.declined ?? request.adaptedOn).toBeUndefined();
        expect(request.withdrawn!.on).toBeGreaterThanOrEqual(request.agreed?.on ?? request.requestedOn);
        expect(request.withdrawn!.on).toBeLessThan(0);
        break;
    }
  });

  it('covers every state, one request past its response date, and an organisation that declines most', () => {
    const keys = DEMO_ALIGNMENT_REQUESTS.map((r) => `${r.programme}/${r.title.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(DEMO_ALIGNMENT_REQUESTS.map((r) => r.status))).toEqual(new Set(Object.values(AlignmentStatus)));
    const open = DEMO_ALIGNMENT_REQUESTS.filter((r) => r.status === AlignmentStatus.REQUESTED);
    expect(open.filter((r) => r.responseDueOn < 0)).toHaveLength(1);
    expect(open.filter((r) => r.responseDueOn >= 0)).toHaveLength(1);
    // Answered within the last year (the default period of decline rates).
    const answered = DEMO_ALIGNMENT_REQUESTS.filter((r) => r.target === DEMO_DECLINER && (r.agreed ?? r.declined));
    for (const request of answered) expect((request.agreed ?? request.declined)!.on).toBeGreaterThan(-365);
    const declined = answered.filter((r) => r.declined).length;
    expect(declined / answered.length).toBeGreaterThan(0.5);
    expect(declined).toBe(3);
    expect(answered).toHaveLength(4);
  });
});

describe('demo milestones and recognitions', () => {
  it.each(DEMO_MILESTONES.map((m) => [m.name, m]))('%s is consistent', (_name, m) => {
    const milestone = m as DemoMilestone;
    const programme = programmeByName(milestone.programme);
    expect(TOUR_PROGRAMMES).not.toContain(milestone.programme);
    expect(milestone.createdOn).toBeGreaterThan(Math.min(programme.startsOn, 0) - 23);
    expect(milestone.dueOn).toBeGreaterThanOrEqual(milestone.createdOn);
    if (milestone.achievedOn !== undefined) {
      expect(milestone.achievedOn).toBeLessThan(0);
      expect(milestone.achievedOn).toBeGreaterThanOrEqual(milestone.createdOn);
    } else {
      expect(milestone.recognitions).toEqual([]);
    }
    expect(new Set(milestone.contributors).size).toBe(milestone.contributors.length);
    for (const key of milestone.contributors) expect(takesPart(milestone.programme, key)).toBe(true);
    for (const recognition of milestone.recognitions) {
      expect(takesPart(milestone.programme, partyOrganisation(recognition.credited))).toBe(true);
      for (const party of [recognition.credited, recognition.givenBy]) {
        if ('person' in party) expect(peopleOf(organisationByKey(party.person.organisation))[party.person.slot]).toBeDefined();
        else organisationByKey(party.organisation);
      }
      expect(recognition.givenOn).toBeGreaterThanOrEqual(milestone.achievedOn!);
      expect(recognition.givenOn).toBeLessThan(0);
      expect(recognition.visibleIn.length).toBeGreaterThan(0);
      // Gateshead Council's recognitions are the tour's (step 10 counts them).
      expect(partyOrganisation(recognition.credited)).not.toBe('gateshead-council');
    }
  });

  it('has milestones achieved with and without recognition, one overdue, and one recognition visible in its own organisation', () => {
    const keys = DEMO_MILESTONES.map((m) => `${m.programme}/${m.name.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
    const achieved = DEMO_MILESTONES.filter((m) => m.achievedOn !== undefined);
    expect(achieved.some((m) => m.recognitions.length > 0)).toBe(true);
    expect(achieved.some((m) => m.recognitions.length === 0)).toBe(true);
    expect(DEMO_MILESTONES.filter((m) => m.achievedOn === undefined && m.dueOn < 0)).toHaveLength(1);
    const recognitions = DEMO_MILESTONES.flatMap((m) => m.recognitions);
    expect(recognitions.filter((r) => r.visibleIn.includes(RecognitionVisibility.OWN_ORGANISATION))).toHaveLength(1);
    expect(recognitions.length).toBeGreaterThanOrEqual(3);
  });
});
