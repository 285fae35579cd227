import { AUDIT_ENTITY_TYPES } from '@joinedup/audit';
import { ApiHarness, TestTenant, codeOf, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

/** The audit trail of a record is readable by whoever may read that kind of record. */
describe('audit visibility', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let reviewer: string;
  let representative: string;
  let userId: string;
  let localityId: string;

  const AUDIT = `query($type: String!, $id: ID!) {
    auditEvents(entityType: $type, entityId: $id) { nodes { action entityType after } }
  }`;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('audit');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const reviewerUser = await api.newUser(tenant, 'REVIEWER');
    reviewer = reviewerUser.token;
    userId = reviewerUser.id;
    const make = new RegistryFactory(api, coordinator);
    localityId = (await make.locality()).id;
    const organisation = await make.organisation();
    representative = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', organisation.id)).token;
  });
  afterAll(() => sharedApi.leave(api));

  it('USER events (email, role, organisation) are for tenant administrators only', async () => {
    const admin = await api.ok(AUDIT, { type: 'USER', id: userId }, tenant.adminToken);
    expect(admin.auditEvents.nodes).toEqual([
      expect.objectContaining({ action: 'user.created', entityType: 'USER', after: expect.objectContaining({ role: 'REVIEWER' }) }),
    ]);

    for (const token of [coordinator, reviewer]) {
      for (const type of ['USER', 'user', ' User ']) {
        const refused = await api.graphql(AUDIT, { type, id: userId }, token);
        expect(codeOf(refused)).toBe('FORBIDDEN');
        expect(refused.errors?.[0].message).toBe('Only tenant administrators can read the audit trail of USER records.');
        expect(JSON.stringify(refused)).not.toContain('@');
      }
    }
  });

  it('registry events stay readable by coordinators and reviewers', async () => {
    for (const token of [tenant.adminToken, coordinator, reviewer]) {
      const read = await api.ok(AUDIT, { type: 'LOCALITY', id: localityId }, token);
      expect(read.auditEvents.nodes.map((n: { action: string }) => n.action)).toEqual(['locality.created']);
    }
  });

  it('member representatives read no audit trail at all, as before', async () => {
    expect(codeOf(await api.graphql(AUDIT, { type: 'LOCALITY', id: localityId }, representative))).toBe('FORBIDDEN');
  });

  it('an unknown entity type is BAD_USER_INPUT listing the known ones', async () => {
    expect(AUDIT_ENTITY_TYPES).toEqual(expect.arrayContaining(['LOCALITY', 'MEMBERSHIP', 'NOMINATION', 'ORGANISATION', 'PERSON', 'PROGRAMME', 'USER']));
    const result = await api.graphql(AUDIT, { type: 'SESSION', id: userId }, tenant.adminToken);
    expect(result.errors?.[0]).toMatchObject({
      message: `entityType must be one of ${AUDIT_ENTITY_TYPES.join(', ')}.`,
      extensions: { code: 'BAD_USER_INPUT', field: 'entityType' },
    });
  });
});
