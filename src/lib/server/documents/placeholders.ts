import type { DocumentKind } from '../db/schema.ts';

// The placeholders a document template may use, one list for the editor (shown beside it), the
// check on save (an unknown name is refused) and the renderer. Passport data exists only in visa
// support letters: a certificate or an invitation cannot print it, whatever its template says.

export type Placeholder = { name: string; description: string; kinds: readonly DocumentKind[] };

// Documents a person holds (they may name the person) and the letter a delegation holds.
const PERSON: readonly DocumentKind[] = ['visa_letter', 'certificate', 'invitation_letter'];
const EVERY: readonly DocumentKind[] = [...PERSON, 'delegation_letter'];
const DELEGATION: readonly DocumentKind[] = ['delegation_letter'];
const VISA: readonly DocumentKind[] = ['visa_letter'];

export const PLACEHOLDERS: readonly Placeholder[] = [
	{ name: 'delegate.formal_name', description: 'Ms. NGUYỄN Thị Minh Khai', kinds: PERSON },
	{ name: 'delegate.name', description: 'NGUYỄN Thị Minh Khai (no title)', kinds: PERSON },
	{
		name: 'delegate.native_name',
		description: 'The name in the own script, if given',
		kinds: PERSON
	},
	{ name: 'delegate.position', description: 'Position', kinds: PERSON },
	{ name: 'delegate.organisation', description: 'Organisation', kinds: PERSON },
	{ name: 'delegate.nationality', description: 'Nationality (country name)', kinds: PERSON },
	{ name: 'delegate.reference', description: 'Registration reference', kinds: PERSON },
	{ name: 'delegation.name', description: 'Delegation (e.g. Viet Nam)', kinds: EVERY },
	{ name: 'focal_point.name', description: 'The focal point(s) addressed', kinds: DELEGATION },
	{
		name: 'focal_point.organisation',
		description: 'The focal point’s organisation',
		kinds: DELEGATION
	},
	{
		name: 'delegation.quota',
		description: '1 head of delegation, 2 delegates and 1 observer',
		kinds: DELEGATION
	},
	{
		name: 'event.nomination_deadline',
		description: 'Nomination deadline (date and time)',
		kinds: DELEGATION
	},
	{ name: 'passport.name', description: 'Name as in the passport', kinds: VISA },
	{ name: 'passport.number', description: 'Passport number', kinds: VISA },
	{ name: 'passport.expiry', description: 'Passport expiry date', kinds: VISA },
	{ name: 'passport.date_of_birth', description: 'Date of birth', kinds: VISA },
	{ name: 'embassy', description: 'Embassy or consulate the letter is addressed to', kinds: VISA },
	{ name: 'event.title', description: 'Event title', kinds: EVERY },
	{ name: 'event.dates', description: '15–19 February 2027', kinds: EVERY },
	{ name: 'event.venue', description: 'Venue, city and country', kinds: EVERY },
	{ name: 'event.city', description: 'City', kinds: EVERY },
	{ name: 'issuer.name', description: 'Issuing body (letterhead, English)', kinds: EVERY },
	{ name: 'document.number', description: 'HLOM6/VISA/014', kinds: EVERY },
	{ name: 'document.date', description: 'Date of issue', kinds: EVERY },
	{ name: 'attendance.days', description: 'Days attended (certificates)', kinds: ['certificate'] },
	{
		name: 'attendance.dates',
		description: 'Dates attended (certificates)',
		kinds: ['certificate']
	}
];

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a kind of document may use. */
export function placeholdersFor(kind: DocumentKind): Placeholder[] {
	return PLACEHOLDERS.filter((p) => p.kinds.includes(kind));
}

/** The names in `{{…}}` that this kind of document does not know, each once, in order of use. */
export function unknownPlaceholders(body: string, kind: DocumentKind): string[] {
	const known = new Set(placeholdersFor(kind).map((p) => p.name));
	const unknown = new Set<string>();
	for (const match of body.matchAll(PATTERN)) if (!known.has(match[1])) unknown.add(match[1]);
	return [...unknown];
}

/** The body with each placeholder replaced by its value (an empty string when it has none). */
export function fillPlaceholders(body: string, values: Record<string, string>): string {
	return body.replace(PATTERN, (_, name: string) => values[name] ?? '');
}
