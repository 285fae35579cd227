import { defineReasons } from '@joinedup/errors';

/** Why sign-in, sessions and users refuse a caller or a change (`extensions.reason`). */
export const AuthReason = defineReasons({
  /** No access token was sent. */
  SIGN_IN_REQUIRED: 'UNAUTHENTICATED',
  /** The access token is invalid or expired, or its session or user is no longer active. */
  TOKEN_INVALID: 'UNAUTHENTICATED',
  /** The email, password or tenant is not right. */
  CREDENTIALS_INVALID: 'UNAUTHENTICATED',
  /** Too many failed sign-ins from the address or for the account; the message says when to retry. */
  SIGN_IN_THROTTLED: 'UNAUTHENTICATED',
  /** Too many sign-ins are waiting for a password check; retry in a few seconds. */
  SIGN_IN_BUSY: 'UNAUTHENTICATED',
  /** The refresh token is unknown or its session ended; or it was already used, which ends the session. */
  SESSION_ENDED: 'UNAUTHENTICATED',
  /** Another user of the tenant has this email. */
  EMAIL_TAKEN: 'CONFLICT',
  /** Sending email is off (no SMTP_URL), so no sign-in link can be sent. */
  MAIL_OFF: 'CONFLICT',
  /** The user is deactivated. */
  USER_INACTIVE: 'CONFLICT',
  /** The user was sent the most sign-in links allowed in an hour; the message says when to send another. */
  SIGN_IN_LINK_RATE: 'CONFLICT',
  /** The sign-in link is unknown, used, replaced by a newer one or expired (one answer for all). */
  SIGN_IN_LINK_UNUSABLE: 'NOT_FOUND',
});
