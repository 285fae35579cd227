import { Request, Response } from 'express';
import { MAX_ACTIVE_WEBHOOK_ENDPOINTS, MAX_WEBHOOK_DESCRIPTION, WEBHOOK_HEADERS } from '@joinedup/governance';
import {
  WebRegisterWebhookDocument,
  WebRotateWebhookSecretDocument,
  WebUpdateWebhookDocument,
  WebWebhookDeliveriesDocument,
  WebWebhooksDocument,
  WebWebhooksQuery,
} from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { cursorOf, paramOf } from '../web-kit';
import { WEBHOOKS_PATH } from './admin-paths';
import { formAnswer } from './form-answer';
import { DELIVERY_STATES, EMPTY_WEBHOOK_FORM, readWebhookForm, WEBHOOK_EVENTS, WEBHOOK_FIELDS, WebhookFormValues } from './webhook-form';

/** Deliveries a page of the log (the API allows 100). */
const PAGE_SIZE = 20;

const DONE: Record<string, string> = {
  saved: 'Endpoint changed',
  stopped: 'Endpoint stopped: nothing more is sent to it until it is resumed',
  resumed: 'Endpoint resumed: events from now on are sent to it',
};

type Endpoint = WebWebhooksQuery['webhookEndpoints'][number];

const eventText = (value: string): string => WEBHOOK_EVENTS.find((e) => e.value === value)?.hint ?? value;
const described = (e: Endpoint) => ({ ...e, eventsText: e.events.map(eventText).join(', ') });

/**
 * `/manage/webhooks` (tenant administrators, as the API allows): the endpoints, registering
 * one (its signing secret shown once, on the answer page), editing, stopping and resuming
 * it, rotating its secret (shown once) and its delivery log by state.
 */
export function registerWebhookPages(manage: ManagePages): void {
  const { kit } = manage;

  kit.get(WEBHOOKS_PATH, async (req, res) => {
    const data = await manage.read(req, res, WebWebhooksDocument, {});
    if (!data) return;
    kit.render(res, 'admin/webhooks.njk', { title: 'Webhooks', path: WEBHOOKS_PATH, endpoints: data.webhookEndpoints.map(described), maxActive: MAX_ACTIVE_WEBHOOK_ENDPOINTS });
  });

  kit.get(`${WEBHOOKS_PATH}/new`, async (req, res) => {
    // The list is read first so that those who may not manage webhooks get the API's refusal, not a form.
    if (await manage.read(req, res, WebWebhooksDocument, {})) showForm(res, undefined, EMPTY_WEBHOOK_FORM, []);
  });

  kit.post(`${WEBHOOKS_PATH}/new`, async (req, res) => {
    const read = readWebhookForm(req.body ?? {});
    if (!read.input) return showForm(res, undefined, read.values, read.errors);
    const answer = await formAnswer(manage, req, res, WebRegisterWebhookDocument, { input: read.input });
    if (!answer) return;
    if (answer.error) return showForm(res, undefined, read.values, [apiFieldError(answer.error, WEBHOOK_FIELDS, '#url')]);
    showSecret(res, answer.data.registerWebhookEndpoint, 'Endpoint registered');
  });

  kit.get(`${WEBHOOKS_PATH}/:endpointId`, async (req, res) => {
    const endpoint = await readEndpoint(req, res);
    if (endpoint) showForm(res, endpoint, { url: endpoint.url, events: endpoint.events, description: endpoint.description ?? '' }, [], ManagePages.done(req, DONE));
  });

  kit.post(`${WEBHOOKS_PATH}/:endpointId`, async (req, res) => {
    const endpoint = await readEndpoint(req, res);
    if (!endpoint) return;
    const read = readWebhookForm(req.body ?? {});
    if (!read.input) return showForm(res, endpoint, read.values, read.errors);
    const back = `${WEBHOOKS_PATH}/${endpoint.id}`;
    const refused = await manage.submit(req, res, WebUpdateWebhookDocument, { input: { id: endpoint.id, ...read.input } }, back, 'saved');
    if (refused) showForm(res, endpoint, read.values, [apiFieldError(refused.error, WEBHOOK_FIELDS, '#url')]);
  });

  kit.post(`${WEBHOOKS_PATH}/:endpointId/state`, async (req, res) => {
    if (kit.badAddress(req, res, 'endpointId')) return;
    const id = paramOf(req, 'endpointId');
    const active = req.body?.active === 'yes';
    const refused = await manage.submit(req, res, WebUpdateWebhookDocument, { input: { id, active } }, `${WEBHOOKS_PATH}/${id}`, active ? 'resumed' : 'stopped');
    if (refused) kit.refused(res, refused.error);
  });

  kit.post(`${WEBHOOKS_PATH}/:endpointId/rotate`, async (req, res) => {
    if (kit.badAddress(req, res, 'endpointId')) return;
    const answer = await formAnswer(manage, req, res, WebRotateWebhookSecretDocument, { id: paramOf(req, 'endpointId') });
    if (!answer) return;
    if (answer.error) return kit.refused(res, answer.error);
    showSecret(res, answer.data.rotateWebhookSecret, 'Secret replaced');
  });

  kit.get(`${WEBHOOKS_PATH}/:endpointId/deliveries`, async (req, res) => {
    if (kit.badAddress(req, res, 'endpointId')) return;
    const endpointId = paramOf(req, 'endpointId');
    const state = DELIVERY_STATES.find((s) => s.value === req.query.state)?.value;
    const data = await manage.read(req, res, WebWebhookDeliveriesDocument, { endpointId, first: PAGE_SIZE, after: cursorOf(req), state });
    if (!data) return;
    const endpoint = data.webhookEndpoints.find((e) => e.id === endpointId)!;
    const { nodes, pageInfo } = data.webhookDeliveries;
    const next = pageInfo.hasNextPage ? `${WEBHOOKS_PATH}/${endpointId}/deliveries?${new URLSearchParams({ ...(state ? { state } : {}), after: pageInfo.endCursor! })}` : undefined;
    kit.render(res, 'admin/webhook-deliveries.njk', {
      title: 'Delivery log',
      path: WEBHOOKS_PATH,
      endpoint,
      states: [{ value: '', text: 'Any state', selected: !state }, ...DELIVERY_STATES.map((s) => ({ value: s.value, text: s.text, selected: s.value === state }))],
      filtered: Boolean(state),
      deliveries: nodes.map((d) => ({ ...d, eventText: eventText(d.eventType), stateTag: DELIVERY_STATES.find((s) => s.value === d.state)! })),
      next,
    });
  });

  /** The endpoint of the address, from the tenant's list (the API's one read of endpoints); 404 when it has none. */
  async function readEndpoint(req: Request, res: Response): Promise<Endpoint | undefined> {
    if (kit.badAddress(req, res, 'endpointId')) return undefined;
    const data = await manage.read(req, res, WebWebhooksDocument, {});
    if (!data) return undefined;
    const endpoint = data.webhookEndpoints.find((e) => e.id === paramOf(req, 'endpointId'));
    if (!endpoint) return void kit.message(res, 404, 'Page not found', 'There is no webhook endpoint at this address. Go back to the webhooks.');
    return endpoint;
  }

  function showForm(res: Response, endpoint: Endpoint | undefined, values: WebhookFormValues, errors: FieldError[], done?: string): void {
    manage.form(res, endpoint ? 'admin/webhook.njk' : 'admin/webhook-new.njk', {
      title: endpoint ? 'Webhook endpoint' : 'Register a webhook endpoint',
      path: WEBHOOKS_PATH,
      done,
      endpoint: endpoint && described(endpoint),
      values,
      maxDescription: MAX_WEBHOOK_DESCRIPTION,
      events: WEBHOOK_EVENTS.map((e) => ({ value: e.value, text: e.text, hint: { text: `Sent as ${e.hint}` }, checked: values.events.includes(e.value) })),
    }, errors);
  }

  // The secret is in this response only: the API shows it here and never again.
  function showSecret(res: Response, made: { secret: string; endpoint: { id: string; url: string } }, title: string): void {
    kit.render(res, 'admin/webhook-secret.njk', { title, path: WEBHOOKS_PATH, secret: made.secret, endpoint: made.endpoint, signatureHeader: WEBHOOK_HEADERS.signature });
  }
}
