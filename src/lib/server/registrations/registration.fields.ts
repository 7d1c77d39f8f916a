import type {
	RegistrationFormValues,
	RegistrationInput,
	VisaData
} from '../../schemas/registration.ts';
import { toZonedInput } from '../../time.ts';
import type { Registration } from '../db/schema.ts';
import { decryptVisaData } from '../privacy/pii.ts';

// Between the form's fields (RegistrationInput) and the registrations table's columns.

/** The columns a registration form sets (everything but status, numbering and bookkeeping). */
export function columnsOf(values: RegistrationInput) {
	return {
		honorific: values.honorific,
		given_name: values.givenName,
		family_name: values.familyName,
		badge_name: values.badgeName,
		native_name: values.nativeName,
		position: values.position,
		organisation: values.organisation,
		delegation_id: values.delegationId,
		category: values.category,
		email: values.email,
		phone: values.phone,
		nationality: values.nationality,
		dietary: values.dietary,
		dietary_notes: values.dietaryNotes,
		accessibility_needs: values.accessibilityNeeds,
		arrival_at: values.arrivalAt,
		arrival_flight: values.arrivalFlight,
		arrival_airport: values.arrivalAirport,
		departure_at: values.departureAt,
		departure_flight: values.departureFlight,
		departure_airport: values.departureAirport,
		accommodation: values.accommodation,
		emergency_contact: values.emergencyContact,
		consent_data_processing: values.consentDataProcessing,
		consent_email_in_list: values.consentEmailInList
	};
}

type Columns = ReturnType<typeof columnsOf>;

function same(a: unknown, b: unknown): boolean {
	if (a instanceof Date || b instanceof Date) {
		return (a as Date | null)?.getTime?.() === (b as Date | null)?.getTime?.();
	}
	return (a ?? null) === (b ?? null);
}

/**
 * What an edit changes, as { column: { from, to } } for the audit log. Passport fields appear
 * under their own names, which the audit log redacts.
 */
export function diffColumns(
	before: Registration,
	after: Columns,
	visa: { before: VisaData | null; after: VisaData | null }
): Record<string, { from: unknown; to: unknown }> {
	const diff: Record<string, { from: unknown; to: unknown }> = {};
	for (const [key, to] of Object.entries(after)) {
		const from = before[key as keyof Registration];
		if (!same(from, to)) diff[key] = { from, to };
	}
	if (visa.after) {
		const pairs = [
			['passport_number', 'passportNumber'],
			['passport_expiry', 'passportExpiry'],
			['date_of_birth', 'dateOfBirth']
		] as const;
		for (const [column, field] of pairs) {
			const from = visa.before?.[field] ?? null;
			if (from !== visa.after[field]) diff[column] = { from, to: visa.after[field] };
		}
	}
	return diff;
}

/** The decrypted passport data of a registration, or null when none was collected. */
export function visaDataOf(registration: Pick<Registration, 'visa_data_enc'>): VisaData | null {
	return registration.visa_data_enc ? decryptVisaData(registration.visa_data_enc) : null;
}

/** A registration as form values (for editing), date-times in the event's zone. */
export function registrationFormValues(
	registration: Registration,
	timeZone: string,
	options: { withVisa?: boolean } = {}
): RegistrationFormValues {
	const visa = options.withVisa ? visaDataOf(registration) : null;
	return {
		honorific: registration.honorific ?? '',
		givenName: registration.given_name ?? '',
		familyName: registration.family_name,
		badgeName: registration.badge_name,
		nativeName: registration.native_name ?? '',
		position: registration.position,
		organisation: registration.organisation,
		delegationId: String(registration.delegation_id),
		category: registration.category,
		email: registration.email,
		phone: registration.phone,
		nationality: registration.nationality ?? '',
		passportNumber: visa?.passportNumber ?? '',
		passportExpiry: visa?.passportExpiry ?? '',
		dateOfBirth: visa?.dateOfBirth ?? '',
		dietary: registration.dietary,
		dietaryNotes: registration.dietary_notes,
		accessibilityNeeds: registration.accessibility_needs,
		arrivalAt: toZonedInput(registration.arrival_at, timeZone),
		arrivalFlight: registration.arrival_flight,
		arrivalAirport: registration.arrival_airport,
		departureAt: toZonedInput(registration.departure_at, timeZone),
		departureFlight: registration.departure_flight,
		departureAirport: registration.departure_airport,
		accommodation: registration.accommodation,
		emergencyContact: registration.emergency_contact,
		consentDataProcessing: registration.consent_data_processing ? 'on' : '',
		consentEmailInList: registration.consent_email_in_list ? 'on' : ''
	};
}
