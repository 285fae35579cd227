import {
  EVIDENCE_RECORDS_FUNCTION,
  EVIDENCE_RECORDS_JSON_FUNCTION,
  FLAG_LOCALITIES_FUNCTION,
  evidenceRecordsFunctionBody,
  evidenceRecordsJsonFunctionBody,
  flagLocalitiesFunctionBody,
} from '@joinedup/governance';
import { RulesPartnership } from '../support/governance-probe';
import { compareReads } from '../support/read-both-ways';

const DEFINE = `mutation($input: DefineRoleInput!) { defineRole(input: $input) { id } }`;
const ASSIGN = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`;
// Retired rather than vacated: a vacant role would raise a flag of its own there.
const RETIRE = `mutation($input: RetireRoleInput!) { retireRole(input: $input) { id } }`;
const ACKNOWLEDGE = `mutation($input: AcknowledgeFlagInput!) { acknowledgeGovernanceFlag(input: $input) { id state } }`;
const FLAGS = `query($localityId: ID, $state: [FlagState!]) { governanceFlags(localityId: $localityId, state: $state, first: 100) {
  nodes { id ruleCode subjectId state evidenceRecords { type id role } } } }`;
const COUNTS = `query($id: ID!) { locality(id: $id) { governanceFlagCounts { high medium low } } }`;

/**
 * A locality's flags are read from what the flags keep (governance_flag_locality, written by
 * triggers, and the evidence_records column): these fail if that goes stale. A person's
 * ROLE_OVERLOAD flag (of no locality) must appear under a locality once the rescan sees a role
 * there, and leave it once the role ends; acknowledging it must move it between the lists
 * of its states; both read paths must agree throughout.
 */
describe('what flags keep for their lists stays current', () => {
  let { api, coordinator, probe, make, locality, org } = {} as RulesPartnership<'A'>;
  let person: { id: string };
  let elsewhere: string;
  let elsewhereProgramme: string;

  const role = async (programmeId: string) => {
    const { defineRole } = await api.ok(DEFINE, { input: { programmeId, title: `Role ${Math.random().toString(36).slice(2, 8)}` } }, coordinator);
    await api.ok(ASSIGN, { input: { roleId: defineRole.id, personId: person.id, selectionMethod: 'OPEN_SELECTION' } }, coordinator);
    return defineRole.id as string;
  };

  beforeAll(async () => {
    ({ api, coordinator, probe, make, locality, org } = await RulesPartnership.start('flag-stored-forms', { bodies: ['A'] }));
    person = await make.person(org.A);
    const here = await make.programme(locality.id, [org.A]);
    // Four roles here, more than the default maxRoles of 3.
    for (let i = 0; i < 4; i++) await role(here.id);
    elsewhere = (await make.locality()).id;
    await make.addMember(elsewhere, org.A);
    elsewhereProgramme = (await make.programme(elsewhere, [org.A])).id;
    await probe.scan(new Date());
  });
  afterAll(() => api.stop());

  /** The person's overload flags listed under `localityId`, read both ways (the same bytes), compiled. */
  const overloadUnder = async (localityId: string | null, state?: string[]) => {
    const { body, compiled } = await compareReads(api, FLAGS, { localityId, state }, coordinator);
    expect(compiled).toBe(true);
    return (JSON.parse(body).data.governanceFlags.nodes as { id: string; ruleCode: string; subjectId: string; state: string; evidenceRecords: { id: string }[] }[]).filter(
      (f) => f.ruleCode === 'ROLE_OVERLOAD' && f.subjectId === person.id,
    );
  };
  /** The MEDIUM flags that count under a locality, read both ways. */
  const mediumUnder = async (id: string): Promise<number> =>
    JSON.parse((await compareReads(api, COUNTS, { id }, coordinator)).body).data.locality.governanceFlagCounts.medium;

  it('keeps the database functions as the code defines them (a changed definition needs a migration)', async () => {
    const source = async (name: string) => (await api.owner.query(`select prosrc from pg_proc where proname = $1`, [name]))[0]?.prosrc;
    expect(await source(EVIDENCE_RECORDS_FUNCTION)).toBe(evidenceRecordsFunctionBody());
    expect(await source(EVIDENCE_RECORDS_JSON_FUNCTION)).toBe(evidenceRecordsJsonFunctionBody());
    expect(await source(FLAG_LOCALITIES_FUNCTION)).toBe(flagLocalitiesFunctionBody());
  });

  it('lists the flag under a locality where the person takes a role, after the rescan, and not before', async () => {
    const [flag] = await overloadUnder(locality.id);
    expect(flag).toBeDefined();
    expect(await overloadUnder(elsewhere)).toEqual([]);
    const before = await mediumUnder(elsewhere);

    const elsewhereRole = await role(elsewhereProgramme);
    expect(await overloadUnder(elsewhere)).toEqual([]); // nothing changes until a scan sees it
    await probe.scan(new Date());
    const [there] = await overloadUnder(elsewhere);
    expect(there).toMatchObject({ id: flag.id });
    // Its evidence records are the new evidence's: the role elsewhere is among them.
    expect(there.evidenceRecords.map((r) => r.id)).toEqual(expect.arrayContaining([elsewhereProgramme, elsewhereRole]));
    expect(await overloadUnder(locality.id)).toEqual([there]);
    expect(await mediumUnder(elsewhere)).toBe(before + 1);

    await api.ok(RETIRE, { input: { roleId: elsewhereRole, reason: 'No longer needed' } }, coordinator);
    await probe.scan(new Date());
    expect(await overloadUnder(elsewhere)).toEqual([]);
    expect(await mediumUnder(elsewhere)).toBe(before);
    const [still] = await overloadUnder(locality.id);
    expect(still.id).toBe(flag.id);
    expect(still.evidenceRecords.map((r) => r.id)).not.toContain(elsewhereRole);
  });

  it('follows the flag’s state: acknowledged, it leaves the open list and joins the acknowledged one', async () => {
    const [flag] = await overloadUnder(locality.id, ['OPEN']);
    await api.ok(ACKNOWLEDGE, { input: { flagId: flag.id } }, coordinator);
    expect(await overloadUnder(locality.id, ['OPEN'])).toEqual([]);
    expect(await overloadUnder(locality.id, ['ACKNOWLEDGED'])).toEqual([{ ...flag, state: 'ACKNOWLEDGED' }]);
    expect(await overloadUnder(locality.id)).toEqual([{ ...flag, state: 'ACKNOWLEDGED' }]);
  });

  it('lists nothing under a locality the flag never reached, and the tenant’s list still has it', async () => {
    const nowhere = (await make.locality()).id;
    expect(await overloadUnder(nowhere)).toEqual([]);
    expect(await overloadUnder(null)).toHaveLength(1);
  });
});
