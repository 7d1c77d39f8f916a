import type { Export, ExportCell, ExportColumn } from './export.ts';
import { wallClockText } from './wall-clock.ts';
import { webStream } from './web-stream.ts';

// CSV renderer: UTF-8 with a byte-order mark (so Excel reads "Nguyễn" right), CRLF lines, and
// formula injection neutralised (DESIGN §8): a cell starting with = + - @, tab or CR gets a
// leading apostrophe, so a spreadsheet shows it as text instead of running it. Phone numbers
// written "+66 …" therefore come out as "'+66 …"; the exports page says so.

const DANGEROUS_START = /^[=+\-@\t\r]/;
const ROWS_PER_CHUNK = 500;

/** The cell as a spreadsheet will not evaluate it. */
export function neutralise(value: string): string {
	return DANGEROUS_START.test(value) ? `'${value}` : value;
}

function text(cell: ExportCell, column: ExportColumn, timeZone: string): string {
	if (cell === null) return '';
	if (cell instanceof Date) {
		return column.type === 'date' ? cell.toISOString().slice(0, 10) : wallClockText(cell, timeZone);
	}
	return neutralise(cell);
}

const encoder = new TextEncoder();
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV line (RFC 4180, CRLF): a field with a comma, quote or line break is quoted, its quotes
 * doubled. Byte for byte what csv-stringify writes with `quote_record_delimiter` — without it,
 * csv-stringify left a lone line feed unquoted, so a two-line accessibility note split its row
 * in Excel — and in a fraction of the time (its per-field checks were a third of a 100 000-row
 * export's CPU; npm run bench).
 */
export function csvLine(fields: readonly string[]): string {
	let line = '';
	for (let i = 0; i < fields.length; i++) {
		const value = fields[i];
		if (i > 0) line += ',';
		line += NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
	}
	return line + '\r\n';
}

async function* csvChunks(data: Export): AsyncGenerator<Uint8Array> {
	yield encoder.encode('\ufeff' + csvLine(data.columns.map((c) => neutralise(c.header))));
	let chunk = '';
	let rows = 0;
	for await (const row of data.rows) {
		chunk += csvLine(row.map((cell, i) => text(cell, data.columns[i], data.timeZone)));
		if (++rows === ROWS_PER_CHUNK) {
			yield encoder.encode(chunk);
			chunk = '';
			rows = 0;
		}
	}
	if (chunk) yield encoder.encode(chunk);
}

/** The export as a CSV byte stream, produced as the reader pulls (back-pressure included). */
export function renderCsv(data: Export): ReadableStream<Uint8Array> {
	return webStream(csvChunks(data));
}
