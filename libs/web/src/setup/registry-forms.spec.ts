import { competencyRows, readLocality, readOrganisation, readPerson } from './registry-forms';

describe('registry forms', () => {
  it('reads a locality, its code checked as the API checks it', () => {
    const ok = readLocality({ name: ' Gateshead ', code: 'E08000037', region: '' });
    expect(ok.form.errors).toEqual([]);
    expect(ok.input).toEqual({ name: 'Gateshead', code: 'E08000037', region: null });
    const bad = readLocality({ name: '', code: 'E08 000037' });
    expect(bad.form.errors.map((e) => e.href)).toEqual(['#name', '#code']);
    expect(bad.values.code).toBe('E08 000037');
  });

  it('reads an organisation, to be added to a locality when one is given', () => {
    const { form, input } = readOrganisation({ name: 'Gateshead Council', sector: 'LOCAL_AUTHORITY' }, 'a-locality');
    expect(form.errors).toEqual([]);
    expect(input).toEqual({ name: 'Gateshead Council', sector: 'LOCAL_AUTHORITY', externalRef: null, localityId: 'a-locality' });
    expect(readOrganisation({ name: 'X', sector: 'PIRATES' }).form.errors).toEqual([{ href: '#sector', text: 'Select the body’s sector' }]);
  });

  it('reads a person with the competencies named, each with a level, each once', () => {
    const { form, input, rows } = readPerson({
      rows: '3',
      fullName: 'Sam Patel',
      email: 'sam@example.org',
      'competency-0-name': 'Programme management',
      'competency-0-level': '4',
      'competency-1-name': '',
      'competency-1-level': '',
      'competency-2-name': 'Finance',
      'competency-2-level': '9',
    });
    expect(input.competencies).toEqual([{ name: 'Programme management', level: 4 }]);
    expect(form.errors).toEqual([{ href: '#competency-2-level', text: 'Enter the level of Finance as a whole number from 1 to 5' }]);
    expect(rows[2]).toEqual({ name: 'Finance', level: '9' });
    const twice = readPerson({ rows: '2', fullName: 'A', email: 'not an address', 'competency-0-name': 'Finance', 'competency-0-level': '2', 'competency-1-name': 'finance', 'competency-1-level': '3' });
    expect(twice.form.errors.map((e) => e.href)).toEqual(['#email', '#competency-1-name']);
  });

  it('offers blank rows after the competencies held', () => {
    expect(competencyRows([{ name: 'Finance', level: 3 }])).toEqual([
      { name: 'Finance', level: '3' },
      { name: '', level: '' },
      { name: '', level: '' },
      { name: '', level: '' },
    ]);
  });
});
