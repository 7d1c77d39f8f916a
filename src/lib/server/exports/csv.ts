import { stringify } from 'csv-stringify/sync';
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

async function* csvChunks(data: Export): AsyncGenerator<Uint8Array> {
	const options = { record_delimiter: 'windows' as const };
	yield encoder.encode(
		'\ufeff' + stringify([data.columns.map((c) => neutralise(c.header))], options)
	);
	let batch: string[][] = [];
	for await (const row of data.rows) {
		batch.push(row.map((cell, i) => text(cell, data.columns[i], data.timeZone)));
		if (batch.length === ROWS_PER_CHUNK) {
			yield encoder.encode(stringify(batch, options));
			batch = [];
		}
	}
	if (batch.length) yield encoder.encode(stringify(batch, options));
}

/** The export as a CSV byte stream, produced as the reader pulls (back-pressure included). */
export function renderCsv(data: Export): ReadableStream<Uint8Array> {
	return webStream(csvChunks(data));
}
