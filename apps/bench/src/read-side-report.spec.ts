import { ServerFigures, checkGoals, formatSideReport } from './read-side-report';

const figures = (over: Partial<ServerFigures> = {}): ServerFigures => ({
  requestsPerSecond: 100,
  roundRequestsPerSecond: [100, 100],
  p50Ms: 5,
  p99Ms: 20,
  peakRssKb: 100 * 1024,
  cpuMsPerRequest: { server: 1.25, database: 0.5 },
  errors: 0,
  meanResponseBytes: 1000,
  statements: { single: 3, full: 3 },
  ...over,
});

describe('checkGoals (JoinedUp against PostGraphile 5)', () => {
  it('meets the goal at equal figures and at most three statements, flat', () => {
    expect(checkGoals(figures(), figures()).map((check) => check.met)).toEqual([true, true, true, true]);
  });

  it('misses each goal on its own: fewer requests, a longer p99, more than 1.2× the memory, statements growing with the bodies', () => {
    const peer = figures();
    expect(checkGoals(figures({ requestsPerSecond: 99 }), peer)[0]).toMatchObject({ met: false, value: 0.99 });
    expect(checkGoals(figures({ p99Ms: 21 }), peer)[1]).toMatchObject({ met: false, value: 1.05 });
    expect(checkGoals(figures({ peakRssKb: 121 * 1024 }), peer)[2].met).toBe(false);
    expect(checkGoals(figures({ peakRssKb: 120 * 1024 }), peer)[2].met).toBe(true);
    expect(checkGoals(figures({ statements: { single: 2, full: 3 } }), peer)[3]).toMatchObject({ met: false, value: 3 });
    expect(checkGoals(figures({ statements: { single: 4, full: 4 } }), peer)[3].met).toBe(false);
  });

  it('does not count a fast read that answers with errors, nor statements it could not count', () => {
    expect(checkGoals(figures({ requestsPerSecond: 500, errors: 3 }), figures())[0].met).toBe(false);
    const uncounted = checkGoals(figures({ statements: { single: 'no log', full: 3 } }), figures())[3];
    expect(uncounted.met).toBe(false);
    expect(uncounted.value).toBeNaN();
  });
});

describe('formatSideReport', () => {
  it('prints every server of every read and, per read, the ratios to PostGraphile 5 with the goal met or missed', () => {
    const report = formatSideReport({
      heading: 'Reads side by side',
      machine: '2 cores',
      method: 'interleaved',
      reads: [
        { label: 'dashboard', servers: { joinedup: figures({ requestsPerSecond: 150, roundRequestsPerSecond: [120, 180] }), postgraphile4: figures(), postgraphile5: figures() } },
        { label: 'conflict log', servers: { joinedup: figures({ requestsPerSecond: 50, statements: { single: 6, full: 9 } }), postgraphile4: figures(), postgraphile5: figures() } },
      ],
      notes: ['a note'],
    });
    expect(report).toContain('| dashboard | JoinedUp | 150 | 5.0 | 20.0 | 100 | 1.25 / 0.50 | 3 / 3 | 0 | 1000 |');
    expect(report).toContain('| dashboard | PostGraphile 5 | 100 |');
    expect(report).toContain('| dashboard | 1.50× | 1.20–1.80× | 1.00× | 1.00× | 3 | met |');
    expect(report).toContain('| conflict log | 0.50× | 1.00–1.00× | 1.00× | 1.00× | 9 | not met (req/s ≥ PG5; ≤ 3 statements, flat) |');
    expect(report).toContain('- a note');
  });
});
