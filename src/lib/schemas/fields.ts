import { z } from 'zod';

// Field shapes shared by forms, actions, CSV import and config.

// C0 control characters other than tab, LF and CR, and DEL: never meaningful in a form field.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Trims and NFC-normalises text, so "Nguyễn" typed on any keyboard is stored one way. */
export const text = (max: number, label: string) =>
	z
		.string({ error: `${label} is required` })
		.transform((v) => v.normalize('NFC').trim())
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
		.transform((v) => v?.normalize('NFC').trim() || undefined)
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

export const email = z
	.string({ error: 'E-mail is required' })
	.transform((v) => v.trim().toLowerCase())
	.pipe(
		z
			.string()
			.min(1, 'E-mail is required')
			.max(254, 'E-mail must be at most 254 characters')
			.regex(
				/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/,
				'Enter an e-mail address like name@ministry.go.jp'
			)
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
