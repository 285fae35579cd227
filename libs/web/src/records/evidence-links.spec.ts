import { evidenceLinks, MAX_EVIDENCE_LINKS, roleName } from './evidence-links';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('evidence links', () => {
  it('names evidence fields in words', () => {
    expect(roleName('requestingOrganisationId')).toBe('Requesting organisation');
    expect(roleName('opposingOrganisationIds')).toBe('Opposing organisation');
    expect(roleName('requestId')).toBe('Alignment request');
  });

  it('links each record once, in order, named when known, numbered when a field names several, leaving out the page’s own', () => {
    const records = [
      { type: 'PROGRAMME', id: id(1), role: 'programmeId' },
      { type: 'BRIEFING', id: id(2), role: 'briefingIds' },
      { type: 'BRIEFING', id: id(3), role: 'briefingIds' },
      { type: 'BRIEFING', id: id(3), role: 'unacknowledgedBriefingIds' },
      { type: 'ORGANISATION', id: id(4), role: 'organisationId' },
      { type: 'SOMETHING_NEW', id: id(5), role: 'somethingId' },
    ];
    expect(evidenceLinks(records, { omit: [id(1)], named: [{ id: id(4), name: 'Fire and rescue' }, null] })).toEqual([
      { type: 'BRIEFING', id: id(2), href: `/records/briefings/${id(2)}`, text: 'Briefing 1 of 2' },
      { type: 'BRIEFING', id: id(3), href: `/records/briefings/${id(3)}`, text: 'Briefing 2 of 2' },
      { type: 'ORGANISATION', id: id(4), href: `/records/organisations/${id(4)}`, text: 'Member body: Fire and rescue' },
    ]);
  });

  it('bounds the list', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ type: 'MILESTONE', id: id(i + 1), role: 'milestoneIds' }));
    expect(evidenceLinks(many)).toHaveLength(MAX_EVIDENCE_LINKS);
    expect(evidenceLinks(many, { max: 50 })).toHaveLength(30);
    expect(evidenceLinks([])).toEqual([]);
  });
});
