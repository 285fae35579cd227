import { DOMAIN_EVENT, payloadMismatches, scopeOf } from './domain-events';

describe('the scope of a domain event', () => {
  const where = { programmeId: 'p', localityId: 'l' };

  it('a role change rescans its locality and the tenant-wide rules', () => {
    expect(scopeOf(DOMAIN_EVENT.roleAssignmentChanged, { ...where, roleId: 'r', assignmentId: 'a', personId: 'x', change: 'ASSIGNED' })).toEqual({
      localityIds: ['l'],
      tenantWide: true,
    });
  });

  it('new competencies rescan every locality named, and the tenant', () => {
    const payload = { personId: 'x', organisationId: 'o', change: 'COMPETENCIES_SET', localityIds: ['l1', 'l2', 'l1'] };
    expect(scopeOf(DOMAIN_EVENT.personChanged, payload)).toEqual({ localityIds: ['l1', 'l2'], tenantWide: true });
  });

  it('a conflict rescans its locality only; a user change and an unknown event rescan nothing', () => {
    expect(scopeOf(DOMAIN_EVENT.conflictChanged, { localityId: 'l', programmeId: null })).toEqual({ localityIds: ['l'], tenantWide: false });
    expect(scopeOf(DOMAIN_EVENT.userCreated, { userId: 'u', role: 'COORDINATOR' })).toEqual({ localityIds: [], tenantWide: false });
    expect(scopeOf('test.unknown', { localityId: 'l' })).toEqual({ localityIds: [], tenantWide: false });
  });

  it('a stored payload is checked against its catalogued fields', () => {
    const recorded = { programmeId: 'p', localityId: 'l', reviewId: 'r', change: 'SCHEDULED', dueOn: '2026-01-01' };
    expect(payloadMismatches(DOMAIN_EVENT.reviewChanged, recorded)).toEqual([]);
    const { localityId, ...withoutLocality } = recorded;
    expect(localityId).toBe('l');
    expect(payloadMismatches(DOMAIN_EVENT.reviewChanged, { ...withoutLocality, link: 'x' })).toEqual([
      'improvement.review_changed lacks localityId',
      'improvement.review_changed has link, which the catalogue does not know',
    ]);
    expect(payloadMismatches('test.unknown', {})).toEqual(['test.unknown is not catalogued']);
  });
});
