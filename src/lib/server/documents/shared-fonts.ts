import * as fontkit from 'fontkit';
import { fontBytes, fontName, SCRIPTS, type Script, type Weight } from '../exports/pdf-fonts.ts';

// Fonts parsed once per process and shared by every document. Given font bytes, pdfkit parses
// the font again for each document (Noto Sans JP is 5 MB); given a parsed font, it only makes
// the document's own subset. The shaping of a word (fontkit's layout: glyph substitution and
// positioning, the costly part for Japanese) is shared too: a batch of 300 letters prints the
// same letterhead, body and signature 300 times, and shaping each anew per document made most
// of the garbage the batch left behind (issue 15: RSS growth ≤ 150 MB for 300 letters).

type Position = {
	xAdvance: number;
	yAdvance: number;
	xOffset: number;
	yOffset: number;
	advanceWidth?: number;
};
type Shaped = { glyphs: fontkit.Glyph[]; positions: Position[] };

/** A word as fontkit shapes it, with positions of its own: pdfkit scales them in place. */
class ShapedCopy {
	glyphs: fontkit.Glyph[];
	positions: Position[];
	constructor(shaped: Shaped) {
		this.glyphs = shaped.glyphs;
		this.positions = shaped.positions.map((p) => ({
			xAdvance: p.xAdvance,
			yAdvance: p.yAdvance,
			xOffset: p.xOffset,
			yOffset: p.yOffset,
			// pdfkit sets it: an object made with it does not grow when it does.
			advanceWidth: 0
		}));
	}
	get advanceWidth(): number {
		let width = 0;
		for (const p of this.positions) width += p.xAdvance;
		return width;
	}
}

// pdfkit lays text out word by word, so the words of a process's documents are few.
const SHAPES_KEPT = 20_000;

function sharedLayout(font: fontkit.Font) {
	const shapes = new Map<string, Shaped>();
	return (text: string, features?: unknown) => {
		if (features !== undefined)
			return font.layout(text, features as Parameters<fontkit.Font['layout']>[1]);
		let shaped = shapes.get(text);
		if (!shaped) {
			if (shapes.size >= SHAPES_KEPT) shapes.clear();
			const run = font.layout(text);
			shaped = new ShapedCopy(run as unknown as Shaped);
			shapes.set(text, shaped);
		}
		return new ShapedCopy(shaped);
	};
}

type Decodable = fontkit.Glyph & { _decode: () => unknown };

/**
 * fontkit decodes a glyph's outline (every point) each time a document's subset takes the
 * glyph, only to learn whether it is made of other glyphs: the outline is decoded once per
 * process instead. Nothing here draws outlines, so the decoded points are only read.
 */
function decodedOnce(font: fontkit.Font): fontkit.Font['getGlyph'] {
	const seen = new WeakSet<object>();
	return function (this: fontkit.Font, id, characters) {
		const glyph = font.getGlyph.call(this, id, characters) as Decodable;
		if (glyph && !seen.has(glyph)) {
			seen.add(glyph);
			const decode = glyph._decode;
			let done = false;
			let outline: unknown;
			glyph._decode = () => {
				if (!done) [outline, done] = [decode.call(glyph), true];
				return outline;
			};
		}
		return glyph;
	};
}

/**
 * A script's font for pdfkit, parsed when a document first prints in it: until then a server
 * that prints only Latin never reads the 5 MB Japanese font.
 */
function lazyFont(script: Script, weight: Weight): fontkit.Font {
	let font: fontkit.Font | undefined;
	let layout: ReturnType<typeof sharedLayout> | undefined;
	const parsed = () => (font ??= fontkit.create(fontBytes(script, weight)) as fontkit.Font);
	// pdfkit accepts a parsed fontkit font wherever it takes font bytes.
	let getGlyph: fontkit.Font['getGlyph'] | undefined;
	return new Proxy({} as fontkit.Font, {
		get: (_, property) =>
			property === 'layout'
				? (layout ??= sharedLayout(parsed()))
				: property === 'getGlyph'
					? (getGlyph ??= decodedOnce(parsed()))
					: Reflect.get(parsed(), property)
	});
}

const fonts = new Map<string, fontkit.Font>(
	SCRIPTS.flatMap((script) =>
		(['regular', 'bold'] as const).map((weight) => [
			fontName(script, weight),
			lazyFont(script, weight)
		])
	)
);

/**
 * Options for a new PDFDocument that prints only in the shared fonts: no Helvetica opened (and
 * parsed from its metrics file) for each document.
 */
export const SHARED_FONT_OPTIONS = { font: null } as unknown as PDFKit.PDFDocumentOptions;

/** Registers every script's regular and bold font in a document. */
export function registerSharedFonts(doc: PDFKit.PDFDocument): void {
	for (const [name, font] of fonts) doc.registerFont(name, font as unknown as Buffer);
}
