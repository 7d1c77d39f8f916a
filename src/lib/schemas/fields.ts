import { z } from 'zod';

// Field shapes shared by forms, actions, CSV import and config.

// C0 control characters other than tab, LF and CR, and DEL: never meaningful in a form field.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * The documented normalisation of typed text: NFC (so "Nguyễn" typed on any keyboard is stored
 * one way), line breaks as LF (browsers send CRLF in multipart forms, LF elsewhere), trimmed.
 */
export function normaliseText(value: string): string {
	return value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/** Trims and normalises text (normaliseText); refuses control characters. */
export const text = (max: number, label: string) =>
	z
		.string({ error: `${label} is required` })
		.transform(normaliseText)
		.pipe(
			z
				.string()
				.min(1, `${label} is required`)
				.max(max, `${label} must be at most ${max} characters`)
				.refine((v) => !CONTROL.test(v), {
					message: `${label} contains characters that cannot be used`
				})
		);

/** Like text(), but empty becomes undefined. */
export const optionalText = (max: number, label: string) =>
	z
		.string()
		.optional()
		.transform((v) => (v === undefined ? undefined : normaliseText(v) || undefined))
		.pipe(
			z
				.string()
				.max(max, `${label} must be at most ${max} characters`)
				.refine((v) => !CONTROL.test(v), {
					message: `${label} contains characters that cannot be used`
				})
				.optional()
		);

/** One line: no CR or LF (these values can end up in mail headers). */
export const oneLine = (max: number, label: string) =>
	text(max, label).refine((v) => !/[\r\n]/.test(v), `${label} must be on one line`);

/** Like oneLine(), but empty becomes undefined. */
export const optionalOneLine = (max: number, label: string) =>
	optionalText(max, label).refine(
		(v) => v === undefined || !/[\r\n]/.test(v),
		`${label} must be on one line`
	);

// A name as printed in a passport (ICAO Doc 9303): Latin letters, accents included ("Nguyễn
// Thị", "Łukasz"), spaces, hyphens, apostrophes and full stops. Visas, flights and hotels are
// booked with it; a name in another script has a field of its own. Compatibility forms
// (full-width "Ａ", the ligature "ﬁ") are refused: they are not what the passport prints.
const PASSPORT_NAME = /^(?=.*\p{L})[\p{Script=Latin}[\p{Script=Inherited}&&\p{M}] '’.\-]+$/v;

const passportMessage = (label: string) =>
	`Write your ${label.toLocaleLowerCase('en')} in Latin letters, as in your passport ` +
	'(accents such as ễ or ł are fine); your name in your own script has its own field';

/** A one-line name as in a passport (ICAO 9303 Latin letters); `label` names it in errors. */
export const passportName = (max: number, label: string) =>
	oneLine(max, label).refine(
		(v) => PASSPORT_NAME.test(v) && v === v.normalize('NFKC'),
		passportMessage(label)
	);

/** Like passportName(), but empty becomes undefined. */
export const optionalPassportName = (max: number, label: string) =>
	optionalOneLine(max, label).refine(
		(v) => v === undefined || (PASSPORT_NAME.test(v) && v === v.normalize('NFKC')),
		passportMessage(label)
	);

export const email = z
	.string({ error: 'E-mail is required' })
	.transform((v) => v.trim().toLowerCase())
	.pipe(
		z
			.string()
			.min(1, 'E-mail is required')
			.max(254, 'E-mail must be at most 254 characters')
			.regex(
				// No spaces, controls (a NUL cannot even be stored) or address syntax characters.
				// eslint-disable-next-line no-control-regex
				/^[^\s\u0000-\u001f\u007f@<>()[\]\\,;:"]+@[^\s\u0000-\u001f\u007f@<>()[\]\\,;:"]+\.[^\s\u0000-\u001f\u007f@<>()[\]\\,;:"]{2,}$/,
				'Enter an e-mail address like name@ministry.go.jp'
			)
			// Invisible format characters (a right-to-left override…) would disguise an address.
			.refine((v) => !/\p{Cf}/u.test(v), 'Enter an e-mail address like name@ministry.go.jp')
	);

/** Turns zod issues into one message per field, for `fail(400, { errors })`. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = issue.path.join('.') || 'form';
		errors[key] ??= issue.message;
	}
	return errors;
}
