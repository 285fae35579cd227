import { LocalityRegister } from '@joinedup/exports';
import { exportsPath, registerCsvPath, registerLinks, registerOfSlug, safeFileName } from './export-view';

const ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('the register downloads page', () => {
  it('lives where sections.ts puts it, each file under it named by its register', () => {
    expect(exportsPath(ID)).toBe(`/manage/localities/${ID}/exports`);
    expect(registerCsvPath(ID, LocalityRegister.CONFLICT_LOG)).toBe(`/manage/localities/${ID}/exports/conflict-log.csv`);
  });

  it('knows every register by its file name, and nothing else', () => {
    for (const register of Object.values(LocalityRegister)) {
      expect(registerOfSlug(registerCsvPath(ID, register).split('/').at(-1)!.replace(/\.csv$/, ''))).toBe(register);
    }
    expect(registerOfSlug('conflict_log')).toBeUndefined();
    expect(registerOfSlug('secrets')).toBeUndefined();
  });

  it('links each register in the given order with its bound written for people', () => {
    const links = registerLinks(ID, [
      { register: 'OPEN_FLAGS', title: 'Open governance flags', about: 'Each flag.', maxRows: 5000 },
      { register: 'PEOPLE', title: 'People', about: 'Each person.', maxRows: 500 },
    ]);
    expect(links).toEqual([
      { title: 'Open governance flags', about: 'Each flag.', href: `/manage/localities/${ID}/exports/open-flags.csv`, maxRows: '5,000' },
      { title: 'People', about: 'Each person.', href: `/manage/localities/${ID}/exports/people.csv`, maxRows: '500' },
    ]);
  });

  it('keeps a file name to what a Content-Disposition header can carry safely', () => {
    expect(safeFileName('people-E08000037-2026-12-05.csv')).toBe('people-E08000037-2026-12-05.csv');
    expect(safeFileName('a"; b\r\n.csv')).toBe('ab.csv');
    expect(safeFileName('"')).toBe('register.csv');
  });
});
