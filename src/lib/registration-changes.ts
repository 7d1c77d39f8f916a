import { categoryLabel, isCategory } from './domain/category.ts';
import { DIETARY, dietaryLabel, type Dietary } from './domain/dietary.ts';

// How a change to a registration reads, for the audit trail on the registration page and the
// mail that tells the delegate: field names as the form labels them, codes as words, passport
// fields never shown. Browser-safe.

export const FIELD_LABELS: Record<string, string> = {
	honorific: 'Title',
	given_name: 'Given name',
	family_name: 'Family name',
	badge_name: 'Name on badge',
	native_name: 'Name in own script',
	position: 'Position',
	organisation: 'Organisation',
	delegation: 'Delegation',
	category: 'Takes part as',
	email: 'E-mail',
	phone: 'Phone',
	nationality: 'Nationality',
	dietary: 'Dietary requirement',
	dietary_notes: 'Dietary notes',
	accessibility_needs: 'Accessibility needs',
	arrival_at: 'Arrival',
	arrival_flight: 'Arrival flight',
	arrival_airport: 'Arrival airport',
	departure_at: 'Departure',
	departure_flight: 'Departure flight',
	departure_airport: 'Departure airport',
	accommodation: 'Accommodation',
	emergency_contact: 'Emergency contact',
	consent_data_processing: 'Consent to data processing',
	consent_email_in_list: 'E-mail in the list of participants',
	passport_number: 'Passport number',
	passport_expiry: 'Passport expiry',
	date_of_birth: 'Date of birth',
	status: 'Status'
};

/** Fields whose values are never written out (the audit log redacts them too). */
const SECRET = new Set(['passport_number', 'passport_expiry', 'date_of_birth']);

/** The changes a delegate is told about by e-mail when staff make them. */
export const NOTIFIED_FIELDS = [
	'honorific',
	'given_name',
	'family_name',
	'native_name',
	'email',
	'delegation'
] as const;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** The fields that hold an instant; any other text that looks like one is shown as typed. */
const INSTANTS = new Set(['arrival_at', 'departure_at', 'checked_in_at', 'status_changed_at']);

/** One value as a person reads it. `when` formats instants (in the event's zone). */
export function changeValue(field: string, value: unknown, when: (at: string) => string): string {
	if (value === null || value === undefined || value === '') return '—';
	if (SECRET.has(field)) return '(hidden)';
	if (field === 'category' && typeof value === 'string' && isCategory(value)) {
		return categoryLabel(value);
	}
	if (field === 'dietary' && typeof value === 'string' && value in DIETARY) {
		return dietaryLabel(value as Dietary);
	}
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (
		typeof value === 'string' &&
		INSTANTS.has(field) &&
		ISO.test(value) &&
		!Number.isNaN(Date.parse(value))
	) {
		return when(value);
	}
	if (value instanceof Date) return when(value.toISOString());
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** "Family name: Nguyen → Nguyễn", one line per changed field, in the form's order. */
export function changeLines(
	diff: Record<string, unknown>,
	when: (at: string) => string = (at) => at
): string[] {
	const order = Object.keys(FIELD_LABELS);
	return Object.entries(diff)
		.filter(([, value]) => value && typeof value === 'object' && 'from' in value && 'to' in value)
		.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
		.map(([field, value]) => {
			const { from, to } = value as { from: unknown; to: unknown };
			const label = FIELD_LABELS[field] ?? field.replaceAll('_', ' ');
			if (SECRET.has(field)) return `${label}: changed`;
			return `${label}: ${changeValue(field, from, when)} → ${changeValue(field, to, when)}`;
		});
}
