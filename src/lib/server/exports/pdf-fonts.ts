import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

// The fonts printed documents use, one per writing system, all shipped by npm packages so a
// server prints the same everywhere: DejaVu Sans for Latin (Vietnamese included: pdftotext gets
// its accents back exactly), Noto Sans for Japanese, Thai, Khmer, Lao and Myanmar. A string is
// split into runs by Unicode script and each run is set in its script's font; punctuation,
// digits and spaces (which belong to no script) stay in the run around them when that font has
// the glyph. Only the two weights the documents use are loaded; pdfkit embeds a subset of the
// glyphs actually printed, so a Japanese name adds kilobytes, not the 5 MB font.

export const SCRIPTS = ['latin', 'japanese', 'thai', 'khmer', 'lao', 'myanmar'] as const;
export type Script = (typeof SCRIPTS)[number];
export type Weight = 'regular' | 'bold';

const require = createRequire(import.meta.url);

const noto = (pkg: string, family: string, weight: Weight) =>
	weight === 'regular'
		? `@expo-google-fonts/${pkg}/400Regular/${family}_400Regular.ttf`
		: `@expo-google-fonts/${pkg}/700Bold/${family}_700Bold.ttf`;

const FILES: Record<Script, (weight: Weight) => string> = {
	latin: (weight) =>
		weight === 'regular'
			? 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf'
			: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
	japanese: (weight) => noto('noto-sans-jp', 'NotoSansJP', weight),
	thai: (weight) => noto('noto-sans-thai', 'NotoSansThai', weight),
	khmer: (weight) => noto('noto-sans-khmer', 'NotoSansKhmer', weight),
	lao: (weight) => noto('noto-sans-lao', 'NotoSansLao', weight),
	myanmar: (weight) => noto('noto-sans-myanmar', 'NotoSansMyanmar', weight)
};

/** The characters of each script that has its own font (Latin is the default). */
const SCRIPT_OF: Array<[Script, RegExp]> = [
	['japanese', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
	['thai', /\p{Script=Thai}/u],
	['khmer', /\p{Script=Khmer}/u],
	['lao', /\p{Script=Lao}/u],
	['myanmar', /\p{Script=Myanmar}/u],
	['latin', /\p{Script=Latin}/u]
];

/** The path of a font file inside node_modules. */
export function fontFile(script: Script, weight: Weight): string {
	return require.resolve(FILES[script](weight));
}

/** The name a font is registered under in a document. */
export function fontName(script: Script, weight: Weight): string {
	return `${script}-${weight}`;
}

const buffers = new Map<string, Buffer>();

/** The font file's bytes, read once per process. */
export function fontBytes(script: Script, weight: Weight): Buffer {
	const key = fontName(script, weight);
	let bytes = buffers.get(key);
	if (!bytes) {
		bytes = readFileSync(fontFile(script, weight));
		buffers.set(key, bytes);
	}
	return bytes;
}

const faces = new Map<Script, fontkit.Font>();

/** The regular face of a script's font, to ask which characters it has. */
export function fontFace(script: Script, weight: Weight = 'regular'): fontkit.Font {
	const cached = weight === 'regular' ? faces.get(script) : undefined;
	if (cached) return cached;
	const face = fontkit.create(fontBytes(script, weight)) as fontkit.Font;
	if (weight === 'regular') faces.set(script, face);
	return face;
}

/** The script with its own font that a character belongs to; null for spaces, digits, marks… */
export function scriptOf(char: string): Script | null {
	for (const [script, pattern] of SCRIPT_OF) if (pattern.test(char)) return script;
	return null;
}

export type Run = { text: string; script: Script };

function hasGlyph(script: Script, char: string): boolean {
	return fontFace(script).hasGlyphForCodePoint(char.codePointAt(0)!);
}

/** The font for a character of no particular script: the run's own, else the first that has it. */
function fontForShared(char: string, current: Script | null): Script {
	if (current && hasGlyph(current, char)) return current;
	return SCRIPTS.find((script) => hasGlyph(script, char)) ?? current ?? 'latin';
}

// Text DejaVu Sans prints whole (ASCII, Latin-1, Latin Extended A/B and most of Additional —
// Vietnamese —, dashes and quotes): most of a list, set without looking at each character.
const ALL_LATIN = /^[\u0020-\u007e\u00a0-\u024f\u1e00-\u1efb\u2010-\u2027]*$/;

/** Splits text into runs that each print in one font ("山本 博 (Japan)" → Japanese, Latin). */
export function scriptRuns(text: string): Run[] {
	if (ALL_LATIN.test(text)) return text ? [{ text, script: 'latin' }] : [];
	const runs: Run[] = [];
	for (const char of text) {
		const current = runs.at(-1);
		const script = scriptOf(char) ?? fontForShared(char, current?.script ?? null);
		if (current && current.script === script) current.text += char;
		else runs.push({ text: char, script });
	}
	return runs;
}
