import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Action, CurrentPrincipal, Principal, Roles } from '@joinedup/access';
import { LocalitiesService, REGISTRY_MANAGERS } from '@joinedup/registry';
import { fileKind } from './onboarding-reader';
import { previewOf } from './onboarding-preview';
import { OnboardingService } from './onboarding.service';
import { ApplyOnboardingInput, OnboardingFileInput } from './onboarding.inputs';
import { OnboardingPreview, OnboardingResult } from './onboarding.types';

@Resolver()
export class OnboardingResolver {
  constructor(
    private readonly onboarding: OnboardingService,
    private readonly localities: LocalitiesService,
  ) {}

  @Action('import member bodies and people from a spreadsheet')
  @Roles(...REGISTRY_MANAGERS)
  @Query(() => OnboardingPreview, { description: 'What a CSV or Excel file of member bodies and people would create or change in a locality; writes nothing.' })
  async onboardingPreview(@CurrentPrincipal() principal: Principal, @Args('input') input: OnboardingFileInput): Promise<OnboardingPreview> {
    return previewOf(await this.onboarding.preview(principal, input), fileKind(input.fileName) === 'csv');
  }

  @Action('import member bodies and people from a spreadsheet')
  @Roles(...REGISTRY_MANAGERS)
  @Mutation(() => OnboardingResult, {
    description: 'Applies a previewed file in one transaction: CONFLICT when the plan is no longer the one previewed (planDigest).',
  })
  async applyOnboarding(@CurrentPrincipal() principal: Principal, @Args('input') input: ApplyOnboardingInput): Promise<OnboardingResult> {
    const { plan, counts } = await this.onboarding.apply(principal, input, input.planDigest);
    return { ...counts, locality: await this.localities.get(principal, plan.localityId) };
  }
}
