// One way to send a stored file to a browser: its own type, a safe name, never sniffed, never
// cached by shared caches.
import { safeFileName } from './pdf-upload.ts';

export type StoredFile = { file_name: string; content_type: string; bytes: Uint8Array };

/** A response for a stored file; `inline` opens it in the browser (a letter), else it downloads. */
export function fileResponse(
	file: StoredFile,
	disposition: 'inline' | 'attachment' = 'inline'
): Response {
	const name = safeFileName(file.file_name, 'file');
	const ascii = name.replace(/[^\x20-\x7e]/g, '_');
	return new Response(Buffer.from(file.bytes), {
		headers: {
			'Content-Type': file.content_type,
			'Content-Length': String(file.bytes.byteLength),
			'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, no-store'
		}
	});
}
