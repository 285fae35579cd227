import { defineReasons } from '@joinedup/errors';

/** Why a request's input is refused before any domain code runs (`extensions.reason`). */
export const InputReason = defineReasons({
  /** A value that is not one of its enum's values; the message lists those. */
  NOT_AN_ENUM_VALUE: 'BAD_USER_INPUT',
  /** An input field breaks its rule (length, range, format…): `extensions.fields` names them. */
  INVALID_FIELD: 'BAD_USER_INPUT',
  /** An id argument that is not a UUID. */
  INVALID_ID: 'BAD_USER_INPUT',
  /** A cursor in `after` that the list did not give out. */
  UNKNOWN_CURSOR: 'BAD_USER_INPUT',
  /** Text with a NUL, invalid Unicode, or over 10 000 characters. */
  TEXT_NOT_ALLOWED: 'BAD_USER_INPUT',
});
