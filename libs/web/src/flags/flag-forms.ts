import { FieldError } from '../health-check/answer-form';
import { isId } from '../web-kit';

/** As the API allows for a dismissal's reason (DismissFlagInput). */
export const MAX_REASON = 2000;

export interface DismissalValues {
  reason: string;
}

/** The dismiss form's body: why the flag is not a problem, required and bounded as the API bounds it. */
export function readDismissal(body: Record<string, unknown> | undefined): { values: DismissalValues; errors: FieldError[] } {
  const raw = body?.reason;
  const values = { reason: typeof raw === 'string' ? raw.trim() : '' };
  const errors: FieldError[] = [];
  if (!values.reason) errors.push({ href: '#reason', text: 'Enter why this flag is not a problem, for example what the partnership agreed' });
  else if (values.reason.length > MAX_REASON) errors.push({ href: '#reason', text: `The reason must be ${MAX_REASON} characters or fewer` });
  return { values, errors };
}

/** The locality a rescan asks for, as the form sends it: an id, or none (a scan of every locality). */
export function readRescan(body: Record<string, unknown> | undefined): { localityId: string | null } | undefined {
  const raw = body?.localityId;
  if (raw === undefined || raw === '') return { localityId: null };
  return isId(raw) ? { localityId: raw.toLowerCase() } : undefined;
}
