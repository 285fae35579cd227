import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigModule } from '@joinedup/config';
import { DatabaseModule } from '@joinedup/database';
import { HealthCheckPublishingModule, SurveyRoundPublisher } from '@joinedup/health-check';

/** The worker's publisher of final health-check rounds, alone. */
@Module({})
class PublishingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PublishingModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot({ applicationName: 'joinedup-bench' }), HealthCheckPublishingModule],
    };
  }
}

/**
 * Publishes every final round's figures, as the worker does after it settles answers (the
 * benchmark settles them itself and runs no worker): a published round's results are read
 * in one statement. Returns how many were published now (none when all were before).
 */
export async function publishFinalRounds(config: AppConfig): Promise<number> {
  const app = await NestFactory.createApplicationContext(PublishingModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    return await app.get(SurveyRoundPublisher).publishDue();
  } finally {
    await app.close();
  }
}
