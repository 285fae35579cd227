import { parse } from 'csv-parse/sync';
import { ApiHarness, codeOf, TestTenant, sharedApi } from '../support/api-harness';
import { FORMULA_NAME, registerFixture, RegisterFixture } from '../support/register-fixtures';
import { RegistryFactory } from '../support/registry-factory';

const REGISTERS = `query($localityId: ID!) { localityRegisters(localityId: $localityId) { register title about maxRows } }`;
const CSV = `query($localityId: ID!, $register: LocalityRegister!) {
  localityRegisterCsv(localityId: $localityId, register: $register) { register fileName text rowCount truncated }
}`;

interface Csv {
  register: string;
  fileName: string;
  text: string;
  rowCount: number;
  truncated: boolean;
}

/** What each register must show of the fixture: its first headers, and cells of its rows by header. */
const EXPECTED: Record<string, { headers: string[]; rows: Record<string, string>[] }> = {
  MEMBER_BODIES: {
    headers: ['Member body', 'Sector', 'External reference', 'Joined on', 'Left on'],
    rows: [
      { 'Member body': `'${FORMULA_NAME}`, Sector: 'LOCAL_AUTHORITY', 'Left on': '' },
      { 'Member body': 'Gateshead Health', Sector: 'LOCAL_AUTHORITY' },
    ],
  },
  PEOPLE: {
    headers: ['Name', 'Job title', 'Email', 'Member body', 'Competencies (level 1–5)'],
    rows: [
      { Name: 'Ann Example', 'Member body': `'${FORMULA_NAME}`, 'Competencies (level 1–5)': 'Programme management 4' },
      { Name: 'Bob Example', 'Member body': 'Gateshead Health' },
    ],
  },
  ROLES: {
    headers: ['Programme', 'Role', 'Required for the programme', 'Holder', 'Holder’s body', 'Selection method'],
    rows: [{ Role: 'Data lead', Holder: 'Ann Example', 'Selection method': 'APPOINTED', 'Fit now (%)': '50', 'Competencies met': '1 of 2', 'Fit when chosen (%)': '50' }],
  },
  CONFLICT_LOG: {
    headers: ['Opened', 'Programme', 'Title', 'Raised by', 'Parties', 'Category', 'Severity', 'Status'],
    rows: [{ Title: `'+Shared referral budget`, 'Raised by': `'${FORMULA_NAME}`, Parties: 'Gateshead Health', Category: 'CULTURE', Status: 'OPEN', Overdue: 'no' }],
  },
  IMPROVEMENT_REVIEWS: {
    headers: ['Programme', 'Status', 'Due on'],
    rows: [{ Status: 'SCHEDULED', 'Measures met': '' }, { Status: 'COMPLETED', 'Effectiveness (1–5)': '4', Findings: 'Faster, with one form.', 'Measures met': '1 of 1' }],
  },
  IMPROVEMENT_MEASURES: {
    headers: ['Programme', 'Measure', 'Unit', 'Baseline', 'Target', 'Better when', 'Latest value'],
    rows: [{ Measure: 'Referrals answered in 5 days', Target: '80', 'Latest value': '85', 'Met target': 'yes', 'Better when': 'HIGHER_IS_BETTER' }],
  },
  BRIEFING_ACKNOWLEDGEMENTS: {
    headers: ['Programme', 'Briefing', 'Issued on', 'Member body', 'Acknowledged'],
    rows: [
      { Briefing: 'Spring update', 'Member body': `'${FORMULA_NAME}`, Acknowledged: 'yes', 'Passed on to': 'MANAGERS' },
      { Briefing: 'Spring update', 'Member body': 'Gateshead Health', Acknowledged: 'no', 'Passed on to': '' },
    ],
  },
  ALIGNMENT_REQUESTS: {
    headers: ['Programme', 'Title', 'Kind', 'Requested by', 'Asked of', 'Status'],
    rows: [{ Title: 'Adopt the shared referral form', Kind: 'REFERRAL_PROCESS', 'Requested by': `'${FORMULA_NAME}`, 'Asked of': 'Gateshead Health', Status: 'REQUESTED' }],
  },
  RECOGNITIONS: {
    headers: ['Given on', 'Programme', 'Credited to', 'Credited body', 'Reason'],
    rows: [{ 'Credited to': 'Bob Example', 'Credited body': 'Gateshead Health', Reason: 'Ran the pilot', 'Given by': `'${FORMULA_NAME}`, 'On the partnership board': 'yes', Publicly: 'no' }],
  },
  OPEN_FLAGS: {
    headers: ['Barrier', 'Rule', 'Severity', 'State', 'About', 'Programme'],
    rows: [{ Barrier: 'LEADERSHIP', Rule: 'TEST_EXPORT', Severity: 'HIGH', State: 'OPEN', About: 'PROGRAMME', Message: 'No agreed leader.' }],
  },
};

/** The CSV's rows as objects by header, after checking the header starts as expected. */
function recordsOf(csv: Csv, headers: string[]): Record<string, string>[] {
  const [header, ...rows] = parse(csv.text) as string[][];
  expect(header.slice(0, headers.length)).toEqual(headers);
  expect(csv.text.endsWith('\r\n')).toBe(true);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

describe('registers of a locality as CSV', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let reviewer: string;
  let fixture: RegisterFixture;
  let other: TestTenant;
  let otherLocality: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('exports');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    reviewer = (await api.newUser(tenant, 'REVIEWER')).token;
    fixture = await registerFixture(api, tenant, coordinator);
    other = await api.newTenant('exports-other');
    otherLocality = (await new RegistryFactory(api, other.adminToken).locality()).id;
  });
  afterAll(() => sharedApi.leave(api));

  const csvOf = async (register: string, token: string, localityId = fixture.localityId): Promise<Csv> =>
    (await api.ok<{ localityRegisterCsv: Csv }>(CSV, { localityId, register }, token)).localityRegisterCsv;

  it('lists every register, each with what a row is and its bound', async () => {
    const { localityRegisters } = await api.ok(REGISTERS, { localityId: fixture.localityId }, coordinator);
    expect(localityRegisters.map((r: { register: string }) => r.register)).toEqual(Object.keys(EXPECTED));
    expect(localityRegisters[3]).toEqual({
      register: 'CONFLICT_LOG',
      title: 'Conflict log',
      about: expect.stringContaining('Each conflict'),
      maxRows: 5000,
    });
  });

  it.each(Object.entries(EXPECTED))('%s: its header and the fixture’s rows, formula-looking text neutralised', async (register, expected) => {
    const csv = await csvOf(register, coordinator);
    const records = recordsOf(csv, expected.headers);
    expect(csv).toMatchObject({ register, rowCount: expected.rows.length, truncated: false });
    expect(csv.fileName).toMatch(new RegExp(`^${register.toLowerCase().replace(/_/g, '-')}-${fixture.localityCode}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(records).toEqual(expect.arrayContaining(expected.rows.map((row) => expect.objectContaining(row))));
    expect(records.every((record) => Object.values(record).every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true);
  });

  it('gives a reviewer what the pages show them: the whole conflict log, details included', async () => {
    const asReviewer = await csvOf('CONFLICT_LOG', reviewer);
    expect(asReviewer.text).toBe((await csvOf('CONFLICT_LOG', coordinator)).text);
    expect(asReviewer.text).toContain(fixture.conflictTitle);
    const asAdmin = await csvOf('OPEN_FLAGS', tenant.adminToken);
    expect(asAdmin.rowCount).toBe(1);
  });

  it('refuses member representatives, saying who may', async () => {
    for (const query of [CSV, REGISTERS]) {
      const result = await api.graphql(query, { localityId: fixture.localityId, register: 'MEMBER_BODIES' }, fixture.representative.token);
      expect(codeOf(result)).toBe('FORBIDDEN');
      expect(result.errors![0].message).toBe('Only coordinators, reviewers and tenant administrators can download registers.');
      expect(result.data).toBeNull();
    }
  });

  it('shows another tenant nothing: not the locality, and none of its rows in their own', async () => {
    for (const query of [CSV, REGISTERS]) {
      const result = await api.graphql(query, { localityId: fixture.localityId, register: 'PEOPLE' }, other.adminToken);
      expect(codeOf(result)).toBe('NOT_FOUND');
    }
    for (const register of Object.keys(EXPECTED)) {
      const csv = await csvOf(register, other.adminToken, otherLocality);
      expect(csv.rowCount).toBe(0);
      expect(csv.text.split('\r\n')).toHaveLength(2);
    }
  });

  it('refuses an id that is not one, and a register there is not', async () => {
    expect(codeOf(await api.graphql(CSV, { localityId: 'nope', register: 'PEOPLE' }, coordinator))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(CSV, { localityId: fixture.localityId, register: 'SECRETS' }, coordinator))).toBe('BAD_USER_INPUT');
  });
});
