import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The core terms of a registration live in src/lib/domain, once. This scans the rest of src/
// for the shapes a copy takes (a label table, a name formatter, a hand-built reference, a seat
// or window test) and names the file and line of each, so a new copy fails here.

const ROOT = join(import.meta.dirname, '../../src');
const DOMAIN = 'lib/domain/';
// Compiled from messages/*.json, where translations of these terms belong.
const MESSAGES = 'lib/paraglide/';

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(ts|svelte|js)$/.test(entry.name) ? [path] : [];
	});
}

const FILES = sourceFiles(ROOT)
	.map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }))
	.filter((f) => !f.path.startsWith(DOMAIN) && !f.path.startsWith(MESSAGES));

/** "lib/x.ts:12: the line" for every line matching the pattern, outside the domain core. */
function copiesOf(pattern: RegExp): string[] {
	return FILES.flatMap(({ path, text }) =>
		text
			.split('\n')
			.flatMap((line, i) => (pattern.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : []))
	);
}

/** The files whose whole text matches, for copies spread over several lines. */
function filesWith(pattern: RegExp): string[] {
	return FILES.filter(({ text }) => pattern.test(text)).map((f) => f.path);
}

// A label written as a string or as the text of an element: 'Head of delegation', >Vegetarian<.
const quoted = (words: string[]) => new RegExp(`['"\`>](?:${words.join('|')})['"\`<]`);

describe('the domain core is the one home of each term', () => {
	it('finds the files it scans', () => {
		expect(FILES.length).toBeGreaterThan(100);
		expect(FILES.some((f) => f.path.startsWith('routes/'))).toBe(true);
	});

	it('writes registration statuses only in domain/registration-status.ts', () => {
		const labels = quoted([
			'Pending',
			'Pending approval',
			'Pending review',
			'Awaiting approval',
			'Wait-listed',
			'Waitlisted'
		]);
		expect(copiesOf(labels)).toEqual([]);
		expect(filesWith(/['"]pending['"],\s*['"]confirmed['"],\s*['"]waitlisted['"]/)).toEqual([]);
		// A table from status to words: { pending: 'Pending', waitlisted: '…' }.
		expect(copiesOf(/\b(?:pending|waitlisted):\s*['"`]/)).toEqual([]);
	});

	it('writes categories only in domain/category.ts', () => {
		const labels = quoted([
			'Head of delegation',
			'Heads of delegation',
			'Resource person',
			'Resource persons',
			'Observers'
		]);
		expect(copiesOf(labels)).toEqual([]);
		expect(copiesOf(/\b(?:head_of_delegation|resource_person):\s*['"`][A-Za-z]/)).toEqual([]);
		// The list of codes itself, on one line or several.
		expect(filesWith(/['"]head_of_delegation['"],\s*['"]delegate['"],\s*['"]observer['"]/)).toEqual(
			[]
		);
	});

	it('writes dietary requirements only in domain/dietary.ts', () => {
		const labels = quoted(['Vegetarian', 'Vegan', 'Halal', 'Kosher', 'No special requirement']);
		expect(copiesOf(labels)).toEqual([]);
		expect(copiesOf(/\b(?:vegetarian|halal):\s*['"`]/)).toEqual([]);
		expect(filesWith(/['"]none['"],\s*['"]vegetarian['"]/)).toEqual([]);
	});

	it('formats person names only in domain/person-name.ts', () => {
		// [honorific, given_name, family_name].filter(Boolean).join(' '), in either order.
		const joined =
			/\[[^\]]*(?:given_?[nN]ame|\.given)\b[^\]]*(?:family_?[nN]ame|\.family)\b[^\]]*\]\s*\.filter/;
		const reversed =
			/\[[^\]]*(?:family_?[nN]ame|\.family)\b[^\]]*(?:given_?[nN]ame|\.given)\b[^\]]*\]\s*\.filter/;
		expect(copiesOf(joined)).toEqual([]);
		expect(copiesOf(reversed)).toEqual([]);
		// `${given_name} ${family_name}` and a family name put in capitals by hand.
		expect(copiesOf(/\$\{[^}]*given_?[nN]ame[^}]*\}\s*\$\{[^}]*family_?[nN]ame/)).toEqual([]);
		expect(copiesOf(/family_?[nN]ame[^;]*\.to(?:Locale)?UpperCase\(/)).toEqual([]);
		// A formatter under another name.
		expect(
			copiesOf(
				/function\s+(?:participantName|personName|fullName|formalName|listName|addressName|badgeName)\b/
			)
		).toEqual([]);
	});

	it('builds references only in domain/reference.ts', () => {
		expect(copiesOf(/padStart\(3,\s*['"]0['"]\)/)).toEqual([]);
		expect(copiesOf(/\[A-Z0-9\]\{2,12\}-\[A-Z0-9\]\{2,10\}/)).toEqual([]);
	});

	it('tests seats and the registration window only in domain/room.ts and registration-window.ts', () => {
		// seats_taken < capacity, seats_taken >= quota …
		expect(copiesOf(/seats_taken\s*(?:<|>=)\s*[\w.]*(?:capacity|quota)\b/)).toEqual([]);
		expect(copiesOf(/(?:capacity|quota)\s*(?:>|<=)\s*[\w.]*seats_taken\b/)).toEqual([]);
		// at < registration_opens_at, at >= registration_closes_at …
		expect(
			copiesOf(/\b(?:at|now\(\))\s*(?:<|>=)\s*[\w.]*registration_(?:opens|closes)_at\b/)
		).toEqual([]);
	});

	it('has no leftover modules that held copies', () => {
		const gone = ['lib/names.ts', 'lib/participant-name.ts', 'lib/registration-status.ts'];
		expect(FILES.map((f) => f.path).filter((p) => gone.includes(p))).toEqual([]);
	});
});
