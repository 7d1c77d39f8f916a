import { z } from 'zod';

// What the check-in desk posts: the search box, or a registration picked from a list.

/** The search box: a name, a reference or a scanned code. */
export const checkinQuerySchema = z.object({
	q: z
		.string()
		.optional()
		// Control characters (a scanner's stray NUL or tab) are dropped: they never name anyone.
		.transform((v) =>
			(v ?? '')
				// eslint-disable-next-line no-control-regex
				.replace(/[\u0000-\u001f\u007f]/g, ' ')
				.normalize('NFC')
				.trim()
				.slice(0, 200)
		)
});

/** A registration chosen on the page, with the search to come back to. */
export const checkinChoiceSchema = checkinQuerySchema.extend({
	registrationId: z.coerce.number().int().positive()
});
