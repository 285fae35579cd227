import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Resident memory of a process in kB: VmRSS from /proc where there is one (cheap enough
 * for 5 samples a second), else ps.
 */
export async function residentKb(pid: number): Promise<number> {
  const fromProc = procStatusKb(pid, 'VmRSS');
  if (fromProc !== undefined) return fromProc;
  return new Promise((done, fail) =>
    execFile('ps', ['-o', 'rss=', '-p', String(pid)], (error, stdout) => (error ? fail(error) : done(Number(stdout.trim())))),
  );
}

function procStatusKb(pid: number, field: 'VmRSS'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    // No procfs (macOS).
    return undefined;
  }
}

/**
 * The highest resident memory of a process while `work` runs, sampled every 200 ms
 * (resident memory peaks under load, so a figure taken after the load would miss it).
 */
export async function peakWhile<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakKb: number }> {
  let peakKb = await residentKb(pid);
  const sampler = setInterval(() => {
    residentKb(pid).then(
      (kb) => (peakKb = Math.max(peakKb, kb)),
      () => undefined,
    );
  }, 200);
  try {
    const result = await work();
    return { result, peakKb };
  } finally {
    clearInterval(sampler);
  }
}
