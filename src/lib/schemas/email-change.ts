import { z } from 'zod';
import { email } from './fields.ts';

// A delegate's new e-mail address, typed twice against typos. Browser-importable.

export const emailChangeSchema = z
	.object({
		newEmail: email,
		newEmailConfirmation: z.string().optional()
	})
	.superRefine((v, ctx) => {
		const typed = (v.newEmailConfirmation ?? '').trim().toLowerCase();
		if (!typed) {
			ctx.addIssue({
				code: 'custom',
				path: ['newEmailConfirmation'],
				message: 'Type the new address again to confirm it'
			});
		} else if (typed !== v.newEmail) {
			ctx.addIssue({
				code: 'custom',
				path: ['newEmailConfirmation'],
				message: 'The two addresses differ: check both for a typo'
			});
		}
	});
