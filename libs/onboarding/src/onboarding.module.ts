import { Module } from '@nestjs/common';
import { RegistryModule } from '@joinedup/registry';
import { OnboardingResolver } from './onboarding.resolver';
import { OnboardingService } from './onboarding.service';

/** Onboarding a locality's member bodies and people from a CSV or Excel file. */
@Module({
  imports: [RegistryModule],
  providers: [OnboardingService, OnboardingResolver],
})
export class OnboardingModule {}
