import { Job } from 'bullmq';
import { failureLine } from './failure-line';

describe('failureLine', () => {
  const job = (attemptsMade: number, attempts?: number) =>
    ({ name: 'user.created', id: 'e-1', attemptsMade, opts: { attempts }, data: { payload: { email: 'a@b.c' } } }) as unknown as Job;

  it('says which try failed and that another follows', () => {
    expect(failureLine(job(2, 5), new Error('boom'))).toBe('Job user.created (e-1) failed on attempt 2 of 5, it will be retried: boom');
  });

  it('says when the job stays in the failed set, and never shows the payload', () => {
    const line = failureLine(job(5, 5), new Error('boom'));
    expect(line).toBe('Job user.created (e-1) failed on attempt 5 of 5, it stays in the failed set: boom');
    expect(line).not.toContain('a@b.c');
    expect(failureLine(job(1), new Error('boom'))).toContain('attempt 1 of 1, it stays in the failed set');
  });
});
