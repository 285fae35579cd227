import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@joinedup/config';

/**
 * Whether the API is draining. Asked to stop, it first says so (readiness fails, every
 * answer asks its client to close the connection) and keeps serving for SHUTDOWN_DRAIN_MS
 * while load balancers take it out; only then does it stop listening and finish the
 * requests still running (see apps/api create-api-app).
 */
@Injectable()
export class Draining {
  private readonly logger = new Logger('Shutdown');
  private since?: number;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get active(): boolean {
    return this.since !== undefined;
  }

  /** Starts draining and resolves when the drain period is over. */
  async drain(signal: string): Promise<void> {
    this.since ??= Date.now();
    const waitMs = this.config.shutdownDrainMs;
    this.logger.log(`${signal}: not ready any more; serving ${waitMs} ms more, then finishing the requests in flight`);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
