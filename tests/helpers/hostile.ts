import fc from 'fast-check';
import { expect } from 'vitest';
import {
	NAME,
	normaliseText,
	OWN_SCRIPT,
	withoutFormatCharacters,
	type FormatCharacters
} from '../../src/lib/schemas/fields.ts';

// Hostile input for property-based tests (issue 10): strings people paste, attackers send and
// keyboards produce, and a way to read what a load or action driven in-process (request-event.ts)
// gave back (a failure, a redirect, an HTTP error, or a crash that would be a 500).

/** Strings known to break naive code: controls, CR/LF, RTL, emoji, HTML, SQL, odd numbers. */
export const NASTY = [
	'',
	' ',
	' \t \u00a0 ',
	'\u0000',
	'a\u0000b',
	'bell\u0007',
	'\u001b[31mred\u001b[0m',
	'del\u007f',
	'Minister\r\nBcc: victim@example.org',
	'two\nlines',
	'\r',
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'<b>bold</b> & <i>amp</i>',
	"'; DROP TABLE users; --",
	"' OR '1'='1",
	'Robert"); DELETE FROM registrations; --',
	'%00%0d%0a',
	'\\',
	'${7*7}{{7*7}}',
	'\u202Egnp.exe',
	'مرحبا بالعالم',
	'שלום עולם',
	'\u200f\u200e\u200b\u2060',
	'\ufeffbom',
	'😀',
	'👨‍👩‍👧‍👦 🇯🇵 🏳️‍🌈',
	'Nguye\u0302\u0303n Thi\u0323', // NFD: must be stored as NFC
	'ﬁ Å Ａ ǅ',
	'ไทย ខ្មែរ မြန်မာ 日本語',
	'\ud800 lone surrogate',
	'null',
	'undefined',
	'NaN',
	'-1',
	'0',
	'1e309',
	'99999999999999999999',
	'2147483648',
	'9007199254740991',
	'1.5',
	' 7 ',
	'__proto__',
	'constructor',
	'x'.repeat(257),
	'nul\u0000@example.org',
	'bell\u0007@example.org',
	'Name@Example.ORG ',
	'rtl\u202e@example.org',
	'a@example.org\r\nBcc: victim@example.org',
	'ü@exämple.org',
	'"quoted"@example.org',
	`${'a'.repeat(250)}@example.org`,
	'+66 2 123 4567',
	'=HYPERLINK("http://evil.example")',
	'2027-02-30',
	'2027-02-15T25:99',
	'123456789012345678901234567890',
	'é'.repeat(2001),
	'💥'.repeat(5000)
];

/** One hostile string: a known-nasty one, random Unicode, a long one, or a mix. */
export function hostileString(): fc.Arbitrary<string> {
	const nasty = fc.constantFrom(...NASTY);
	return fc.oneof(
		{ weight: 4, arbitrary: nasty },
		{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
		{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
		{ weight: 1, arbitrary: fc.string({ minLength: 150, maxLength: 25_000 }) },
		{
			weight: 2,
			arbitrary: fc
				.array(fc.oneof(nasty, fc.string({ unit: 'grapheme-ascii', maxLength: 12 })), {
					minLength: 2,
					maxLength: 5
				})
				.map((parts) => parts.join(''))
		}
	);
}

/** Runs per property: enough to find the usual breakage, and still fast (HOSTILE_RUNS=500 to hunt). */
export const RUNS = { numRuns: Number(process.env.HOSTILE_RUNS ?? 40) };

/**
 * What reaches the server when a browser submits `typed` (UTF-8 cannot carry a lone
 * surrogate), after the documented trimming and NFC normalisation — and, for a name, without
 * invisible format characters (`options` as the field's schema says).
 */
export function asStored(typed: string, options: FormatCharacters = {}): string {
	return normaliseText(withoutFormatCharacters(typed.toWellFormed(), options));
}

/** The registration form's names, which lose invisible format characters (fields.ts). */
export const REGISTRATION_NAMES: Record<string, FormatCharacters> = {
	honorific: NAME,
	givenName: NAME,
	familyName: NAME,
	badgeName: NAME,
	nativeName: OWN_SCRIPT,
	position: OWN_SCRIPT,
	organisation: OWN_SCRIPT
};

/** What a browser's multipart form sends for `typed`: well-formed, line breaks as CRLF. */
export function asSent(typed: string): string {
	return typed.toWellFormed().replace(/\r\n|\r|\n/g, '\r\n');
}

export type Outcome = {
	/** 200 for data or a fail()'s status, 3xx for a redirect, 4xx/5xx for error(). */
	status: number;
	kind: 'data' | 'fail' | 'redirect' | 'error';
	data?: Record<string, unknown>;
	location?: string;
	message?: string;
};

/**
 * Runs a load or action and says what the person would get. Anything that is not a SvelteKit
 * answer (a thrown Error) is what the app would turn into a 500: it is returned as one, with
 * the error, so a property fails with the input that caused it.
 */
export async function outcome(run: () => unknown): Promise<Outcome & { crash?: unknown }> {
	try {
		const value = (await run()) as Record<string, unknown> | undefined;
		if (value && typeof value === 'object' && value.constructor?.name === 'ActionFailure') {
			const failure = value as unknown as { status: number; data: Record<string, unknown> };
			return { status: failure.status, kind: 'fail', data: failure.data };
		}
		return { status: 200, kind: 'data', data: value ?? undefined };
	} catch (error) {
		const e = error as {
			status?: number;
			location?: string;
			body?: { message?: string };
			name?: string;
			message?: string;
		};
		if (typeof e?.status === 'number' && typeof e.location === 'string') {
			return { status: e.status, kind: 'redirect', location: e.location };
		}
		if (typeof e?.status === 'number' && e.body) {
			return { status: e.status, kind: 'error', message: e.body.message };
		}
		// SvelteKit's own errors (an unsupported content type, an unknown action) carry a status.
		if (typeof e?.status === 'number' && e.name === 'SvelteKitError') {
			return { status: e.status, kind: 'error', message: e.message };
		}
		return { status: 500, kind: 'error', crash: error };
	}
}

/** The first message a failure shows (a field's, the form's, or a named error's), if any. */
export function failureMessage(result: Outcome): string | undefined {
	const data = result.data ?? {};
	const errors = (data.errors ?? {}) as Record<string, unknown>;
	const fieldMessage = Object.values(errors).find((m) => typeof m === 'string' && m.length > 0);
	// Pages name their messages: message, cancelError, feedError, or { erase: { error } }…
	// (What was typed comes back under `values`: never a message.)
	const nested = Object.entries(data).flatMap(([key, v]) =>
		key !== 'values' && v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : []
	);
	const named = [...Object.entries(data), ...nested]
		.filter(([key]) => /^(message|error)$|Error$/.test(key))
		.map(([, v]) => v);
	const message = [...named, fieldMessage, result.message].find(
		(m) => typeof m === 'string' && m.length > 0
	);
	return message as string | undefined;
}

/** Never a 5xx; a refusal is a 4xx with a sentence for the person who typed it. */
export function expectNoCrash(result: Outcome & { crash?: unknown }, input: unknown): void {
	if (result.crash) {
		const e = result.crash as Error;
		throw new Error(`500 for input ${JSON.stringify(input)}: ${e?.stack ?? e}`);
	}
	expect(result.status, `status for ${JSON.stringify(input)}`).toBeLessThan(500);
}

/** A refusal: 4xx with a clear message (not an empty error). */
export function expectClearRefusal(result: Outcome, input: unknown): void {
	expect(result.status, `status for ${JSON.stringify(input)}`).toBeGreaterThanOrEqual(400);
	expect(result.status).toBeLessThan(500);
	const message = failureMessage(result);
	expect(message, `a message for ${JSON.stringify(input)}`).toBeTruthy();
	expect(message!.length).toBeGreaterThan(8);
}

/** True when the action accepted the input (data or a redirect that is not to a sign-in page). */
export function accepted(result: Outcome): boolean {
	if (result.kind === 'data') return true;
	return (
		result.kind === 'redirect' &&
		!result.location!.startsWith('/login?next=') &&
		!result.location!.startsWith('/signin?next=')
	);
}
