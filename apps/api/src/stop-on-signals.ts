import { INestApplication } from '@nestjs/common';
import { Draining } from '@joinedup/health';

/**
 * SIGTERM (or SIGINT): drain first, then close. Nest's own shutdown hooks would close at
 * once, and closing starts with Apollo stopping the HTTP server, so requests sent after
 * the signal were refused or reset. Closing then lets the requests in flight finish
 * (Apollo's drain) before the database connections close.
 */
export function stopOnSignals(app: INestApplication): void {
  const draining = app.get(Draining);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void draining
        .drain(signal)
        .then(() => app.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
  }
}
