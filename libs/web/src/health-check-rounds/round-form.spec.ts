import { calendarDay, fieldOfApiError, parseRoundForm } from './round-form';

const filled = { title: ' Spring check ', 'opensOn-day': '5', 'opensOn-month': '3', 'opensOn-year': '2027', 'closesOn-day': '19', 'closesOn-month': '03', 'closesOn-year': '2027' };

describe('the open-a-round form', () => {
  it('gives the API its input from a title and two date inputs', () => {
    expect(parseRoundForm(filled)).toMatchObject({ errors: [], input: { title: 'Spring check', opensOn: '2027-03-05', closesOn: '2027-03-19' } });
  });

  it('says what to enter for each empty field, linked to it', () => {
    expect(parseRoundForm({}).errors).toEqual([
      { href: '#title', text: 'Enter a title for the round, for example Spring 2027 health check' },
      { href: '#opensOn-day', text: 'Enter the first day answers are taken' },
      { href: '#closesOn-day', text: 'Enter the last day answers are taken' },
    ]);
  });

  it('refuses days that are not on the calendar, and overlong titles', () => {
    const parsed = parseRoundForm({ ...filled, title: 'x'.repeat(201), 'closesOn-day': '31', 'closesOn-month': '2' });
    expect(parsed.input).toBeUndefined();
    expect(parsed.errors.map((e) => e.href)).toEqual(['#title', '#closesOn-day']);
    expect(parsed.values.title).toHaveLength(201);
  });

  it('reads only real calendar days', () => {
    expect(calendarDay({ day: '29', month: '2', year: '2028' })).toBe('2028-02-29');
    expect(calendarDay({ day: '29', month: '2', year: '2027' })).toBeUndefined();
    expect(calendarDay({ day: '1', month: '13', year: '2027' })).toBeUndefined();
    expect(calendarDay({ day: 'a', month: '1', year: '2027' })).toBeUndefined();
  });

  it('links an API refusal to the field it names', () => {
    expect(fieldOfApiError('closesOn')).toBe('#closesOn-day');
    expect(fieldOfApiError(undefined)).toBe('#title');
  });
});
