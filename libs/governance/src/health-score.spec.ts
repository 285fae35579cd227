import { Barrier, Severity } from './barriers';
import { FlagTally, healthScores } from './health-score';

const tally = (programmeId: string | null, localityId: string, barrier: Barrier, severity: Severity, count = 1): FlagTally => ({
  programmeId,
  localityId,
  barrier,
  severity,
  count,
});

describe('healthScores', () => {
  const programmes = [
    { id: 'p1', localityId: 'l1' },
    { id: 'p2', localityId: 'l1' },
  ];

  it('scores 100 everywhere without flags', () => {
    const scores = healthScores(programmes, ['l1', 'l2'], []);
    expect(scores.map((s) => [s.subjectType, s.subjectId, s.overall, s.openFlags])).toEqual([
      ['PROGRAMME', 'p1', 100, 0],
      ['PROGRAMME', 'p2', 100, 0],
      ['LOCALITY', 'l1', 100, 0],
      ['LOCALITY', 'l2', 100, 0],
    ]);
  });

  it('takes 20, 10 and 5 points per HIGH, MEDIUM and LOW flag from its barrier, never below 0', () => {
    const [p1] = healthScores(programmes, ['l1'], [
      tally('p1', 'l1', Barrier.LEADERSHIP, Severity.HIGH),
      tally('p1', 'l1', Barrier.LEADERSHIP, Severity.MEDIUM),
      tally('p1', 'l1', Barrier.ROLE_FIT, Severity.LOW, 3),
      tally('p1', 'l1', Barrier.CONFLICT_RESOLUTION, Severity.HIGH, 7),
    ]);
    expect(p1.barriers).toMatchObject({ LEADERSHIP: 70, ROLE_FIT: 85, CONFLICT_RESOLUTION: 0, FLEXIBILITY: 100 });
    // The mean of 70, 85, 0 and four 100s is 79.3.
    expect(p1.overall).toBe(79);
    expect(p1.openFlags).toBe(12);
  });

  it("gives a locality the mean of its programmes' scores, less its own flags that belong to no programme", () => {
    const scores = healthScores(programmes, ['l1'], [
      tally('p1', 'l1', Barrier.LEADERSHIP, Severity.HIGH, 2),
      tally(null, 'l1', Barrier.LEADERSHIP, Severity.MEDIUM),
      tally(null, 'l1', Barrier.FLEXIBILITY, Severity.HIGH),
    ]);
    const locality = scores.find((s) => s.subjectId === 'l1')!;
    // Programmes score 60 and 100 on leadership: mean 80, less 10 for the locality's own flag.
    expect(locality.barriers.LEADERSHIP).toBe(70);
    expect(locality.barriers.FLEXIBILITY).toBe(80);
    expect(locality.openFlags).toBe(4);
    expect(scores.find((s) => s.subjectId === 'p2')!.overall).toBe(100);
  });

  it('scores a locality without active programmes from its own flags alone', () => {
    const [locality] = healthScores([], ['l2'], [tally(null, 'l2', Barrier.CONFLICT_RESOLUTION, Severity.HIGH)]);
    expect(locality.barriers.CONFLICT_RESOLUTION).toBe(80);
    expect(locality.overall).toBe(97);
  });
});
