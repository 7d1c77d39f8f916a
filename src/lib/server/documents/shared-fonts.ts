import * as fontkit from 'fontkit';
import { fontBytes, fontName, SCRIPTS, type Script, type Weight } from '../exports/pdf-fonts.ts';

// Fonts parsed once per process and shared by every document. Given font bytes, pdfkit parses
// the font again for each document (Noto Sans JP is 5 MB): issuing 300 letters then spent most
// of its time and memory there. Given a parsed font, it only makes the document's own subset.

const parsed = new Map<string, fontkit.Font>();

function font(script: Script, weight: Weight): fontkit.Font {
	const key = fontName(script, weight);
	let found = parsed.get(key);
	if (!found) {
		found = fontkit.create(fontBytes(script, weight)) as fontkit.Font;
		parsed.set(key, found);
	}
	return found;
}

/** Registers every script's regular and bold font in a document, parsed only when first used. */
export function registerSharedFonts(doc: PDFKit.PDFDocument): void {
	for (const script of SCRIPTS) {
		for (const weight of ['regular', 'bold'] as const) {
			// pdfkit accepts a parsed fontkit font wherever it takes font bytes.
			const lazy = new Proxy({} as fontkit.Font, {
				get: (_, property) => Reflect.get(font(script, weight), property)
			});
			doc.registerFont(fontName(script, weight), lazy as unknown as Buffer);
		}
	}
}
