import { TenantDb } from '@joinedup/database';
import { newResponseSecret, secretHash } from './response-secret';
import { linksExpireAt } from './survey-round-status';

/** Whose answers a new link will count for: an organisation and its sector, never a person. */
export interface TokenHolder {
  organisationId: string;
  sector: string;
}

/**
 * Issues one new response link per holder, in the current transaction, and returns the
 * tokens in the holders' order (in memory only: the database keeps their SHA-256). The
 * rows are written in the order of their hashes, so their order says nothing of whom
 * they were issued for. The one way links are made, by the API and by the mail worker.
 */
export async function issueSurveyTokens(
  db: TenantDb,
  round: { tenantId: string; roundId: string; closesOn: string },
  holders: TokenHolder[],
): Promise<string[]> {
  if (!holders.length) return [];
  const issued = holders.map((holder) => {
    const token = newResponseSecret();
    return { holder, token, hashHex: secretHash(token).toString('hex') };
  });
  const byHash = [...issued].sort((a, b) => (a.hashHex < b.hashHex ? -1 : 1));
  await db.query(
    `insert into survey_token (tenant_id, token_hash, round_id, organisation_id, sector, expires_at)
     select $1, decode(t.hash, 'hex'), $2, t.organisation_id, t.sector, ${linksExpireAt('$6::date')}
       from unnest($3::text[], $4::uuid[], $5::text[]) as t(hash, organisation_id, sector)
      order by t.hash`,
    [
      round.tenantId,
      round.roundId,
      byHash.map((i) => i.hashHex),
      byHash.map((i) => i.holder.organisationId),
      byHash.map((i) => i.holder.sector),
      round.closesOn,
    ],
  );
  return issued.map((i) => i.token);
}
