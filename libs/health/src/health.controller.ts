import { Controller, Get, HttpCode, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '@joinedup/auth';
import { DATA_SOURCE } from '@joinedup/database';
import { QueueFactory } from '@joinedup/jobs';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly queues: QueueFactory,
  ) {}

  /** The process is up (for restarts by an orchestrator). */
  @Public()
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** PostgreSQL and the job queue are reachable (for routing traffic here). */
  @Public()
  @Get('ready')
  @HttpCode(200)
  async ready(): Promise<{ status: string; postgres: string; queue: string }> {
    const [postgres, queue] = await Promise.all([
      this.dataSource.query('select 1').then(
        () => 'up',
        () => 'down',
      ),
      this.queues.ping().then((ok) => (ok ? 'up' : 'down')),
    ]);
    const status = postgres === 'up' && queue === 'up' ? 'ok' : 'unavailable';
    if (status !== 'ok') throw new HttpException({ status, postgres, queue }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status, postgres, queue };
  }
}
