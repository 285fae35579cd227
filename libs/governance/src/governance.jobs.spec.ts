import { debouncedRescan } from './governance.jobs';

describe('debouncedRescan', () => {
  it('gives every change of one window the same job, run at the window end', () => {
    const first = debouncedRescan('t', 'l', 5000, 10_001);
    const later = debouncedRescan('t', 'l', 5000, 14_999);
    expect(later.jobId).toBe(first.jobId);
    expect(first.delay).toBe(4999);
    expect(later.delay).toBe(1);
  });

  it('starts a new job in the next window and for another locality, with no ":" (BullMQ refuses it in ids)', () => {
    expect(debouncedRescan('t', 'l', 5000, 15_000).jobId).not.toBe(debouncedRescan('t', 'l', 5000, 14_999).jobId);
    expect(debouncedRescan('t', 'm', 5000, 10_000).jobId).not.toBe(debouncedRescan('t', 'l', 5000, 10_000).jobId);
    expect(debouncedRescan('t', 'l', 5000, 10_000).jobId).not.toContain(':');
  });
});
