import { m } from '../../paraglide/messages.js';
// What an uploaded PDF must be before it is stored: checked by its bytes, not by its name or the
// type the browser claims.

export const PDF_MAX_BYTES = 10 * 1024 * 1024;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** A plain sentence saying what is wrong with an upload meant to be a PDF, or null when it is fine. */
export function pdfProblem(bytes: Uint8Array): string | null {
	if (bytes.byteLength === 0) return m.err_file_empty();
	if (bytes.byteLength > PDF_MAX_BYTES) return m.err_pdf_too_large();
	if (!PDF_MAGIC.every((b, i) => bytes[i] === b)) return m.err_not_pdf();
	return null;
}

/** A file name safe for a mail header and a download: no path, no quotes, no line breaks. */
export function safeFileName(name: string, fallback = 'attachment.pdf'): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	// By code points: cutting between the halves of an emoji would leave a lone surrogate.
	const cleaned = [
		...[...base.toWellFormed()]
			.filter((c) => c !== '"' && c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
			.join('')
			.trim()
	]
		.slice(0, 200)
		.join('');
	return cleaned || fallback;
}
