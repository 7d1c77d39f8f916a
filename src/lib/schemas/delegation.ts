import { z } from 'zod';
import { CATEGORIES } from '../domain/category.ts';
import { invitationSchema } from './invitation.ts';
import { m } from '../paraglide/messages.js';
import { email, NAME, oneLine, optionalOneLine, optionalText, OWN_SCRIPT } from './fields.ts';

// The forms of delegations run by focal points: the organizer's (focal points, quotas, the
// nomination deadline, letters) and the focal point's (nominate, substitute).

export const focalPointSchema = z.object({
	name: oneLine(200, m.label_name, NAME),
	email,
	organisation: optionalOneLine(200, m.reg_organisation, OWN_SCRIPT),
	phone: optionalOneLine(40, m.reg_phone_short)
});
export type FocalPointInput = z.infer<typeof focalPointSchema>;

/** A quota: empty (no limit) or a whole number 0–999. */
const quota = z
	.string()
	.optional()
	.transform((v) => (v ?? '').trim())
	.pipe(z.string().regex(/^(\d{1,3})?$/, { error: () => m.dlg_err_quota() }))
	.transform((v) => (v === '' ? null : Number(v)));

/** A quota per category of one delegation. */
export const categoryQuotasSchema = z.object({
	head_of_delegation: quota,
	delegate: quota,
	observer: quota,
	resource_person: quota,
	secretariat: quota,
	press: quota
});
export type CategoryQuotas = Record<(typeof CATEGORIES)[number], number | null>;

/** The nomination deadline, as typed in the event's zone ('YYYY-MM-DDTHH:MM'), and the reminder. */
export const nominationSettingsSchema = z.object({
	deadline: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(
			z
				.string()
				.regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, { error: () => m.dlg_err_deadline_format() })
		),
	reminderDays: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(z.string().regex(/^([1-9]|[1-5]\d|60)?$/, { error: () => m.dlg_err_reminder_days() }))
		.transform((v) => (v === '' ? null : Number(v))),
	endorsement: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'yes')
});

/** A nomination by a focal point: the invitation's fields, its delegation fixed by the page. */
export const nominationSchema = invitationSchema
	.pick({
		honorific: true,
		givenName: true,
		familyName: true,
		email: true,
		organisation: true,
		position: true
	})
	.extend({
		category: z.enum(CATEGORIES, { error: () => m.dlg_err_choose_category() })
	});
export type NominationInput = z.infer<typeof nominationSchema>;

/** A replacement for a nominee: the same seat and category, another person. */
export const substitutionSchema = nominationSchema.omit({ category: true }).extend({
	note: optionalText(500, m.dlg_note)
});
export type SubstitutionInput = z.infer<typeof substitutionSchema>;

export const letterDecisionSchema = z.discriminatedUnion('decision', [
	z.object({ decision: z.literal('verified') }),
	z.object({
		decision: z.literal('rejected'),
		reason: oneLine(500, m.dlg_reason)
	})
]);

export const callSchema = z.object({
	message: optionalText(2000, m.dlg_message)
});

/** The focal point's answer on an official's registration: a reason is needed to decline. */
export const endorsementSchema = z
	.object({
		id: z.coerce
			.number({ error: () => m.dlg_err_unknown_registration() })
			.int()
			.positive()
			.max(2 ** 53),
		decision: z.enum(['endorse', 'decline'], { error: () => m.dlg_err_endorse_or_decline() }),
		reason: optionalText(1000, m.dlg_reason)
	})
	.refine((v) => v.decision === 'endorse' || Boolean(v.reason), {
		error: () => m.dlg_err_decline_reason(),
		path: ['reason']
	});
