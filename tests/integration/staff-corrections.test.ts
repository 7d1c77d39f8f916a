import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { visaDataOf } from '../../src/lib/server/registrations/registration.fields.ts';
import {
	findRegistrationByReference,
	registerDelegate
} from '../../src/lib/server/registrations/registration.service.ts';
import * as editPage from '../../src/routes/admin/events/[slug]/registrations/[reference]/edit/+page.server.ts';
import * as newPage from '../../src/routes/admin/events/[slug]/registrations/new/+page.server.ts';
import * as listPage from '../../src/routes/admin/events/[slug]/registrations/+page.server.ts';
import * as registrationPage from '../../src/routes/admin/events/[slug]/registrations/[reference]/+page.server.ts';
import { eventWithPeople } from '../helpers/event-actors.ts';
import { makeDelegation, makeStaff } from '../helpers/factories.ts';
import { outcome } from '../helpers/hostile.ts';
import { routeEvent, localsFor } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// The secretariat corrects the List of Participants in Kaigi: any field, through the same form
// and validation as the delegate, recorded under their name, the delegate told by e-mail.

async function setup(overrides: Parameters<typeof eventWithPeople>[0] = {}) {
	const people = await eventWithPeople({ registration_mode: 'open', ...overrides });
	const th = await makeDelegation(people.event.id, 'TH', { name: 'Thailand', quota: 5 });
	const vn = await makeDelegation(people.event.id, 'VN', { name: 'Viet Nam', quota: 1 });
	return { ...people, th, vn };
}

/** The staff edit form as the page renders it for a registration, with changes. */
async function formOf(
	reference: string,
	changes: Record<string, string> = {}
): Promise<Record<string, string>> {
	const { registration, event } = (await findRegistrationByReference(reference))!;
	// The form as an administrator opens it (any staff member who may correct sees the same).
	const locals = await localsFor((await makeStaff({ admin: true })).id);
	const load = await outcome(() =>
		editPage.load(
			routeEvent({
				locals,
				path: `/admin/events/${event.slug}/registrations/${reference}/edit`,
				params: { slug: event.slug, reference }
			})
		)
	);
	const values = load.data!.values as Record<string, string>;
	return { ...values, version: String(registration.version), ...changes };
}

async function post(
	module: typeof editPage | typeof newPage,
	who: { locals: App.Locals },
	slug: string,
	form: Record<string, string>,
	reference?: string
) {
	const path = reference
		? `/admin/events/${slug}/registrations/${reference}/edit`
		: `/admin/events/${slug}/registrations/new`;
	return outcome(() =>
		module.actions.default(
			routeEvent({
				locals: who.locals,
				path,
				params: reference ? { slug, reference } : { slug },
				form
			})
		)
	);
}

function outbox(registrationId: number) {
	return db()
		.selectFrom('emails')
		.select(['recipient', 'template', 'subject', 'text_body'])
		.where('registration_id', '=', registrationId)
		.where('template', '=', 'registration-corrected')
		.orderBy('id')
		.execute();
}

describe('staff correct a registration', () => {
	it('saves a misspelt name, a new address and another delegation; audited under the staff member, both addresses mailed', async () => {
		const { event, secretariat, th, vn } = await setup();
		const values = delegateValues(th.id, { familyName: 'Nguyen', givenName: 'Thi Minh' });
		const reg = await registerDelegate({
			eventId: event.id,
			values,
			submissionKey: submissionKey()
		});
		const before = (await findRegistrationByReference(reg.reference))!.registration;
		const form = await formOf(reg.reference, {
			familyName: 'Nguyễn',
			givenName: 'Thị Minh',
			email: 'Minh.Nguyen@Molisa.example',
			delegationId: String(vn.id),
			arrivalFlight: 'VN 310'
		});

		const result = await post(editPage, secretariat, event.slug, form, reg.reference);
		expect(result.kind, JSON.stringify(result.data)).toBe('redirect');
		expect(result.location).toBe(
			`/admin/events/${event.slug}/registrations/${reg.reference}?corrected=1`
		);

		const after = (await findRegistrationByReference(reg.reference))!.registration;
		expect(after).toMatchObject({
			family_name: 'Nguyễn',
			given_name: 'Thị Minh',
			email: 'minh.nguyen@molisa.example',
			delegation_id: vn.id,
			arrival_flight: 'VN 310',
			status: 'confirmed',
			version: before.version + 1
		});
		// The registration now belongs to whoever signs in with the new address.
		const owner = await db()
			.selectFrom('users')
			.select('email')
			.where('id', '=', after.user_id)
			.executeTakeFirstOrThrow();
		expect(owner.email).toBe('minh.nguyen@molisa.example');
		// The quota moved with the seat.
		const seats = await db()
			.selectFrom('delegations')
			.select(['code', 'seats_taken'])
			.where('event_id', '=', event.id)
			.orderBy('code')
			.execute();
		expect(seats).toEqual([
			{ code: 'TH', seats_taken: 0 },
			{ code: 'VN', seats_taken: 1 }
		]);

		const audit = await db()
			.selectFrom('audit_log')
			.select(['actor_user_id', 'diff'])
			.where('entity_type', '=', 'registration')
			.where('entity_id', '=', String(reg.registrationId))
			.where('action', '=', 'registration.update')
			.executeTakeFirstOrThrow();
		expect(audit.actor_user_id).toBe(secretariat.id);
		expect(audit.diff).toMatchObject({
			family_name: { from: 'Nguyen', to: 'Nguyễn' },
			delegation: { from: 'Thailand', to: 'Viet Nam' },
			email: { from: values.email, to: 'minh.nguyen@molisa.example' },
			by: 'staff'
		});

		const mails = await outbox(reg.registrationId);
		expect(mails.map((m) => m.recipient).sort()).toEqual(
			[values.email, 'minh.nguyen@molisa.example'].sort()
		);
		for (const mail of mails) {
			expect(mail.text_body).toContain('Family name: Nguyen → Nguyễn');
			expect(mail.text_body).toContain('Delegation: Thailand → Viet Nam');
		}
		const toOld = mails.find((m) => m.recipient === values.email)!;
		expect(toOld.text_body).toContain('From now on we write to minh.nguyen@molisa.example');

		// The page shows the readable trail.
		const page = await outcome(() =>
			registrationPage.load(
				routeEvent({
					locals: secretariat.locals,
					path: `/admin/events/${event.slug}/registrations/${reg.reference}`,
					params: { slug: event.slug, reference: reg.reference }
				})
			)
		);
		expect(page.data!.canCorrect).toBe(true);
	});

	it('mails nobody for a correction of travel details only', async () => {
		const { event, organizer, th } = await setup();
		const reg = await registerDelegate({
			eventId: event.id,
			values: delegateValues(th.id),
			submissionKey: submissionKey()
		});
		const form = await formOf(reg.reference, { arrivalFlight: 'TG 560', dietary: 'vegan' });
		const result = await post(editPage, organizer, event.slug, form, reg.reference);
		expect(result.kind).toBe('redirect');
		expect(await outbox(reg.registrationId)).toEqual([]);
	});

	it('refuses a stale form, and a move into a full delegation, changing nothing', async () => {
		const { event, organizer, th, vn } = await setup();
		const first = await registerDelegate({
			eventId: event.id,
			values: delegateValues(vn.id),
			submissionKey: submissionKey()
		});
		expect(first.status).toBe('confirmed');
		const reg = await registerDelegate({
			eventId: event.id,
			values: delegateValues(th.id),
			submissionKey: submissionKey()
		});
		const stale = await formOf(reg.reference, { position: 'Minister' });
		await post(
			editPage,
			organizer,
			event.slug,
			await formOf(reg.reference, { position: 'Adviser' }),
			reg.reference
		);
		const refused = await post(editPage, organizer, event.slug, stale, reg.reference);
		expect(refused.status).toBe(409);
		expect(refused.data!.message).toMatch(/changed by the delegate or another staff member/);

		const full = await post(
			editPage,
			organizer,
			event.slug,
			await formOf(reg.reference, { delegationId: String(vn.id) }),
			reg.reference
		);
		expect(full.status).toBe(409);
		expect((full.data!.errors as Record<string, string>).delegationId).toMatch(
			/Viet Nam has no free seat in its quota/
		);
		const after = (await findRegistrationByReference(reg.reference))!.registration;
		expect(after).toMatchObject({ position: 'Adviser', delegation_id: th.id, status: 'confirmed' });
	});

	it('keeps a field error beside the field with what was typed', async () => {
		const { event, organizer, th } = await setup();
		const reg = await registerDelegate({
			eventId: event.id,
			values: delegateValues(th.id),
			submissionKey: submissionKey()
		});
		const result = await post(
			editPage,
			organizer,
			event.slug,
			await formOf(reg.reference, { email: 'not an address', familyName: 'Kept' }),
			reg.reference
		);
		expect(result.status).toBe(400);
		expect((result.data!.errors as Record<string, string>).email).toMatch(/e-mail address like/);
		expect((result.data!.values as Record<string, string>).familyName).toBe('Kept');
	});
});

describe('staff register a person on their behalf', () => {
	it('enters a person on an invitation-only event: confirmed, mailed, recorded as entered by the staff member', async () => {
		const { event, secretariat, th } = await setup({ registration_mode: 'invitation' });
		const email = `on-behalf-${Date.now()}@mfa.example`;
		const result = await post(newPage, secretariat, event.slug, {
			submissionKey: submissionKey(),
			honorific: 'H.E.',
			givenName: 'Somchai',
			familyName: 'Wongsawat',
			position: 'Ambassador',
			organisation: 'Ministry of Foreign Affairs',
			delegationId: String(th.id),
			category: 'head_of_delegation',
			email,
			phone: '+66 2 643 5000',
			dietary: 'none',
			consentDataProcessing: 'on'
		});
		expect(result.kind, JSON.stringify(result.data)).toBe('redirect');
		const reference = result.location!.split('/').at(-1)!.replace('?entered=1', '');
		const { registration } = (await findRegistrationByReference(reference))!;
		expect(registration).toMatchObject({
			status: 'confirmed',
			email,
			entered_by_kind: 'organizer',
			entered_by: secretariat.id
		});
		const confirmation = await db()
			.selectFrom('emails')
			.select(['recipient', 'template'])
			.where('registration_id', '=', registration.id)
			.executeTakeFirstOrThrow();
		expect(confirmation).toEqual({ recipient: email, template: 'registration-confirmed' });
		const audit = await db()
			.selectFrom('audit_log')
			.select('actor_user_id')
			.where('entity_id', '=', String(registration.id))
			.where('action', '=', 'registration.create')
			.executeTakeFirstOrThrow();
		expect(audit.actor_user_id).toBe(secretariat.id);

		const page = await outcome(() =>
			registrationPage.load(
				routeEvent({
					locals: secretariat.locals,
					path: `/admin/events/${event.slug}/registrations/${reference}`,
					params: { slug: event.slug, reference }
				})
			)
		);
		expect(page.data!.notes).toMatchObject({
			enteredBy: { kind: 'organizer', name: secretariat.name }
		});
	});

	it('says plainly when the address is already registered', async () => {
		const { event, organizer, th } = await setup();
		const values = delegateValues(th.id);
		await registerDelegate({ eventId: event.id, values, submissionKey: submissionKey() });
		const result = await post(newPage, organizer, event.slug, {
			submissionKey: submissionKey(),
			familyName: 'Again',
			position: 'Director',
			organisation: 'Ministry',
			delegationId: String(th.id),
			category: 'delegate',
			email: values.email,
			phone: '+66 2 643 5000',
			dietary: 'none',
			consentDataProcessing: 'on'
		});
		expect(result.status).toBe(409);
		expect((result.data!.errors as Record<string, string>).email).toMatch(
			/already registered for this event\. Find that registration/
		);
	});
});

describe('a mail that could not be delivered', () => {
	it('is flagged on the registration page and in the registrations list', async () => {
		const { event, secretariat, th } = await setup();
		const reg = await registerDelegate({
			eventId: event.id,
			values: delegateValues(th.id),
			submissionKey: submissionKey()
		});
		const fine = await registerDelegate({
			eventId: event.id,
			values: delegateValues(th.id),
			submissionKey: submissionKey()
		});
		// The worker gave up on the confirmation (the mailbox does not exist).
		await db()
			.updateTable('emails')
			.set({ status: 'failed', last_error: '550 5.1.1 No such user' })
			.where('registration_id', '=', reg.registrationId)
			.execute();
		const locals = secretariat.locals;
		const page = await outcome(() =>
			registrationPage.load(
				routeEvent({
					locals,
					path: `/admin/events/${event.slug}/registrations/${reg.reference}`,
					params: { slug: event.slug, reference: reg.reference }
				})
			)
		);
		const notes = page.data!.notes as { failedMails: Array<{ error: string }> };
		expect(notes.failedMails).toHaveLength(1);
		expect(notes.failedMails[0].error).toMatch(/No such user/);

		const list = await outcome(() =>
			listPage.load(
				routeEvent({
					locals,
					path: `/admin/events/${event.slug}/registrations`,
					params: { slug: event.slug }
				})
			)
		);
		const attention = list.data!.attention as Array<{ reference: string; mailFailed: boolean }>;
		expect(attention.map((a) => a.reference)).toEqual([reg.reference]);
		expect(attention[0].mailFailed).toBe(true);
		expect(attention.map((a) => a.reference)).not.toContain(fine.reference);

		// The secretariat corrects the address: the flag goes, the new address is written to.
		const corrected = await post(
			editPage,
			secretariat,
			event.slug,
			await formOf(reg.reference, { email: `corrected-${Date.now()}@example.org` }),
			reg.reference
		);
		expect(corrected.kind).toBe('redirect');
		const after = await outcome(() =>
			listPage.load(
				routeEvent({
					locals,
					path: `/admin/events/${event.slug}/registrations`,
					params: { slug: event.slug }
				})
			)
		);
		expect(after.data!.attention).toEqual([]);
	});
});

describe('passport details in the correction form', () => {
	it('are never sent to the form; left empty they are kept, typed they replace the stored ones', async () => {
		const { event, secretariat, th } = await setup({ collect_visa_support: true });
		const visa = {
			passportNumber: 'AA1234567',
			passportExpiry: '2034-05-31',
			dateOfBirth: '1970-04-02'
		};
		const reg = await registerDelegate({
			eventId: event.id,
			values: delegateValues(th.id, { visa }),
			submissionKey: submissionKey()
		});
		const form = await formOf(reg.reference, { position: 'Minister' });
		expect([form.passportNumber, form.passportExpiry, form.dateOfBirth]).toEqual(['', '', '']);
		const kept = await post(editPage, secretariat, event.slug, form, reg.reference);
		expect(kept.kind, JSON.stringify(kept.data)).toBe('redirect');
		let row = (await findRegistrationByReference(reg.reference))!.registration;
		expect(row.position).toBe('Minister');
		expect(visaDataOf(row)).toEqual(visa);

		const replaced = await post(
			editPage,
			secretariat,
			event.slug,
			await formOf(reg.reference, {
				passportNumber: 'B7654321',
				passportExpiry: '2035-01-31',
				dateOfBirth: '1970-04-02'
			}),
			reg.reference
		);
		expect(replaced.kind).toBe('redirect');
		row = (await findRegistrationByReference(reg.reference))!.registration;
		expect(visaDataOf(row)?.passportNumber).toBe('B7654321');
		const audit = await db()
			.selectFrom('audit_log')
			.select(['action', 'diff'])
			.where('entity_id', '=', String(reg.registrationId))
			.where('action', '=', 'registration.update')
			.orderBy('id')
			.execute();
		// Recorded as changed, never with the number.
		expect(audit.at(-1)!.diff).toMatchObject({ passport_number: '[redacted]' });
		expect(JSON.stringify(audit)).not.toContain('B7654321');
		expect(JSON.stringify(audit)).not.toContain('AA1234567');
	});
});
