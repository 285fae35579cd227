/** The GraphQL documents of signing in and out (the session's tokens never reach the browser's JavaScript). */
const SESSION_FIELDS = 'accessToken refreshToken';

export const SIGN_IN = `mutation WebSignIn($input: SignInInput!) { signIn(input: $input) { ${SESSION_FIELDS} } }`;

export const REFRESH = `mutation WebRefresh($input: RefreshSessionInput!) { refreshSession(input: $input) { ${SESSION_FIELDS} } }`;

export const SIGN_OUT = `mutation WebSignOut { signOut }`;

/** The signed-in start page. */
export const ME = `query WebHome { me { displayName email role organisationId } }`;

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}
