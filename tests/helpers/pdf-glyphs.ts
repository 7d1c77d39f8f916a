import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';

// What a PDF really prints, read from its bytes: the glyph ids its text operators draw (glyph 0
// is .notdef, the empty box a font shows for a character it lacks) and the fonts it embeds.

/** Every glyph id drawn by the document's text (hex strings of Identity-H fonts: 2 bytes each). */
export function drawnGlyphIds(pdf: Uint8Array): number[] {
	const raw = Buffer.from(pdf).toString('latin1');
	const ids: number[] = [];
	// "stream" right after a dictionary, never the tail of "endstream"; the dictionary's direct
	// /Length says where the bytes end (compressed bytes may hold the word "endstream").
	const streams = />>\s*stream\r?\n/g;
	let match: RegExpExecArray | null;
	while ((match = streams.exec(raw))) {
		const start = match.index + match[0].length;
		const dictionary = raw.slice(raw.lastIndexOf('obj', match.index), match.index);
		const length = /\/Length (\d+)(?! \d+ R)/.exec(dictionary);
		const end = length ? start + Number(length[1]) : raw.indexOf('endstream', start);
		if (end < start) break;
		let content: string;
		try {
			content = inflateSync(Buffer.from(raw.slice(start, end), 'latin1')).toString('latin1');
		} catch {
			content = raw.slice(start, end);
		}
		streams.lastIndex = end;
		if (!/\bBT\b/.test(content) || !/\bTf\b/.test(content)) continue;
		for (const array of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
			for (const hex of array[1].matchAll(/<([0-9a-fA-F]*)>/g)) {
				for (let i = 0; i + 4 <= hex[1].length; i += 4)
					ids.push(parseInt(hex[1].slice(i, i + 4), 16));
			}
		}
	}
	return ids;
}

/** The base names of the fonts embedded in the document, from poppler's pdffonts. */
export async function embeddedFonts(pdf: Uint8Array): Promise<string[]> {
	const dir = await mkdtemp(path.join(tmpdir(), 'kaigi-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		await writeFile(file, pdf);
		const { stdout } = await promisify(execFile)('/usr/bin/pdffonts', [file]);
		return stdout
			.split('\n')
			.slice(2)
			.map((line) => line.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, ''))
			.filter(Boolean);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
