import { fontFace, fontName, scriptRuns, type Run, type Script, type Weight } from './pdf-fonts.ts';

// Text on a PDF page in several scripts at once: each line is laid out here (words wrapped at
// spaces, script runs measured in their own fonts) and drawn run by run on a shared baseline,
// so "Ms. NGUYỄN Thị Minh Khai", "山本 博" and "นางสาว ศิริพร อรุณ" measure and print the same
// way. A word wider than the line is broken between words the script's own rules find
// (Thai and Japanese are written without spaces), else between characters.

export type TextStyle = { size: number; weight?: Weight };
export type Align = 'left' | 'center' | 'right';

type Piece = Run & { width: number };
type Line = { pieces: Piece[]; width: number; ascent: number; height: number };

/** Text laid out in a width: its lines and their total height. */
export type TextBox = {
	lines: Line[];
	height: number;
	style: TextStyle;
	/** False when a word had to be broken or lines were cut to `maxLines`. */
	whole: boolean;
};

type Doc = PDFKit.PDFDocument;

// Widths of a string at 1 pt, by font, with the text actually printed: the same words recur
// on every page of a long list.
const shaped = new Map<string, { text: string; width: number }>();
const WIDTHS_KEPT = 50_000;

/**
 * A run as its font prints it. Some fonts cannot place a mark borrowed from another script
 * (a Latin accent typed after a Myanmar letter), and fontkit then throws: such marks are left
 * out of the printed run rather than failing the whole document.
 */
function shapedRun(doc: Doc, run: Run, style: TextStyle): { text: string; width: number } {
	const font = fontName(run.script, style.weight ?? 'regular');
	const key = `${font}\u0000${run.text}`;
	let found = shaped.get(key);
	if (found === undefined) {
		if (shaped.size >= WIDTHS_KEPT) shaped.clear();
		found = { text: '', width: 0 };
		const inherited = run.text.replace(/\p{Script=Inherited}/gu, '');
		for (const text of [run.text, inherited, inherited.replace(/\p{M}/gu, '')]) {
			try {
				found = { text, width: doc.font(font).fontSize(1).widthOfString(text) };
				break;
			} catch {
				// Try the text with fewer marks.
			}
		}
		shaped.set(key, found);
	}
	return { text: found.text, width: found.width * style.size };
}

/** The printed width of a one-line string. */
export function textWidth(doc: Doc, text: string, style: TextStyle): number {
	return scriptRuns(text).reduce((sum, run) => sum + shapedRun(doc, run, style).width, 0);
}

/** Vertical metrics of a script's font, in em: ascent and line height. */
const metrics = new Map<Script, { ascent: number; height: number }>();
function metricsOf(script: Script) {
	let found = metrics.get(script);
	if (!found) {
		const face = fontFace(script);
		const em = face.unitsPerEm;
		found = { ascent: face.ascent / em, height: (face.ascent - face.descent + face.lineGap) / em };
		metrics.set(script, found);
	}
	return found;
}

function lineOf(doc: Doc, text: string, style: TextStyle): Line {
	const pieces = scriptRuns(text).map((run) => ({ ...run, ...shapedRun(doc, run, style) }));
	// A line is as tall as its tallest script; an empty line as a Latin one.
	const scripts = pieces.length ? pieces.map((p) => p.script) : (['latin'] as Script[]);
	return {
		pieces,
		width: pieces.reduce((sum, p) => sum + p.width, 0),
		ascent: Math.max(...scripts.map((s) => metricsOf(s).ascent)) * style.size,
		height: Math.max(...scripts.map((s) => metricsOf(s).height)) * style.size
	};
}

const words = new Intl.Segmenter('en', { granularity: 'word' });
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Breaks a word wider than the line into pieces that fit, at word boundaries first. */
function breakWord(word: string, fits: (text: string) => boolean): string[] {
	const parts: string[] = [];
	let current = '';
	const add = (segment: string) => {
		if (!current || fits(current + segment)) current += segment;
		else {
			parts.push(current);
			current = segment;
		}
	};
	for (const { segment } of words.segment(word)) {
		if (fits(segment)) add(segment);
		else for (const g of graphemes.segment(segment)) add(g.segment);
	}
	if (current) parts.push(current);
	return parts;
}

/**
 * Lays `text` out in `width`: paragraphs at line breaks, lines wrapped at spaces. With
 * `breakWords: false` a too-wide word stays whole (and `whole` is false); with `maxLines`, the
 * last line kept ends in "…". Lines are measured word by word (a word's width is cached: the
 * same words recur on every page), so a long list is laid out in linear time.
 */
export function layoutText(
	doc: Doc,
	text: string,
	style: TextStyle,
	width: number,
	options: { maxLines?: number; breakWords?: boolean } = {}
): TextBox {
	const measure = (t: string) => textWidth(doc, t, style);
	const fits = (t: string) => measure(t) <= width;
	const space = measure(' ');
	const texts: string[] = [];
	let whole = true;
	for (const paragraph of text.split('\n')) {
		let line = '';
		let lineWidth = 0;
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			const wordWidth = measure(word);
			if (line && lineWidth + space + wordWidth <= width) {
				line += ` ${word}`;
				lineWidth += space + wordWidth;
				continue;
			}
			if (line) texts.push(line);
			line = word;
			lineWidth = wordWidth;
			if (wordWidth > width) {
				whole = false;
				if (options.breakWords === false) continue;
				const parts = breakWord(word, fits);
				texts.push(...parts.slice(0, -1));
				line = parts.at(-1) ?? '';
				lineWidth = measure(line);
			}
		}
		texts.push(line);
	}
	if (options.maxLines !== undefined && texts.length > options.maxLines) {
		whole = false;
		texts.length = options.maxLines;
		let last = texts[options.maxLines - 1];
		while (last && !fits(`${last}…`)) last = [...last].slice(0, -1).join('').trimEnd();
		texts[options.maxLines - 1] = `${last}…`;
	}
	const lines = texts.map((t) => lineOf(doc, t, style));
	return { lines, height: lines.reduce((sum, l) => sum + l.height, 0), style, whole };
}

/** Draws laid-out text with its top at `y`; returns the height used. */
export function drawText(
	doc: Doc,
	box: TextBox,
	x: number,
	y: number,
	width: number,
	align: Align = 'left'
): number {
	let top = y;
	for (const line of box.lines) {
		let left = x;
		if (align === 'center') left += (width - line.width) / 2;
		else if (align === 'right') left += width - line.width;
		for (const piece of line.pieces) {
			doc
				.font(fontName(piece.script, box.style.weight ?? 'regular'))
				.fontSize(box.style.size)
				.text(piece.text, left, top + line.ascent, { lineBreak: false, baseline: 'alphabetic' });
			left += piece.width;
		}
		top += line.height;
	}
	return top - y;
}

/** Lays out and draws in one step; returns the height used. */
export function writeText(
	doc: Doc,
	text: string,
	style: TextStyle,
	x: number,
	y: number,
	width: number,
	options: { align?: Align; maxLines?: number } = {}
): number {
	const box = layoutText(doc, text, style, width, { maxLines: options.maxLines });
	return drawText(doc, box, x, y, width, options.align);
}
