export * from './onboarding-sheet';
export * from './onboarding-reader';
export * from './onboarding-rows';
export * from './onboarding-plan';
export * from './onboarding-template';
export * from './onboarding.module';
