/**
 * Reading a CSV file of people to add to a wave, and every problem with it, row by row, before
 * anything is saved. Parsing is csv-parse's; this module decides what a good file is: a header
 * naming at least the email, name and role columns (in any order, in any case, with spaces or
 * underscores), comma- or semicolon-separated, UTF-8 with or without a byte-order mark, and at most
 * MAX_IMPORT_ROWS rows. What the database knows (who is already in the wave) is checked by
 * `src/server/roster-import.ts`.
 */
import { parse } from 'csv-parse/sync';
import { email as emailRule, personName } from './text-fields.ts';
import { ROLE_LABELS, WAVE_ROLES, type WaveRole } from './roles.ts';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const MAX_FIELD_LENGTH = 100;
export const FILE_TOO_LARGE =
  'The file is larger than 5 MB, the most that can be read. Split it into smaller files.';

/** The columns Flipside reads, by the key a row keeps and the header a file uses. */
export const IMPORT_COLUMNS = [
  { key: 'email', header: 'email', required: true },
  { key: 'name', header: 'name', required: true },
  { key: 'role', header: 'role', required: true },
  { key: 'team', header: 'team', required: false },
  { key: 'lineOfBusiness', header: 'line of business', required: false },
  { key: 'gradeLevel', header: 'grade level', required: false },
  { key: 'location', header: 'location', required: false },
] as const;

type ColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

export interface ImportRow {
  /** The row's number as a spreadsheet shows it: the header is row 1. */
  row: number;
  email: string;
  name: string;
  role: WaveRole | undefined;
  team: string | null;
  lineOfBusiness: string | null;
  gradeLevel: number | null;
  location: string | null;
  /** What is wrong with the row, each a sentence; empty when it can be imported. */
  problems: string[];
}

export interface ParsedRoster {
  /** Problems with the file as a whole (its size, encoding or header); rows are empty when there are any. */
  fileProblems: string[];
  rows: ImportRow[];
  delimiter: ',' | ';';
}

/** Whether every row can be imported. */
export function isImportable(roster: ParsedRoster): boolean {
  return (
    roster.fileProblems.length === 0 &&
    roster.rows.length > 0 &&
    roster.rows.every((row) => row.problems.length === 0)
  );
}

const normaliseHeader = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

const ROLE_NAMES = new Map<string, WaveRole>(
  WAVE_ROLES.flatMap((role) => [
    [role, role],
    [ROLE_LABELS[role].one, role],
  ]),
);

function readRole(value: string): WaveRole | undefined {
  return ROLE_NAMES.get(value.trim().toLowerCase().replace(/\s+/g, ' '));
}

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

/**
 * Parses and checks a CSV file given as bytes (an upload) or text (pasted). Never throws: every
 * problem is a sentence in the result.
 */
export function parseRoster(input: Uint8Array | string): ParsedRoster {
  const bytes = typeof input === 'string' ? undefined : input;
  if (bytes && bytes.byteLength > MAX_IMPORT_BYTES)
    return refuse(
      'The file is larger than 5 MB, the most that can be read. Split it into smaller files.',
    );
  // Bytes that are not UTF-8 become U+FFFD, so the rows that hold them can be named.
  const text =
    typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
  if (text.replace(/^\uFEFF/, '').trim() === '')
    return refuse(
      'The file is empty. It needs a header row (email, name, role) and a row per person.',
    );

  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!;
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return refuse(
      `The file cannot be read as CSV${line ? ` near line ${line}` : ''}: a quotation mark is probably missing or misplaced. Check that every field that starts with " also ends with ".`,
      delimiter,
    );
  }

  const [header = [], ...data] = records;
  const headerProblems: string[] = [];
  const columns = header.map(normaliseHeader);
  const known = new Map<string, ColumnKey>(IMPORT_COLUMNS.map((c) => [c.header, c.key]));
  const unknown = header.filter((_, i) => !known.has(columns[i]!));
  if (unknown.length > 0)
    headerProblems.push(
      `The header has ${unknown.length === 1 ? 'a column' : 'columns'} Flipside does not know: ${unknown.map((name) => `"${name.trim()}"`).join(', ')}. Remove ${unknown.length === 1 ? 'it' : 'them'}, or rename to one of: ${IMPORT_COLUMNS.map((c) => c.header).join(', ')}.`,
    );
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !columns.includes(c.header));
  if (missing.length > 0)
    headerProblems.push(
      `The header has no ${missing.map((c) => c.header).join(', no ')} column. The first row must name the columns, at least: email, name, role.`,
    );
  const repeated = columns.filter((name, i) => columns.indexOf(name) !== i);
  if (repeated.length > 0)
    headerProblems.push(
      `The header names ${[...new Set(repeated)].map((name) => `"${name}"`).join(', ')} more than once. Keep one column of each.`,
    );
  if (headerProblems.length > 0) return { fileProblems: headerProblems, rows: [], delimiter };
  if (data.length === 0)
    return refuse('The file has a header but no rows. Add a row for each person.', delimiter);
  if (data.length > MAX_IMPORT_ROWS)
    return refuse(
      `The file has ${plural(data.length, 'row', 'rows')} of people; at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} can be added at once. Split it into smaller files.`,
      delimiter,
    );

  const rows = data.map((record, index) => checkRow(record, index + 2, columns, known));
  markDuplicates(rows);
  return { fileProblems: [], rows, delimiter };
}

function refuse(problem: string, delimiter: ',' | ';' = ','): ParsedRoster {
  return { fileProblems: [problem], rows: [], delimiter };
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

function checkRow(
  record: string[],
  row: number,
  columns: string[],
  known: Map<string, ColumnKey>,
): ImportRow {
  const problems: string[] = [];
  if (record.length !== columns.length)
    problems.push(
      `This row has ${plural(record.length, 'field', 'fields')} but the header has ${plural(columns.length, 'column', 'columns')}. Check for a missing or extra ${columns.length > 1 ? 'separator' : 'value'}.`,
    );
  const values: Partial<Record<ColumnKey, string>> = {};
  columns.forEach((column, i) => (values[known.get(column)!] = (record[i] ?? '').trim()));
  if (record.some((field) => field.includes('\uFFFD')))
    problems.push(
      'This row has characters that are not UTF-8 text. Save the file as "CSV UTF-8" and try again.',
    );

  const email = emailRule.safeParse(values.email ?? '');
  if (!values.email) problems.push('Enter an email address.');
  else if (!email.success) problems.push(`"${values.email}" is not an email address.`);

  const name = personName.safeParse(values.name ?? '');
  if (!name.success) problems.push(name.error.issues[0]!.message);

  const role = readRole(values.role ?? '');
  if (!values.role) problems.push(`Enter a role: ${WAVE_ROLES.join(', ')}.`);
  else if (!role) problems.push(`"${values.role}" is not a role. Use ${WAVE_ROLES.join(', ')}.`);

  const optional = (key: 'team' | 'lineOfBusiness' | 'location', label: string) => {
    const value = values[key] ?? '';
    if (value.length > MAX_FIELD_LENGTH)
      problems.push(`Use at most ${MAX_FIELD_LENGTH} characters for the ${label}.`);
    return value || null;
  };
  const team = optional('team', 'team');
  const lineOfBusiness = optional('lineOfBusiness', 'line of business');
  const location = optional('location', 'location');

  let gradeLevel: number | null = null;
  if (values.gradeLevel) {
    if (/^\d{1,2}$/.test(values.gradeLevel)) gradeLevel = Number(values.gradeLevel);
    else
      problems.push(
        `The grade level must be a whole number, such as 7, not "${values.gradeLevel}".`,
      );
  }

  return {
    row,
    email: email.success ? email.data : (values.email ?? ''),
    name: name.success ? name.data : (values.name ?? ''),
    role,
    team,
    lineOfBusiness,
    gradeLevel,
    location,
    problems,
  };
}

function markDuplicates(rows: ImportRow[]) {
  const first = new Map<string, number>();
  for (const row of rows) {
    if (!row.email) continue;
    const earlier = first.get(row.email);
    if (earlier === undefined) first.set(row.email, row.row);
    else row.problems.push(`${row.email} is already on row ${earlier}. Keep one row per person.`);
  }
}
