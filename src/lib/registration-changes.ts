import { countryName } from './countries.ts';
import { categoryLabel, isCategory } from './domain/category.ts';
import { DIETARY, dietaryLabel, type Dietary } from './domain/dietary.ts';
import { isRegistrationStatus, statusLabel } from './domain/registration-status.ts';

// How a change reads, wherever it is shown: the audit log, a registration's audit trail and the
// mail that tells the delegate. Field names as the form labels them, codes as words, passport
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
	delegation_id: 'Delegation',
	category: 'Category',
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
	status: 'Status',
	reason: 'Reason',
	reference: 'Reference',
	checked_in_at: 'Checked in',
	role: 'Role',
	by: 'Changed by',
	recipients: 'Recipients',
	recipient: 'Recipient',
	template: 'Message',
	error: 'Error',
	subject: 'Subject',
	filter: 'Recipients chosen',
	mode: 'E-mail notifications'
};

/** The words for a field or column name: its label, else the name itself made readable. */
export function fieldLabel(key: string): string {
	if (FIELD_LABELS[key]) return FIELD_LABELS[key];
	const words = key
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/[_-]+/g, ' ')
		.trim()
		.toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Fields whose values are never written out (the audit log redacts them too). */
const SECRET = new Set(['passport_number', 'passport_expiry', 'date_of_birth', 'password_hash']);

/** True for a field whose value is never shown, only that it changed. */
export function isSecretField(field: string): boolean {
	return SECRET.has(field);
}

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
/** Fields that hold an instant (`…_at`); any other text that looks like one is shown as typed. */
const isInstantField = (field: string) => field.endsWith('_at');

/** One value as a person reads it. `when` formats instants (in the event's zone). */
export function changeValue(field: string, value: unknown, when: (at: string) => string): string {
	if (value === null || value === undefined || value === '') return '—';
	// Passport fields, and personal data erased later, were redacted when written.
	if (SECRET.has(field) || value === '[redacted]') return '(hidden)';
	if (field === 'status' && typeof value === 'string') {
		return isRegistrationStatus(value) ? statusLabel(value) : fieldLabel(value);
	}
	if (field === 'category' && typeof value === 'string') {
		return isCategory(value) ? categoryLabel(value) : fieldLabel(value);
	}
	if (field === 'dietary' && typeof value === 'string' && value in DIETARY) {
		return dietaryLabel(value as Dietary);
	}
	if (field === 'nationality' && typeof value === 'string') return countryName(value) || value;
	if (typeof value === 'boolean') return value ? 'Yes' : 'No';
	if (
		typeof value === 'string' &&
		isInstantField(field) &&
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
			const label = fieldLabel(field);
			if (SECRET.has(field)) return `${label}: changed`;
			return `${label}: ${changeValue(field, from, when)} → ${changeValue(field, to, when)}`;
		});
}
