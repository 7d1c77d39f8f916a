import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { requestErasure } from '../../src/lib/server/privacy/erasure.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { signUp } from '../../src/lib/server/visits/visit.service.ts';
import { createVisit } from '../../src/lib/server/visits/visit-admin.service.ts';
import { staffActor } from '../helpers/event-actors.ts';
import { addEventStaff, makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';
import { pp, TZ, visitInput } from '../helpers/visits.ts';

// Use cases made of several steps commit together or not at all: a deletion request (its
// cancellations, the erasure, the audit entry and the organisers' mails) and a registration
// with the field visits chosen on its form. A failure is forced inside the transaction with a
// trigger on a table the use case writes last, as a full disk or a lost connection would.

async function failInsertsInto(table: 'emails' | 'field_visit_signups', when: string) {
	await sql
		.raw(
			`create or replace function kaigi_test_refuse() returns trigger language plpgsql as
			 $$ begin raise exception 'refused by the test'; end $$;
			 create trigger kaigi_test_refuse before insert on ${table}
			 for each row when (${when}) execute function kaigi_test_refuse();`
		)
		.execute(db());
}

afterEach(async () => {
	for (const table of ['emails', 'field_visit_signups']) {
		await sql.raw(`drop trigger if exists kaigi_test_refuse on ${table}`).execute(db());
	}
});

async function meeting(capacity: number | null = null) {
	const organizer = await makeStaff();
	const event = await makeEvent({
		time_zone: TZ,
		starts_on: '2027-02-15',
		ends_on: '2027-02-19',
		capacity
	});
	await addEventStaff(event.id, organizer.id, 'organizer');
	const kh = await makeDelegation(event.id, 'KH', { name: 'Cambodia' });
	return { organizer, event, kh };
}

const register = (eventId: number, delegationId: number, email: string, more = {}) =>
	registerDelegate({
		eventId,
		values: delegateValues(delegationId, { email, phone: '+855 23 111 222' }),
		submissionKey: submissionKey(),
		...more
	});

const registrationsOf = (eventId: number) =>
	db()
		.selectFrom('registrations')
		.select(['email', 'status', 'phone'])
		.where('event_id', '=', eventId)
		.orderBy('id')
		.execute();

const seatsOf = (table: 'events' | 'field_visits', id: number) =>
	db()
		.selectFrom(table)
		.select('seats_taken')
		.where('id', '=', id)
		.executeTakeFirstOrThrow()
		.then((r) => r.seats_taken);

const count = (table: 'emails' | 'audit_log' | 'field_visit_signups') =>
	db()
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));

describe('a deletion request', () => {
	it('changes nothing at all when it fails part-way, and everything when it succeeds', async () => {
		const { organizer, event, kh } = await meeting(1);
		const tag = Math.random().toString(36).slice(2, 8);
		const email = `sokha.${tag}@mol.gov.kh`;
		const waiting = `waiting.${tag}@mol.gov.kh`;
		const own = await register(event.id, kh.id, email);
		await register(event.id, kh.id, waiting);
		const visitId = await createVisit(staffActor(organizer), event, visitInput());
		await signUp(own.registrationId, visitId);
		const user = await db()
			.selectFrom('users')
			.select('id')
			.where('email', '=', email)
			.executeTakeFirstOrThrow();
		const before = {
			registrations: await registrationsOf(event.id),
			emails: await count('emails'),
			audit: await count('audit_log'),
			eventSeats: await seatsOf('events', event.id),
			visitSeats: await seatsOf('field_visits', visitId)
		};
		expect(before.registrations.map((r) => r.status)).toEqual(['confirmed', 'waitlisted']);

		// The organisers' notice is the last thing written: by then the registration was
		// cancelled, the seat given to the wait-list and the data erased — all undone.
		await failInsertsInto('emails', `new.template = 'privacy-erasure-request'`);
		await expect(requestErasure(user)).rejects.toThrow(/refused by the test/);
		expect({
			registrations: await registrationsOf(event.id),
			emails: await count('emails'),
			audit: await count('audit_log'),
			eventSeats: await seatsOf('events', event.id),
			visitSeats: await seatsOf('field_visits', visitId)
		}).toEqual(before);

		await sql.raw('drop trigger kaigi_test_refuse on emails').execute(db());
		const result = await requestErasure(user);
		expect(result.cancelled).toEqual([own.reference]);
		expect(await registrationsOf(event.id)).toEqual([
			{ email, status: 'cancelled', phone: '' },
			{ email: waiting, status: 'confirmed', phone: '+855 23 111 222' }
		]);
		expect(await seatsOf('field_visits', visitId)).toBe(0);
		const templates = await db()
			.selectFrom('emails')
			.select(['recipient', 'template'])
			.where('id', '>', 0)
			.where('template', 'in', [
				'registration-cancelled',
				'registration-promoted',
				'privacy-erasure-request'
			])
			.orderBy('id')
			.execute();
		expect(templates).toEqual([
			{ recipient: email, template: 'registration-cancelled' },
			{ recipient: waiting, template: 'registration-promoted' },
			{ recipient: organizer.email, template: 'privacy-erasure-request' }
		]);
	});
});

describe('a registration with field visits chosen on its form', () => {
	it('books the chosen visits in the registration’s own transaction', async () => {
		const { organizer, event, kh } = await meeting();
		const visitId = await createVisit(staffActor(organizer), event, visitInput());
		const email = `visits.${Math.random().toString(36).slice(2, 8)}@mol.gov.kh`;
		const result = await register(event.id, kh.id, email, { visitIds: [visitId] });
		expect([result.status, result.visitsSkipped]).toEqual(['confirmed', false]);
		const signups = await db()
			.selectFrom('field_visit_signups')
			.select(['registration_id', 'status'])
			.where('visit_id', '=', visitId)
			.execute();
		expect(signups).toEqual([{ registration_id: result.registrationId, status: 'confirmed' }]);
		expect(await seatsOf('field_visits', visitId)).toBe(1);
	});

	it('leaves no registration behind when booking a visit fails', async () => {
		const { organizer, event, kh } = await meeting(10);
		const visitId = await createVisit(staffActor(organizer), event, visitInput());
		const emails = await count('emails');
		await failInsertsInto('field_visit_signups', 'true');
		const email = `rolled.back.${Math.random().toString(36).slice(2, 8)}@mol.gov.kh`;
		await expect(register(event.id, kh.id, email, { visitIds: [visitId] })).rejects.toThrow(
			/refused by the test/
		);
		expect(await registrationsOf(event.id)).toEqual([]);
		expect(await seatsOf('events', event.id)).toBe(0);
		expect(await count('emails')).toBe(emails);
		expect(
			await db().selectFrom('users').select('id').where('email', '=', email).execute()
		).toEqual([]);
	});

	it('keeps the registration when a chosen visit cannot be booked, and books the others', async () => {
		const { organizer, event, kh } = await meeting();
		const morning = await createVisit(staffActor(organizer), event, visitInput());
		// Same morning: it overlaps the first, so only one of the two can be booked.
		const overlapping = await createVisit(
			staffActor(organizer),
			event,
			visitInput({ title: 'Overlapping visit' })
		);
		const afternoon = await createVisit(
			staffActor(organizer),
			event,
			visitInput({
				title: 'Afternoon visit',
				departsAt: pp('2027-02-17T14:00'),
				returnsAt: pp('2027-02-17T17:00'),
				stops: []
			})
		);
		const email = `partly.${Math.random().toString(36).slice(2, 8)}@mol.gov.kh`;
		const result = await register(event.id, kh.id, email, {
			visitIds: [afternoon, overlapping, morning]
		});
		expect([result.status, result.visitsSkipped]).toEqual(['confirmed', true]);
		const booked = await db()
			.selectFrom('field_visit_signups')
			.select('visit_id')
			.where('registration_id', '=', result.registrationId)
			.orderBy('visit_id')
			.execute();
		expect(booked.map((b) => b.visit_id)).toEqual([morning, afternoon]);
		expect(await seatsOf('field_visits', overlapping)).toBe(0);
	});
});
