// Who may call what lives in @joinedup/access; re-exported for callers of the auth library.
export * from '@joinedup/access';
export * from './access-token';
export * from './auth.guard';
export * from './auth.errors';
export * from './authenticator';
export * from './auth.module';
export * from './password-hasher';
export * from './password-policy';
export * from '@joinedup/access';
export * from './session.service';
export * from './tenant-provisioning';
export * from './user.type';
export * from './users.service';
export * from './auth-worker.module';
export * from './sign-in-link';
export * from './sign-in-link-mailing';
