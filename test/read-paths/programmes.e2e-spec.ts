import { print, parse } from 'graphql';
import { StatementCounter } from '@joinedup/database';
import { JsonReads } from '@joinedup/graphql-kit';
import * as ProgrammePages from '../../libs/web/src/programmes/programme.documents';
import * as RecordPages from '../../libs/web/src/programme-records/programme-records.documents';
import { ApiHarness, TestTenant } from '../support/api-harness';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

/**
 * The programmes' reads (programmes, leadership, briefings, alignment requests, milestones,
 * improvement) answered by one statement give, for every role, byte for byte what GraphQL
 * execution gives; where the role may read them they are compiled.
 */

/** The web pages' documents of a programme, and whether every field of each is described (compiled whole). */
const PAGES: [name: string, document: string, compiled: boolean][] = [
  ['programmes of a locality', ProgrammePages.LOCALITY_PROGRAMMES, true],
  ['programme', ProgrammePages.PROGRAMME, true],
  // tally is the agreement rule's, computed in TypeScript.
  ['leadership', ProgrammePages.LEADERSHIP, false],
  ['programme name', RecordPages.PROGRAMME_NAME, true],
];

/** Every described field of the programmes' types, with aliases reused across levels, fragments and directives. */
const SHAPES: [name: string, document: string][] = [
  [
    'a programme, every field',
    `query($id: ID!, $yes: Boolean!) { p: programme(id: $id) { __typename ...Programme
      leader { ...Leader reconfirmations { __typename id outcome dueOn decidedAt reconfirmedAt nextReconfirmBy nomination { ...Nomination } } }
      leaderHistory { ...Leader }
      openNomination { ...Nomination endorsements { ...Endorsement } endorsementHistory { ...Endorsement } }
      nominations { ...Nomination programme { id name: purpose p: leader { id } } endorsementHistory @include(if: $yes) { ...Endorsement } }
      participants { id name } locality { id name } } }
    fragment Programme on Programme { id name purpose status startsOn endsOn reviewCadenceDays leaderTermMonths
      agreementRule { __typename kind supportThreshold maxOpposing } }
    fragment Leader on ProgrammeLeader { id nominationId agreedAt reconfirmBy steppedDownAt stepDownReason person { fullName } }
    fragment Nomination on LeaderNomination { __typename id kind status nominatedByUserId nominatedAt decidedAt person { id fullName } }
    fragment Endorsement on Endorsement { id position comment endorsedByUserId endorsedAt organisation { name } }`,
  ],
  [
    'programmes of a locality, a page at a time',
    `query($localityId: ID!, $after: String) { me { id role organisationId displayName email active createdAt }
      first: programmes(localityId: $localityId, first: 1) { nodes { id name } pageInfo { hasNextPage endCursor } }
      rest: programmes(localityId: $localityId, first: 5, after: $after) { nodes { id agreementRule { supportThreshold } } pageInfo { endCursor hasNextPage } }
      locality(id: $localityId) { programmes { id name leader { id } openNomination { id } } } }`,
  ],
];

const UNUSUAL = 'Ann "Nan" O\'Neil \\ tab\tline Żaneta ✓ 😀';

describe('the programmes read in one statement', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  const readers: Record<string, string> = {};
  let variables: Record<string, unknown>;

  beforeAll(async () => {
    api = await ApiHarness.start();
    tenant = await api.newTenant('read-programmes');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const make = new RegistryFactory(api, coordinator);
    const locality = await make.locality();
    const bodies = await make.members(locality.id, 4);
    const [a, b, c] = bodies.map((body) => body.id);
    const leader = await make.person(a, UNUSUAL);
    for (const id of [a, b, c]) await make.person(id);
    const programme = await make.programme(locality.id, [a, b, c], {
      purpose: 'Joined-up discharge',
      startsOn: '2026-01-05',
      agreementRule: { kind: 'QUALIFIED_MAJORITY', supportThreshold: 0.667, maxOpposing: 1 },
    });
    await make.programme(locality.id, [a]);
    await make.programme(locality.id, []);
    const reps = await Promise.all([a, b, c].map(async (id) => (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', id)).token));
    const endorse = (nominationId: string, i: number, position: string, comment?: string) =>
      api.ok(ENDORSE, { input: { nominationId, organisationId: [a, b, c][i], position, comment } }, reps[i]);
    // Agreed by two of three, then not re-confirmed, then a re-confirmation open with a changed position.
    const first = await make.nominate(programme.id, leader.id);
    await endorse(first.id, 2, 'OPPOSE', 'Not yet');
    await endorse(first.id, 0, 'SUPPORT');
    await endorse(first.id, 1, 'SUPPORT');
    const reconfirm = `mutation($input: OpenLeaderReconfirmationInput!) { openLeaderReconfirmation(input: $input) { id } }`;
    const again = (await api.ok(reconfirm, { input: { programmeId: programme.id } }, coordinator)).openLeaderReconfirmation;
    for (const i of [1, 2]) await endorse(again.id, i, 'OPPOSE');
    const open = (await api.ok(reconfirm, { input: { programmeId: programme.id } }, coordinator)).openLeaderReconfirmation;
    await endorse(open.id, 0, 'OPPOSE');
    await endorse(open.id, 0, 'ABSTAIN', 'On reflection');

    const elsewhere = await make.locality();
    const [stranger] = await make.members(elsewhere.id, 1);
    readers.TENANT_ADMIN = tenant.adminToken;
    readers.COORDINATOR = coordinator;
    readers.REVIEWER = (await api.newUser(tenant, 'REVIEWER')).token;
    readers['MEMBER_REPRESENTATIVE of a body taking part'] = reps[0];
    readers['MEMBER_REPRESENTATIVE of a body elsewhere'] = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', stranger.id)).token;
    const page = await api.ok(`query($l: ID!) { programmes(localityId: $l, first: 1) { pageInfo { endCursor } } }`, { l: locality.id }, coordinator);
    variables = {
      id: programme.id,
      programmeId: programme.id,
      localityId: locality.id,
      first: 20,
      after: page.programmes.pageInfo.endCursor,
      yes: true,
    };
  });
  afterAll(() => api.stop());

  /** The raw response and the statements it sent, compiled (JsonReads on) or executed field by field. */
  async function read(query: string, token: string, compiled: boolean): Promise<{ body: string; statements: string[] }> {
    StatementCounter.texts = [];
    api.app.get(JsonReads).enabled = compiled;
    try {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { body: await response.text(), statements: StatementCounter.texts };
    } finally {
      StatementCounter.texts = null;
      api.app.get(JsonReads).enabled = true;
    }
  }
  const isJsonRead = (sql: string) => sql.startsWith(`select concat(`);

  /** Compiled and executed answers are the same bytes; a reader who may see the programme gets it from one statement. */
  async function expectAlike(document: string, whole: boolean) {
    const query = print(parse(document));
    for (const [reader, token] of Object.entries(readers)) {
      const compiled = await read(query, token, true);
      const executed = await read(query, token, false);
      expect({ reader, body: compiled.body }).toEqual({ reader, body: executed.body });
      const mayRead = !reader.endsWith('elsewhere');
      if (mayRead) expect({ reader, errors: JSON.parse(compiled.body).errors }).toEqual({ reader, errors: undefined });
      else expect({ reader, code: JSON.parse(compiled.body).errors?.[0].extensions.code }).toEqual({ reader, code: 'NOT_FOUND' });
      // A reader who may not see it: the one statement finds no row, and execution answers NOT_FOUND.
      if (!mayRead) continue;
      expect({ reader, compiled: compiled.statements.filter(isJsonRead).length }).toEqual({ reader, compiled: whole ? 1 : 0 });
      if (whole) expect(compiled.statements).toHaveLength(3);
    }
  }

  it.each(PAGES)('answers the %s page as execution does', (_name, document, compiled) => expectAlike(document, compiled));
  it.each(SHAPES)('answers %s as execution does', (_name, document) => expectAlike(document, true));
});
