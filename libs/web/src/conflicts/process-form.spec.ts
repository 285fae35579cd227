import { readStages, stageRows } from './process-form';

describe('the conflict process form', () => {
  it('keeps the rows filled in, in order, and leaves out empty ones', () => {
    const { stages, form, rows } = readStages({
      'stage-1-name': ' Discussion between the leads ', 'stage-1-owner': 'Programme leads', 'stage-1-days': '7',
      'stage-3-name': 'Partnership board', 'stage-3-owner': 'Chair', 'stage-3-days': '28',
    });
    expect(form.errors).toEqual([]);
    expect(stages).toEqual([
      { name: 'Discussion between the leads', owner: 'Programme leads', timeLimitDays: 7 },
      { name: 'Partnership board', owner: 'Chair', timeLimitDays: 28 },
    ]);
    expect(rows).toHaveLength(10);
    expect(rows[2]).toEqual({ name: 'Partnership board', owner: 'Chair', days: '28' });
  });

  it('names each field of a row begun and not finished, and days outside 1 to 365', () => {
    const { stages, form } = readStages({
      'stage-1-name': 'Talk', 'stage-1-days': '7',
      'stage-2-name': 'Board', 'stage-2-owner': 'Chair', 'stage-2-days': '400',
      'stage-4-owner': 'x'.repeat(201), 'stage-4-days': '1.5',
    });
    expect(stages).toEqual([]);
    expect(form.errors).toEqual([
      { href: '#stage-1-owner', text: 'Enter who owns stage 1, for example Partnership coordinator' },
      { href: '#stage-2-days', text: 'Enter the days stage 2 may take as a whole number from 1 to 365' },
      { href: '#stage-4-name', text: 'Enter the name of stage 4, for example Discussion between the leads' },
      { href: '#stage-4-owner', text: 'Enter who owns stage 4 in 200 characters or fewer' },
      { href: '#stage-4-days', text: 'Enter the days stage 4 may take as a whole number from 1 to 365' },
    ]);
  });

  it('asks for at least one stage', () => {
    expect(readStages({}).form.errors).toEqual([{ href: '#stage-1-name', text: 'Enter at least one stage: its name, who owns it and the days it may take' }]);
  });

  it('fills the rows from the stages there are, the rest empty', () => {
    const rows = stageRows([{ name: 'Talk', owner: 'Leads', timeLimitDays: 7 }]);
    expect(rows).toHaveLength(10);
    expect(rows.slice(0, 2)).toEqual([{ name: 'Talk', owner: 'Leads', days: '7' }, { name: '', owner: '', days: '' }]);
  });
});
