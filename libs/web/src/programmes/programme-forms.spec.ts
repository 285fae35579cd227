import { readAssignment, readChoice, readProgramme, readReason, readRole } from './programme-forms';

const A = '0b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d11';
const B = '1b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d12';
const L = '2b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d13';

describe('programme forms', () => {
  it('reads a programme, the share that must support as a percentage', () => {
    const read = readProgramme(
      { name: ' Warm Homes ', 'startsOn-day': '1', 'startsOn-month': '4', 'startsOn-year': '2027', reviewCadenceDays: '60', leaderTermMonths: '24', ruleKind: 'QUALIFIED_MAJORITY', supportPercent: '66.7', maxOpposing: '1', participantIds: [A, B, 'nope'] },
      L,
      [A, B],
    );
    expect(read.errors).toEqual([]);
    expect(read.input).toEqual({
      localityId: L, name: 'Warm Homes', purpose: null, startsOn: '2027-04-01', endsOn: null, reviewCadenceDays: 60, leaderTermMonths: 24,
      agreementRule: { kind: 'QUALIFIED_MAJORITY', supportThreshold: 0.667, maxOpposing: 1 }, participantIds: [A, B],
    });
  });

  it('names each problem and sends nothing', () => {
    const read = readProgramme(
      { name: '', 'endsOn-day': '31', 'endsOn-month': '2', 'endsOn-year': '2027', reviewCadenceDays: '3', leaderTermMonths: '', ruleKind: 'QUALIFIED_MAJORITY', supportPercent: '' },
      L,
      [A],
    );
    expect(read.input).toBeUndefined();
    expect(read.errors.map((e) => e.href)).toEqual(['#name', '#endsOn-day', '#reviewCadenceDays', '#leaderTermMonths', '#supportPercent']);
    expect(read.values.endsOn).toEqual({ day: '31', month: '2', year: '2027' });
    expect(readProgramme({ name: 'X', reviewCadenceDays: '90', leaderTermMonths: '12', ruleKind: 'UNANIMOUS', 'startsOn-day': '2', 'startsOn-month': '1', 'startsOn-year': '2027', 'endsOn-day': '1', 'endsOn-month': '1', 'endsOn-year': '2027' }, L, []).errors).toEqual([
      { href: '#endsOn-day', text: 'Enter a day it ends that is not before the day it starts' },
    ]);
  });

  it('takes only an id the page offered', () => {
    expect(readChoice({ personId: A }, 'personId', [A], 'a person').input).toBe(A);
    expect(readChoice({ personId: B }, 'personId', [A], 'a person').errors).toEqual([{ href: '#personId', text: 'Select a person' }]);
  });

  it('reads a reason, required or not', () => {
    expect(readReason({}, 'reason', 'why', false)).toEqual({ values: { reason: '' }, errors: [], input: null });
    expect(readReason({}, 'vacateReason', 'why the holder no longer holds the role', true).errors).toEqual([{ href: '#vacateReason', text: 'Enter why the holder no longer holds the role' }]);
  });

  it('reads a role with competencies named as the registry names them, each once and with a level', () => {
    const known = ['Data', 'Safeguarding'];
    const read = readRole({ title: 'Data lead', requiredForProgramme: 'yes', 'competency-1': 'Data', 'level-1': '3', 'competency-2': '', 'level-2': '' }, known);
    expect(read.input).toEqual({ title: 'Data lead', responsibilities: null, requiredForProgramme: true, requiredCompetencies: [{ name: 'Data', minLevel: 3 }] });
    const wrong = readRole({ title: 'Data lead', 'competency-1': 'Data', 'level-1': '3', 'competency-2': 'Data', 'level-2': '2', 'competency-3': 'Magic', 'level-3': '1', 'competency-4': 'Safeguarding' }, known);
    expect(wrong.errors.map((e) => e.href)).toEqual(['#competency-2', '#competency-3', '#level-4']);
  });

  it('reads an assignment: a rationale unless by open selection', () => {
    expect(readAssignment({ personId: A, selectionMethod: 'OPEN_SELECTION' }, [A]).input).toEqual({ personId: A, selectionMethod: 'OPEN_SELECTION', rationale: null });
    expect(readAssignment({ personId: A, selectionMethod: 'APPOINTED' }, [A]).errors).toEqual([{ href: '#rationale', text: 'Enter why this person holds the role' }]);
    expect(readAssignment({ personId: B }, [A]).errors.map((e) => e.href)).toEqual(['#personId', '#selectionMethod']);
  });
});
