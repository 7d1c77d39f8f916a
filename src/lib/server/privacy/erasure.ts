// What "erasing a registration's optional personal data" means, for the retention purge and for
// a delegate's own deletion request alike (README, "Passport data and retention").
//
// Erased: passport number, passport expiry and date of birth (the encrypted visa data),
// nationality, name in the person's own script, phone, emergency contact, dietary notes,
// accessibility needs, arrival and departure (times, flights, airports), accommodation, and the
// personal calendar feed link. The same values are blanked in the audit trail of the
// registration, where an edit would have recorded them.
//
// Kept: the fact of attendance as the List of Participants already circulated states it — name,
// honorific, name on badge, position, organisation, delegation, category, e-mail, reference,
// status and check-in time — and the dietary category (halal, vegetarian…), so that the
// event's counts by status, delegation, category and diet stay true. Mails sent hold only kept
// data (name, reference, delegation, event), so the mail log is left as it is.

/** Column values that replace a registration's optional personal data. */
export const ERASED_REGISTRATION_COLUMNS = {
	visa_data_enc: null,
	nationality: null,
	native_name: null,
	phone: '',
	emergency_contact: '',
	dietary_notes: '',
	accessibility_needs: '',
	arrival_at: null,
	arrival_flight: '',
	arrival_airport: '',
	departure_at: null,
	departure_flight: '',
	departure_airport: '',
	accommodation: '',
	calendar_token_hash: null
} as const;

/** Keys of an audit diff that carried erased data (registration columns and passport fields). */
export const ERASED_AUDIT_KEYS = [
	...Object.keys(ERASED_REGISTRATION_COLUMNS).filter((key) => key !== 'calendar_token_hash'),
	'passport_number',
	'passport_expiry',
	'date_of_birth'
];

/** What an erased value reads as in the audit trail. */
export const ERASED_MARK = '[erased]';
