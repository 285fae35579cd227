import { localityAccessCondition } from './locality-access';

/**
 * The filters and keyset conditions of the registry's lists, written once for the services
 * and for their one-statement reads (LocalityJsonRead). Each takes the placeholders of its
 * values: SQL null means "no filter" or "the first page".
 */

/** `localities`: the name containing a text (case-insensitively), and archived ones only when asked. */
export const localityFilter = (l: string, nameContains: string, includeArchived: string): string =>
  `(${nameContains}::text is null or strpos(lower(${l}.name), lower(${nameContains})) > 0) and (${includeArchived}::boolean or ${l}.archived_at is null)`;

/** `organisations`: the name containing a text (case-insensitively), and one sector. */
export const organisationFilter = (o: string, nameContains: string, sector: string): string =>
  `(${nameContains}::text is null or strpos(lower(${o}.name), lower(${nameContains})) > 0) and (${sector}::text is null or ${o}.sector = ${sector})`;

/** Localities and organisations are listed by name whatever its case, then id: the keys of their cursors. */
export const byNameKeys = (alias: string): string[] => [`lower(${alias}.name)`, `${alias}.id`];

/** A body's people are listed by full name, then id. */
export const byFullNameKeys = (alias: string): string[] => [`${alias}.full_name`, `${alias}.id`];

/** Rows after the cursor `after` (text[] of the keys' values, null for the first page); the last key is a uuid. */
export const afterKeys = (keys: string[], after: string): string =>
  `(${after}::text[] is null or (${keys.join(', ')}) > (${keys.map((_, i) => `${after}[${i + 1}]${i === keys.length - 1 ? '::uuid' : ''}`).join(', ')}))`;

/** The competency registry: names in use, each once whatever its case (the spelling alphabetically least), by name, at most `first`. */
export const competencyNamesSql = (first: string): string =>
  `select min(name) as name from person_competency group by lower(name) order by lower(name) limit ${first}`;

/**
 * A locality's memberships (`m`, its body `m_o`), active ones only unless `includeFormer`:
 * add the locality's condition after it.
 */
export const membershipsFrom = (m: string, includeFormer: string): string =>
  `from membership ${m} join organisation ${m}_o on ${m}_o.tenant_id = ${m}.tenant_id and ${m}_o.id = ${m}.organisation_id
    where (${includeFormer}::boolean or ${m}.left_on is null)`;

/** The Membership field whose row membershipsFrom joins (ManyField.joined). */
export const membershipsJoined = { organisation: '_o' } as const;

/** Members in the order they joined, then by their body's name. */
export const membershipOrder = (m: string): string => `${m}.joined_on, ${m}_o.name, ${m}.id`;

/**
 * A body's memberships (`m`, its locality `m_l`), active ones only unless `includeFormer`,
 * in the localities the caller sees (`access`: the placeholder of localityAccessParam):
 * add the body's condition after it.
 */
export const membershipsOfBodyFrom = (m: string, includeFormer: string, access: string): string =>
  `from membership ${m} join locality ${m}_l on ${m}_l.tenant_id = ${m}.tenant_id and ${m}_l.id = ${m}.locality_id
    where (${includeFormer}::boolean or ${m}.left_on is null) and ${localityAccessCondition(`${m}_l`, access)}`;

/** The Membership field whose row membershipsOfBodyFrom joins (ManyField.joined). */
export const membershipsOfBodyJoined = { locality: '_l' } as const;

/** A body's memberships in the order it joined, then by the locality's name. */
export const membershipOfBodyOrder = (m: string): string => `${m}.joined_on, ${m}_l.name, ${m}.id`;

/** A person's competencies by name (unique per person, whatever its case). */
export const competencyOrder = (c: string): string => `${c}.name`;
