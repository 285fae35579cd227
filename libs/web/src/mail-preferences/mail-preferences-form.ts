import { MAIL_KINDS, MAIL_KIND_NAMES, MailKind, isMailKind } from '@joinedup/mail';
import { FieldError } from '../health-check/answer-form';

/** The checkboxes, in MailKind order, with what each sends. */
export const MAIL_KIND_CHOICES = MAIL_KINDS.map((kind) => ({
  value: kind,
  text: MAIL_KIND_NAMES[kind].charAt(0).toUpperCase() + MAIL_KIND_NAMES[kind].slice(1),
}));

/**
 * The kinds ticked on the preferences form. None ticked is a choice (no mail at all); a
 * value that is not a kind means the form was not ours and is refused.
 */
export function readMailPreferences(body: Record<string, unknown>): { kindsOn: MailKind[]; errors: FieldError[] } {
  const raw = body.kinds;
  const given = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (given.length > MAIL_KINDS.length || !given.every(isMailKind)) {
    return { kindsOn: [], errors: [{ href: `#kinds`, text: 'Choose only from the kinds of email listed' }] };
  }
  return { kindsOn: MAIL_KINDS.filter((kind) => given.includes(kind)), errors: [] };
}
