import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What the server tells a person comes from the message files too: a refusal (DomainError, or
// SvelteKit's error() — a 403 page shows its sentence), a form's answer (formFail, refuse, a
// `message`, `notice`, `warning` or field error), a problem of an uploaded row, a label, hint,
// title or description handed to a page or a spreadsheet. A sentence written into the code there
// fails here, whatever its page.
// Official documents, logs and the operator's configuration errors are English by design and
// are not among these calls.

const ROOTS = ['src/lib/server', 'src/routes', 'src/lib/schemas', 'src/lib/domain'];
const SKIPPED = /\/(paraglide|seed)\//;
/** The operator's command-line tools speak English (README: Languages). */
const OPERATOR_TOOLS = new Set(['src/lib/server/privacy/key-rotation.service.ts']);
/** Calls whose string arguments a person reads. */
const READ_CALLS = /(^|\.)(formFail|refuse|fail|push|DomainError)$|^error$/;
/** Properties whose string values a person reads. */
const READ_PROPERTIES = new Set([
	'message',
	'notice',
	'warning',
	'error',
	'confirm',
	'reason',
	'description',
	'label',
	'hint',
	'title',
	'text',
	'heading'
]);
// Two words or more with a lowercase one among them.
const PROSE = /\p{L}+[ \u00a0]+(?:\p{L}+[ \u00a0]+)*\p{Ll}{2,}/u;

function tsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (SKIPPED.test(`${full}/`)) return [];
		if (statSync(full).isDirectory()) return tsFiles(full);
		return /\.ts$/.test(name) ? [full] : [];
	});
}

/** The sentences written into code where a person reads them. */
export function spokenLiterals(file: string, source: string): string[] {
	const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	// Sentences kept in a constant of the file (`const WRONG = '…'`) are read where it is used.
	const constants = new Map<string, ts.Node>();
	const collect = (node: ts.Node): void => {
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
			constants.set(node.name.text, node.initializer);
		ts.forEachChild(node, collect);
	};
	collect(tree);
	const sentence = (node: ts.Node): string | null => {
		if (ts.isIdentifier(node)) {
			const value = constants.get(node.text);
			return value && !ts.isIdentifier(value) ? sentence(value) : null;
		}
		if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
			return PROSE.test(node.text) ? node.text : null;
		if (ts.isTemplateExpression(node)) {
			const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
			return PROSE.test(text) ? text : null;
		}
		if (ts.isConditionalExpression(node))
			return sentence(node.whenTrue) ?? sentence(node.whenFalse);
		if (ts.isParenthesizedExpression(node)) return sentence(node.expression);
		return null;
	};
	const visit = (node: ts.Node): void => {
		if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
			const callee = node.expression.getText(tree);
			if (READ_CALLS.test(callee)) {
				for (const argument of node.arguments ?? []) {
					const text = sentence(argument);
					if (text) found.push(`${callee}(${JSON.stringify(text)})`);
				}
			}
		}
		// A field's error: any property of an `errors` object.
		const inErrors =
			ts.isPropertyAssignment(node) &&
			ts.isObjectLiteralExpression(node.parent) &&
			ts.isPropertyAssignment(node.parent.parent) &&
			node.parent.parent.name.getText(tree) === 'errors';
		if (
			ts.isPropertyAssignment(node) &&
			(inErrors || READ_PROPERTIES.has(node.name.getText(tree)))
		) {
			const text = sentence(node.initializer);
			if (text) found.push(`${node.name.getText(tree)}: ${JSON.stringify(text)}`);
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
	return found;
}

describe('what the server says to a person', () => {
	it('comes from the message files', () => {
		const found = ROOTS.flatMap(tsFiles)
			.filter((file) => !OPERATOR_TOOLS.has(file))
			.sort()
			.flatMap((file) =>
				spokenLiterals(file, readFileSync(file, 'utf8')).map((text) => `${file}: ${text}`)
			);
		expect(found).toEqual([]);
	});

	it('finds a sentence in a refusal, a form answer or a row problem, and leaves codes alone', () => {
		const source = `
			throw new DomainError('invalid', 'The e-mail address or password is not correct.');
			formFail(400, { errors: { confirm: 'Tick the box to confirm.', email: 'Enter an address.' } });
			problems.push(\`Duplicate: the same e-mail as row \${row}.\`);
			return { ok: true, message: n ? \`Reminder queued for \${n} people.\` : m.none() };
			throw new DomainError('not_found', m.err_no_event());
			log.warn('mail worker stopped', { reason: error.message });
			const status = { tone: 'warn', reason: 'Re-issued' };
			const WRONG = 'This code is not correct.';
			throw new DomainError('invalid', WRONG, 'code');
			const placeholder = { name: 'delegate.reference', description: 'Registration reference' };
			const sheet = { title: m.exp_sheet_invitations(), name: 'invitations-template' };
			if (!role) error(403, 'You are not on the staff of this event.');
			if (!found) error(404, m.err_no_event());
		`;
		expect(spokenLiterals('x.ts', source)).toEqual([
			'DomainError("The e-mail address or password is not correct.")',
			'confirm: "Tick the box to confirm."',
			'email: "Enter an address."',
			'problems.push("Duplicate: the same e-mail as row ….")',
			'message: "Reminder queued for … people."',
			'DomainError("This code is not correct.")',
			'description: "Registration reference"',
			'error("You are not on the staff of this event.")'
		]);
	});
});
