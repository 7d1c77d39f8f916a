import { describe, expect, it } from 'vitest';
import { checkUpload, detectUploadType } from '../../src/lib/server/files/upload-kind.ts';
import { ZIP_LIMITS } from '../../src/lib/server/files/zip-directory.ts';
import { ANSWER_FILE_RULE } from '../../src/lib/server/questions/answer.service.ts';
import { imageBytes } from '../helpers/photos.ts';
import { docxOf, pptxOf, zipOf } from '../helpers/zip-files.ts';

const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const namedZip = (names: string[]) => zipOf(names.map((name) => ({ name, content: '<x/>' })));

describe('upload types are told by their bytes', () => {
	it('recognises PDF, JPEG, PNG, DOCX and PPTX', () => {
		expect(detectUploadType(pdf)).toBe('application/pdf');
		expect(detectUploadType(png)).toBe('image/png');
		expect(detectUploadType(jpeg)).toBe('image/jpeg');
		expect(detectUploadType(namedZip(['[Content_Types].xml', 'word/document.xml']))).toMatch(
			/wordprocessingml/
		);
		expect(detectUploadType(namedZip(['[Content_Types].xml', 'ppt/slides/slide1.xml']))).toMatch(
			/presentationml/
		);
	});

	it('refuses a renamed text file, a plain ZIP and an HTML page', () => {
		expect(detectUploadType(new TextEncoder().encode('hello.pdf'))).toBeNull();
		expect(detectUploadType(namedZip(['notes.txt']))).toBeNull();
		expect(detectUploadType(new TextEncoder().encode('<html><script>'))).toBeNull();
	});

	it('explains a refusal in plain words', () => {
		const rule = {
			accept: ['application/pdf', 'image/jpeg', 'image/png'] as const,
			maxBytes: 10 * 1024 * 1024
		};
		expect(checkUpload(new Uint8Array(), rule)).toEqual({
			ok: false,
			message: 'The file is empty.'
		});
		expect(checkUpload(namedZip(['[Content_Types].xml', 'word/x']), rule)).toEqual({
			ok: false,
			message: 'The file must be a PDF, JPEG or PNG file.'
		});
		expect(checkUpload(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x25), rule)).toEqual({
			ok: false,
			message: 'The file is larger than 10 MB.'
		});
		expect(checkUpload(png, rule)).toEqual({ ok: true, type: 'image/png' });
	});
});

describe('WebP photos', () => {
	it('is told by its RIFF … WEBP header, whatever its name', async () => {
		expect(detectUploadType(await imageBytes(200, 200, 'webp'))).toBe('image/webp');
		expect(detectUploadType(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
	});
});

describe('Office files are checked for decompression bombs before anyone opens them', () => {
	it('accepts a real Word document and a real presentation', () => {
		expect(checkUpload(docxOf(), ANSWER_FILE_RULE)).toEqual({
			ok: true,
			type: ANSWER_FILE_RULE.accept[1]
		});
		expect(checkUpload(pptxOf(), ANSWER_FILE_RULE)).toMatchObject({ ok: true });
	});

	it('refuses a document that unpacks to more than the limit in total', () => {
		const parts = Array.from({ length: 3 }, (_, i) => ({
			name: `word/media/part${i}.xml`,
			content: 'x'.repeat(1000),
			declaredSize: 100 * 1024 * 1024
		}));
		const checked = checkUpload(docxOf(parts), ANSWER_FILE_RULE);
		expect(checked).toMatchObject({ ok: false });
		expect(!checked.ok && checked.message).toMatch(/unpacks to more than 250 MB.*zip bomb/);
	});

	it('refuses a part that claims to grow far beyond its packed size', () => {
		// 10 MB of zeros packs into about 10 KB: a ratio of about 1000.
		const bomb = { name: 'word/document2.xml', content: Buffer.alloc(10 * 1024 * 1024) };
		const checked = checkUpload(docxOf([bomb]), ANSWER_FILE_RULE);
		expect(!checked.ok && checked.message).toMatch(/more than 200 times its packed size/);
	});

	it('refuses a document with more parts than any real one has', () => {
		const parts = Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => ({
			name: `ppt/slides/s${i}.xml`,
			content: '<p:sld/>'
		}));
		const checked = checkUpload(pptxOf(parts), ANSWER_FILE_RULE);
		expect(!checked.ok && checked.message).toMatch(/holds 5003 parts, more than the 5000/);
	});

	it('refuses a ZIP whose directory is cut off or missing', () => {
		const whole = docxOf();
		expect(detectUploadType(whole.subarray(0, whole.length - 30))).toBeNull();
		expect(checkUpload(whole.subarray(0, 200), ANSWER_FILE_RULE)).toMatchObject({ ok: false });
	});
});
