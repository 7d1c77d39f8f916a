import { m } from '../../paraglide/messages.js';
// The central directory of a ZIP file (a DOCX or PPTX is one), read without unpacking anything:
// the names of its parts and the sizes it declares for them. An unzipper trusts these sizes, so
// they are what a decompression bomb inflates; checking them refuses one before anyone opens it.

export type ZipEntry = { name: string; compressed: number; uncompressed: number };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65 535. */
const END_SEARCH = 22 + 0xffff;

/** The entries a ZIP's central directory lists, or null when there is no readable directory. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let end = -1;
	for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - END_SEARCH); at -= 1) {
		if (view.getUint32(at, true) === END_OF_DIRECTORY) {
			end = at;
			break;
		}
	}
	if (end < 0) return null;
	const count = view.getUint16(end + 10, true);
	const size = view.getUint32(end + 12, true);
	const offset = view.getUint32(end + 16, true);
	// ZIP64 marks (0xFFFF, 0xFFFFFFFF): no Office document of a size we accept needs them.
	if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return null;
	if (offset + size > end) return null;
	const entries: ZipEntry[] = [];
	let at = offset;
	for (let i = 0; i < count; i += 1) {
		if (at + 46 > offset + size || view.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
		const nameLength = view.getUint16(at + 28, true);
		const extraLength = view.getUint16(at + 30, true);
		const commentLength = view.getUint16(at + 32, true);
		if (at + 46 + nameLength > offset + size) return null;
		entries.push({
			name: Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'),
			compressed: view.getUint32(at + 20, true),
			uncompressed: view.getUint32(at + 24, true)
		});
		at += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** What an Office file may unpack to: far more than any real document, far less than a bomb. */
export const ZIP_LIMITS = {
	entries: 5_000,
	uncompressed: 250 * 1024 * 1024,
	/** A part over 1 MB that claims to grow more than this many times. */
	ratio: 200
};

/** Why a ZIP's directory looks like a decompression bomb, in plain words; null when it does not. */
export function zipBombReason(entries: readonly ZipEntry[]): string | null {
	const advice = m.err_zip_advice();
	if (entries.length > ZIP_LIMITS.entries) {
		return `${m.err_zip_parts({ parts: entries.length, max: ZIP_LIMITS.entries })} ${advice}`;
	}
	const total = entries.reduce((sum, e) => sum + e.uncompressed, 0);
	if (total > ZIP_LIMITS.uncompressed) {
		return `${m.err_zip_size({ mb: ZIP_LIMITS.uncompressed / (1024 * 1024) })} ${advice}`;
	}
	const inflated = entries.some(
		(e) =>
			e.uncompressed > 1024 * 1024 && e.uncompressed > ZIP_LIMITS.ratio * Math.max(e.compressed, 1)
	);
	if (inflated) {
		return `${m.err_zip_ratio({ ratio: ZIP_LIMITS.ratio })} ${advice}`;
	}
	return null;
}
