import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { ConcurrencyLimit } from './concurrency-limit';

/** OWASP's minimum for argon2id: 19 MiB, two passes, one lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

/** An unbounded hash, for command-line tools; the API goes through PasswordHasher. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * The API's password hashing: never inside a transaction (callers hash before their first
 * statement or between transactions), and at most `hashConcurrency` at once, so a flood of
 * sign-ins waits in a bounded line instead of taking every core and connection.
 */
@Injectable()
export class PasswordHasher {
  private readonly limit: ConcurrencyLimit;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = new ConcurrencyLimit(config.signIn.hashConcurrency, config.signIn.hashQueueLimit);
  }

  hash(password: string): Promise<string> {
    return this.limit.run(() => hashPassword(password));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.limit.run(() => verifyPassword(hash, password));
  }

  /** Costs what a real check costs, so an unknown email takes as long as a wrong password. */
  async verifyAgainstDecoy(password: string): Promise<false> {
    decoy ??= hashPassword('decoy-password-never-matches');
    await this.verify(await decoy, password);
    return false;
  }
}
