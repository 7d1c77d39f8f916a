import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

// Every word a person reads comes from the message files (messages/*.json), so that it exists
// in every language Kaigi speaks: a page, component or layout that writes English straight into
// its markup — a text, or a title, placeholder, aria-label, alt or label attribute — fails here.
// Words that are the same in every language (Kaigi, PDF, CSV, QR) are not text to translate.
// A sentence in a string of a component's script or of an expression in its markup (a hint put
// together in code, "only if you answered …") fails too: codes and keys are single words.

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

// Two words or more with a lowercase one among them: "passport data", "only if you answered".
const PROSE = /\p{L}+[ \u00a0]+(?:\p{L}+[ \u00a0]+)*\p{Ll}{2,}/u;

/** A string of code that reads as words to a person rather than as a code. */
function prose(text: string): string | null {
	return PROSE.test(text) && words(text) ? text.trim().replace(/\s+/g, ' ') : null;
}

/** The bare texts of a component: its markup's texts, and sentences in strings of its code. */
export function bareTexts(source: string): string[] {
	const ast = parse(source, { modern: true }) as unknown as {
		fragment: Node;
		instance: Node | null;
		module: Node | null;
	};
	const out: string[] = [];
	const visit = (node: unknown, inStyleOrScript = false): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach((n) => visit(n, inStyleOrScript));
		const n = node as Node;
		if (n.type === 'Literal' && typeof n.value === 'string') {
			const sentence = prose(n.value);
			if (sentence) out.push(`'${sentence}'`);
			return;
		}
		if (n.type === 'TemplateElement') {
			const sentence = prose(String((n.value as { cooked?: string }).cooked ?? ''));
			if (sentence) out.push(`\`${sentence}\``);
			return;
		}
		if (n.type === 'Text' && !inStyleOrScript) {
			const bare = words(String(n.data));
			if (bare) out.push(bare);
			return;
		}
		if (n.type === 'StyleDirective') return;
		if (n.type === 'Attribute') {
			// A class list is code, however many words it has.
			if (n.name === 'class') return;
			const parts = (Array.isArray(n.value) ? n.value : [n.value]) as Node[];
			for (const part of parts) {
				if (part?.type !== 'Text') {
					visit(part, inStyleOrScript);
					continue;
				}
				const bare = READ_ATTRIBUTES.has(String(n.name)) && words(String(part.data));
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
	visit(ast.instance?.content);
	visit(ast.module?.content);
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
		expect(
			bareTexts(
				'<script>const hint = (a) => `only if you answered ${a}`; const kind = "passport";</script>' +
					'<p class={on ? "notice warn" : ""} title={x ?? "No such thing"}>{m.a()}</p>'
			)
		).toEqual(['"No such thing"'.replace(/"/g, "'"), '`only if you answered`']);
	});

	it('lists only files that exist and still hold bare text', () => {
		const done = [...NOT_YET].filter(
			(file) => !files.includes(file) || bareTexts(readFileSync(file, 'utf8')).length === 0
		);
		expect(done, 'take these off the list').toEqual([]);
	});
});
