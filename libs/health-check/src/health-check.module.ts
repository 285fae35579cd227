import { Module } from '@nestjs/common';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';

/** The partnership health check: rounds, invitations, anonymous answers and results. */
@Module({
  imports: [RegistryModule, ProgrammesModule],
  providers: [],
  exports: [],
})
export class HealthCheckModule {}
