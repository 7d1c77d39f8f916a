import { m } from '../../paraglide/messages.js';
import type { DocumentKind } from '../db/schema.ts';

// The placeholders a document template may use, one list for the editor (shown beside it), the
// check on save (an unknown name is refused) and the renderer. Passport data exists only in visa
// support letters: a certificate or an invitation cannot print it, whatever its template says.

/** A placeholder's name in the template, what it stands for (in the reader's language), and the
 * kinds of document that may use it. */
export type Placeholder = {
	name: string;
	description: () => string;
	kinds: readonly DocumentKind[];
};

// Documents a person holds (they may name the person) and the letter a delegation holds.
const PERSON: readonly DocumentKind[] = ['visa_letter', 'certificate', 'invitation_letter'];
const EVERY: readonly DocumentKind[] = [...PERSON, 'delegation_letter'];
const DELEGATION: readonly DocumentKind[] = ['delegation_letter'];
const VISA: readonly DocumentKind[] = ['visa_letter'];

export const PLACEHOLDERS: readonly Placeholder[] = [
	{ name: 'delegate.formal_name', description: m.doc_ph_formal_name, kinds: PERSON },
	{ name: 'delegate.name', description: m.doc_ph_name, kinds: PERSON },
	{ name: 'delegate.native_name', description: m.doc_ph_native_name, kinds: PERSON },
	{ name: 'delegate.position', description: m.doc_ph_position, kinds: PERSON },
	{ name: 'delegate.organisation', description: m.doc_ph_organisation, kinds: PERSON },
	{ name: 'delegate.nationality', description: m.doc_ph_nationality, kinds: PERSON },
	{ name: 'delegate.reference', description: m.doc_ph_reference, kinds: PERSON },
	{ name: 'delegation.name', description: m.doc_ph_delegation, kinds: EVERY },
	{ name: 'focal_point.name', description: m.doc_ph_focal_point, kinds: DELEGATION },
	{
		name: 'focal_point.organisation',
		description: m.doc_ph_focal_point_organisation,
		kinds: DELEGATION
	},
	{ name: 'delegation.quota', description: m.doc_ph_quota, kinds: DELEGATION },
	{
		name: 'event.nomination_deadline',
		description: m.doc_ph_nomination_deadline,
		kinds: DELEGATION
	},
	{ name: 'passport.name', description: m.doc_ph_passport_name, kinds: VISA },
	{ name: 'passport.number', description: m.doc_ph_passport_number, kinds: VISA },
	{ name: 'passport.expiry', description: m.doc_ph_passport_expiry, kinds: VISA },
	{ name: 'passport.date_of_birth', description: m.doc_ph_date_of_birth, kinds: VISA },
	{ name: 'embassy', description: m.doc_ph_embassy, kinds: VISA },
	{ name: 'event.title', description: m.doc_ph_event_title, kinds: EVERY },
	{ name: 'event.dates', description: m.doc_ph_event_dates, kinds: EVERY },
	{ name: 'event.venue', description: m.doc_ph_event_venue, kinds: EVERY },
	{ name: 'event.city', description: m.doc_ph_event_city, kinds: EVERY },
	{ name: 'issuer.name', description: m.doc_ph_issuer, kinds: EVERY },
	{ name: 'document.number', description: m.doc_ph_document_number, kinds: EVERY },
	{ name: 'document.date', description: m.doc_ph_document_date, kinds: EVERY },
	{ name: 'attendance.days', description: m.doc_ph_attendance_days, kinds: ['certificate'] },
	{ name: 'attendance.dates', description: m.doc_ph_attendance_dates, kinds: ['certificate'] }
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
