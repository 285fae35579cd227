import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { TenantDb, violatedConstraint } from '@joinedup/database';
import { badInput, conflict, notFound } from '@joinedup/errors';
import { Connection, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { newestFirst } from '../newest-first';
import { WebhookAddressError, checkWebhookUrl } from './webhook-address';
import { sealWebhookSecret } from './webhook-secret-box';
import { MAX_ACTIVE_WEBHOOK_ENDPOINTS } from './webhook.contract';
import { MAX_WEBHOOK_URL, RegisterWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookDeliveriesArgs } from './webhook.inputs';
import { DELIVERY_COLUMNS, DeliveryRow, ENDPOINT_COLUMNS, EndpointRow, toDelivery, toEndpoint } from './webhook.rows';
import { WebhookDeliveryType, WebhookEndpointType, WebhookEndpointWithSecretType } from './webhook.types';

/** An admin's list: the active endpoints (at most 10) and the most recently deactivated ones. */
export const MAX_LISTED_ENDPOINTS = 50;
export const ENDPOINT_ORDER = (e: string) => `${e}.active desc, ${e}.created_at desc, ${e}.id desc`;
/** The endpoints an admin's list shows, as `from … e` (read them in ENDPOINT_ORDER). */
export const listedEndpoints = (e: string) => `from (select * from webhook_endpoint ${e} order by ${ENDPOINT_ORDER(e)} limit ${MAX_LISTED_ENDPOINTS}) ${e}`;

/** An endpoint's delivery log, newest first; its cursor is (created_at as text, id). */
export const DELIVERY_ORDER = newestFirst('created_at');
/** The deliveries `d` of `endpoint` in `state` (SQL expressions; state null: all) after the cursor (`at`, `id`). */
export const endpointDeliveries = (d: string, endpoint: string, state: string, at: string, id: string) =>
  `${d}.endpoint_id = ${endpoint}::uuid and (${state}::text is null or ${d}.state = ${state}::text) and ${DELIVERY_ORDER.after(d, at, id)}`;

/**
 * A tenant's webhook endpoints, for its administrators. A URL given is checked against
 * the address rules before any statement runs (no connection waits on DNS); the secret
 * is stored encrypted (webhook-secret-box), returned only by register and rotate, and
 * never written to the audit trail.
 */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly db: TenantDb,
    private readonly audit: AuditWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<WebhookEndpointType[]> {
    const rows = await this.db.query<EndpointRow>(
      `select ${ENDPOINT_COLUMNS} ${listedEndpoints('e')} order by ${ENDPOINT_ORDER('e')}`,
    );
    return rows.map(toEndpoint);
  }

  async register(principal: Principal, input: RegisterWebhookEndpointInput): Promise<WebhookEndpointWithSecretType> {
    const url = await this.checkedUrl(input.url);
    // The id is chosen here: the sealed secret is bound to it.
    const id = randomUUID();
    const secret = newSecret();
    const [row] = await this.db
      .query<EndpointRow>(
        `insert into webhook_endpoint (tenant_id, id, url, secret_sealed, events, description, created_by_user_id)
         values ($1, $2, $3, $4, $5, $6, $7) returning ${ENDPOINT_COLUMNS}`,
        [principal.tenantId, id, url, this.seal(secret, principal.tenantId, id), input.events, input.description || null, principal.userId],
      )
      .catch(refuseOverLimit);
    const endpoint = toEndpoint(row);
    await this.audit.record({ action: 'webhook_endpoint.registered', entityType: 'WEBHOOK_ENDPOINT', entityId: endpoint.id, after: endpoint });
    return { endpoint, secret };
  }

  async update(input: UpdateWebhookEndpointInput): Promise<WebhookEndpointType> {
    // Checked before the transaction opens; a reactivated endpoint's URL is checked below, once it is known.
    const url = input.url ? await this.checkedUrl(input.url) : null;
    const before = await this.find(input.id, true);
    if (input.active && !before.active && !url) await this.checkedUrl(before.url);
    const [row] = await this.db
      .query<EndpointRow>(
        `update webhook_endpoint
            set url = coalesce($2, url), events = coalesce($3, events),
                description = case when $4 then nullif($5, '') else description end,
                active = coalesce($6, active),
                deactivated_at = case when coalesce($6, active) then null else coalesce(deactivated_at, now()) end,
                updated_at = now()
          where id = $1
          returning ${ENDPOINT_COLUMNS}`,
        [before.id, url, input.events ?? null, input.description !== undefined, input.description ?? null, input.active ?? null],
      )
      .catch(refuseOverLimit);
    const after = toEndpoint(row);
    await this.audit.record({
      action: 'webhook_endpoint.updated',
      entityType: 'WEBHOOK_ENDPOINT',
      entityId: after.id,
      before: toEndpoint(before),
      after,
    });
    return after;
  }

  /** A new secret at once: deliveries from now on (retries included) are signed with it. */
  async rotateSecret(principal: Principal, id: string): Promise<WebhookEndpointWithSecretType> {
    const before = await this.find(id, true);
    const secret = newSecret();
    const [row] = await this.db.query<EndpointRow>(
      `update webhook_endpoint set secret_sealed = $2, updated_at = now() where id = $1 returning ${ENDPOINT_COLUMNS}`,
      [before.id, this.seal(secret, principal.tenantId, before.id)],
    );
    const endpoint = toEndpoint(row);
    await this.audit.record({ action: 'webhook_endpoint.secret_rotated', entityType: 'WEBHOOK_ENDPOINT', entityId: endpoint.id });
    return { endpoint, secret };
  }

  /** The delivery log of an endpoint, newest first. */
  async deliveries(args: WebhookDeliveriesArgs): Promise<Connection<WebhookDeliveryType>> {
    const endpoint = await this.find(args.endpointId);
    const after = decodeCursor(args.after, ['timestamp', 'uuid']);
    const rows = await this.db.query<DeliveryRow>(
      `select ${DELIVERY_COLUMNS} from webhook_delivery d
        where ${endpointDeliveries('d', '$1', '$2', '$3', '$4')}
        order by ${DELIVERY_ORDER.orderBy('d')} limit $5`,
      [endpoint.id, args.state ?? null, after?.[0] ?? null, after?.[1] ?? null, args.first + 1],
    );
    return toConnection(rows, args.first, (r) => [r.created_key, r.id], toDelivery);
  }

  private async find(id: string, lock = false): Promise<EndpointRow> {
    const [row] = await this.db.query<EndpointRow>(
      `select ${ENDPOINT_COLUMNS} from webhook_endpoint where id = $1 ${lock ? 'for update' : ''}`,
      [id.toLowerCase()],
    );
    if (!row) throw notFound('The webhook endpoint');
    return row;
  }

  private seal(secret: string, tenantId: string, endpointId: string): Buffer {
    const key = this.config.webhooks.secretKey;
    if (!key) throw conflict('Webhooks are switched off on this installation: its operator must set WEBHOOK_SECRET_KEY first.');
    return sealWebhookSecret(key, secret, { tenantId, endpointId });
  }

  private async checkedUrl(raw: string): Promise<string> {
    try {
      const url = (await checkWebhookUrl(raw, { allowPrivate: this.config.webhooks.allowPrivateAddresses })).toString();
      if (url.length > MAX_WEBHOOK_URL) throw new WebhookAddressError(`The webhook URL must be at most ${MAX_WEBHOOK_URL} characters long.`);
      return url;
    } catch (error) {
      if (error instanceof WebhookAddressError) throw badInput(error.message, 'url');
      throw error;
    }
  }
}

/** 32 random bytes, base64url (43 characters). */
function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The database's limit of active endpoints (a trigger under a per-tenant lock), as CONFLICT. */
function refuseOverLimit(error: unknown): never {
  if (violatedConstraint(error) === 'webhook_endpoint_limit') {
    throw conflict(
      `Your tenant already has ${MAX_ACTIVE_WEBHOOK_ENDPOINTS} active webhook endpoints, the most allowed; deactivate one first.`,
    );
  }
  throw error;
}
