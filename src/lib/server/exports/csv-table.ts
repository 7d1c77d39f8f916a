import { stringify } from 'csv-stringify/sync';
import { neutralise } from './csv.ts';

// Small CSV files built in memory (logistics lists, visit manifests): a header and rows,
// UTF-8 with a byte-order mark, CRLF line ends, every cell neutralised like the big exports.

export type Table = { columns: string[]; rows: Array<Array<string | number | null | undefined>> };

/** A cell a spreadsheet shows as text, never runs as a formula. */
export function safeCell(value: string | number | null | undefined): string {
	return neutralise(value == null ? '' : String(value));
}

/** The table as CSV text. */
export function toCsv(table: Table): string {
	return stringify(
		table.rows.map((row) => row.map(safeCell)),
		{ header: true, columns: table.columns.map(safeCell), bom: true, record_delimiter: 'windows' }
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
