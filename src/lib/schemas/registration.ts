import { z } from 'zod';
import { COUNTRIES } from '../countries.ts';
import { CATEGORIES, type Category } from '../domain/category.ts';
import { DIETARY_REQUIREMENTS, type Dietary } from '../domain/dietary.ts';
import { badgeName } from '../domain/person-name.ts';
import { m } from '../paraglide/messages.js';
import { fromZonedInput } from '../time.ts';
import {
	email,
	type Label,
	NAME,
	oneLine,
	OWN_SCRIPT,
	optionalOneLine,
	optionalPassportName,
	optionalText,
	passportName,
	text
} from './fields.ts';

// The delegate registration form (DESIGN §4), shared by the public form, invitations, the
// delegate's own edit page and the browser's instant feedback. Browser-importable.

export const HONORIFICS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'H.E.', 'Hon.'];

export type VisaData = { passportNumber: string; passportExpiry: string; dateOfBirth: string };

/** A registration as the services receive it: trimmed, NFC-normalised, times as instants. */
export type RegistrationInput = {
	honorific: string | null;
	givenName: string | null;
	familyName: string;
	badgeName: string;
	nativeName: string | null;
	position: string;
	organisation: string;
	delegationId: number;
	category: Category;
	email: string;
	phone: string;
	nationality: string | null;
	/** Only when the event collects visa support; stored encrypted. */
	visa: VisaData | null;
	dietary: Dietary;
	dietaryNotes: string;
	accessibilityNeeds: string;
	arrivalAt: Date | null;
	arrivalFlight: string;
	arrivalAirport: string;
	departureAt: Date | null;
	departureFlight: string;
	departureAirport: string;
	accommodation: string;
	emergencyContact: string;
	consentDataProcessing: true;
	consentEmailInList: boolean;
};

export type RegistrationSchemaOptions = {
	collectVisa: boolean;
	delegationIds: number[];
	/** The event's IANA zone: typed date-times are wall-clock times there. */
	timeZone: string;
	/** The event's last day, 'YYYY-MM-DD': a passport must still be valid after it. */
	endsOn: string;
	/** Today, 'YYYY-MM-DD' (tests); defaults to the current date. */
	today?: string;
	/** The address is typed twice (`emailConfirmation`), against typos: the public form. */
	confirmEmail?: boolean;
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDay(value: string): boolean {
	if (!ISO_DAY.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function addYears(day: string, years: number): string {
	return `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;
}

const blank = (max: number, label: Label) => optionalText(max, label).transform((v) => v ?? '');

const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true' || v === '1');

const zonedDateTime = (label: () => string, timeZone: string) =>
	z
		.string()
		.optional()
		.transform((v, ctx) => {
			const raw = v?.trim() ?? '';
			if (!raw) return null;
			const at = fromZonedInput(raw, timeZone);
			if (!at) {
				ctx.addIssue({
					code: 'custom',
					message: m.reg_err_datetime({ label: label() })
				});
				return z.NEVER;
			}
			return at;
		});

const schemas = new Map<string, ReturnType<typeof buildRegistrationSchema>>();
const SCHEMAS_KEPT = 200;

/** Builds the registration schema for one event (its delegations, zone and visa rule). */
export function registrationSchema(options: RegistrationSchemaOptions) {
	const today = options.today ?? new Date().toISOString().slice(0, 10);
	// Building a zod schema costs more than using it (about 1.4 ms, on every post of the form:
	// npm run bench); the same options give the same schema, so it is built once.
	const key = JSON.stringify([
		options.collectVisa,
		options.delegationIds,
		options.timeZone,
		options.endsOn,
		today,
		options.confirmEmail ?? false
	]);
	let schema = schemas.get(key);
	if (!schema) {
		if (schemas.size >= SCHEMAS_KEPT) schemas.clear();
		schema = buildRegistrationSchema(options, today);
		schemas.set(key, schema);
	}
	return schema;
}

function buildRegistrationSchema(options: RegistrationSchemaOptions, today: string) {
	const delegationIds = new Set(options.delegationIds);
	const optionalDay = z
		.string()
		.optional()
		.transform((v) => v?.trim() ?? '');

	return (
		z
			.object({
				honorific: optionalOneLine(30, m.reg_title, NAME),
				givenName: optionalPassportName(100, m.reg_given_name_label),
				familyName: passportName(100, m.reg_family_name_short),
				badgeName: optionalOneLine(60, m.reg_badge_name, NAME),
				nativeName: optionalOneLine(200, m.reg_native_name, OWN_SCRIPT),
				position: oneLine(200, m.reg_position, OWN_SCRIPT),
				organisation: oneLine(200, m.reg_organisation, OWN_SCRIPT),
				delegationId: z.coerce
					.number({ error: () => m.reg_err_delegation() })
					.int({ error: () => m.reg_err_delegation() })
					.refine((id) => delegationIds.has(id), { error: () => m.reg_err_delegation_list() }),
				category: z.enum(CATEGORIES, {
					error: () => m.reg_err_category()
				}),
				email,
				emailConfirmation: z.string().optional(),
				phone: text(40, m.reg_phone_short).refine((v) => /^\+?[0-9][0-9 ()./-]{4,38}$/.test(v), {
					error: () => m.reg_err_phone()
				}),
				nationality: optionalText(2, m.reg_nationality).refine(
					(v) => v === undefined || v in COUNTRIES,
					{ error: () => m.reg_err_nationality() }
				),
				passportNumber: optionalText(30, m.reg_passport_number).transform((v) =>
					v?.toUpperCase().replace(/[\s-]/g, '')
				),
				passportExpiry: optionalDay,
				dateOfBirth: optionalDay,
				dietary: z.enum(DIETARY_REQUIREMENTS, {
					error: () => m.reg_err_dietary()
				}),
				dietaryNotes: blank(500, m.reg_dietary_notes),
				accessibilityNeeds: blank(1000, m.reg_accessibility),
				arrivalAt: zonedDateTime(m.reg_arrival_short, options.timeZone),
				arrivalFlight: blank(20, m.reg_arrival_flight),
				arrivalAirport: blank(80, m.reg_arrival_airport),
				departureAt: zonedDateTime(m.reg_departure_short, options.timeZone),
				departureFlight: blank(20, m.reg_departure_flight),
				departureAirport: blank(80, m.reg_departure_airport),
				accommodation: blank(300, m.reg_accommodation),
				emergencyContact: blank(300, m.reg_emergency),
				consentDataProcessing: checkbox,
				consentEmailInList: checkbox
			})
			// Runs even when other fields failed, so every error shows at once; the value may then be
			// partly unparsed, hence the type checks.
			.superRefine(
				(v, ctx) => {
					const issue = (path: string, message: string) =>
						ctx.addIssue({ code: 'custom', path: [path], message });
					const str = (value: unknown) => (typeof value === 'string' ? value : '');
					if (options.confirmEmail) {
						const typed = str(v.emailConfirmation).trim().toLowerCase();
						if (!typed) issue('emailConfirmation', m.reg_err_email_again());
						else if (typeof v.email === 'string' && typed !== v.email) {
							issue('emailConfirmation', m.reg_err_email_differ());
						}
					}
					if (v.consentDataProcessing !== true) {
						issue('consentDataProcessing', m.reg_err_consent());
					}
					if (v.dietary === 'other' && !str(v.dietaryNotes)) {
						issue('dietaryNotes', m.reg_err_dietary_notes());
					}
					const arrival = v.arrivalAt instanceof Date ? v.arrivalAt.getTime() : null;
					const departure = v.departureAt instanceof Date ? v.departureAt.getTime() : null;
					if (arrival !== null && departure !== null && departure <= arrival) {
						issue('departureAt', m.reg_err_departure());
					}
					if (!options.collectVisa) return;
					if (!str(v.nationality)) issue('nationality', m.reg_err_nationality_visa());
					const passport = str(v.passportNumber);
					if (!passport) issue('passportNumber', m.reg_err_passport_required());
					else if (!/^[A-Z0-9]{5,20}$/.test(passport)) {
						issue('passportNumber', m.reg_err_passport_format());
					}
					const expiry = str(v.passportExpiry);
					if (!expiry) issue('passportExpiry', m.reg_err_expiry_required());
					else if (!isCalendarDay(expiry)) {
						issue('passportExpiry', m.reg_err_expiry_format());
					} else if (expiry <= options.endsOn) {
						issue('passportExpiry', m.reg_err_expiry_past());
					}
					const born = str(v.dateOfBirth);
					if (!born) issue('dateOfBirth', m.reg_err_birth_required());
					else if (!isCalendarDay(born)) {
						issue('dateOfBirth', m.reg_err_birth_format());
					} else if (born < addYears(today, -110) || born > addYears(today, -16)) {
						issue('dateOfBirth', m.reg_err_birth_check());
					}
				},
				{ when: () => true }
			)
			.transform((v): RegistrationInput => ({
				honorific: v.honorific ?? null,
				givenName: v.givenName ?? null,
				familyName: v.familyName,
				badgeName: v.badgeName ?? badgeName({ given_name: v.givenName, family_name: v.familyName }),
				nativeName: v.nativeName ?? null,
				position: v.position,
				organisation: v.organisation,
				delegationId: v.delegationId,
				category: v.category,
				email: v.email,
				phone: v.phone,
				nationality: v.nationality ?? null,
				visa: options.collectVisa
					? {
							passportNumber: v.passportNumber ?? '',
							passportExpiry: v.passportExpiry,
							dateOfBirth: v.dateOfBirth
						}
					: null,
				dietary: v.dietary,
				dietaryNotes: v.dietary === 'none' ? '' : v.dietaryNotes,
				accessibilityNeeds: v.accessibilityNeeds,
				arrivalAt: v.arrivalAt,
				arrivalFlight: v.arrivalFlight,
				arrivalAirport: v.arrivalAirport,
				departureAt: v.departureAt,
				departureFlight: v.departureFlight,
				departureAirport: v.departureAirport,
				accommodation: v.accommodation,
				emergencyContact: v.emergencyContact,
				consentDataProcessing: true,
				consentEmailInList: v.consentEmailInList
			}))
	);
}

/** The form fields a registration page keeps between attempts (all strings, as typed). */
export const REGISTRATION_FIELDS = [
	'honorific',
	'givenName',
	'familyName',
	'badgeName',
	'nativeName',
	'position',
	'organisation',
	'delegationId',
	'category',
	'email',
	'emailConfirmation',
	'phone',
	'nationality',
	'passportNumber',
	'passportExpiry',
	'dateOfBirth',
	'dietary',
	'dietaryNotes',
	'accessibilityNeeds',
	'arrivalAt',
	'arrivalFlight',
	'arrivalAirport',
	'departureAt',
	'departureFlight',
	'departureAirport',
	'accommodation',
	'emergencyContact',
	'consentDataProcessing',
	'consentEmailInList',
	// Not a registration column: the box asking for a visa support letter, kept when refused.
	'visaLetter'
] as const;
export type RegistrationFormValues = Partial<Record<(typeof REGISTRATION_FIELDS)[number], string>>;

/** Picks the registration fields out of submitted form values, to refill the form. */
export function keptRegistrationValues(values: Record<string, string>): RegistrationFormValues {
	const kept: RegistrationFormValues = {};
	for (const field of REGISTRATION_FIELDS)
		if (values[field] !== undefined) kept[field] = values[field];
	return kept;
}
