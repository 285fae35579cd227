import { Job } from 'bullmq';
import { failureLine } from './failure-line';

describe('failureLine', () => {
  const job = (attemptsMade: number, attempts?: number, finishedOn?: number) =>
    ({ name: 'user.created', id: 'e-1', attemptsMade, finishedOn, opts: { attempts }, data: { payload: { email: 'a@b.c' } } }) as unknown as Job;

  it('says which try failed and that another follows', () => {
    expect(failureLine(job(2, 5), new Error('boom'))).toBe('Job user.created (e-1) failed on attempt 2 of 5, it will be retried: boom');
  });

  it('says when the job stays in the failed set, and never shows the payload', () => {
    const line = failureLine(job(5, 5), new Error('boom'));
    expect(line).toBe('Job user.created (e-1) failed on attempt 5 of 5, it stays in the failed set: boom');
    expect(line).not.toContain('a@b.c');
    expect(failureLine(job(1), new Error('boom'))).toContain('attempt 1 of 1, it stays in the failed set');
  });

  it('says the job stays failed when it was refused a further start, tries left or not', () => {
    // A job whose worker died during each of its tries fails at its next start, before its last attempt is counted.
    expect(failureLine(job(1, 2, Date.now()), new Error('job started more than allowable limit'))).toBe(
      'Job user.created (e-1) failed on attempt 1 of 2, it stays in the failed set: job started more than allowable limit',
    );
  });
});
