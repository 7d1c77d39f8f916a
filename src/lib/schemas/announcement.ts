import { z } from 'zod';
import { oneLine, optionalOneLine, optionalText, text } from './fields.ts';
import { CATEGORIES } from '../domain/category.ts';
import type { Translations } from '../domain/translations.ts';
import { baseLocale, languageName, locales } from '../i18n/locales.ts';
import { m } from '../paraglide/messages.js';

// An announcement and the registrants it goes to. Its subject and message are written in
// English, and may be written in each other language too ("ja.subject", "ja.body"): a person
// who registered in that language reads that version, anyone else the English one.

// `invited`: people invited who have not registered (invitation pending or sent).
export const ANNOUNCEMENT_STATUSES = ['confirmed', 'pending', 'waitlisted', 'invited'] as const;

/** Whether each copy begins with "Dear <name>,": each choice's words in the page's language. */
export const GREETINGS = {
	dear: () => m.ann_greeting_dear(),
	none: () => m.ann_greeting_none()
} as const;

const optionalId = z
	.string()
	.optional()
	.transform((v) => (v ? Number(v) : undefined))
	.pipe(
		z
			.number({ error: () => m.ann_error_choose_from_list() })
			.int()
			.positive()
			.optional()
	);

/** The languages an announcement may also be written in: every one but English. */
export const ANNOUNCEMENT_LANGUAGES = locales.filter((locale) => locale !== baseLocale);

type TextKey = `${string}.subject` | `${string}.body`;

/** A field per other language and text, with the limits of the English ones. */
const otherLanguages = Object.fromEntries(
	ANNOUNCEMENT_LANGUAGES.flatMap((locale) => {
		const language = languageName(locale);
		return [
			[`${locale}.subject`, optionalOneLine(200, () => m.ann_subject_in({ language }))],
			[`${locale}.body`, optionalText(20_000, () => m.ann_message_in({ language }))]
		];
	})
) as Record<TextKey, ReturnType<typeof optionalText>>;

const english = z.object({
	subject: oneLine(200, () => m.ann_subject()),
	body: text(20_000, () => m.ann_message()),
	statuses: z
		.array(z.enum(ANNOUNCEMENT_STATUSES, { error: () => m.ann_error_choose_from_list() }))
		.min(1, { error: () => m.ann_error_statuses() }),
	delegationId: optionalId,
	category: z
		.string()
		.optional()
		.transform((v) => v || undefined)
		.pipe(z.enum(CATEGORIES, { error: () => m.ann_error_category() }).optional()),
	visitId: optionalId,
	/** Those who gave an answer to one of the event's questions: "<question id>:<choice id | yes | no>". */
	answer: z
		.string()
		.optional()
		.transform((v) => v || undefined)
		.pipe(
			z
				.string()
				.regex(/^\d{1,15}:(yes|no|\d{1,15})$/, { error: () => m.ann_error_answer() })
				.optional()
		),
	greeting: z
		.string()
		.optional()
		.transform((v) => v || 'dear')
		.pipe(z.enum(['dear', 'none'], { error: () => m.ann_error_greeting() })),
	/** An attachment already stored by the preview step. */
	fileId: optionalId
});

type English = z.output<typeof english>;

export const announcementSchema = english
	.extend(otherLanguages)
	.superRefine((values, ctx) => {
		// A version in another language has both its subject and its message, or neither.
		for (const locale of ANNOUNCEMENT_LANGUAGES) {
			const subject = values[`${locale}.subject`];
			const body = values[`${locale}.body`];
			if (Boolean(subject) === Boolean(body)) continue;
			const language = languageName(locale);
			ctx.addIssue({
				code: 'custom',
				path: [subject ? `${locale}.body` : `${locale}.subject`],
				message: subject
					? m.ann_error_body_in_missing({ language })
					: m.ann_error_subject_in_missing({ language })
			});
		}
	})
	.transform((values): English & { translations?: Translations } => {
		const translations: Translations = {};
		const out: Record<string, unknown> = { ...values };
		for (const locale of ANNOUNCEMENT_LANGUAGES) {
			const subject = values[`${locale}.subject`];
			const body = values[`${locale}.body`];
			delete out[`${locale}.subject`];
			delete out[`${locale}.body`];
			if (subject && body) translations[locale] = { subject, body };
		}
		return { ...(out as English), translations };
	});

/** An announcement as sent: `translations` holds its subject and message in other languages. */
export type AnnouncementInput = z.output<typeof announcementSchema>;
export type RecipientFilter = Pick<
	AnnouncementInput,
	'statuses' | 'delegationId' | 'category' | 'visitId' | 'answer'
>;
