import { CsvRegister, csvRegisterRows, csvRegisterSql } from './csv-register';

const register: CsvRegister = {
  title: 'Bodies',
  about: 'A body.',
  from: 'from organisation o where o.locality_id = $1',
  orderBy: 'o.name',
  columns: [
    { header: 'Name', value: 'o.name' },
    { header: 'Left on', value: 'o.left_on' },
  ],
  maxRows: 2,
};

describe('a CSV register', () => {
  it('is read in one statement, each column as text, one row past its bound', () => {
    expect(csvRegisterSql(register)).toBe(
      'select (o.name)::text as c0,\n       (o.left_on)::text as c1\n  from organisation o where o.locality_id = $1\n order by o.name\n limit 3',
    );
  });

  it('has its header first, nulls as empty fields, and says when rows were cut at its bound', () => {
    const rows = [
      { c0: 'A', c1: null },
      { c0: 'B', c1: '2026-01-02' },
    ];
    expect(csvRegisterRows(register, rows)).toEqual({
      rows: [['Name', 'Left on'], ['A', ''], ['B', '2026-01-02']],
      truncated: false,
    });
    expect(csvRegisterRows(register, [...rows, { c0: 'C', c1: null }])).toEqual({
      rows: [['Name', 'Left on'], ['A', ''], ['B', '2026-01-02']],
      truncated: true,
    });
  });
});
