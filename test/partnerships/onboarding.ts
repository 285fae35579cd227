import { csvTemplate, onboardingCsv } from '@joinedup/onboarding';
import { ApiHarness, TestTenant, codeOf, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

const PREVIEW = `query($input: OnboardingFileInput!) {
  onboardingPreview(input: $input) {
    planDigest canApply membershipsToAdd problemCount stepCount
    bodies { create change unchanged } people { create change unchanged }
    problems { sheet row column message }
    steps { record action row name detail changes joinsLocality }
    newCompetencyNames
  }
}`;
const APPLY = `mutation($input: ApplyOnboardingInput!) {
  applyOnboarding(input: $input) { bodiesCreated bodiesChanged membershipsAdded peopleCreated peopleChanged locality { activeMemberCount } }
}`;

/** The file in base64 pieces of at most 10 000 characters, as the input takes it. */
const base64 = (text: string) => Buffer.from(text).toString('base64').match(/.{1,10000}/g)!;

describe('onboarding from a spreadsheet (GraphQL)', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let make: RegistryFactory;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('onboarding');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
    // "Programme management" becomes a competency of the registry.
    await make.person((await make.organisation()).id, 'Someone', 'someone@onboarding.test');
  });
  afterAll(() => sharedApi.leave(api));

  /** A file of `bodies` new bodies, each with two people. */
  function file(tag: string, bodies: number, extra: { kind: string; cells: Record<string, string> }[] = []): string {
    const rows = Array.from({ length: bodies }, (_, i) => [
      { kind: 'Member body', cells: { Name: `${tag} body ${i}`, Sector: 'Voluntary', 'External reference': `${tag}-${i}` } },
      ...[0, 1].map((j) => ({
        kind: 'Person',
        cells: { Name: `${tag} person ${i}.${j}`, Email: `${tag}.${i}.${j}@onboarding.test`, Body: `${tag}-${i}`, Competencies: 'programme management: 3', 'Represents their body': j ? 'No' : 'Yes' },
      })),
    ]).flat();
    return onboardingCsv([...rows, ...extra]);
  }

  const counts = async (localityId: string, tag: string) =>
    (
      await api.owner.query(
        `select (select count(*)::int from membership where locality_id = $1 and left_on is null) as members,
                (select count(*)::int from organisation where tenant_id = $3 and name like $2) as bodies,
                (select count(*)::int from person where tenant_id = $3 and full_name like $2) as people,
                (select count(*)::int from person where tenant_id = $3 and full_name like $2 and represents_body) as representing,
                (select count(*)::int from person_competency c join person p on p.id = c.person_id
                  where p.tenant_id = $3 and p.full_name like $2 and c.name = 'Programme management') as competencies`,
        [localityId, `${tag} %`, tenant.id],
      )
    )[0];

  it('previews, applies in one go, and a second upload of the same file changes nothing', async () => {
    const locality = await make.locality();
    const input = { localityId: locality.id, fileName: 'bodies.csv', content: base64(file('first', 3)) };
    const { onboardingPreview: preview } = await api.ok(PREVIEW, { input }, coordinator);
    expect(preview).toMatchObject({ canApply: true, problemCount: 0, membershipsToAdd: 3, bodies: { create: 3 }, people: { create: 6 }, stepCount: 9 });
    expect(preview.steps[3]).toEqual({ record: 'PERSON', action: 'CREATE', row: 3, name: 'first person 0.0', detail: 'first body 0', changes: [], joinsLocality: false });
    // "programme management" is the registry's "Programme management": nothing new.
    expect(preview.newCompetencyNames).toEqual([]);
    expect(await counts(locality.id, 'first')).toEqual({ members: 0, bodies: 0, people: 0, representing: 0, competencies: 0 });

    const { applyOnboarding } = await api.ok(APPLY, { input: { ...input, planDigest: preview.planDigest } }, coordinator);
    expect(applyOnboarding).toEqual({ bodiesCreated: 3, bodiesChanged: 0, membershipsAdded: 3, peopleCreated: 6, peopleChanged: 0, locality: { activeMemberCount: 3 } });
    expect(await counts(locality.id, 'first')).toEqual({ members: 3, bodies: 3, people: 6, representing: 3, competencies: 6 });

    const { onboardingPreview: again } = await api.ok(PREVIEW, { input }, coordinator);
    expect(again).toMatchObject({ canApply: false, problemCount: 0, stepCount: 0, bodies: { unchanged: 3 }, people: { unchanged: 6 } });
    const { applyOnboarding: noop } = await api.ok(APPLY, { input: { ...input, planDigest: again.planDigest } }, coordinator);
    expect(noop).toMatchObject({ bodiesCreated: 0, membershipsAdded: 0, peopleCreated: 0, peopleChanged: 0 });
    expect(await counts(locality.id, 'first')).toEqual({ members: 3, bodies: 3, people: 6, representing: 3, competencies: 6 });
  });

  it('takes competencies the registry does not hold yet, spelled as the file first writes them, and lists them in the preview', async () => {
    const locality = await make.locality();
    const people = ['Youth work: 2', 'youth WORK: 4; Safeguarding: 3'].map((competencies, j) => ({
      kind: 'Person',
      cells: { Name: `new-skills person ${j}`, Email: `new-skills.${j}@onboarding.test`, Body: 'new-skills-0', Competencies: competencies },
    }));
    const input = { localityId: locality.id, fileName: 'skills.csv', content: base64(file('new-skills', 1, people)) };
    const { onboardingPreview: preview } = await api.ok(PREVIEW, { input }, coordinator);
    expect(preview).toMatchObject({ canApply: true, problemCount: 0, newCompetencyNames: ['Safeguarding', 'Youth work'] });
    await api.ok(APPLY, { input: { ...input, planDigest: preview.planDigest } }, coordinator);
    const rows: { name: string }[] = await api.owner.query(
      `select distinct c.name from person_competency c join person p on p.id = c.person_id where p.tenant_id = $1 and p.full_name like 'new-skills%' order by 1`,
      [tenant.id],
    );
    expect(rows.map((r) => r.name)).toEqual(['Programme management', 'Safeguarding', 'Youth work']);
  });

  it('shows what changes, and refuses an apply whose preview is out of date (CONFLICT), writing nothing', async () => {
    const locality = await make.locality();
    const first = { localityId: locality.id, fileName: 'b.csv', content: base64(file('second', 1)) };
    const { onboardingPreview } = await api.ok(PREVIEW, { input: first }, coordinator);
    await api.ok(APPLY, { input: { ...first, planDigest: onboardingPreview.planDigest } }, coordinator);

    const edited = file('second', 1).replace('second person 0.1', 'second person renamed').replace(',Voluntary,', ',Community,');
    const input = { ...first, content: base64(edited) };
    const { onboardingPreview: preview } = await api.ok(PREVIEW, { input }, coordinator);
    expect(preview.steps.map((s: { changes: string[] }) => s.changes)).toEqual([['sector: Voluntary → Community'], ['name: second person 0.1 → second person renamed']]);

    // Someone changes the body in between: the preview's plan is no longer what would happen.
    await api.owner.query(`update organisation set sector = 'HEALTH' where tenant_id = $1 and name = 'second body 0'`, [tenant.id]);
    const stale = await api.graphql(APPLY, { input: { ...input, planDigest: preview.planDigest } }, coordinator);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0].message).toMatch(/changed since the preview was made/);
    expect((await api.owner.query(`select count(*)::int as n from person where tenant_id = $1 and full_name = 'second person renamed'`, [tenant.id]))[0].n).toBe(0);
  });

  it('refuses to apply a file with problems, and lists each problem by row and column', async () => {
    const locality = await make.locality();
    const bad = file('third', 1, [{ kind: 'Person', cells: { Name: 'Nobody', Email: 'nobody', Body: 'third-0', Competencies: 'Juggling: 2' } }]);
    const input = { localityId: locality.id, fileName: 'b.csv', content: base64(bad) };
    const { onboardingPreview: preview } = await api.ok(PREVIEW, { input }, coordinator);
    expect(preview.problems).toEqual([{ sheet: null, row: 5, column: 'Email', message: '"nobody" is not an email address: enter one like name@example.org' }]);
    const applied = await api.graphql(APPLY, { input: { ...input, planDigest: preview.planDigest } }, coordinator);
    expect(codeOf(applied)).toBe('BAD_USER_INPUT');
    expect(await counts(locality.id, 'third')).toMatchObject({ bodies: 0, people: 0 });
  });

  it('refuses a file past 40 members in the preview', async () => {
    const locality = await make.locality();
    await make.members(locality.id, 39);
    const { onboardingPreview: preview } = await api.ok(PREVIEW, { input: { localityId: locality.id, fileName: 'b.csv', content: base64(file('fourth', 2)) } }, coordinator);
    expect(preview.canApply).toBe(false);
    expect(preview.problems[0].message).toMatch(/would give .* 41 member bodies \(39 now and 2 joining\); a locality has at most 40/);
  });

  it('writes nothing when a statement fails part-way through applying', async () => {
    const locality = await make.locality();
    // The last person's insert fails, after the bodies and memberships were written.
    await api.owner.query(`
      create or replace function onboarding_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'failing on purpose'; end $$`);
    await api.owner.query(`drop trigger if exists onboarding_test_fail on person`);
    await api.owner.query(`create trigger onboarding_test_fail before insert on person for each row when (new.full_name = 'fifth person 1.1') execute function onboarding_test_fail()`);
    const input = { localityId: locality.id, fileName: 'b.csv', content: base64(file('fifth', 2)) };
    const { onboardingPreview: preview } = await api.ok(PREVIEW, { input }, coordinator);
    try {
      const applied = await api.graphql(APPLY, { input: { ...input, planDigest: preview.planDigest } }, coordinator);
      expect(applied.errors).toBeDefined();
      expect(await counts(locality.id, 'fifth')).toEqual({ members: 0, bodies: 0, people: 0, representing: 0, competencies: 0 });
    } finally {
      await api.owner.query(`drop trigger onboarding_test_fail on person`);
      await api.owner.query(`drop function onboarding_test_fail()`);
    }
    // Without the failing statement the same confirmed preview applies: it was that statement that failed.
    await api.ok(APPLY, { input: { ...input, planDigest: preview.planDigest } }, coordinator);
    expect(await counts(locality.id, 'fifth')).toEqual({ members: 2, bodies: 2, people: 4, representing: 2, competencies: 4 });
  });

  it('is refused to reviewers, member representatives and other tenants, and says who may', async () => {
    const locality = await make.locality();
    const body = await make.organisation();
    const input = { localityId: locality.id, fileName: 'template.csv', content: base64(csvTemplate()) };
    const reviewer = await api.newUser(tenant, 'REVIEWER');
    const representative = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', body.id);
    for (const token of [reviewer.token, representative.token]) {
      const refused = await api.graphql(PREVIEW, { input }, token);
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0].message).toMatch(/coordinators and tenant administrators can import member bodies and people from a spreadsheet/);
      expect(codeOf(await api.graphql(APPLY, { input: { ...input, planDigest: 'x' } }, token))).toBe('FORBIDDEN');
    }
    const other = await api.newTenant('onboarding-other');
    expect(codeOf(await api.graphql(PREVIEW, { input }, other.adminToken))).toBe('NOT_FOUND');
    expect(codeOf(await api.graphql(APPLY, { input: { ...input, planDigest: 'x' } }, other.adminToken))).toBe('NOT_FOUND');
    expect((await api.owner.query(`select count(*)::int as n from organisation where tenant_id = $1`, [other.id]))[0].n).toBe(0);
  });

  it('refuses a file name that is not .csv or .xlsx and content that is not base64', async () => {
    const locality = await make.locality();
    expect(codeOf(await api.graphql(PREVIEW, { input: { localityId: locality.id, fileName: 'a.txt', content: ['QQ=='] } }, coordinator))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(PREVIEW, { input: { localityId: locality.id, fileName: 'a.csv', content: ['not base64!'] } }, coordinator))).toBe('BAD_USER_INPUT');
  });
});
