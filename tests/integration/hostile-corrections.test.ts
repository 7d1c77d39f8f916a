import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import type { Registration } from '../../src/lib/server/db/schema.ts';
import { saveOwnRegistration } from '../../src/lib/server/registrations/change-request.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import * as staffPage from '../../src/routes/admin/events/[slug]/registrations/[reference]/+page.server.ts';
import * as editPage from '../../src/routes/admin/events/[slug]/registrations/[reference]/edit/+page.server.ts';
import * as newPage from '../../src/routes/admin/events/[slug]/registrations/new/+page.server.ts';
import * as mePage from '../../src/routes/me/+page.server.ts';
import * as confirmPage from '../../src/routes/me/email/[token]/+page.server.ts';
import { addEventStaff, makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import {
	accepted,
	asStored,
	REGISTRATION_NAMES,
	expectClearRefusal,
	expectNoCrash,
	hostileString,
	outcome,
	RUNS
} from '../helpers/hostile.ts';
import { delegateActor } from '../helpers/event-actors.ts';
import { ANONYMOUS, routeEvent, localsFor } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// Hostile input on the staff forms that correct a registration and register a person on their
// behalf: one field at a time gets a hostile value; it is stored as typed (trimmed, NFC) or
// refused with a sentence, never a 500.

const FREE_TEXT: Record<string, keyof Registration> = {
	honorific: 'honorific',
	givenName: 'given_name',
	familyName: 'family_name',
	nativeName: 'native_name',
	position: 'position',
	organisation: 'organisation',
	accessibilityNeeds: 'accessibility_needs',
	arrivalFlight: 'arrival_flight',
	accommodation: 'accommodation',
	emergencyContact: 'emergency_contact'
};
const STRUCTURED = [
	'delegationId',
	'category',
	'email',
	'phone',
	'nationality',
	'dietary',
	'arrivalAt',
	'consentDataProcessing',
	'submissionKey',
	'version',
	'photoReason'
];

let n = 0;
const uniqueEmail = () =>
	`staff-hostile-${++n}-${Math.random().toString(36).slice(2, 8)}@example.org`;

function validForm(delegationId: number): Record<string, string> {
	return {
		honorific: 'Mr.',
		givenName: 'Sok',
		familyName: 'Chea',
		position: 'Director',
		organisation: 'Ministry of Labour',
		delegationId: String(delegationId),
		category: 'delegate',
		email: uniqueEmail(),
		phone: '+855 23 123 456',
		nationality: 'KH',
		dietary: 'none',
		consentDataProcessing: 'on',
		submissionKey: submissionKey()
	};
}

function expectStored(row: Registration, field: string, typed: string) {
	const stored = asStored(typed, REGISTRATION_NAMES[field]);
	if (stored === '') return; // an optional field left empty: its default, checked elsewhere
	expect(row[FREE_TEXT[field]], `${field} for ${JSON.stringify(typed)}`).toBe(stored);
}

let event: Awaited<ReturnType<typeof makeEvent>>;
let delegationId: number;
let locals: App.Locals;

beforeAll(async () => {
	event = await makeEvent({ registration_mode: 'invitation' });
	delegationId = (await makeDelegation(event.id, 'KH', { name: 'Cambodia' })).id;
	const secretariat = await makeStaff();
	await addEventStaff(event.id, secretariat.id, 'secretariat');
	locals = await localsFor(secretariat.id);
});

describe('register a person on their behalf', () => {
	it('stores each field as typed or refuses it beside the field', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...Object.keys(FREE_TEXT), ...STRUCTURED),
				hostileString(),
				async (field, typed) => {
					const form = { ...validForm(delegationId), [field]: typed };
					const result = await outcome(() =>
						newPage.actions.default(
							routeEvent({
								locals,
								path: `/admin/events/${event.slug}/registrations/new`,
								params: { slug: event.slug },
								form
							})
						)
					);
					expectNoCrash(result, { field, typed });
					if (!accepted(result)) {
						expectClearRefusal(result, { field, typed });
						return;
					}
					const reference = result.location!.split('/').at(-1)!.replace('?entered=1', '');
					const row = await db()
						.selectFrom('registrations')
						.selectAll()
						.where('reference', '=', reference)
						.executeTakeFirstOrThrow();
					if (field in FREE_TEXT) expectStored(row, field, typed);
				}
			),
			RUNS
		);
	});
});

describe('correct a registration', () => {
	it('stores each field as typed or refuses it and keeps the saved one', async () => {
		// The event takes invitations only: the person is entered by staff.
		const reg = await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegationId),
			submissionKey: submissionKey(),
			enteredBy: (await makeStaff()).id
		});
		const row = await db()
			.selectFrom('registrations')
			.selectAll()
			.where('id', '=', reg.registrationId)
			.executeTakeFirstOrThrow();
		const params = { slug: event.slug, reference: row.reference };
		const path = `/admin/events/${event.slug}/registrations/${row.reference}/edit`;
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
						email: before.email,
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
						if (field in FREE_TEXT) expectStored(after, field, typed);
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

describe('the delegate changes their address', () => {
	it('accepts or refuses any typed address with a sentence beside the field, never a 500', async () => {
		const reg = await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegationId),
			submissionKey: submissionKey(),
			enteredBy: (await makeStaff()).id
		});
		const row = await db()
			.selectFrom('registrations')
			.select('user_id')
			.where('id', '=', reg.registrationId)
			.executeTakeFirstOrThrow();
		const delegate = await localsFor(row.user_id, 'email_link');
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('newEmail', 'newEmailConfirmation', 'both'),
				hostileString(),
				async (field, typed) => {
					const valid = uniqueEmail();
					const form = {
						newEmail: field === 'newEmailConfirmation' ? valid : typed,
						newEmailConfirmation: field === 'newEmail' ? valid : typed
					};
					const result = await outcome(() =>
						mePage.actions.changeEmail(routeEvent({ locals: delegate, path: '/me', form }))
					);
					expectNoCrash(result, { field, typed });
					if (!accepted(result)) expectClearRefusal(result, { field, typed });
				}
			),
			{ ...RUNS, numRuns: Math.min(RUNS.numRuns, 20) }
		);
	});

	it('answers any token in the confirmation address without a 500', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), async (typed) => {
				const token = typed.toWellFormed();
				const event = (form: boolean) =>
					routeEvent({
						locals: ANONYMOUS,
						path: `/me/email/x`,
						params: { token },
						...(form ? { form: {} } : {})
					});
				const shown = await outcome(() => confirmPage.load(event(false)));
				expectNoCrash(shown, typed);
				expect(shown.data).toEqual({ newEmail: null });
				const pressed = await outcome(() => confirmPage.actions.default(event(true)));
				expectNoCrash(pressed, typed);
				expectClearRefusal(pressed, typed);
			}),
			RUNS
		);
	});
});

describe('an organizer refuses a requested change', () => {
	it('stores the typed reason as typed, or refuses it with a sentence, never a 500', async () => {
		const open = await makeEvent({ registration_mode: 'open' });
		const kh = await makeDelegation(open.id, 'KH', { name: 'Cambodia' });
		const la = await makeDelegation(open.id, 'LA', { name: 'Lao PDR' });
		const organizer = await makeStaff();
		await addEventStaff(open.id, organizer.id, 'organizer');
		const staff = await localsFor(organizer.id);
		await fc.assert(
			fc.asyncProperty(hostileString(), async (typed) => {
				const values = delegateValues(kh.id);
				const reg = await registerDelegate({
					eventId: open.id,
					values,
					submissionKey: submissionKey()
				});
				const row = await db()
					.selectFrom('registrations')
					.select(['user_id', 'version'])
					.where('id', '=', reg.registrationId)
					.executeTakeFirstOrThrow();
				await saveOwnRegistration(delegateActor(row.user_id), reg.registrationId, row.version, {
					...values,
					delegationId: la.id
				});
				const result = await outcome(() =>
					staffPage.actions.refuseChange(
						routeEvent({
							locals: staff,
							path: `/admin/events/${open.slug}/registrations/${reg.reference}?/refuseChange`,
							params: { slug: open.slug, reference: reg.reference },
							form: { reason: typed }
						})
					)
				);
				expectNoCrash(result, typed);
				const request = await db()
					.selectFrom('registration_change_requests')
					.select(['status', 'reason'])
					.where('registration_id', '=', reg.registrationId)
					.executeTakeFirstOrThrow();
				if (accepted(result)) {
					expect(request).toEqual({ status: 'refused', reason: asStored(typed) });
				} else {
					expectClearRefusal(result, typed);
					expect(request.status).toBe('open');
				}
			}),
			{ ...RUNS, numRuns: Math.min(RUNS.numRuns, 20) }
		);
	});
});
