import { calendarDay, fieldOfApiError, parseRoundForm } from './round-form';

const filled = { title: ' Spring check ', 'opensOn-day': '5', 'opensOn-month': '3', 'opensOn-year': '2027', 'closesOn-day': '19', 'closesOn-month': '03', 'closesOn-year': '2027', minGroupSize: '5' };
const PROGRAMME = '0b6f1f3e-2c1a-4d3b-9e8f-1a2b3c4d5e6f';

describe('the open-a-round form', () => {
  it('gives the API its input from a title and two date inputs', () => {
    expect(parseRoundForm(filled)).toMatchObject({
      errors: [],
      input: { title: 'Spring check', opensOn: '2027-03-05', closesOn: '2027-03-19', programmeId: null, countNeutral: false, minGroupSize: 5 },
    });
  });

  it('takes a programme of the locality, neutral answers counted and a minimum group size', () => {
    const parsed = parseRoundForm({ ...filled, programmeId: PROGRAMME.toUpperCase(), countNeutral: 'yes', minGroupSize: ' 12 ' });
    expect(parsed.input).toMatchObject({ programmeId: PROGRAMME, countNeutral: true, minGroupSize: 12 });
    expect(parsed.values).toMatchObject({ programmeId: PROGRAMME, countNeutral: true, minGroupSize: '12' });
  });

  it("keeps the minimum group size within the API's range, 3 to 100", () => {
    for (const [size, ok] of [['3', true], ['100', true], ['2', false], ['101', false], ['4.5', false], ['five', false], ['', false]] as const) {
      const parsed = parseRoundForm({ ...filled, minGroupSize: size });
      expect([size, parsed.errors.map((e) => e.href)]).toEqual([size, ok ? [] : ['#minGroupSize']]);
    }
    expect(parseRoundForm({ ...filled, minGroupSize: '' }).errors[0].text).toBe('Enter the smallest group of responses shown, from 3 to 100');
    expect(parseRoundForm({ ...filled, minGroupSize: '2' }).errors[0].text).toMatch(/whole number from 3 to 100/);
    expect(parseRoundForm({ ...filled, programmeId: 'not-an-id' }).errors.map((e) => e.href)).toEqual(['#programmeId']);
  });

  it('says what to enter for each empty field, linked to it', () => {
    expect(parseRoundForm({}).errors).toEqual([
      { href: '#title', text: 'Enter a title for the round, for example Spring 2027 health check' },
      { href: '#opensOn-day', text: 'Enter the first day answers are taken' },
      { href: '#closesOn-day', text: 'Enter the last day answers are taken' },
      { href: '#minGroupSize', text: 'Enter the smallest group of responses shown, from 3 to 100' },
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
    expect(fieldOfApiError('minGroupSize')).toBe('#minGroupSize');
    expect(fieldOfApiError('programmeId')).toBe('#programmeId');
    expect(fieldOfApiError(undefined)).toBe('#title');
  });
});
