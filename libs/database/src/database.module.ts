import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { openDataSource } from './data-source';
import { OutboxWriter } from './outbox-writer';
import { DATA_SOURCE, TenantDb } from './tenant-db';

export interface DatabaseModuleOptions {
  applicationName: string;
}

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DATA_SOURCE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const logger = new Logger('Database');
            return openDataSource({
              url: config.databaseUrl,
              applicationName: options.applicationName,
              onPoolError: (error) => logger.warn(`PostgreSQL connection lost: ${error.message}`),
            });
          },
        },
        TenantDb,
        OutboxWriter,
      ],
      exports: [DATA_SOURCE, TenantDb, OutboxWriter],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    this.logger.log('Database connections closed');
  }
}
