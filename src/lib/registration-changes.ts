import { countryNameIn } from './countries.ts';
import { categoryLabelIn, isCategory } from './domain/category.ts';
import { DIETARY_REQUIREMENTS, dietaryText, type Dietary } from './domain/dietary.ts';
import { isRegistrationStatus, statusText } from './domain/registration-status.ts';
import type { Locale } from './i18n/locales.ts';
import { m } from './paraglide/messages.js';
import { getLocale } from './paraglide/runtime.js';

type Message = (inputs: object, options: { locale: Locale }) => string;

// How a change reads, wherever it is shown: the audit log, a registration's audit trail and the
// mail that tells the delegate, in the reader's language. Field names as the form labels them,
// codes as words, passport fields never shown. Browser-safe.

/** Each field's words, as the form labels it, in the page's language or the one given. */
const FIELD_TEXT: Record<string, Message> = {
	honorific: m.chg_f_honorific,
	given_name: m.chg_f_given_name,
	family_name: m.chg_f_family_name,
	badge_name: m.chg_f_badge_name,
	native_name: m.chg_f_native_name,
	position: m.chg_f_position,
	organisation: m.chg_f_organisation,
	delegation: m.chg_f_delegation,
	delegation_id: m.chg_f_delegation_id,
	category: m.chg_f_category,
	email: m.chg_f_email,
	phone: m.chg_f_phone,
	nationality: m.chg_f_nationality,
	dietary: m.chg_f_dietary,
	dietary_notes: m.chg_f_dietary_notes,
	accessibility_needs: m.chg_f_accessibility_needs,
	arrival_at: m.chg_f_arrival_at,
	arrival_flight: m.chg_f_arrival_flight,
	arrival_airport: m.chg_f_arrival_airport,
	departure_at: m.chg_f_departure_at,
	departure_flight: m.chg_f_departure_flight,
	departure_airport: m.chg_f_departure_airport,
	accommodation: m.chg_f_accommodation,
	emergency_contact: m.chg_f_emergency_contact,
	consent_data_processing: m.chg_f_consent_data_processing,
	consent_email_in_list: m.chg_f_consent_email_in_list,
	passport_number: m.chg_f_passport_number,
	passport_expiry: m.chg_f_passport_expiry,
	date_of_birth: m.chg_f_date_of_birth,
	status: m.chg_f_status,
	reason: m.chg_f_reason,
	reference: m.chg_f_reference,
	checked_in_at: m.chg_f_checked_in_at,
	role: m.chg_f_role,
	by: m.chg_f_by,
	recipients: m.chg_f_recipients,
	recipient: m.chg_f_recipient,
	template: m.chg_f_template,
	error: m.chg_f_error,
	subject: m.chg_f_subject,
	filter: m.chg_f_filter,
	mode: m.chg_f_mode
};

/** The words for a field or column name: its label, else the name itself made readable. */
export function fieldLabel(key: string, locale?: Locale): string {
	const text = FIELD_TEXT[key];
	if (text) return text({}, { locale: locale ?? getLocale() });
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

/**
 * One value as a person reads it, in the page's language or the one given. `when` formats
 * instants (in the event's zone, in that language).
 */
export function changeValue(
	field: string,
	value: unknown,
	when: (at: string) => string,
	given?: Locale
): string {
	const locale = given ?? getLocale();
	if (value === null || value === undefined || value === '') return '—';
	// Passport fields, and personal data erased later, were redacted when written.
	if (SECRET.has(field) || value === '[redacted]') return m.chg_hidden({}, { locale });
	if (field === 'status' && typeof value === 'string') {
		return isRegistrationStatus(value) ? statusText(value, locale) : fieldLabel(value, locale);
	}
	if (field === 'category' && typeof value === 'string') {
		return isCategory(value) ? categoryLabelIn(value, locale) : fieldLabel(value, locale);
	}
	if (
		field === 'dietary' &&
		typeof value === 'string' &&
		(DIETARY_REQUIREMENTS as readonly string[]).includes(value)
	) {
		return dietaryText(value as Dietary, 'label', locale);
	}
	if (field === 'nationality' && typeof value === 'string')
		return countryNameIn(value, locale) || value;
	if (typeof value === 'boolean')
		return value ? m.answer_yes({}, { locale }) : m.answer_no({}, { locale });
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
	when: (at: string) => string = (at) => at,
	given?: Locale
): string[] {
	const locale = given ?? getLocale();
	const order = Object.keys(FIELD_TEXT);
	return Object.entries(diff)
		.filter(([, value]) => value && typeof value === 'object' && 'from' in value && 'to' in value)
		.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
		.map(([field, value]) => {
			const { from, to } = value as { from: unknown; to: unknown };
			const label = fieldLabel(field, locale);
			if (SECRET.has(field)) return `${label}: ${m.chg_changed({}, { locale })}`;
			return `${label}: ${changeValue(field, from, when, locale)} → ${changeValue(field, to, when, locale)}`;
		});
}
