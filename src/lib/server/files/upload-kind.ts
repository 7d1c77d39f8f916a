import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { readZipDirectory, zipBombReason, type ZipEntry } from './zip-directory.ts';

// What an uploaded file is, told by its first bytes (never by its name or the type the browser
// claims), and whether it is acceptable for a given use. One home for every upload: nomination
// letters, question answers, badge photos, letterhead logos and signatures.

export type UploadType =
	| 'application/pdf'
	| 'image/jpeg'
	| 'image/png'
	| 'image/webp'
	| 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
	| 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

const LABELS: Record<UploadType, string> = {
	'application/pdf': 'PDF',
	'image/jpeg': 'JPEG',
	'image/png': 'PNG',
	'image/webp': 'WebP',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (PPTX)'
};

const EXTENSIONS: Record<UploadType, string> = {
	'application/pdf': 'pdf',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx'
};

function startsWith(bytes: Uint8Array, magic: number[], offset = 0): boolean {
	return magic.every((b, i) => bytes[offset + i] === b);
}

/** The Office Open XML kind of a ZIP: the part names its central directory lists. */
function officeKind(entries: readonly ZipEntry[]): UploadType | null {
	const names = entries.map((e) => e.name);
	if (!names.includes('[Content_Types].xml')) return null;
	if (names.some((n) => n.startsWith('word/')))
		return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
	if (names.some((n) => n.startsWith('ppt/')))
		return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
	return null;
}

const isZip = (bytes: Uint8Array) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);

/** The type the bytes really are, or null when they are none of the types Kaigi accepts. */
export function detectUploadType(bytes: Uint8Array): UploadType | null {
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	// RIFF, a length, then WEBP.
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
		return 'image/webp';
	if (isZip(bytes)) {
		const entries = readZipDirectory(bytes);
		return entries ? officeKind(entries) : null;
	}
	return null;
}

export type UploadRule = {
	accept: readonly UploadType[];
	maxBytes: number;
	/** What the refusals call the file: a badge photo is "the photo". */
	photo?: boolean;
};

/** "PDF, JPEG or PNG"; "PDF、JPEG、PNG" in Japanese. */
function listOf(types: readonly UploadType[]): string {
	const locale = getLocale();
	return new Intl.ListFormat(locale === 'en' ? 'en-GB' : locale, { type: 'disjunction' }).format(
		types.map((t) => LABELS[t])
	);
}

/** The file's type when it passes the rule, or a plain sentence saying what is wrong. */
export function checkUpload(
	bytes: Uint8Array,
	rule: UploadRule
): { ok: true; type: UploadType } | { ok: false; message: string } {
	const photo = rule.photo === true;
	if (bytes.byteLength === 0) {
		return { ok: false, message: photo ? m.upload_photo_empty() : m.upload_empty() };
	}
	if (bytes.byteLength > rule.maxBytes) {
		const mb = Math.round(rule.maxBytes / (1024 * 1024));
		return {
			ok: false,
			message: photo ? m.upload_photo_too_large({ mb }) : m.upload_too_large({ mb })
		};
	}
	const type = detectUploadType(bytes);
	if (!type || !rule.accept.includes(type)) {
		const types = listOf(rule.accept);
		return {
			ok: false,
			message: photo ? m.upload_photo_wrong_type({ types }) : m.upload_wrong_type({ types })
		};
	}
	if (isZip(bytes)) {
		// Office files are ZIPs: what they unpack to is checked before anyone opens one.
		const bomb = zipBombReason(readZipDirectory(bytes) ?? []);
		if (bomb) return { ok: false, message: bomb };
	}
	return { ok: true, type };
}

/** The usual extension for a type, for download names. */
export function extensionFor(type: UploadType): string {
	return EXTENSIONS[type];
}
