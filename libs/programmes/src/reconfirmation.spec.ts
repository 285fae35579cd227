import { addMonths, nextReconfirmBy, reconfirmationOpensOn } from './reconfirmation';

describe('addMonths', () => {
  it('moves by calendar months, across years', () => {
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-15', -15)).toBe('2024-12-15');
  });

  it('keeps to the last day of a shorter month, as PostgreSQL does', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-05-31', -1)).toBe('2026-04-30');
  });

  it('refuses what is not a calendar day', () => {
    expect(() => addMonths('15/03/2026', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-03-15', 1.5)).toThrow(RangeError);
  });
});

describe('nextReconfirmBy', () => {
  it('re-confirmed on time or early: one term after it was due', () => {
    expect(nextReconfirmBy('2026-06-30', '2026-06-30', 12)).toBe('2027-06-30');
    expect(nextReconfirmBy('2026-06-30', '2026-05-02', 12)).toBe('2027-06-30');
  });

  it('re-confirmed late: a full term from the day it happened', () => {
    expect(nextReconfirmBy('2026-06-30', '2026-09-10', 6)).toBe('2027-03-10');
  });
});

describe('reconfirmationOpensOn', () => {
  it('opens one term before it is due', () => {
    expect(reconfirmationOpensOn('2027-06-30', 12)).toBe('2026-06-30');
  });

  it('a newly agreed leader can be put to re-confirmation the same day, even at a month end', () => {
    for (const agreedOn of ['2026-01-31', '2026-03-31', '2026-08-31', '2028-02-29']) {
      for (const term of [1, 6, 12, 60]) {
        expect(reconfirmationOpensOn(addMonths(agreedOn, term), term) <= agreedOn).toBe(true);
      }
    }
  });
});
