import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

// Every word a person reads comes from the message files (messages/*.json), so that it exists
// in every language Kaigi speaks: a page, component or layout that writes English straight into
// its markup — a text, or a title, placeholder, aria-label, alt or label attribute — fails here.
// Words that are the same in every language (Kaigi, PDF, CSV, QR) are not text to translate.

const ROOTS = ['src/routes', 'src/lib/components'];
const READ_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'alt', 'label', 'hint']);
const SAME_IN_EVERY_LANGUAGE =
	/^(Kaigi|PDF|CSV|XLSX|Excel|Word|PowerPoint|QR|ICS|JWT|OK|ID|UTC|px|[A-Z]{2,6}\d*|Markdown)$/;

// Files whose words are still written in them: each is to be moved to the message files, and
// the list only shrinks (a file taken off it is checked from then on).
const NOT_YET = new Set<string>([]);

function svelteFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return svelteFiles(full);
		return name.endsWith('.svelte') ? [full] : [];
	});
}

type Node = { type: string; [key: string]: unknown };

/** The words of a text that would need translating: letters, not only names and codes. */
function words(text: string): string | null {
	const found = text
		// Entities and addresses ("/verify") are not words.
		.replace(/&[a-z]+;|&#\d+;|(^|\s)\/\S*/g, ' ')
		.split(/[^\p{L}]+/u)
		.filter((w) => /\p{Script=Latin}/u.test(w) && w.length > 1 && !SAME_IN_EVERY_LANGUAGE.test(w));
	return found.length ? text.trim().replace(/\s+/g, ' ') : null;
}

/** The bare texts of a component's markup (not its script or style). */
export function bareTexts(source: string): string[] {
	const ast = parse(source, { modern: true }) as unknown as { fragment: Node };
	const out: string[] = [];
	const visit = (node: unknown, inStyleOrScript = false): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach((n) => visit(n, inStyleOrScript));
		const n = node as Node;
		if (n.type === 'Text' && !inStyleOrScript) {
			const bare = words(String(n.data));
			if (bare) out.push(bare);
			return;
		}
		if (n.type === 'StyleDirective') return;
		if (n.type === 'Attribute') {
			if (!READ_ATTRIBUTES.has(String(n.name)) || !Array.isArray(n.value)) return;
			for (const part of n.value as Node[]) {
				if (part.type !== 'Text') continue;
				const bare = words(String(part.data));
				if (bare) out.push(`${n.name}="${bare}"`);
			}
			return;
		}
		// Literal code (a CSV column's name) is the same in every language.
		const skip =
			n.type === 'RegularElement' && ['style', 'script', 'code'].includes(String(n.name));
		for (const [key, value] of Object.entries(n)) {
			if (key === 'parent' || key === 'metadata') continue;
			if (typeof value === 'object') visit(value, inStyleOrScript || skip);
		}
	};
	visit(ast.fragment);
	return out;
}

describe('the words of every page', () => {
	const files = ROOTS.flatMap(svelteFiles).sort();

	it('come from the message files, not from the markup', () => {
		const found = files
			.filter((file) => !NOT_YET.has(file))
			.flatMap((file) => bareTexts(readFileSync(file, 'utf8')).map((t) => `${file}: ${t}`));
		expect(found).toEqual([]);
	});

	it('finds a bare text, and leaves messages, names and codes alone', () => {
		expect(bareTexts('<p>Save changes</p>')).toEqual(['Save changes']);
		expect(bareTexts('<input placeholder="Type a name" />')).toEqual(['placeholder="Type a name"']);
		expect(bareTexts('<p>{m.save()}</p><span>PDF · CSV</span><b>Kaigi</b>')).toEqual([]);
		expect(bareTexts('<style>p { color: red; }</style><p>—</p><code>category</code>')).toEqual([]);
	});

	it('lists only files that exist and still hold bare text', () => {
		const done = [...NOT_YET].filter(
			(file) => !files.includes(file) || bareTexts(readFileSync(file, 'utf8')).length === 0
		);
		expect(done, 'take these off the list').toEqual([]);
	});
});
