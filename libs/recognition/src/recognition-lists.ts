import { localityAccessCondition } from '@joinedup/registry';

/**
 * Recognitions received, written once for RecognitionLoaders.received and for their
 * one-statement read (RecognitionJsonRead).
 */

/** Whose recognitions a list is of: received by an organisation or a person, or recorded in a programme. */
export type RecipientScope = 'ORGANISATION' | 'ORGANISATION_ONLY' | 'PERSON' | 'PROGRAMME';

/**
 * How the recognition `r` belongs to the recipient `key`: an organisation's include those
 * given to its people (recipient_organisation_id is the credited person's organisation),
 * unless only the organisation's own are asked for.
 */
export function recipientCondition(scope: RecipientScope, r: string, key: string): string {
  if (scope === 'ORGANISATION' || scope === 'ORGANISATION_ONLY') return organisationRecipientCondition(r, key, String(scope === 'ORGANISATION'));
  return `${r}.${scope === 'PERSON' ? 'credited_person_id' : 'programme_id'} = ${key}`;
}

/**
 * An organisation's recognitions, its people's too when `includePeople` (an SQL boolean):
 * one credited to the organisation has it as recipient too (the check recognition_recipient),
 * so both read the recipient's index.
 */
export const organisationRecipientCondition = (r: string, key: string, includePeople: string): string =>
  `${r}.recipient_organisation_id = ${key} and (${includePeople}::boolean or ${r}.credited_organisation_id = ${key})`;

/**
 * Recognitions (`r`) given from `from` to `to` (dates) in programmes (`r_p`) of localities
 * (`r_l`) the caller may see (`access`: localityAccessParam's placeholder): add the
 * recipient's condition after it.
 */
export const receivedFrom = (r: string, from: string, to: string, access: string): string =>
  `recognition ${r}
     join programme ${r}_p on ${r}_p.tenant_id = ${r}.tenant_id and ${r}_p.id = ${r}.programme_id
     join locality ${r}_l on ${r}_l.tenant_id = ${r}_p.tenant_id and ${r}_l.id = ${r}_p.locality_id
    where ${r}.given_on between ${from}::date and ${to}::date and ${localityAccessCondition(`${r}_l`, access)}`;

/** The newest first, by date given, then as recorded. */
export const receivedOrder = (r: string): string => `${r}.given_on desc, ${r}.recorded_at desc, ${r}.id desc`;

/** How many of the recognitions `r` were made visible where (count columns of RecognitionsReceived). */
export const visibilityCounts = (r: string): Record<'on_board' | 'in_own_organisation' | 'publicly', string> => ({
  on_board: `count(*) filter (where ${r}.visible_on_partnership_board)`,
  in_own_organisation: `count(*) filter (where ${r}.visible_in_own_organisation)`,
  publicly: `count(*) filter (where ${r}.visible_publicly)`,
});
