import { Job } from 'bullmq';
import { jobProcessor } from './job-processor';

describe('jobProcessor', () => {
  it('refuses to start when a declared job has no handler', () => {
    expect(() => jobProcessor('maintenance', ['heartbeat', 'cleanup'], { heartbeat: async () => 1 })).toThrow(
      'Queue "maintenance" has no handler for job(s): cleanup',
    );
  });

  it('routes a job to the handler of its name', async () => {
    const process = jobProcessor('maintenance', ['heartbeat'], { heartbeat: async (job) => `beat ${job.data.n}` });
    await expect(process({ name: 'heartbeat', data: { n: 3 } } as Job)).resolves.toBe('beat 3');
    await expect(process({ name: 'other', data: {} } as Job)).rejects.toThrow('no handler for job "other"');
  });
});
