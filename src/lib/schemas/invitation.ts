import { z } from 'zod';
import {
	email,
	NAME,
	oneLine,
	optionalText,
	OWN_SCRIPT,
	type FormatCharacters,
	type Label
} from './fields.ts';
import { m } from '../paraglide/messages.js';
import { CATEGORIES } from '../domain/category.ts';

// One invitation, as typed into the "Invite someone" form or read from a CSV row.
// The delegation is named by its code (TH, ASEC, WHO…); the service resolves it for the event.

/** Optional one-line text: empty becomes undefined, line breaks are refused. */
const optionalLine = (max: number, label: Label, options: FormatCharacters) =>
	optionalText(max, label, options).refine((v) => v === undefined || !/[\r\n]/.test(v), {
		error: () => m.field_one_line({ label: typeof label === 'string' ? label : label() })
	});

export const invitationSchema = z.object({
	honorific: optionalLine(30, m.inv_s_honorific, NAME),
	givenName: optionalLine(100, m.inv_s_given_name, NAME),
	familyName: oneLine(100, m.inv_s_family_name, NAME),
	email,
	delegation: z
		.string({ error: () => m.inv_s_choose_delegation() })
		.transform((v) => v.trim())
		.pipe(
			z
				.string()
				.min(1, { error: () => m.inv_s_choose_delegation() })
				.max(120, { error: () => m.inv_s_choose_delegation() })
		),
	organisation: optionalLine(200, m.inv_s_organisation, OWN_SCRIPT),
	position: optionalLine(200, m.inv_s_position, OWN_SCRIPT),
	category: z.preprocess(
		(v) => (v === undefined || v === null || v === '' ? 'delegate' : v),
		z.enum(CATEGORIES, { error: () => m.inv_s_choose_category() })
	),
	personalMessage: optionalText(2000, m.inv_s_personal_message)
});

export type InvitationInput = z.infer<typeof invitationSchema>;

/** The CSV columns, in the template's order, and the form field each one fills. */
export const CSV_COLUMNS = [
	['honorific', 'honorific'],
	['given_name', 'givenName'],
	['family_name', 'familyName'],
	['email', 'email'],
	['delegation', 'delegation'],
	['organisation', 'organisation'],
	['position', 'position'],
	['category', 'category'],
	['personal_message', 'personalMessage']
] as const satisfies ReadonlyArray<readonly [string, keyof InvitationInput]>;

export const REQUIRED_CSV_COLUMNS = ['family_name', 'email', 'delegation'] as const;

export const declineSchema = z.object({
	reason: optionalText(1000, m.inv_s_reason)
});
