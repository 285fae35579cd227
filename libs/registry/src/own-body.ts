import { AccessReason, Principal, actsOnlyFor } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { AppError, forbidden } from '@joinedup/errors';

/**
 * The refusal of a member representative who tried to act for another body than their
 * own: it names the body they act for, e.g. "You act only for Gateshead Council: you can
 * raise a conflict only for Gateshead Council."
 */
export async function ownBodyOnly(db: TenantDb, principal: Principal, action: string): Promise<AppError> {
  const [own] = principal.organisationId
    ? await db.query<{ name: string }>(`select name from organisation where id = $1`, [principal.organisationId])
    : [];
  return forbidden(actsOnlyFor(own?.name ?? 'your own organisation', action), AccessReason.OWN_ORGANISATION_ONLY);
}
