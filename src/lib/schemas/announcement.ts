import { z } from 'zod';
import { oneLine, text } from './fields.ts';
import { CATEGORIES } from '../domain/category.ts';

// An announcement and the registrants it goes to.

// `invited`: people invited who have not registered (invitation pending or sent).
export const ANNOUNCEMENT_STATUSES = ['confirmed', 'pending', 'waitlisted', 'invited'] as const;

/** Whether each copy begins with "Dear <name>,". */
export const GREETINGS = {
	dear: 'Begin each e-mail with “Dear <their name>,”',
	none: 'No greeting: the e-mail starts with what I wrote'
} as const;

const optionalId = z
	.string()
	.optional()
	.transform((v) => (v ? Number(v) : undefined))
	.pipe(z.number({ error: 'Choose from the list' }).int().positive().optional());

export const announcementSchema = z.object({
	subject: oneLine(200, 'Subject'),
	body: text(20_000, 'Message'),
	statuses: z
		.array(z.enum(ANNOUNCEMENT_STATUSES, { error: 'Choose from the list' }))
		.min(1, 'Choose at least one registration status'),
	delegationId: optionalId,
	category: z
		.string()
		.optional()
		.transform((v) => v || undefined)
		.pipe(z.enum(CATEGORIES, { error: 'Choose a category' }).optional()),
	visitId: optionalId,
	/** Those who gave an answer to one of the event's questions: "<question id>:<choice id | yes | no>". */
	answer: z
		.string()
		.optional()
		.transform((v) => v || undefined)
		.pipe(
			z
				.string()
				.regex(/^\d{1,15}:(yes|no|\d{1,15})$/, 'Choose an answer from the list')
				.optional()
		),
	greeting: z
		.string()
		.optional()
		.transform((v) => v || 'dear')
		.pipe(z.enum(['dear', 'none'], { error: 'Choose whether to begin with “Dear …”' })),
	/** An attachment already stored by the preview step. */
	fileId: optionalId
});

export type AnnouncementInput = z.infer<typeof announcementSchema>;
export type RecipientFilter = Pick<
	AnnouncementInput,
	'statuses' | 'delegationId' | 'category' | 'visitId' | 'answer'
>;
