import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SignInLimits } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';

/**
 * The wait before the next try of an account that has had `failures` tries in a row
 * without success (counting the one just made): none for the first `freeAttempts`, then
 * 1 s, 2 s, 4 s … up to `maxDelaySeconds`. A delay rather than a lock-out, so that the
 * owner with the right password is never kept out for long.
 */
export function retryDelaySeconds(failures: number, limits: Pick<SignInLimits, 'freeAttempts' | 'maxDelaySeconds'>): number {
  if (failures < limits.freeAttempts) return 0;
  return Math.min(2 ** Math.min(failures - limits.freeAttempts, 30), limits.maxDelaySeconds);
}

/**
 * Sign-in throttling, per account and per client address. A try is reserved before the
 * password is checked, in one statement, so concurrent tries cannot all slip under a
 * limit; a successful sign-in gives its reservations back.
 */
@Injectable()
export class SignInThrottle {
  private readonly limits: SignInLimits;

  constructor(
    private readonly db: TenantDb,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = config.signIn;
  }

  get windowMinutes(): number {
    return this.limits.windowMinutes;
  }

  /**
   * The first step of a sign-in, in one statement: the tenant of the slug (null when there
   * is none), and a try reserved for the client address (false when it has failed too often).
   */
  async admit(tenantSlug: string, address: string): Promise<{ tenantId: string | null; addressAllowed: boolean }> {
    const [row] = await this.db.queryWithoutTenant<{ tenant_id: string | null; address_allowed: boolean | null }>(
      `select tenant_id_for_slug($1) as tenant_id, reserve_sign_in_from_address($2, $3, $4) as address_allowed`,
      [tenantSlug, address.slice(0, 100), this.limits.addressLimit, this.limits.windowMinutes * 60],
    );
    return { tenantId: row.tenant_id, addressAllowed: row.address_allowed === true };
  }

  releaseAddress(address: string): Promise<unknown> {
    return this.db.queryWithoutTenant('select release_sign_in_from_address($1)', [address.slice(0, 100)]);
  }

  /**
   * Reserves a try of account `email` in the current tenant transaction: 0 when it may go
   * ahead, otherwise the seconds to wait.
   */
  async reserveAccount(tenantId: string, email: string): Promise<number> {
    const windowSeconds = this.limits.windowMinutes * 60;
    const [reserved] = await this.db.query<{ failures: number }>(
      `insert into sign_in_throttle as t (tenant_id, email_key, failures, last_attempt_at, next_attempt_at)
       values ($1, lower($2), 1, now(), now())
       on conflict (tenant_id, email_key) do update set
         failures = case when t.last_attempt_at < now() - make_interval(secs => $3) then 1 else t.failures + 1 end,
         last_attempt_at = now()
       where t.next_attempt_at <= now() or t.last_attempt_at < now() - make_interval(secs => $3)
       returning failures`,
      [tenantId, email, windowSeconds],
    );
    if (reserved) {
      // The row stays locked by the upsert until this transaction ends, so the next try
      // sees this delay.
      const delay = retryDelaySeconds(reserved.failures, this.limits);
      if (delay) {
        await this.db.query(
          `update sign_in_throttle set next_attempt_at = now() + make_interval(secs => $2) where email_key = lower($1)`,
          [email, delay],
        );
      }
      return 0;
    }
    const [blocked] = await this.db.query<{ wait: number }>(
      `select greatest(ceil(extract(epoch from next_attempt_at - now())), 1)::int as wait
         from sign_in_throttle where email_key = lower($1)`,
      [email],
    );
    return blocked?.wait ?? 1;
  }

  /** Forgets the failures of `email` after a successful sign-in. */
  async clearAccount(email: string): Promise<void> {
    await this.db.query(`delete from sign_in_throttle where email_key = lower($1)`, [email]);
  }
}
