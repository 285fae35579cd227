import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Principal, Role, Roles } from '@joinedup/access';
import { Connection, IdArg, listOf } from '@joinedup/graphql-kit';
import { MAX_LISTED_ENDPOINTS, WebhookEndpointsService } from './webhook-endpoints.service';
import { RegisterWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookDeliveriesArgs } from './webhook.inputs';
import { WebhookDeliveryConnection, WebhookDeliveryType, WebhookEndpointType, WebhookEndpointWithSecretType } from './webhook.types';

/** Webhooks are tenant settings: their URLs and delivery log are for tenant administrators only. */
@Resolver(() => WebhookEndpointType)
export class WebhookEndpointsResolver {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Roles(Role.TENANT_ADMIN)
  @Query(() => [WebhookEndpointType], {
    description: `Your tenant's webhook endpoints: the active ones, then the others, newest first (at most ${MAX_LISTED_ENDPOINTS}).`,
    complexity: listOf(MAX_LISTED_ENDPOINTS),
  })
  webhookEndpoints(): Promise<WebhookEndpointType[]> {
    return this.endpoints.list();
  }

  @Roles(Role.TENANT_ADMIN)
  @Query(() => WebhookDeliveryConnection, { description: "An endpoint's delivery log, newest first." })
  webhookDeliveries(@Args() args: WebhookDeliveriesArgs): Promise<Connection<WebhookDeliveryType>> {
    return this.endpoints.deliveries(args);
  }

  @Roles(Role.TENANT_ADMIN)
  @Mutation(() => WebhookEndpointWithSecretType, {
    description: 'Registers an endpoint for governance events, with a new signing secret (returned only here and by rotateWebhookSecret).',
  })
  registerWebhookEndpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RegisterWebhookEndpointInput,
  ): Promise<WebhookEndpointWithSecretType> {
    return this.endpoints.register(principal, input);
  }

  @Roles(Role.TENANT_ADMIN)
  @Mutation(() => WebhookEndpointType, { description: "Changes an endpoint's URL, events or description, or stops and resumes it." })
  updateWebhookEndpoint(@Args('input') input: UpdateWebhookEndpointInput): Promise<WebhookEndpointType> {
    return this.endpoints.update(input);
  }

  @Roles(Role.TENANT_ADMIN)
  @Mutation(() => WebhookEndpointWithSecretType, {
    description: 'Replaces the signing secret at once; deliveries from now on, retries included, are signed with the new one.',
  })
  rotateWebhookSecret(@CurrentPrincipal() principal: Principal, @IdArg() id: string): Promise<WebhookEndpointWithSecretType> {
    return this.endpoints.rotateSecret(principal, id);
  }
}
