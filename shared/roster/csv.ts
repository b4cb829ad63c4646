/**
 * Reading roster spreadsheets: bytes -> text (UTF-8, with or without BOM, else Windows-1252, the
 * encoding Excel on Windows still writes), delimiter detection (comma, semicolon, tab), and rows
 * with their PHYSICAL line numbers (header = line 1; a quoted cell spanning lines counts every
 * line), so a problem report points at the line an organizer sees in a text editor.
 * Pure: TextDecoder and atob exist in the renderer, Node and the CLI alike.
 */
import Papa from 'papaparse';
import { note, type ImportNote } from './import-notes';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'xlsx';
export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRow {
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  headers: string[];
  /** Data rows, empty lines skipped. */
  rows: CsvRow[];
  /** Rows the parser could not read at all (unterminated quote, too many cells). */
  problems: { line: number; note: ImportNote }[];
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * UTF-16 by its byte-order mark (Excel's "Unicode text"); then strict UTF-8 (a BOM is noted and
 * dropped); anything that is not valid UTF-8 is Windows-1252.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The delimiter that occurs most often, outside quotes, on the header line. */
export function detectDelimiter(text: string): CsvDelimiter {
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ',';
}

const LIMIT_ROWS = 200_000;

export function parseCsvText(rawText: string, encoding: CsvEncoding = 'utf-8'): ParsedCsv {
  const text = rawText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(text);
  const problems: ParsedCsv['problems'] = [];
  const rows: CsvRow[] = [];
  let headers: string[] | null = null;
  let start = 0;
  let line = 1;
  let count = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    step: (result, parser) => {
      const end = result.meta.cursor;
      const rowLine = line;
      // Advance the physical line counter over this row's text (including embedded newlines).
      for (let i = start; i < end && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
      start = end;
      const cells = result.data.map((c) => (typeof c === 'string' ? c : String(c ?? '')));
      if (cells.every((c) => c.trim() === '')) return; // empty line
      if (++count > LIMIT_ROWS) {
        problems.push({ line: rowLine, note: note('too_many_rows', { limit: LIMIT_ROWS }) });
        parser.abort();
        return;
      }
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        problems.push({ line: rowLine, note: note('row_unreadable') });
        return;
      }
      if (!headers) {
        headers = cells.map((h) => h.trim());
        return;
      }
      rows.push({ line: rowLine, cells });
    },
  });
  const finalHeaders: string[] = headers ?? [];
  const width = finalHeaders.length;
  const good: CsvRow[] = [];
  for (const row of rows) {
    // Spreadsheets drop trailing empty cells; only extra non-empty cells are a real problem.
    while (row.cells.length > width && row.cells[row.cells.length - 1]!.trim() === '')
      row.cells.pop();
    if (row.cells.length > width) {
      problems.push({
        line: row.line,
        note: note('row_too_wide', {
          cells: row.cells.length,
          width,
          delimiter: delimiter === '\t' ? 'tab' : delimiter,
        }),
      });
      continue;
    }
    while (row.cells.length < width) row.cells.push('');
    good.push(row);
  }
  return { encoding, delimiter, headers: finalHeaders, rows: good, problems };
}

/** Rows already split into cells (a spreadsheet sheet): row 1 is the header, lines are row numbers. */
export function parseGrid(grid: readonly (readonly string[])[], encoding: CsvEncoding): ParsedCsv {
  const headerIndex = grid.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) return { encoding, delimiter: ',', headers: [], rows: [], problems: [] };
  const headers = grid[headerIndex]!.map((h) => h.trim());
  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = [...grid[i]!];
    if (cells.every((c) => c.trim() === '')) continue;
    while (cells.length < headers.length) cells.push('');
    rows.push({ line: i + 1, cells: cells.slice(0, Math.max(headers.length, 1)) });
  }
  return { encoding, delimiter: ',', headers, rows, problems: [] };
}

export function parseCsvBytes(bytes: Uint8Array): ParsedCsv {
  const { text, encoding } = decodeCsvBytes(bytes);
  return parseCsvText(text, encoding);
}
