import { LoadFigures } from './closed-loop';
import { PageFigures, costRatio, cpuRatio, formatWebReport, p99Ratio, sameStatements, verdict } from './web-report';

const figures = (requestsPerSecond: number, p99Ms: number): LoadFigures => ({
  requests: requestsPerSecond * 10,
  requestsPerSecond,
  p50Ms: p99Ms / 2,
  p99Ms,
  non2xx: 0,
  badBodies: 0,
  failed: 0,
  meanResponseBytes: 1000,
});

describe('web benchmark report', () => {
  it('costs a page as the throughput its document alone reaches over the page’s', () => {
    expect(costRatio(figures(300, 40), figures(450, 30))).toBe(1.5);
    expect(costRatio(figures(0, 0), figures(450, 30))).toBe(Infinity);
    expect(p99Ratio(figures(300, 40), figures(450, 20))).toBe(2);
    expect(cpuRatio({ pageMs: 4.5, documentMs: 3 })).toBe(1.5);
    expect(cpuRatio({ pageMs: 4.5, documentMs: 0 })).toBe(Infinity);
  });

  it('passes a ratio up to 1.5 and misses one above', () => {
    expect(verdict(1.5)).toBe('1.50 ok');
    expect(verdict(1.51)).toBe('1.51 MISSED');
  });

  it('says whether a page sends the statements of its document', () => {
    expect(sameStatements({ page: 6, document: 6 })).toBe('6 / 6 equal');
    expect(sameStatements({ page: 7, document: 6 })).toBe('7 / 6 DIFFERENT');
    expect(sameStatements('no log')).toBe('not counted');
  });

  it('prints one column per page with its verdict, ids masked', () => {
    const page: PageFigures = {
      name: 'for my body',
      pagePath: '/bodies/0b9f3c2e-1f7a-4c1e-9d2a-1234567890ab',
      page: figures(200, 50),
      document: figures(400, 30),
      statements: { page: 5, document: 5 },
      cpu: { pageMs: 4, documentMs: 2.5 },
    };
    const report = formatWebReport({ heading: 'H', connections: 10, durationSeconds: 10, warmUpSeconds: 3, slices: 2, pages: [page], statementsCountedBy: 'here' });
    expect(report).toContain('/bodies/<id>');
    expect(report).toMatch(/cost by requests\/s \(≤ 1\.5\)\s+2\.00 MISSED/);
    expect(report).toMatch(/cost by API CPU \(≤ 1\.5\)\s+1\.60 MISSED/);
    expect(report).toMatch(/API CPU per request, page \/ document\s+4\.00 \/ 2\.50 ms/);
    expect(report).toMatch(/SQL statements, page \/ document\s+5 \/ 5 equal/);
  });

  it('keeps a long address apart from the column before it', () => {
    const page = (pagePath: string): PageFigures => ({ name: 'p', pagePath, page: figures(200, 50), document: figures(200, 50), statements: 'not counted' });
    const long = '/manage/localities/0b9f3c2e-1f7a-4c1e-9d2a-1234567890ab/conflicts';
    const report = formatWebReport({ heading: 'H', connections: 1, durationSeconds: 1, warmUpSeconds: 1, slices: 1, pages: [page('/localities/x'), page(long)], statementsCountedBy: 'here' });
    expect(report).toContain('/localities/x  /manage/localities/<id>/conflicts');
  });
});
