import { SCAN_ABANDONED, SCAN_LOST, ScanEvidence, deadScanReason } from './scan-verdict';

describe('deadScanReason', () => {
  const queued = (over: Partial<ScanEvidence>): ScanEvidence => ({ state: 'QUEUED', eventPending: false, eventJob: 'missing', scanJob: 'missing', ...over });

  it('leaves a scan whose job is waiting, running or due for a retry', () => {
    for (const scanJob of ['waiting', 'active', 'delayed', 'prioritized'] as const) {
      expect(deadScanReason(queued({ scanJob }))).toBeNull();
      expect(deadScanReason({ state: 'RUNNING', eventPending: null, eventJob: 'missing', scanJob })).toBeNull();
    }
  });

  it('leaves a requested scan whose event is still in the outbox or on its way', () => {
    expect(deadScanReason(queued({ eventPending: true }))).toBeNull();
    expect(deadScanReason(queued({ eventJob: 'waiting' }))).toBeNull();
    expect(deadScanReason(queued({ eventJob: 'delayed' }))).toBeNull();
  });

  it('ends a scan whose job is gone, or whose event was handled without leaving a job', () => {
    expect(deadScanReason(queued({}))).toBe(SCAN_LOST);
    expect(deadScanReason(queued({ eventJob: 'completed' }))).toBe(SCAN_LOST);
    expect(deadScanReason({ state: 'RUNNING', eventPending: null, eventJob: 'missing', scanJob: 'missing' })).toBe(SCAN_LOST);
    expect(deadScanReason({ state: 'RUNNING', eventPending: null, eventJob: 'missing', scanJob: 'completed' })).toBe(SCAN_LOST);
  });

  it('ends a scan whose job failed for good while the scan still read RUNNING (its worker died on each try)', () => {
    expect(deadScanReason({ state: 'RUNNING', eventPending: null, eventJob: 'missing', scanJob: 'failed' })).toBe(SCAN_ABANDONED);
  });
});
