/** The mail preferences page and the unsubscribe page's documents. */
const PREFERENCES = 'kindsOn';
const LINK = 'kind kindName subscribed';

export const MAIL_PREFERENCES = /* GraphQL */ `query WebMailPreferences { me { displayName email role } myMailPreferences { ${PREFERENCES} } }`;

export const UPDATE_MAIL_PREFERENCES = /* GraphQL */ `mutation WebUpdateMailPreferences($input: UpdateMyMailPreferencesInput!) {
  updateMyMailPreferences(input: $input) { ${PREFERENCES} }
}`;

export const UNSUBSCRIBE_LINK = /* GraphQL */ `query WebUnsubscribeLink($token: String!) { mailUnsubscribeLink(token: $token) { ${LINK} } }`;

export const UNSUBSCRIBE = /* GraphQL */ `mutation WebUnsubscribe($token: String!) { unsubscribeFromMail(token: $token) { ${LINK} } }`;
