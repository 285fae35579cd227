/** The GraphQL documents of signing in and out (the session's tokens never reach the browser's JavaScript). */
const SESSION_FIELDS = 'accessToken refreshToken';

export const SIGN_IN = /* GraphQL */ `mutation WebSignIn($input: SignInInput!) { signIn(input: $input) { ${SESSION_FIELDS} } }`;

export const REFRESH = /* GraphQL */ `mutation WebRefresh($input: RefreshSessionInput!) { refreshSession(input: $input) { ${SESSION_FIELDS} } }`;

export const SIGN_OUT = /* GraphQL */ `mutation WebSignOut { signOut }`;

/** The signed-in start page. */
export const ME = /* GraphQL */ `query WebHome { me { displayName email role organisationId } }`;
