import { parse, print } from 'graphql';
import { JsonReads } from '@joinedup/graphql-kit';
import * as RoundPages from '../../libs/web/src/health-check-rounds/rounds.documents';
import * as ProgrammeRecordPages from '../../libs/web/src/programme-records/programme-records.documents';
import * as ProgrammePages from '../../libs/web/src/programmes/programme.documents';
import * as MemberPages from '../../libs/web/src/member/member.documents';
import * as RecordPages from '../../libs/web/src/records/records.documents';
import * as SetupPages from '../../libs/web/src/setup/setup.documents';
import { ApiHarness, TestTenant, sharedApi } from '../support/api-harness';
import { SentRead, isJsonRead, sendRead } from '../support/read-both-ways';
import { RegistryFactory } from '../support/registry-factory';

/**
 * The registry's, roles' and recognitions' reads answered by one statement give, for every
 * role, byte for byte what GraphQL execution gives; where the role may read them (and every
 * field is described) they are compiled into one statement.
 */

type Ids = Record<'locality' | 'elsewhere' | 'body' | 'other' | 'person' | 'programme' | 'role' | 'recognition', string>;

interface Case {
  document: string;
  variables: (ids: Ids) => Record<string, unknown>;
  /** Fields of other slices the document needs described before it can compile whole. */
  needs?: string[];
  /** Readers who may not see its root record: it is executed (NOT_FOUND, or `refusal`). */
  hidden?: string[];
  refusal?: string;
  /** Never compiled: an argument only the resolver answers (its error). */
  executed?: boolean;
}

const OUTSIDER = 'MEMBER_REPRESENTATIVE of a body elsewhere';
const ME = ['Query.me', 'User.role'];
const PERIOD = { from: '2020-01-01', to: '2099-12-31' };

/** The web pages' documents that read the registry, roles and recognitions. */
const PAGES: Record<string, Case> = {
  'set-up task list': {
    document: SetupPages.SETUP_PAGE,
    variables: () => ({}),
    needs: [...ME, 'SetupProgress.programmes', 'SetupProgress.agreedConflictProcesses', 'SetupProgress.measures'],
    hidden: ['REVIEWER', 'MEMBER_REPRESENTATIVE of a body taking part', OUTSIDER],
    refusal: 'FORBIDDEN',
  },
  'manage localities': { document: SetupPages.MANAGE_LOCALITIES, variables: () => ({}), needs: ME },
  'manage a locality': { document: SetupPages.MANAGE_LOCALITY, variables: (ids) => ({ id: ids.locality, search: 'o' }), needs: ME, hidden: [OUTSIDER] },
  'archive a locality': { document: SetupPages.MANAGE_ARCHIVE, variables: (ids) => ({ id: ids.locality }), needs: ME, hidden: [OUTSIDER] },
  'a member leaving': { document: SetupPages.MANAGE_MEMBER, variables: (ids) => ({ localityId: ids.locality, organisationId: ids.body }), needs: ME, hidden: [OUTSIDER] },
  'manage organisations': { document: SetupPages.MANAGE_ORGANISATIONS, variables: () => ({ name: 'BODY', sector: 'LOCAL_AUTHORITY' }), needs: ME },
  'manage an organisation': { document: SetupPages.MANAGE_ORGANISATION, variables: (ids) => ({ id: ids.body }), needs: ME },
  'manage a person': { document: SetupPages.MANAGE_PERSON, variables: (ids) => ({ id: ids.person }), needs: ME },
  'conflict form': { document: MemberPages.CONFLICT_FORM, variables: (ids) => ({ localityId: ids.locality }), needs: ME, hidden: [OUTSIDER] },
  'recognition form': {
    document: MemberPages.RECOGNITION_FORM,
    variables: (ids) => ({ organisationId: ids.body, programmeId: ids.programme }),
    needs: [...ME, 'Programme.milestones', 'Milestone.achievedOn'],
    hidden: [OUTSIDER],
  },
  'manage roles': { document: ProgrammePages.ROLES, variables: (ids) => ({ id: ids.programme }), needs: [...ME, 'Query.programme'], hidden: [OUTSIDER] },
  'manage a role': {
    document: ProgrammePages.ROLE_PAGE,
    variables: (ids) => ({ id: ids.programme, roleId: ids.role, candidates: ProgrammePages.CANDIDATES_SHOWN }),
    needs: [...ME, 'Query.programme'],
    hidden: [OUTSIDER],
  },
  'milestones and recognitions': {
    document: ProgrammeRecordPages.MILESTONES,
    variables: (ids) => ({ programmeId: ids.programme, first: 20, ...PERIOD }),
    needs: [...ME, 'Query.programme', 'Programme.milestones', 'Milestone.daysOverdue', 'MilestoneContributor.recognised'],
    hidden: [OUTSIDER],
  },
  'round localities': { document: RoundPages.LOCALITIES, variables: () => ({ first: 20 }) },
  'locality record': { document: RecordPages.LOCALITY_RECORD, variables: (ids) => ({ id: ids.locality }), hidden: [OUTSIDER] },
  'role record': { document: RecordPages.PROGRAMME_ROLE_RECORD, variables: (ids) => ({ id: ids.role }), hidden: [OUTSIDER] },
  'recognition record': { document: RecordPages.RECOGNITION_RECORD, variables: (ids) => ({ id: ids.recognition }), needs: ['Milestone.name'], hidden: [OUTSIDER] },
  'organisation record': { document: RecordPages.ORGANISATION_RECORD, variables: (ids) => ({ id: ids.body }) },
  'person record': { document: RecordPages.PERSON_RECORD, variables: (ids) => ({ id: ids.person }) },
};

/** The shapes of this slice: the bench's organisation page, and every described field with aliases, fragments and directives. */
const SHAPES: Record<string, Case> = {
  "an organisation's page (npm run bench:read)": {
    document: `query($id: ID!, $from: String!, $to: String!) { organisation(id: $id) { id name sector
      memberships { joinedOn locality { id name } }
      people { id fullName jobTitle rolesHeld { id assignedAt role { title programme { name } } } }
      recognitionsReceived(from: $from, to: $to, first: 20, includePeople: false) {
        total recognitions { id givenOn reason programme { name } giverOrganisation { name } } } } }`,
    variables: (ids) => ({ id: ids.body, ...PERIOD }),
  },
  'the registry, every field': {
    document: `query($id: ID!, $body: ID!, $person: ID!, $yes: Boolean!, $no: Boolean!) {
      l: locality(id: $id) { ...Locality members(includeFormer: true) { ...Member } now: members { id } }
      ls: localities(first: 1, nameContains: "LOC", includeArchived: $yes) { nodes { ...Locality } pageInfo { hasNextPage endCursor } }
      all: localities { nodes { id name @include(if: $no) } pageInfo { endCursor } }
      o: organisation(id: $body) { ...Body
        memberships { ...Member } all: memberships(includeFormer: true) { id locality { name } }
        people { ...Person l: competencies { level } }
        l: peopleConnection(first: 1) { nodes { ...Person } pageInfo { hasNextPage endCursor } }
        rest: peopleConnection @skip(if: $no) { __typename nodes { id } }
        recognitionsReceived(from: "2020-01-01", to: "2099-12-31") { ...Received } }
      os: organisations(first: 2, nameContains: "body", sector: LOCAL_AUTHORITY) { nodes { ...Body } pageInfo { hasNextPage endCursor } }
      p: person(id: $person) { ...Person organisation { l: name }
        recognitionsReceived(from: "2020-01-01", to: "2099-12-31", first: 1) { ...Received } }
      competencyNames(first: 2) c: competencyNames __typename }
    fragment Locality on Locality { __typename id name code region activeMemberCount archivedAt }
    fragment Member on Membership { __typename id joinedOn leftOn locality { l: code } organisation { ...Body } }
    fragment Body on Organisation { __typename id name sector externalRef }
    fragment Person on Person { __typename id fullName jobTitle email representsBody competencies { __typename name level }
      rolesHeld { id selectionMethod role { title } } }
    fragment Received on RecognitionsReceived { __typename from to total visibleOnPartnershipBoard visibleInOwnOrganisation visiblePublicly
      recognitions { id givenOn } }`,
    variables: (ids) => ({ id: ids.locality, body: ids.body, person: ids.person, yes: true, no: false }),
    hidden: [OUTSIDER],
  },
  'a role, every field': {
    document: `query($id: ID!) { programmeRole(id: $id) { ...Role
      holder { ...Assignment } history { ...Assignment }
      candidates { __typename person { fullName } fit { score met required gaps { competency heldLevel } } } top: candidates(first: 1) { person { id } }
      programme { roles { id } all: roles(includeRetired: true) { ...Role } } } }
    fragment Role on ProgrammeRole { __typename id title responsibilities requiredForProgramme vacantSince retiredAt retireReason createdAt
      requiredCompetencies { __typename name minLevel } }
    fragment Assignment on RoleAssignment { __typename id selectionMethod rationale fitAtAssignment assignedByUserId assignedAt endedAt endCause
      endReason endedByUserId role { id } person { fullName } organisation { name }
      fit { __typename score met required gaps { __typename competency requiredLevel heldLevel } } }`,
    variables: (ids) => ({ id: ids.role }),
    hidden: [OUTSIDER],
  },
  'a recognition, every field': {
    document: `query($id: ID!, $programme: ID!, $from: String!, $to: String!) {
      recognition(id: $id) { __typename id reason givenOn visibleIn visibleInOwnOrganisation recordedOn recordedByUserId
        programme { name } creditedPerson { fullName } creditedOrganisation { name } recipientOrganisation { name }
        givenByPerson { fullName } givenByOrganisation { name } giverOrganisation { name } }
      programme(id: $programme) { recognitions(from: $from, to: $to) { total recognitions { id reason visibleIn } }
        milestones { name recognitions { reason milestone { name } } top: recognitions(first: 2) { reason } } } }`,
    variables: (ids) => ({ id: ids.recognition, programme: ids.programme, ...PERIOD }),
    needs: ['Query.programme'],
    hidden: [OUTSIDER],
  },
  "the registry's set-up counts": {
    document: `query { setupProgress { __typename localities memberBodies peopleWithCompetencies memberRepresentatives } again: setupProgress { localities } }`,
    variables: () => ({}),
    hidden: ['REVIEWER', 'MEMBER_REPRESENTATIVE of a body taking part', OUTSIDER],
    refusal: 'FORBIDDEN',
  },
  'a period ending before it starts (BAD_USER_INPUT)': {
    document: `query($id: ID!) { organisation(id: $id) { recognitionsReceived(from: "2026-02-01", to: "2026-01-31") { total } } }`,
    variables: (ids) => ({ id: ids.body }),
    executed: true,
  },
  'a day not in the calendar (BAD_USER_INPUT)': {
    document: `query($id: ID!) { person(id: $id) { recognitionsReceived(from: "2026-02-30", to: "2026-03-01") { total } } }`,
    variables: (ids) => ({ id: ids.person }),
    executed: true,
  },
  'a name filter too long (BAD_USER_INPUT)': {
    document: `query($name: String) { organisations(nameContains: $name) { nodes { id } } }`,
    variables: () => ({ name: 'x'.repeat(201) }),
    executed: true,
  },
};

const UNUSUAL = 'Ann "Nan" O\'Neil \\ tab\tline Żaneta ✓ 😀';

describe('the registry, roles and recognitions read in one statement', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  const ids = {} as Ids;
  const readers: Record<string, string> = {};

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('read-registry');
    const coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const ok = (query: string, input: Record<string, unknown>) => api.ok(query, { input }, coordinator);
    const make = new RegistryFactory(api, coordinator);
    const locality = await make.locality('Locality of the registry');
    const [a, b, c, former] = (await make.members(locality.id, 4, ['Body Alpha', UNUSUAL, 'body gamma'])).map((o) => o.id);
    await ok(`mutation($input: RecordMemberLeftInput!) { recordMemberLeft(input: $input) { id } }`, { localityId: locality.id, organisationId: former });
    const people = [];
    for (const [body, name] of [[a, UNUSUAL], [a, 'Zoe Alpha'], [a, 'Adam Alpha'], [b, 'Bea Beta'], [c, 'Cy Gamma']]) people.push((await make.person(body, name)).id);
    const programme = await make.programme(locality.id, [a, b, c], { purpose: 'Registry reads' });
    const role = async (title: string) =>
      (
        await ok(`mutation($input: DefineRoleInput!) { defineRole(input: $input) { id } }`, {
          programmeId: programme.id,
          title,
          responsibilities: 'Keeps the shared data',
          requiredForProgramme: true,
          requiredCompetencies: [
            { name: 'programme MANAGEMENT', minLevel: 3 },
            { name: 'Safeguarding', minLevel: 2 },
          ],
        })
      ).defineRole.id;
    const assign = (roleId: string, personId: string) =>
      ok(`mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`, { roleId, personId, selectionMethod: 'APPOINTED', rationale: 'Led it before' });
    const dataLead = await role('Data lead');
    await assign(dataLead, people[1]);
    await ok(`mutation($input: VacateRoleInput!) { vacateRole(input: $input) { id } }`, { roleId: dataLead, reason: 'Moved on' });
    await assign(dataLead, people[0]);
    await assign(await role('analyst'), people[0]);
    await ok(`mutation($input: RetireRoleInput!) { retireRole(input: $input) { id } }`, { roleId: await role('Retired role'), reason: 'Not needed' });
    const recognise = async (input: Record<string, unknown>) =>
      (await ok(`mutation($input: RecordRecognitionInput!) { recordRecognition(input: $input) { id } }`, { programmeId: programme.id, ...input }))
        .recordRecognition.id;
    const milestone = (
      await ok(`mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { id } }`, {
        programmeId: programme.id,
        name: 'Data shared',
        dueOn: '2025-05-01',
        contributorIds: [a, b],
        achievedOn: '2025-05-20',
      })
    ).createMilestone.id;
    for (const reason of ['First', 'Second', 'Third']) await recognise({ creditedOrganisationId: b, givenByOrganisationId: a, reason, visibleIn: ['PUBLIC'], milestoneId: milestone, givenOn: '2025-06-02' });
    const recognition = await recognise({ creditedPersonId: people[0], givenByOrganisationId: b, reason: UNUSUAL, visibleIn: ['PUBLIC', 'PARTNERSHIP_BOARD'] });
    await recognise({ creditedOrganisationId: a, givenByPersonId: people[4], reason: 'Shared its data', visibleIn: ['OWN_ORGANISATION'], givenOn: '2025-06-01' });
    await recognise({ creditedOrganisationId: a, givenByOrganisationId: c, reason: 'Hosted the board', visibleIn: ['PARTNERSHIP_BOARD'] });

    const elsewhere = await make.locality('Locality elsewhere');
    const [stranger] = await make.members(elsewhere.id, 1);
    await make.addMember(elsewhere.id, a);
    readers.TENANT_ADMIN = tenant.adminToken;
    readers.COORDINATOR = coordinator;
    readers.REVIEWER = (await api.newUser(tenant, 'REVIEWER')).token;
    readers['MEMBER_REPRESENTATIVE of a body taking part'] = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', a)).token;
    readers[OUTSIDER] = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', stranger.id)).token;
    Object.assign(ids, { locality: locality.id, elsewhere: elsewhere.id, body: a, other: b, person: people[0], programme: programme.id, role: dataLead, recognition });
  });
  afterAll(() => sharedApi.leave(api));

  /** The raw response and the statements it sent, compiled (JsonReads on) or executed field by field. */
  const read = (query: string, variables: Record<string, unknown>, token: string, compiled: boolean): Promise<SentRead> =>
    sendRead(api, query, variables, token, compiled);

  /** Compiled and executed answers are the same bytes; a reader who may see the root gets it from one statement when all is described. */
  async function expectAlike({ document, variables, needs = [], hidden = [], refusal = 'NOT_FOUND', executed = false }: Case) {
    const query = print(parse(document));
    const reads = api.app.get(JsonReads);
    const whole = !executed && needs.every((field) => reads.describes(...(field.split('.') as [string, string])));
    for (const [reader, token] of Object.entries(readers)) {
      let compiled = await read(query, variables(ids), token, true);
      // A background timer's statement (answers settled once a minute) may land in the count: read again.
      if (whole && compiled.statements.length !== 3) compiled = await read(query, variables(ids), token, true);
      const fieldByField = await read(query, variables(ids), token, false);
      expect({ reader, body: compiled.body }).toEqual({ reader, body: fieldByField.body });
      const errors = JSON.parse(compiled.body).errors as { extensions: { code: string } }[] | undefined;
      if (executed) {
        expect({ reader, code: errors?.[0].extensions.code }).toEqual({ reader, code: 'BAD_USER_INPUT' });
      } else if (hidden.includes(reader)) {
        expect({ reader, code: errors?.[0].extensions.code }).toEqual({ reader, code: refusal });
        continue;
      } else {
        expect({ reader, errors }).toEqual({ reader, errors: undefined });
      }
      expect({ reader, compiled: compiled.statements.filter(isJsonRead).length }).toEqual({ reader, compiled: whole ? 1 : 0 });
      if (whole) expect({ reader, statements: compiled.statements }).toEqual({ reader, statements: [compiled.statements[0], expect.stringMatching(/^select concat/), compiled.statements[2]] });
    }
  }

  it.each(Object.entries(PAGES))('answers the %s page as execution does', (_name, page) => expectAlike(page));
  it.each(Object.entries(SHAPES))('answers %s as execution does', (_name, shape) => expectAlike(shape));

  it("shows a body's memberships in the localities the reader sees, as execution does", async () => {
    const query = `query($id: ID!) { organisation(id: $id) { memberships { locality { name } } } }`;
    const seen: Record<string, string[]> = {};
    for (const [reader, token] of Object.entries(readers)) {
      const compiled = await read(query, { id: ids.body }, token, true);
      expect(compiled.body).toBe((await read(query, { id: ids.body }, token, false)).body);
      expect(compiled.statements.filter(isJsonRead)).toHaveLength(1);
      seen[reader] = JSON.parse(compiled.body).data.organisation.memberships.map((m: { locality: { name: string } }) => m.locality.name);
    }
    const both = ['Locality elsewhere', 'Locality of the registry']; // joined the same day: by name
    expect(seen).toEqual({
      TENANT_ADMIN: both,
      COORDINATOR: both,
      REVIEWER: both,
      'MEMBER_REPRESENTATIVE of a body taking part': both,
      [OUTSIDER]: ['Locality elsewhere'],
    });
  });

  it("executes the registry's relations by their descriptions: one batch statement a level, whatever the number of parents", async () => {
    const query = `query($id: ID!) { locality(id: $id) { members(includeFormer: true) { locality { code }
      organisation { people { competencies { name } organisation { id } } memberships { id } } } } me { organisation { name } } }`;
    const representative = readers['MEMBER_REPRESENTATIVE of a body taking part'];
    const executed = await read(query, { id: ids.locality }, representative, false);
    expect(JSON.parse(executed.body).errors).toBeUndefined();
    expect(executed.body).toBe((await read(query, { id: ids.locality }, representative, true)).body);
    // Membership.locality, Locality.members, Membership.organisation, Organisation.people and memberships,
    // Person.competencies and organisation, User.organisation: each a lateral join of its description.
    const described = executed.statements.filter((sql) => sql.startsWith('select r0.id as described_parent'));
    expect(described).toHaveLength(8);
    expect(described.filter((sql) => sql.includes('from membership r0'))).toHaveLength(2);
    expect(described.filter((sql) => sql.includes('from person r0'))).toHaveLength(2);
    expect(described.find((sql) => sql.includes('from app_user r0'))).toContain('from organisation r1 where r1.tenant_id = r0.tenant_id');
    // The memberships of a body, as the caller sees them: the caller's body is a parameter, never SQL text.
    expect(executed.statements.join('\n')).not.toContain(ids.body);
  });

  it('pages through localities, organisations and people with the cursors it gives, as execution does', async () => {
    const lists: [string, (data: Record<string, any>) => Page][] = [
      [`localities(first: 1, after: $after, includeArchived: true) { nodes { name } ${PAGE_INFO} }`, (d) => d.localities],
      [`organisations(first: 2, after: $after) { nodes { name } ${PAGE_INFO} }`, (d) => d.organisations],
      [`organisation(id: "${ids.body}") { peopleConnection(first: 1, after: $after) { nodes { name: fullName } ${PAGE_INFO} } }`, (d) => d.organisation.peopleConnection],
    ];
    const names: string[][] = [];
    for (const [selection, pageOf] of lists) {
      const query = `query($after: String) { ${selection} }`;
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const compiled = await read(query, { after }, readers.COORDINATOR, true);
        const executed = await read(query, { after }, readers.COORDINATOR, false);
        expect(compiled.body).toBe(executed.body);
        expect(compiled.statements.filter(isJsonRead)).toHaveLength(1);
        const page = pageOf(JSON.parse(compiled.body).data);
        seen.push(...page.nodes.map((n) => n.name));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      names.push(seen);
    }
    const [localities, organisations, people] = names;
    expect(localities).toEqual(expect.arrayContaining(['Locality of the registry']));
    expect(organisations).toHaveLength(5);
    expect(people).toEqual(['Adam Alpha', UNUSUAL, 'Zoe Alpha']);
  });
});

interface Page {
  nodes: { name: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
}
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
