import { Module } from '@nestjs/common';
import { ConfigModule } from '@joinedup/config';
import { DatabaseModule } from '@joinedup/database';
import { JobsModule, WorkerRuntime } from '@joinedup/jobs';

@Module({
  imports: [ConfigModule, DatabaseModule.forRoot({ entities: [], applicationName: 'joinedup-worker' }), JobsModule],
  providers: [WorkerRuntime],
})
export class WorkerModule {}
