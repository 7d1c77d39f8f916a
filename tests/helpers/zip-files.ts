import { deflateRawSync } from 'node:zlib';

// ZIP files written in the test, part by part, as Word or PowerPoint (or an attacker) would:
// each part deflated, with local headers, a central directory and its end record. A part may
// declare an uncompressed size other than its real one — what a decompression bomb does.

export type ZipPart = { name: string; content: Buffer | string; declaredSize?: number };

function crc32(data: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of data) {
		crc ^= byte;
		for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return (crc ^ 0xffffffff) >>> 0;
}

/** A ZIP of these parts. */
export function zipOf(parts: readonly ZipPart[]): Uint8Array {
	const locals: Buffer[] = [];
	const directory: Buffer[] = [];
	let offset = 0;
	for (const part of parts) {
		const raw = Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content);
		const packed = deflateRawSync(raw);
		const name = Buffer.from(part.name);
		const size = part.declaredSize ?? raw.length;
		const crc = crc32(raw);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		const entry = Buffer.alloc(46);
		entry.writeUInt32LE(0x02014b50, 0);
		entry.writeUInt16LE(20, 4);
		entry.writeUInt16LE(20, 6);
		entry.writeUInt16LE(8, 10);
		entry.writeUInt32LE(crc, 16);
		entry.writeUInt32LE(packed.length, 20);
		entry.writeUInt32LE(size, 24);
		entry.writeUInt16LE(name.length, 28);
		entry.writeUInt32LE(offset, 42);
		locals.push(local, name, packed);
		directory.push(entry, name);
		offset += local.length + name.length + packed.length;
	}
	const dir = Buffer.concat(directory);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(dir.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

const CONTENT_TYPES =
	'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/** A small Word document (the parts that tell it is one). */
export function docxOf(extra: readonly ZipPart[] = []): Uint8Array {
	return zipOf([
		{ name: '[Content_Types].xml', content: CONTENT_TYPES },
		{
			name: 'word/document.xml',
			content: '<w:document><w:body>Country report</w:body></w:document>'
		},
		...extra
	]);
}

/** A small PowerPoint presentation. */
export function pptxOf(extra: readonly ZipPart[] = []): Uint8Array {
	return zipOf([
		{ name: '[Content_Types].xml', content: CONTENT_TYPES },
		{ name: 'ppt/slides/slide1.xml', content: '<p:sld/>' },
		...extra
	]);
}
