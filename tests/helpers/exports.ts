import ExcelJS from 'exceljs';
import { renderCsv } from '../../src/lib/server/exports/csv.ts';
import type { Export } from '../../src/lib/server/exports/export.ts';
import { renderXlsx } from '../../src/lib/server/exports/xlsx.ts';

// Reading back what the renderers write, as a person's spreadsheet would.

/** The bytes of a stream or a response body as text, byte-order mark kept. */
export async function bodyText(body: ReadableStream<Uint8Array> | Response): Promise<string> {
	const bytes = await new Response(body instanceof Response ? body.body : body).arrayBuffer();
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** An export rendered as CSV text (with its byte-order mark). */
export function csvText(data: Export): Promise<string> {
	return bodyText(renderCsv(data));
}

/** The cells of the first sheet of an XLSX body, row by row, as exceljs reads them. */
export async function xlsxRows(body: ReadableStream<Uint8Array> | Response | Export) {
	const stream = 'columns' in body ? renderXlsx(body) : body;
	const bytes = await new Response(stream instanceof Response ? stream.body : stream).arrayBuffer();
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes);
	const sheet = workbook.worksheets[0];
	const rows: unknown[][] = [];
	sheet.eachRow({ includeEmpty: true }, (row) => {
		rows.push((row.values as unknown[]).slice(1));
	});
	return { name: sheet.name, rows };
}
