import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, HealthCheckSettings } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';
import { AppError, badInput, forbidden } from '@joinedup/errors';
import { looksLikeSecret, secretHash } from './response-secret';
import { HealthCheckReason } from './health-check.errors';

/** What a public health-check mutation is given: a response link's token, or an edit code. */
export type SecretKind = 'token' | 'editCode';

/**
 * The one answer to a link that does not work, whatever the reason (unknown, used, expired,
 * malformed), and likewise for edit codes: nothing tells a guesser which case they hit.
 */
export const INVALID_LINK = 'This health-check link is not valid: it may have expired or been used already.';
export const INVALID_EDIT_CODE = 'This edit code is not valid: it may be mistyped, or its health check has closed.';
export const invalidSecret = (kind: SecretKind): AppError => badInput(kind === 'token' ? INVALID_LINK : INVALID_EDIT_CODE, kind);

/** The SECURITY DEFINER function that tells the tenant of a live secret's hash (null when none). */
const TENANT_OF: Record<SecretKind, string> = {
  token: 'survey_token_tenant',
  editCode: 'survey_response_tenant',
};

/** A secret admitted: its hash and the tenant whose data it opens. */
export interface AdmittedSecret {
  hash: Buffer;
  tenantId: string;
}

/**
 * The door of the public health-check mutations. Each call first reserves a try for the
 * client address (committed at once, whatever follows), and only then looks the secret
 * up; every secret, well-formed or not, costs the same try. Nothing is kept per link or
 * edit code: a row keyed by one would tie its use to an address and an instant, and the
 * secrets (32 random bytes) cannot be guessed in any number of tries.
 */
@Injectable()
export class SurveyAttemptThrottle {
  private readonly limits: HealthCheckSettings;

  constructor(
    private readonly db: TenantDb,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = config.healthCheck;
  }

  async admit(kind: SecretKind, secret: string, clientAddress: string, field: string): Promise<AdmittedSecret> {
    // The reservation commits on its own, which cannot happen inside an operation's open transaction.
    if (this.db.holdsConnection()) {
      throw badInput(`Send ${field} in an operation of its own, or before any field that reads or changes data.`, field);
    }
    const hash = secretHash(secret);
    const wellFormed = looksLikeSecret(secret);
    const { addressLimit, addressWindowMinutes } = this.limits;
    const [row] = await this.db.queryWithoutTenant<{ address_ok: boolean | null; tenant_id: string | null }>(
      `select reserve_survey_attempt($1, $2, $3) as address_ok,
              case when $5 then ${TENANT_OF[kind]}($4) end as tenant_id`,
      [`address:${clientAddress.slice(0, 100)}`, addressLimit, addressWindowMinutes * 60, hash, wellFormed],
    );
    if (row.address_ok !== true) {
      throw forbidden(`Too many health-check tries from your network address: try again in ${addressWindowMinutes} minutes.`, HealthCheckReason.TOO_MANY_TRIES);
    }
    if (!row.tenant_id) throw invalidSecret(kind);
    return { hash, tenantId: row.tenant_id };
  }
}
