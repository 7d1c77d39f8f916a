import { z } from 'zod';
import { COUNTRIES } from '../countries.ts';
import { CATEGORIES, type Category } from '../domain/category.ts';
import { DIETARY_REQUIREMENTS, type Dietary } from '../domain/dietary.ts';
import { badgeName } from '../domain/person-name.ts';
import { fromZonedInput } from '../time.ts';
import {
	email,
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

const blank = (max: number, label: string) => optionalText(max, label).transform((v) => v ?? '');

const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true' || v === '1');

const zonedDateTime = (label: string, timeZone: string) =>
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
					message: `${label}: enter a date and time, e.g. 2027-02-15 14:30`
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
				honorific: optionalOneLine(30, 'Title', NAME),
				givenName: optionalPassportName(100, 'Given name'),
				familyName: passportName(100, 'Family name'),
				badgeName: optionalOneLine(60, 'Name on badge', NAME),
				nativeName: optionalOneLine(200, 'Name in your own script', OWN_SCRIPT),
				position: oneLine(200, 'Position', OWN_SCRIPT),
				organisation: oneLine(200, 'Organisation', OWN_SCRIPT),
				delegationId: z.coerce
					.number({ error: 'Choose your delegation' })
					.int('Choose your delegation')
					.refine((id) => delegationIds.has(id), 'Choose your delegation from the list'),
				category: z.enum(CATEGORIES, {
					error: 'Choose how you take part'
				}),
				email,
				emailConfirmation: z.string().optional(),
				phone: text(40, 'Phone').refine(
					(v) => /^\+?[0-9][0-9 ()./-]{4,38}$/.test(v),
					'Enter a phone number with the country code, e.g. +66 2 123 4567'
				),
				nationality: optionalText(2, 'Nationality').refine(
					(v) => v === undefined || v in COUNTRIES,
					'Choose a nationality from the list'
				),
				passportNumber: optionalText(30, 'Passport number').transform((v) =>
					v?.toUpperCase().replace(/[\s-]/g, '')
				),
				passportExpiry: optionalDay,
				dateOfBirth: optionalDay,
				dietary: z.enum(DIETARY_REQUIREMENTS, {
					error: 'Choose a dietary requirement'
				}),
				dietaryNotes: blank(500, 'Dietary notes'),
				accessibilityNeeds: blank(1000, 'Accessibility needs'),
				arrivalAt: zonedDateTime('Arrival', options.timeZone),
				arrivalFlight: blank(20, 'Arrival flight'),
				arrivalAirport: blank(80, 'Arrival airport'),
				departureAt: zonedDateTime('Departure', options.timeZone),
				departureFlight: blank(20, 'Departure flight'),
				departureAirport: blank(80, 'Departure airport'),
				accommodation: blank(300, 'Accommodation'),
				emergencyContact: blank(300, 'Emergency contact'),
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
						if (!typed) issue('emailConfirmation', 'Type your e-mail address again to confirm it');
						else if (typeof v.email === 'string' && typed !== v.email) {
							issue('emailConfirmation', 'The two e-mail addresses differ: check both for a typo');
						}
					}
					if (v.consentDataProcessing !== true) {
						issue(
							'consentDataProcessing',
							'Please agree to the processing of your data: the organisers need it to register you'
						);
					}
					if (v.dietary === 'other' && !str(v.dietaryNotes)) {
						issue('dietaryNotes', 'Describe your dietary requirement');
					}
					const arrival = v.arrivalAt instanceof Date ? v.arrivalAt.getTime() : null;
					const departure = v.departureAt instanceof Date ? v.departureAt.getTime() : null;
					if (arrival !== null && departure !== null && departure <= arrival) {
						issue('departureAt', 'Departure must be after arrival');
					}
					if (!options.collectVisa) return;
					if (!str(v.nationality)) issue('nationality', 'Nationality is required for visa support');
					const passport = str(v.passportNumber);
					if (!passport) issue('passportNumber', 'Passport number is required');
					else if (!/^[A-Z0-9]{5,20}$/.test(passport)) {
						issue(
							'passportNumber',
							'Enter the passport number as printed: 5 to 20 letters and digits'
						);
					}
					const expiry = str(v.passportExpiry);
					if (!expiry) issue('passportExpiry', 'Passport expiry date is required');
					else if (!isCalendarDay(expiry)) {
						issue('passportExpiry', 'Enter the expiry date as YYYY-MM-DD');
					} else if (expiry <= options.endsOn) {
						issue('passportExpiry', 'Your passport must still be valid after the event ends');
					}
					const born = str(v.dateOfBirth);
					if (!born) issue('dateOfBirth', 'Date of birth is required');
					else if (!isCalendarDay(born)) {
						issue('dateOfBirth', 'Enter the date of birth as YYYY-MM-DD');
					} else if (born < addYears(today, -110) || born > addYears(today, -16)) {
						issue('dateOfBirth', 'Check the date of birth: it does not look right');
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
	'consentEmailInList'
] as const;
export type RegistrationFormValues = Partial<Record<(typeof REGISTRATION_FIELDS)[number], string>>;

/** Picks the registration fields out of submitted form values, to refill the form. */
export function keptRegistrationValues(values: Record<string, string>): RegistrationFormValues {
	const kept: RegistrationFormValues = {};
	for (const field of REGISTRATION_FIELDS)
		if (values[field] !== undefined) kept[field] = values[field];
	return kept;
}
