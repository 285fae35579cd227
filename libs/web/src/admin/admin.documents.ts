/** The GraphQL documents of the tenant administrators' pages: users, sign-in links, governance rules, webhooks. */
const PAGE = 'pageInfo { hasNextPage endCursor }';
const USER = 'id displayName email role active createdAt organisation { id name }';

/** Users, a page at a time, filtered by role and state; as the API allows, tenant administrators only. */
export const USERS = /* GraphQL */ `query WebUsers($first: Int!, $after: String, $role: Role, $active: Boolean) {
  users(first: $first, after: $after, role: $role, active: $active) { nodes { ${USER} } ${PAGE} } }`;

/**
 * The bodies a member representative may act for (at most `first`, by name, narrowed by
 * part of a name); asking for a user too lets the API refuse those who may not manage users.
 */
export const USER_FORM = /* GraphQL */ `query WebUserForm($first: Int!, $bodyName: String) {
  users(first: 1) { nodes { id } }
  organisations(first: $first, nameContains: $bodyName) { nodes { id name } ${PAGE} } }`;

export const USER_PAGE = /* GraphQL */ `query WebUser($id: ID!, $first: Int!, $bodyName: String) {
  user(id: $id) { ${USER} }
  organisations(first: $first, nameContains: $bodyName) { nodes { id name } ${PAGE} } }`;

export const CREATE_USER = /* GraphQL */ `mutation WebCreateUser($input: CreateUserInput!) { createUser(input: $input) { id } }`;
export const CHANGE_ROLE = /* GraphQL */ `mutation WebChangeUserRole($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { id } }`;
export const DEACTIVATE_USER = /* GraphQL */ `mutation WebDeactivateUser($input: DeactivateUserInput!) { deactivateUser(input: $input) { id } }`;
export const SEND_SIGN_IN_LINK = /* GraphQL */ `mutation WebSendSignInLink($input: SendSignInLinkInput!) { sendSignInLink(input: $input) { id } }`;

/** Whom a sign-in link is for (public: the link is the authority). */
export const SIGN_IN_LINK = /* GraphQL */ `query WebSignInLink($token: String!) { signInLink(token: $token) { email displayName tenantName expiresAt } }`;
export const SET_PASSWORD = /* GraphQL */ `mutation WebSetPassword($input: SetPasswordWithLinkInput!) {
  setPasswordWithLink(input: $input) { accessToken accessTokenExpiresAt refreshToken user { role organisationId } } }`;

const RULE = 'code barrier description subjectType enabled severity defaultSeverity tenantWide thresholds { name description unit min max default value }';

/** Every rule with this tenant's settings; `me` says whether the reader may change them. */
export const GOVERNANCE_RULES = /* GraphQL */ `query WebGovernanceRules { me { role } governanceRules { ${RULE} } }`;
export const UPDATE_RULE = /* GraphQL */ `mutation WebUpdateGovernanceRule($input: UpdateGovernanceRuleInput!) { updateGovernanceRule(input: $input) { code } }`;

const ENDPOINT = 'id url events description active createdAt updatedAt deactivatedAt';

/** The tenant's endpoints (the API lists at most 50). */
export const WEBHOOKS = /* GraphQL */ `query WebWebhooks { webhookEndpoints { ${ENDPOINT} } }`;
export const WEBHOOK_DELIVERIES = /* GraphQL */ `query WebWebhookDeliveries($endpointId: ID!, $first: Int!, $after: String, $state: WebhookDeliveryState) {
  webhookEndpoints { id url }
  webhookDeliveries(endpointId: $endpointId, first: $first, after: $after, state: $state) {
    nodes { id eventType state attempts createdAt lastAttemptAt deliveredAt lastStatusCode lastError } ${PAGE} } }`;
export const REGISTER_WEBHOOK = /* GraphQL */ `mutation WebRegisterWebhook($input: RegisterWebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) { secret endpoint { id url } } }`;
export const UPDATE_WEBHOOK = /* GraphQL */ `mutation WebUpdateWebhook($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { id } }`;
export const ROTATE_WEBHOOK_SECRET = /* GraphQL */ `mutation WebRotateWebhookSecret($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id url } } }`;
