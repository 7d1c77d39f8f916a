import { error } from '@sveltejs/kit';
import { now } from '../clock.ts';
import { DomainError, statusOf } from '../errors.ts';

// How every export leaves the server: an attachment with a file name people can file away
// ("HLOM6-registrations-basic-2026-11-26.csv"), never cached.

export const CONTENT_TYPES = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pdf: 'application/pdf'
} as const;

/** "<CODE>-<what>-<YYYY-MM-DD>.<extension>". */
export function fileName(code: string, what: string, extension: keyof typeof CONTENT_TYPES) {
	return `${code}-${what}-${now().toISOString().slice(0, 10)}.${extension}`;
}

/** A streamed file response. `inline` opens PDFs in the browser instead of saving them. */
export function download(
	body: ReadableStream<Uint8Array>,
	name: string,
	extension: keyof typeof CONTENT_TYPES,
	inline = false
): Response {
	return new Response(body, {
		headers: {
			'content-type': CONTENT_TYPES[extension],
			'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
}

/** Runs an export's set-up; a DomainError (bad parameters) becomes its HTTP error page. */
export async function orHttpError<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof DomainError) error(statusOf(e), e.message);
		throw e;
	}
}
