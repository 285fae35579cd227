import { AccessReason, Principal, actsOnlyFor } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { AppError, forbidden } from '@joinedup/errors';

/** The name of the body a member representative acts for, for messages that name it. */
export async function ownBodyName(db: TenantDb, principal: Principal): Promise<string> {
  const [own] = principal.organisationId
    ? await db.query<{ name: string }>(`select name from organisation where id = $1`, [principal.organisationId])
    : [];
  return own?.name ?? 'your own organisation';
}

/**
 * The refusal of a member representative who tried to act for another body than their
 * own: it names the body they act for, e.g. "You act only for Gateshead Council: you can
 * raise a conflict only for Gateshead Council."
 */
export async function ownBodyOnly(db: TenantDb, principal: Principal, action: string): Promise<AppError> {
  return forbidden(actsOnlyFor(await ownBodyName(db, principal), action), AccessReason.OWN_ORGANISATION_ONLY);
}
