import { z } from 'zod';
import { m } from '../paraglide/messages.js';

// Field shapes shared by forms, actions, CSV import and config. Their messages are written when
// a value is refused, in the language of that moment (the request's, or the page's in the
// browser): a schema is built once and serves every language.

/** What a field is called in its messages: a fixed text, or a message in the current language. */
export type Label = string | (() => string);
const say = (label: Label): string => (typeof label === 'string' ? label : label());

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

// Invisible format characters (Unicode Cf: a right-to-left override U+202E, a zero-width space
// U+200B, a BOM…) print on badges and official lists, where they reorder or hide what a name
// says. Text that is printed as a name loses them; the zero-width joiner and non-joiner are
// part of the spelling in some scripts and are kept where a person writes in their own script.
const FORMAT = /\p{Cf}/gu;
const FORMAT_BUT_JOINERS = /[^\P{Cf}\u200c\u200d]/gu;

/** What a field does with invisible format characters: keep them (default), or remove them. */
export type FormatCharacters = { format?: 'keep' | 'strip' | 'strip-but-joiners' };

/** Removes invisible format characters as `options` says (see above). */
export function withoutFormatCharacters(value: string, options: FormatCharacters = {}): string {
	if (options.format === 'strip') return value.replace(FORMAT, '');
	if (options.format === 'strip-but-joiners') return value.replace(FORMAT_BUT_JOINERS, '');
	return value;
}

/** Trims and normalises text (normaliseText); refuses control characters. */
export const text = (max: number, label: Label, options: FormatCharacters = {}) =>
	z
		.string({ error: () => m.field_required({ label: say(label) }) })
		.transform((v) => normaliseText(withoutFormatCharacters(v, options)))
		.pipe(
			z
				.string()
				.min(1, { error: () => m.field_required({ label: say(label) }) })
				.max(max, { error: () => m.field_too_long({ label: say(label), max }) })
				.refine((v) => !CONTROL.test(v), {
					error: () => m.field_bad_characters({ label: say(label) })
				})
		);

/** Like text(), but empty becomes undefined. */
export const optionalText = (max: number, label: Label, options: FormatCharacters = {}) =>
	z
		.string()
		.optional()
		.transform((v) =>
			v === undefined ? undefined : normaliseText(withoutFormatCharacters(v, options)) || undefined
		)
		.pipe(
			z
				.string()
				.max(max, { error: () => m.field_too_long({ label: say(label), max }) })
				.refine((v) => !CONTROL.test(v), {
					error: () => m.field_bad_characters({ label: say(label) })
				})
				.optional()
		);

/** One line: no CR or LF (these values can end up in mail headers). */
export const oneLine = (max: number, label: Label, options: FormatCharacters = {}) =>
	text(max, label, options).refine((v) => !/[\r\n]/.test(v), {
		error: () => m.field_one_line({ label: say(label) })
	});

/** Like oneLine(), but empty becomes undefined. */
export const optionalOneLine = (max: number, label: Label, options: FormatCharacters = {}) =>
	optionalText(max, label, options).refine((v) => v === undefined || !/[\r\n]/.test(v), {
		error: () => m.field_one_line({ label: say(label) })
	});

// A name as printed in a passport (ICAO Doc 9303): Latin letters, accents included ("Nguyễn
// Thị", "Łukasz"), spaces, hyphens, apostrophes and full stops. Visas, flights and hotels are
// booked with it; a name in another script has a field of its own. Compatibility forms
// (full-width "Ａ", the ligature "ﬁ") are refused: they are not what the passport prints.
const PASSPORT_NAME = /^(?=.*\p{L})[\p{Script=Latin}[\p{Script=Inherited}&&\p{M}] '’.\-]+$/v;

const passportMessage = (label: Label) => ({
	error: () => {
		const name = say(label);
		return m.field_passport_name({
			label: /^[A-Z]/.test(name) ? name.toLocaleLowerCase('en') : name
		});
	}
});

/** A name printed on badges and lists: no invisible format characters at all. */
export const NAME: FormatCharacters = { format: 'strip' };
/** A name in the person's own script (or text printed beside names): joiners kept. */
export const OWN_SCRIPT: FormatCharacters = { format: 'strip-but-joiners' };

/** A one-line name as in a passport (ICAO 9303 Latin letters); `label` names it in errors. */
export const passportName = (max: number, label: Label) =>
	oneLine(max, label, NAME).refine(
		(v) => PASSPORT_NAME.test(v) && v === v.normalize('NFKC'),
		passportMessage(label)
	);

/** Like passportName(), but empty becomes undefined. */
export const optionalPassportName = (max: number, label: Label) =>
	optionalOneLine(max, label, NAME).refine(
		(v) => v === undefined || (PASSPORT_NAME.test(v) && v === v.normalize('NFKC')),
		passportMessage(label)
	);

export const email = z
	.string({ error: () => m.field_email_required() })
	.transform((v) => v.trim().toLowerCase())
	.pipe(
		z
			.string()
			.min(1, { error: () => m.field_email_required() })
			.max(254, { error: () => m.field_email_too_long() })
			.regex(
				// No spaces, controls (a NUL cannot even be stored) or address syntax characters.
				// eslint-disable-next-line no-control-regex
				/^[^\s\u0000-\u001f\u007f@<>()[\]\\,;:"]+@[^\s\u0000-\u001f\u007f@<>()[\]\\,;:"]+\.[^\s\u0000-\u001f\u007f@<>()[\]\\,;:"]{2,}$/,
				{ error: () => m.field_email_invalid() }
			)
			// Invisible format characters (a right-to-left override…) would disguise an address.
			.refine((v) => !/\p{Cf}/u.test(v), { error: () => m.field_email_invalid() })
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
