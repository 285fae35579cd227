import { parseWebOptions } from './web-options';

describe('parseWebOptions', () => {
  it('defaults to its own database joinedup_bench_web', () => {
    expect(parseWebOptions([])).toMatchObject({ database: 'joinedup_bench_web', durationSeconds: 10, connections: 10, keep: false });
  });

  it('takes a database named as a benchmark’s', () => {
    expect(parseWebOptions(['--database', 'jb_web_perf_bench'])).toMatchObject({ database: 'jb_web_perf_bench' });
    expect(parseWebOptions(['--database=joinedup_bench_web_two'])).toMatchObject({ database: 'joinedup_bench_web_two' });
  });

  it('refuses a database it must not drop', () => {
    for (const name of ['joinedup', 'test', 'jb_web_perf', 'bench; drop', 'Bench_bench']) {
      expect(() => parseWebOptions(['--database', name])).toThrow(/--database must be/);
    }
  });
});
