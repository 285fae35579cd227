import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '@joinedup/auth';
import { DATA_SOURCE } from '@joinedup/database';
import { QueueFactory } from '@joinedup/jobs';
import { Draining } from './draining';

type Up = 'up' | 'down';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly queues: QueueFactory,
    private readonly draining: Draining,
  ) {}

  /** The process is up (for restarts by an orchestrator). */
  @Public()
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /**
   * Whether this replica can serve requests (for routing traffic here): PostgreSQL answers.
   * The job queue is reported but does not decide: while it is down every write still
   * succeeds (the outbox keeps its events), and a queue outage would otherwise take every
   * replica out of the load balancer at once. Once asked to stop it answers `stopping`.
   */
  @Public()
  @Get('ready')
  async ready(): Promise<{ status: string; postgres: Up; queue: Up }> {
    const [postgres, queue] = await Promise.all([this.postgres(), this.queue()]);
    const status = this.draining.active ? 'stopping' : postgres === 'up' ? 'ok' : 'unavailable';
    const answer = { status, postgres, queue };
    if (status !== 'ok') throw new HttpException(answer, HttpStatus.SERVICE_UNAVAILABLE);
    return answer;
  }

  /** Whether the job queue store answers (for alerting: background work waits while it is down). */
  @Public()
  @Get('queue')
  async queueHealth(): Promise<{ status: string; queue: Up }> {
    const queue = await this.queue();
    if (queue !== 'up') throw new HttpException({ status: 'unavailable', queue }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'ok', queue };
  }

  private postgres(): Promise<Up> {
    return this.dataSource.query('select 1').then(
      () => 'up',
      () => 'down',
    );
  }

  private queue(): Promise<Up> {
    return this.queues.ping().then((ok) => (ok ? 'up' : 'down'));
  }
}
