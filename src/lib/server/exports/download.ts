import { now } from '../clock.ts';
import { requireEventAccess } from '../events/access.ts';
import { orHttpError } from '../http/http-error.ts';
import { openRegistrationsExport } from './export.service.ts';
import { renderCsv } from './csv.ts';
import type { Export } from './export.ts';
import { renderXlsx } from './xlsx.ts';

// How every file leaves the server: an attachment with a file name people can file away
// ("HLOM6-registrations-basic-2026-11-26.csv", "HLOM6-arrivals-2026-11-26.xlsx"), never cached.

export const CONTENT_TYPES = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pdf: 'application/pdf'
} as const;

export type FileFormat = keyof typeof CONTENT_TYPES;
export type TableFormat = 'csv' | 'xlsx';

/** "<CODE>-<what>-<YYYY-MM-DD>.<extension>", today's date being the server's UTC day. */
export function fileName(code: string, what: string, extension: FileFormat) {
	return `${code}-${what}-${now().toISOString().slice(0, 10)}.${extension}`;
}

/**
 * The Content-Disposition of a file: a plain ASCII `filename` every browser takes (accents
 * dropped; anything else, quotes and line breaks included, becomes "_") and the exact name as RFC 5987
 * `filename*` for those that read it.
 */
export function contentDisposition(name: string, inline = false): string {
	const ascii = name
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[^A-Za-z0-9._-]/g, '_');
	const exact = encodeURIComponent(name).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/** A streamed file response. `inline` opens PDFs in the browser instead of saving them. */
export function download(
	body: ReadableStream<Uint8Array>,
	name: string,
	extension: FileFormat,
	inline = false
): Response {
	return new Response(body, {
		headers: {
			'content-type': CONTENT_TYPES[extension],
			'content-disposition': contentDisposition(name, inline),
			'cache-control': 'private, no-store'
		}
	});
}

/** An export as a CSV or XLSX download named "<CODE>-<export name>-<YYYY-MM-DD>.<format>". */
export function exportDownload(code: string, data: Export, format: TableFormat): Response {
	const body = format === 'csv' ? renderCsv(data) : renderXlsx(data);
	return download(body, fileName(code, data.name, format), format);
}

/** The registrations export in one format: the GET handler of registrations.csv and .xlsx. */
export function registrationsDownload(format: TableFormat) {
	return async (
		request: Parameters<typeof requireEventAccess>[0] & { url: URL; request: Request }
	) => {
		const { event, actor } = await requireEventAccess(request, 'exports');
		const { data } = await orHttpError(() =>
			openRegistrationsExport(
				actor,
				event,
				{
					params: request.url.searchParams,
					fetchSite: request.request.headers.get('sec-fetch-site')
				},
				format
			)
		);
		return exportDownload(event.code, data, format);
	};
}
