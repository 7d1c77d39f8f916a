import { csvLine, neutralise } from './csv.ts';

// Small CSV files built in memory (logistics lists, visit manifests): a header and rows,
// UTF-8 with a byte-order mark, CRLF line ends, every cell neutralised and quoted like the big
// exports (a note with a line break stays one cell).

export type Table = { columns: string[]; rows: Array<Array<string | number | null | undefined>> };

/** A cell a spreadsheet shows as text, never runs as a formula. */
export function safeCell(value: string | number | null | undefined): string {
	return neutralise(value == null ? '' : String(value));
}

/** The table as CSV text, written by the same line writer as the big exports. */
export function toCsv(table: Table): string {
	return (
		'\ufeff' +
		csvLine(table.columns.map(safeCell)) +
		table.rows.map((row) => csvLine(row.map(safeCell))).join('')
	);
}

/** A CSV download that is never cached. */
export function csvResponse(filename: string, table: Table): Response {
	return new Response(toCsv(table), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
			'cache-control': 'no-store'
		}
	});
}
