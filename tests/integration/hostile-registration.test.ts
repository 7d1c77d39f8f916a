import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import type { Registration } from '../../src/lib/server/db/schema.ts';
import { visaDataOf } from '../../src/lib/server/registrations/registration.fields.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import * as registerPage from '../../src/routes/events/[slug]/register/+page.server.ts';
import * as editPage from '../../src/routes/me/registrations/[reference]/edit/+page.server.ts';
import { makeDelegation, makeEvent } from '../helpers/factories.ts';
import {
	accepted,
	asSent,
	asStored,
	expectClearRefusal,
	expectNoCrash,
	hostileString,
	outcome,
	RUNS,
	REGISTRATION_NAMES
} from '../helpers/hostile.ts';
import { ANONYMOUS, localsFor, routeEvent } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// Hostile input on the public registration form and the delegate's own edit form: every
// field, one at a time, gets a hostile value while the others stay valid. Free text is stored
// exactly as typed (trimmed, NFC) or refused with a sentence beside the field; never a 500.

/** Free-text fields and how an empty value is stored. */
const FREE_TEXT: Record<
	string,
	{ column: keyof Registration; empty: null | '' | 'required' | 'derived' }
> = {
	honorific: { column: 'honorific', empty: null },
	givenName: { column: 'given_name', empty: null },
	familyName: { column: 'family_name', empty: 'required' },
	badgeName: { column: 'badge_name', empty: 'derived' },
	nativeName: { column: 'native_name', empty: null },
	position: { column: 'position', empty: 'required' },
	organisation: { column: 'organisation', empty: 'required' },
	dietaryNotes: { column: 'dietary_notes', empty: 'required' },
	accessibilityNeeds: { column: 'accessibility_needs', empty: '' },
	arrivalFlight: { column: 'arrival_flight', empty: '' },
	arrivalAirport: { column: 'arrival_airport', empty: '' },
	departureFlight: { column: 'departure_flight', empty: '' },
	departureAirport: { column: 'departure_airport', empty: '' },
	accommodation: { column: 'accommodation', empty: '' },
	emergencyContact: { column: 'emergency_contact', empty: '' }
};

/** Fields with a shape (numbers, choices, dates, addresses): accepted or refused, never a 500. */
const STRUCTURED = [
	'delegationId',
	'category',
	'email',
	'emailConfirmation',
	'phone',
	'nationality',
	'dietary',
	'arrivalAt',
	'departureAt',
	'consentDataProcessing',
	'consentEmailInList',
	'passportNumber',
	'passportExpiry',
	'dateOfBirth',
	'submissionKey',
	'version',
	// The box asking for a visa support letter, also sent where the event collects no passports.
	'visaLetter'
];

let n = 0;
const uniqueEmail = () => `hostile-${++n}-${Math.random().toString(36).slice(2, 8)}@example.org`;

function validForm(delegationId: number): Record<string, string> {
	const address = uniqueEmail();
	return {
		honorific: 'Ms.',
		givenName: 'Thị Minh',
		familyName: 'Nguyễn',
		badgeName: 'Minh Nguyễn',
		nativeName: '',
		position: 'Director',
		organisation: 'Ministry of Labour',
		delegationId: String(delegationId),
		category: 'delegate',
		email: address,
		emailConfirmation: address,
		phone: '+84 24 3826 9534',
		nationality: 'VN',
		dietary: 'other',
		dietaryNotes: 'No shellfish',
		accessibilityNeeds: '',
		arrivalAt: '',
		arrivalFlight: '',
		arrivalAirport: '',
		departureAt: '',
		departureFlight: '',
		departureAirport: '',
		accommodation: '',
		emergencyContact: '',
		consentDataProcessing: 'on',
		consentEmailInList: '',
		submissionKey: submissionKey()
	};
}

/** Checks what was stored for a free-text field against what was typed. */
function expectStoredAsTyped(row: Registration, field: string, typed: string) {
	const { column, empty } = FREE_TEXT[field];
	const stored = asStored(typed, REGISTRATION_NAMES[field]);
	// An empty badge name is made from the given and family names.
	if (stored === '' && empty === 'derived') expect(row[column]).toBe('NGUYỄN Thị Minh');
	else if (stored === '' && empty !== 'required') expect(row[column]).toBe(empty);
	else expect(row[column], `${field} for ${JSON.stringify(typed)}`).toBe(stored);
}

let event: Awaited<ReturnType<typeof makeEvent>>;
let visaEvent: Awaited<ReturnType<typeof makeEvent>>;
let delegationId: number;
let visaDelegationId: number;

beforeAll(async () => {
	event = await makeEvent({ registration_mode: 'open' });
	visaEvent = await makeEvent({ registration_mode: 'open', collect_visa_support: true });
	delegationId = (await makeDelegation(event.id, 'TH', { name: 'Thailand' })).id;
	visaDelegationId = (await makeDelegation(visaEvent.id, 'VN', { name: 'Viet Nam' })).id;
});

async function register(slug: string, form: Record<string, string>) {
	return outcome(() =>
		registerPage.actions.default(
			routeEvent({ locals: ANONYMOUS, path: `/events/${slug}/register`, params: { slug }, form })
		)
	);
}

async function storedRegistration(eventId: number, email: string) {
	return db()
		.selectFrom('registrations')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('email', '=', email)
		.executeTakeFirst();
}

describe('public registration form', () => {
	it('stores every free-text field exactly as typed, or refuses it beside the field', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...Object.keys(FREE_TEXT)),
				hostileString(),
				async (field, typed) => {
					const form = { ...validForm(delegationId), [field]: typed };
					const result = await register(event.slug, form);
					expectNoCrash(result, { field, typed });
					const row = await storedRegistration(event.id, form.email);
					if (accepted(result)) {
						expect(row).toBeDefined();
						expectStoredAsTyped(row!, field, typed);
					} else {
						expectClearRefusal(result, { field, typed });
						expect(row).toBeUndefined();
						// What was typed comes back to refill the form.
						expect((result.data?.values as Record<string, string>)[field]).toBe(asSent(typed));
					}
				}
			),
			RUNS
		);
	});

	it('accepts or refuses any value of a structured field, never a 500', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...STRUCTURED),
				hostileString(),
				fc.boolean(),
				async (field, typed, visa) => {
					const form = {
						...validForm(visa ? visaDelegationId : delegationId),
						passportNumber: 'C1234567',
						passportExpiry: '2035-01-31',
						dateOfBirth: '1975-06-01',
						[field]: typed
					};
					const result = await register(visa ? visaEvent.slug : event.slug, form);
					expectNoCrash(result, { field, typed, visa });
					if (!accepted(result)) expectClearRefusal(result, { field, typed });
					else if (field === 'passportNumber' && visa) {
						const row = await storedRegistration(visaEvent.id, form.email);
						// Stored encrypted; read back it is the number as typed, without spaces or hyphens.
						expect(visaDataOf(row!)?.passportNumber).toBe(
							asStored(typed).toUpperCase().replace(/[\s-]/g, '')
						);
					}
				}
			),
			RUNS
		);
	});
});

describe('a delegate editing their own registration', () => {
	it('stores every free-text field exactly as typed, or refuses it and keeps the saved one', async () => {
		const registered = await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegationId),
			submissionKey: submissionKey()
		});
		const row = await db()
			.selectFrom('registrations')
			.selectAll()
			.where('id', '=', registered.registrationId)
			.executeTakeFirstOrThrow();
		const locals = await localsFor(row.user_id, 'email_link');
		const params = { reference: row.reference };
		const path = `/me/registrations/${row.reference}/edit`;

		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...Object.keys(FREE_TEXT), ...STRUCTURED),
				hostileString(),
				async (field, typed) => {
					const before = await db()
						.selectFrom('registrations')
						.selectAll()
						.where('id', '=', row.id)
						.executeTakeFirstOrThrow();
					const form = {
						...validForm(delegationId),
						version: String(before.version),
						[field]: typed
					};
					const result = await outcome(() =>
						editPage.actions.default(routeEvent({ locals, path, params, form }))
					);
					expectNoCrash(result, { field, typed });
					const after = await db()
						.selectFrom('registrations')
						.selectAll()
						.where('id', '=', row.id)
						.executeTakeFirstOrThrow();
					if (accepted(result)) {
						if (field in FREE_TEXT) expectStoredAsTyped(after, field, typed);
						// The address is how the delegate signs in: never changed here.
						expect(after.email).toBe(row.email);
					} else {
						expectClearRefusal(result, { field, typed });
						expect(after.version).toBe(before.version);
					}
				}
			),
			RUNS
		);
	});
});
