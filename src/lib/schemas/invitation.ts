import { z } from 'zod';
import { email, NAME, oneLine, optionalText, OWN_SCRIPT, type FormatCharacters } from './fields.ts';
import { CATEGORIES } from '../domain/category.ts';

// One invitation, as typed into the "Invite someone" form or read from a CSV row.
// The delegation is named by its code (TH, ASEC, WHO…); the service resolves it for the event.

/** Optional one-line text: empty becomes undefined, line breaks are refused. */
const optionalLine = (max: number, label: string, options: FormatCharacters) =>
	optionalText(max, label, options).refine((v) => v === undefined || !/[\r\n]/.test(v), {
		message: `${label} must be on one line`
	});

export const invitationSchema = z.object({
	honorific: optionalLine(30, 'Honorific', NAME),
	givenName: optionalLine(100, 'Given name', NAME),
	familyName: oneLine(100, 'Family name', NAME),
	email,
	delegation: z
		.string({ error: 'Choose a delegation' })
		.transform((v) => v.trim())
		.pipe(z.string().min(1, 'Choose a delegation').max(120, 'Choose a delegation')),
	organisation: optionalLine(200, 'Organisation', OWN_SCRIPT),
	position: optionalLine(200, 'Position', OWN_SCRIPT),
	category: z.preprocess(
		(v) => (v === undefined || v === null || v === '' ? 'delegate' : v),
		z.enum(CATEGORIES, { error: 'Choose a category' })
	),
	personalMessage: optionalText(2000, 'Personal message')
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
	reason: optionalText(1000, 'Reason')
});
