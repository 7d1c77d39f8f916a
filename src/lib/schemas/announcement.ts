import { z } from 'zod';
import { oneLine, text } from './fields.ts';
import { CATEGORIES } from '../domain/category.ts';
import { m } from '../paraglide/messages.js';

// An announcement and the registrants it goes to.

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

export const announcementSchema = z.object({
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

export type AnnouncementInput = z.infer<typeof announcementSchema>;
export type RecipientFilter = Pick<
	AnnouncementInput,
	'statuses' | 'delegationId' | 'category' | 'visitId' | 'answer'
>;
