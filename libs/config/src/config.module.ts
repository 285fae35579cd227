import { AsyncLocalStorage } from 'node:async_hooks';
import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';

/** Injection token of the validated {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The configuration an application is being built with, if its builder gave one. */
const building = new AsyncLocalStorage<AppConfig>();

/**
 * Builds an application whose APP_CONFIG is `config` instead of a fresh read of the
 * environment: createApiApp(config) and createWorkerApp(config) then honour the settings
 * they were given, also when one process builds several apps with different settings.
 */
export function buildWithConfig<T>(config: AppConfig, build: () => Promise<T>): Promise<T> {
  return building.run(config, build);
}

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: (): AppConfig => building.getStore() ?? loadConfig() }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
