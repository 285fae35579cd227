import { Module } from '@nestjs/common';
import { RegistryModule } from '@joinedup/registry';
import { RegisterExportsResolver } from './register-exports.resolver';
import { RegisterExportsService } from './register-exports.service';

/** Every register of a locality as a CSV file; each register is described in the library that owns it. */
@Module({
  imports: [RegistryModule],
  providers: [RegisterExportsService, RegisterExportsResolver],
})
export class ExportsModule {}
