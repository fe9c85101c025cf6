import { describe, expect, test } from 'vitest';
import {
  isImportable,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  parseRoster,
} from '../../src/lib/roster-import.ts';

const HEADER = 'email,name,role,team,line of business,grade level,location';
const bytes = (text: string) => new TextEncoder().encode(text);
const problemsOf = (csv: string | Uint8Array) =>
  parseRoster(csv).rows.map((row) => [row.row, row.problems]);

describe('reading a roster file', () => {
  test('reads every column of a good file, in any header order and case', () => {
    const roster = parseRoster(
      'Role,Email,NAME,Line_of_business,Grade Level,team,location\n' +
        'mentor,Ana@Example.org,Ana Silva,Retail,4,Data,Leeds\n' +
        'Reverse Mentee,ben@example.org,Ben Okafor,,12,,\n',
    );
    expect(isImportable(roster)).toBe(true);
    expect(roster.rows).toEqual([
      {
        row: 2,
        email: 'ana@example.org',
        name: 'Ana Silva',
        role: 'mentor',
        team: 'Data',
        lineOfBusiness: 'Retail',
        gradeLevel: 4,
        location: 'Leeds',
        problems: [],
      },
      {
        row: 3,
        email: 'ben@example.org',
        name: 'Ben Okafor',
        role: 'mentee',
        team: null,
        lineOfBusiness: null,
        gradeLevel: 12,
        location: null,
        problems: [],
      },
    ]);
  });

  test('accepts a file with only the required columns', () => {
    expect(isImportable(parseRoster('email,name,role\nana@example.org,Ana,coach\n'))).toBe(true);
  });

  test('names missing required columns and columns it does not know', () => {
    expect(parseRoster('email,name\nana@example.org,Ana\n').fileProblems).toEqual([
      'The header has no role column. The first row must name the columns, at least: email, name, role.',
    ]);
    const extra = parseRoster('email,name,role,phone\nana@example.org,Ana,mentor,0113\n');
    expect(extra.fileProblems[0]).toMatch(/a column Flipside does not know: "phone"/);
    expect(extra.rows).toEqual([]);
    expect(parseRoster('email,name,role,email\n').fileProblems[0]).toMatch(
      /"email" more than once/,
    );
  });

  test('reports a row with missing or extra fields', () => {
    expect(
      problemsOf('email,name,role\nana@example.org,Ana\nben@example.org,Ben,mentee,x\n'),
    ).toEqual([
      [
        2,
        [
          expect.stringMatching(/2 fields but the header has 3 columns/),
          'Enter a role: mentor, mentee, coach.',
        ],
      ],
      [3, [expect.stringMatching(/4 fields but the header has 3 columns/)]],
    ]);
  });

  test('reports malformed and duplicate emails, unknown roles and bad grade levels per row', () => {
    const roster = parseRoster(
      `${HEADER}\n` +
        'not-an-email,Ana,mentor,,,,\n' +
        'ben@example.org,Ben,mentr,,,,\n' +
        'BEN@example.org,Ben again,mentee,,,seven,\n' +
        ',Nobody,coach,,,,\n',
    );
    expect(isImportable(roster)).toBe(false);
    expect(roster.rows.map((row) => [row.row, row.problems])).toEqual([
      [2, ['"not-an-email" is not an email address.']],
      [3, ['"mentr" is not a role. Use mentor, mentee, coach.']],
      [
        4,
        [
          'The grade level must be a whole number, such as 7, not "seven".',
          'ben@example.org is already on row 3. Keep one row per person.',
        ],
      ],
      [5, ['Enter an email address.']],
    ]);
  });

  test('strips a byte-order mark and reads semicolon-separated files', () => {
    const roster = parseRoster(bytes('\uFEFFemail;name;role\nana@example.org;Silva, Ana;mentor\n'));
    expect(roster.delimiter).toBe(';');
    expect(isImportable(roster)).toBe(true);
    expect(roster.rows[0]).toMatchObject({ email: 'ana@example.org', name: 'Silva, Ana' });
  });

  test('names the rows whose bytes are not UTF-8', () => {
    const latin1 = Uint8Array.from([
      ...bytes('email,name,role\nana@example.org,Ana,mentor\njo@example.org,Jos'),
      0xe9, // é in Latin-1
      ...bytes(',mentee\n'),
    ]);
    expect(problemsOf(latin1)).toEqual([
      [2, []],
      [3, [expect.stringMatching(/not UTF-8 text. Save the file as "CSV UTF-8"/)]],
    ]);
  });

  test(`reads ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows and refuses one more`, () => {
    const rows = (count: number) =>
      Array.from({ length: count }, (_, i) => `person${i}@example.org,Person ${i},mentor`).join(
        '\n',
      );
    const most = parseRoster(`email,name,role\n${rows(MAX_IMPORT_ROWS)}\n`);
    expect(isImportable(most)).toBe(true);
    expect(most.rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(parseRoster(`email,name,role\n${rows(MAX_IMPORT_ROWS + 1)}\n`).fileProblems).toEqual([
      'The file has 5,001 rows of people; at most 5,000 can be added at once. Split it into smaller files.',
    ]);
  });

  test('refuses a file over 5 MB without reading it', () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
    expect(parseRoster(big).fileProblems).toEqual([
      'The file is larger than 5 MB, the most that can be read. Split it into smaller files.',
    ]);
  });

  test('reports a file that is empty, has no rows or breaks CSV quoting', () => {
    expect(parseRoster('').fileProblems[0]).toMatch(/The file is empty/);
    expect(parseRoster('email,name,role\n').fileProblems[0]).toMatch(/a header but no rows/);
    expect(parseRoster('email,name,role\n"ana@example.org,Ana,mentor\n').fileProblems[0]).toMatch(
      /cannot be read as CSV/,
    );
  });

  test('refuses names with hidden characters and overlong fields', () => {
    const long = 'x'.repeat(101);
    expect(problemsOf(`${HEADER}\nana@example.org,A\u202Ena,mentor,${long},,,\n`)).toEqual([
      [
        2,
        [
          'Remove the hidden formatting characters from the name, then save it again.',
          'Use at most 100 characters for the team.',
        ],
      ],
    ]);
  });
});
