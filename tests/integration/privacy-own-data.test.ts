import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { decryptVisaData } from '../../src/lib/server/privacy/pii.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { signUp } from '../../src/lib/server/visits/visit.service.ts';
import { createVisit } from '../../src/lib/server/visits/visit-admin.service.ts';
import * as mePage from '../../src/routes/me/+page.server.ts';
import * as dataJson from '../../src/routes/me/data.json/+server.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';
import { ANONYMOUS, localsFor, routeEvent } from '../helpers/request-event.ts';
import { TZ, visitInput } from '../helpers/visits.ts';
import { staffActor } from '../helpers/event-actors.ts';

// A delegate's own data from /me: the JSON download holds everything about them and nothing
// about anyone else; the deletion request cancels what is still to come, erases the optional
// data, is audited and tells the organisers. Driven through the real handler and action.

type Who = { id: number; email: string };

/** A request of the person's own (real) delegate session, or an anonymous one. */
async function requestEvent(who: Who | null, path: string, form?: Record<string, string>) {
	const locals = who ? await localsFor(who.id, 'email_link') : ANONYMOUS;
	return routeEvent({ locals, path, form });
}

async function thrown(run: () => unknown) {
	try {
		return { returned: await run() };
	} catch (e) {
		return e as { status: number; location?: string };
	}
}

async function download(who: Who | null, query = '') {
	const response = await dataJson.GET(await requestEvent(who, `/me/data.json${query}`));
	return { response, body: await response.text() };
}

async function world() {
	const organizer = await makeStaff();
	const meeting = await makeEvent({
		time_zone: TZ,
		starts_on: '2027-02-15',
		ends_on: '2027-02-19',
		capacity: 2,
		collect_visa_support: true
	});
	await addEventStaff(meeting.id, organizer.id, 'organizer');
	const kh = await makeDelegation(meeting.id, 'KH', { name: 'Cambodia' });
	// No organiser account: the event's contact address hears about deletion requests.
	const training = await makeEvent({ starts_on: '2027-03-01', ends_on: '2027-03-03' });
	const th = await makeDelegation(training.id, 'TH', { name: 'Thailand' });
	const past = await makeEvent({
		starts_on: '2025-05-01',
		ends_on: '2025-05-02',
		status: 'archived'
	});
	const pastTh = await makeDelegation(past.id, 'TH', { name: 'Thailand' });

	const register = async (eventId: number, delegationId: number, values: object) =>
		registerDelegate({
			eventId,
			values: delegateValues(delegationId, values),
			submissionKey: submissionKey()
		});
	// Each test its own people (the file shares one database).
	const tag = Math.random().toString(36).slice(2, 8);
	const a = { email: `sokha.chan.${tag}@mol.gov.kh` };
	const b = { email: `dara.meas.${tag}@mol.gov.kh` };
	const waiting = `waiting.${tag}@mol.gov.kh`;
	const aMeeting = await register(meeting.id, kh.id, {
		email: a.email,
		givenName: 'Sokha',
		familyName: 'Chan',
		phone: '+855 23 111 222',
		accommodation: 'Sofitel Phnom Penh',
		visa: { passportNumber: 'N01234567', passportExpiry: '2030-01-31', dateOfBirth: '1975-04-17' }
	});
	const bMeeting = await register(meeting.id, kh.id, {
		email: b.email,
		givenName: 'Dara',
		familyName: 'Meas',
		phone: '+855 23 999 888',
		visa: { passportNumber: 'N07654321', passportExpiry: '2031-06-30', dateOfBirth: '1980-09-02' }
	});
	const cMeeting = await register(meeting.id, kh.id, { email: waiting });
	const aTraining = await register(training.id, th.id, { email: a.email, familyName: 'Chan' });
	const aPast = await makeRegistration(past, pastTh, {
		email: a.email,
		family_name: 'Chan',
		phone: '+855 23 111 222',
		arrival_flight: 'PG931'
	});
	const visitId = await createVisit(staffActor(organizer), meeting, visitInput());
	await signUp(aMeeting.registrationId, visitId);

	const userOf = async (email: string) =>
		(await db()
			.selectFrom('users')
			.select(['id', 'email'])
			.where('email', '=', email)
			.executeTakeFirstOrThrow()) as Who;
	return {
		organizer,
		meeting,
		training,
		past,
		a: await userOf(a.email),
		b: await userOf(b.email),
		waiting,
		refs: { aMeeting, bMeeting, cMeeting, aTraining, aPast }
	};
}

const registration = (reference: string) =>
	db()
		.selectFrom('registrations')
		.selectAll()
		.where('reference', '=', reference)
		.executeTakeFirstOrThrow();

describe('a delegate’s own data', () => {
	it('downloads everything about themselves as a JSON attachment, and nothing about anyone else', async () => {
		const w = await world();
		expect(await thrown(() => download(null))).toMatchObject({
			status: 303,
			location: '/signin?next=%2Fme%2Fdata.json'
		});

		const { response, body } = await download(w.a);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="kaigi-my-data-\d{4}-\d{2}-\d{2}\.json"$/
		);
		const data = JSON.parse(body);
		expect(data.account).toMatchObject({ email: w.a.email, staffAccount: false });
		expect(data.account).not.toHaveProperty('password_hash');
		expect(data.registrations.map((r: { reference: string }) => r.reference).sort()).toEqual(
			[w.refs.aMeeting.reference, w.refs.aTraining.reference, w.refs.aPast.reference].sort()
		);
		const meeting = data.registrations.find(
			(r: { reference: string }) => r.reference === w.refs.aMeeting.reference
		);
		expect(meeting).toMatchObject({
			status: 'confirmed',
			givenName: 'Sokha',
			familyName: 'Chan',
			phone: '+855 23 111 222',
			accommodation: 'Sofitel Phnom Penh',
			passport: { number: 'N01234567', expiry: '2030-01-31', dateOfBirth: '1975-04-17' },
			delegation: 'Cambodia',
			fieldVisits: [
				expect.objectContaining({ title: 'Referral hospital visit', status: 'confirmed' })
			]
		});
		expect(data.emails.map((e: { subject: string }) => e.subject)).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^Registration confirmed: .*\(.*-KH-001\)$/),
				expect.stringMatching(/^Field visit/i)
			])
		);
		expect(data.emails.every((e: { to: string }) => e.to === w.a.email)).toBe(true);
		expect(data.changes).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					action: 'registration.create',
					by: 'you',
					about: `registration ${w.refs.aMeeting.reference}`
				})
			])
		);

		// Nothing of the other delegate of the same delegation, nor of the organizer.
		for (const other of [
			w.b.email,
			'Dara',
			'Meas',
			'N07654321',
			'+855 23 999 888',
			w.refs.bMeeting.reference,
			w.organizer.email,
			w.waiting
		]) {
			expect(body).not.toContain(other);
		}
		// Whatever the address says, the session decides whose data it is.
		const asB = await download(w.b, `?user=${w.a.id}&email=${encodeURIComponent(w.a.email)}`);
		const bData = JSON.parse(asB.body);
		expect(bData.account.email).toBe(w.b.email);
		expect(bData.registrations.map((r: { reference: string }) => r.reference)).toEqual([
			w.refs.bMeeting.reference
		]);
		for (const other of [w.a.email, 'Sokha', 'N01234567', 'Sofitel', w.refs.aMeeting.reference]) {
			expect(asB.body).not.toContain(other);
		}
	});

	it('deletes their personal data on request: cancels what is to come, erases, records and tells the organisers', async () => {
		const w = await world();
		expect((await registration(w.refs.cMeeting.reference)).status).toBe('waitlisted');

		expect(
			await thrown(async () =>
				mePage.actions.erase(await requestEvent(null, '/me', { confirm: 'yes' }))
			)
		).toMatchObject({ status: 403 });
		const unconfirmed = (await thrown(async () =>
			mePage.actions.erase(await requestEvent(w.a, '/me', {}))
		)) as { returned: { status: number; data: { errors: { confirm: string } } } };
		expect(unconfirmed.returned.status).toBe(400);
		expect(unconfirmed.returned.data.errors.confirm).toMatch(/Tick the box/);
		expect((await registration(w.refs.aMeeting.reference)).phone).toBe('+855 23 111 222');

		expect(
			await thrown(async () =>
				mePage.actions.erase(await requestEvent(w.a, '/me', { confirm: 'yes' }))
			)
		).toMatchObject({
			status: 303,
			location: '/me?erased=1#personal-data'
		});

		// Upcoming registrations are cancelled (the seat went to the waiting list); the past one stays.
		expect((await registration(w.refs.aMeeting.reference)).status).toBe('cancelled');
		expect((await registration(w.refs.aTraining.reference)).status).toBe('cancelled');
		expect((await registration(w.refs.aPast.reference)).status).toBe('confirmed');
		expect((await registration(w.refs.cMeeting.reference)).status).toBe('confirmed');
		for (const reference of [
			w.refs.aMeeting.reference,
			w.refs.aTraining.reference,
			w.refs.aPast.reference
		]) {
			const r = await registration(reference);
			expect(r).toMatchObject({
				visa_data_enc: null,
				phone: '',
				accommodation: '',
				arrival_flight: '',
				family_name: 'Chan',
				email: w.a.email
			});
		}
		// The other delegate's data is untouched.
		const b = await registration(w.refs.bMeeting.reference);
		expect(b.phone).toBe('+855 23 999 888');
		expect(decryptVisaData(b.visa_data_enc!).passportNumber).toBe('N07654321');

		const audit = await db()
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'privacy.erasure_request')
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			actor_user_id: w.a.id,
			entity_type: 'user',
			entity_id: String(w.a.id)
		});

		const mails = await db()
			.selectFrom('emails')
			.select(['recipient', 'template', 'subject', 'text_body'])
			.orderBy('id')
			.execute();
		const notices = mails.filter((m) => m.template === 'privacy-erasure-request');
		expect(notices.map((m) => [m.recipient, m.subject]).sort()).toEqual(
			[
				[
					w.organizer.email,
					`Deletion of personal data requested: ${w.refs.aMeeting.reference} (${w.meeting.title})`
				],
				[
					w.training.contact_email,
					`Deletion of personal data requested: ${w.refs.aTraining.reference} (${w.training.title})`
				],
				[
					w.past.contact_email,
					`Deletion of personal data requested: ${w.refs.aPast.reference} (${w.past.title})`
				]
			].sort()
		);
		expect(notices.find((m) => m.subject.includes(w.refs.aMeeting.reference))!.text_body).toMatch(
			/Kaigi has cancelled their registration/
		);
		expect(notices.find((m) => m.subject.includes(w.refs.aPast.reference))!.text_body).toMatch(
			/was not cancelled/
		);
		expect(
			mails.filter((m) => m.recipient === w.a.email && m.template === 'registration-cancelled')
		).toHaveLength(2);
		expect(
			mails.filter((m) => m.template === 'registration-promoted').map((m) => m.recipient)
		).toEqual([w.waiting]);

		// Asking again the same day changes nothing more and sends no second notice.
		await thrown(async () =>
			mePage.actions.erase(await requestEvent(w.a, '/me', { confirm: 'yes' }))
		);
		const after = await db()
			.selectFrom('emails')
			.select('id')
			.where('template', '=', 'privacy-erasure-request')
			.execute();
		expect(after).toHaveLength(3);

		// The download now shows what is kept; the notices to the organisers are not the delegate's.
		const { body } = await download(w.a);
		const data = JSON.parse(body);
		expect(data.emails.map((e: { kind: string }) => e.kind)).not.toContain(
			'privacy-erasure-request'
		);
		expect(body).not.toContain(w.organizer.email);
		expect(
			data.registrations.every(
				(r: { passport: unknown; phone: string }) => r.passport === null && r.phone === ''
			)
		).toBe(true);
		expect(data.changes).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					action: 'privacy.erasure_request',
					by: 'you',
					about: 'your account'
				})
			])
		);
	});
});
