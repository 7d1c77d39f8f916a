import { z } from 'zod';
import { email } from './fields.ts';
import { m } from '../paraglide/messages.js';

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
				message: m.email_change_confirm()
			});
		} else if (typed !== v.newEmail) {
			ctx.addIssue({
				code: 'custom',
				path: ['newEmailConfirmation'],
				message: m.email_change_differ()
			});
		}
	});
