import { Workbook } from 'exceljs';
import { readOnboardingFile, unzippedSize } from './onboarding-reader';
import { BODIES_SHEET, MAX_FILE_BYTES, MAX_ROWS, PEOPLE_SHEET } from './onboarding-sheet';
import { csvTemplate, onboardingWorkbook, xlsxTemplate } from './onboarding-template';

const csv = (text: string) => Buffer.from(text, 'utf8');
const HEADER = 'Record,Name,Sector,External reference,Job title,Email,Body,Competencies,Represents their body\r\n';

describe('readOnboardingFile', () => {
  it('reads the CSV template into one body and one person, with their row numbers', async () => {
    const read = await readOnboardingFile('template.csv', csv(csvTemplate()));
    expect(read.problems).toEqual([]);
    expect(read.rows.bodies).toEqual([{ sheet: BODIES_SHEET, row: 2, cells: { Record: 'Member body', Name: 'Gateshead Council', Sector: 'Local authority', 'External reference': 'E08000037' } }]);
    expect(read.rows.people[0]).toMatchObject({ sheet: PEOPLE_SHEET, row: 3, cells: { Email: 'priya.shah@example.org', Competencies: 'Commissioning: 5; Data analysis: 3' } });
  });

  it('reads the Excel template the same way', async () => {
    const read = await readOnboardingFile('template.xlsx', await xlsxTemplate());
    expect(read.problems).toEqual([]);
    expect(read.rows.bodies.map((r) => [r.row, r.cells.Name, r.cells.Sector])).toEqual([[2, 'Gateshead Council', 'Local authority']]);
    expect(read.rows.people.map((r) => [r.row, r.cells.Name, r.cells['Represents their body']])).toEqual([[2, 'Priya Shah', 'Yes']]);
  });

  it('matches headers ignoring case and order, and skips empty lines', async () => {
    const read = await readOnboardingFile('x.CSV', csv('email,NAME,record,body,sector,external reference,job title,competencies,represents their body\n\nanne@example.org,Anne,Person,Acme,,,,,\n'));
    expect(read.problems).toEqual([]);
    expect(read.rows.people).toEqual([{ sheet: PEOPLE_SHEET, row: 3, cells: { Email: 'anne@example.org', Name: 'Anne', Record: 'Person', Body: 'Acme' } }]);
  });

  it('keeps a CSV cell that starts with = + - @ as text, never calculated', async () => {
    const read = await readOnboardingFile('x.csv', csv(`${HEADER}Member body,=1+2,Health,@SUM(A1),,,,,\n`));
    expect(read.rows.bodies[0].cells).toMatchObject({ Name: '=1+2', 'External reference': '@SUM(A1)' });
  });

  it('says which column the header lacks', async () => {
    const read = await readOnboardingFile('x.csv', csv('Record,Name,Sector\n'));
    expect(read.problems.map((p) => [p.row, p.column])).toContainEqual([1, 'Email']);
    expect(read.problems[0].message).toMatch(/^Add a "External reference" column to the header row/);
  });

  it('names a row whose Record is neither kind', async () => {
    const read = await readOnboardingFile('x.csv', csv(`${HEADER}Partner,Acme,Health,,,,,,\n`));
    expect(read.problems).toEqual([{ row: 2, column: 'Record', message: 'Enter "Member body" or "Person"' }]);
  });

  it('refuses a malformed CSV file with the line it stopped at', async () => {
    const read = await readOnboardingFile('x.csv', csv(`${HEADER}Member body,"Acme,Health\n`));
    expect(read.problems[0].message).toMatch(/could not be read as CSV/);
    expect(read.rows.bodies).toEqual([]);
  });

  it('refuses a file over 5 MB before parsing it', async () => {
    const big = Buffer.alloc(MAX_FILE_BYTES + 1, 0x22); // one unclosed quote: parsing it would fail differently
    const read = await readOnboardingFile('x.csv', big);
    expect(read.problems).toEqual([{ message: 'The file is larger than 5 MB. Split it into smaller files and import each one.' }]);
  });

  it('refuses more than 5,000 rows, in CSV and in a workbook', async () => {
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => `Person,P${i},,,,p${i}@example.org,Acme,,`).join('\n');
    expect((await readOnboardingFile('x.csv', csv(HEADER + rows))).problems[0].message).toMatch(/more than 5000 rows/);
    const exactly = Array.from({ length: MAX_ROWS }, (_, i) => `Person,P${i},,,,p${i}@example.org,Acme,,`).join('\n');
    expect((await readOnboardingFile('x.csv', csv(HEADER + exactly))).rows.people).toHaveLength(MAX_ROWS);
    const people = Array.from({ length: MAX_ROWS + 1 }, (_, i) => ({ Name: `P${i}` }));
    expect((await readOnboardingFile('x.xlsx', await onboardingWorkbook([], people))).problems[0].message).toMatch(/more than 5000 rows/);
  });

  it('refuses a formula cell in a workbook as a problem of its row and column', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet(BODIES_SHEET).addRows([['Name', 'Sector', 'External reference'], ['Acme', 'Health', { formula: 'A2&"X"', result: 'AcmeX' }]]);
    workbook.addWorksheet(PEOPLE_SHEET).addRow(['Name', 'Job title', 'Email', 'Body', 'Competencies', 'Represents their body']);
    const read = await readOnboardingFile('x.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read.problems).toEqual([{ sheet: BODIES_SHEET, row: 2, column: 'External reference', message: expect.stringMatching(/contains a formula/) }]);
  });

  it('refuses a workbook without the two sheets, and bytes that are not a workbook', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('Sheet1');
    expect((await readOnboardingFile('x.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))).problems[0].message).toMatch(/two sheets named "Member bodies" and "People"/);
    expect((await readOnboardingFile('x.xlsx', csv('not a zip'))).problems[0].message).toMatch(/could not be read as an Excel workbook/);
  });

  it('reads how big a workbook unpacks to before unpacking it', async () => {
    const workbook = await xlsxTemplate();
    const size = unzippedSize(workbook)!;
    expect(size).toBeGreaterThan(workbook.length);
    expect(size).toBeLessThan(100_000);
    expect(unzippedSize(Buffer.from('not a zip at all, just some text to look through'))).toBeUndefined();
    // The same workbook declaring a huge first entry is refused before it is unpacked.
    const forged = Buffer.from(workbook);
    const central = forged.readUInt32LE(forged.length - 22 + 16);
    forged.writeUInt32LE(0xfff00000, central + 24);
    expect((await readOnboardingFile('x.xlsx', forged)).problems[0].message).toBe('The workbook unpacks to more than 100 MB. Split it into smaller files and import each one.');
  });

  it('refuses other kinds of file', async () => {
    expect((await readOnboardingFile('x.xls', csv('a'))).problems[0].message).toMatch(/CSV file \(\.csv\) or an Excel workbook/);
  });
});
