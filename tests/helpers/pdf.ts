import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// What a generated PDF says, as poppler reads it.

const run = promisify(execFile);

/** The text of a PDF as poppler's pdftotext extracts it (-layout keeps lines in page order). */
export async function pdfText(pdf: Uint8Array, layout = true): Promise<string> {
	const dir = await mkdtemp(path.join(tmpdir(), 'kaigi-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		await writeFile(file, pdf);
		const args = [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'];
		const { stdout } = await run('/usr/bin/pdftotext', args, { maxBuffer: 64 << 20 });
		return stdout;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** Number of pages, from pdfinfo. */
export async function pdfPages(pdf: Uint8Array): Promise<number> {
	const dir = await mkdtemp(path.join(tmpdir(), 'kaigi-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		await writeFile(file, pdf);
		const { stdout } = await run('/usr/bin/pdfinfo', [file]);
		return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? NaN);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
