import { beforeEach, describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { updateVisit } from '../../src/lib/server/visits/visit-admin.service.ts';
import {
	cancelSignUp,
	releaseVisitSeats,
	signUp
} from '../../src/lib/server/visits/visit.service.ts';
import { countSignups } from '../../src/lib/server/visits/visit.repository.ts';
import { makeRegistration } from '../helpers/factories.ts';
import { addVisit, confirmedDelegates, makeWorkshop, pp, savedInput } from '../helpers/visits.ts';
import { staffActor } from '../helpers/event-actors.ts';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

async function seatsTaken(visitId: number) {
	const row = await db()
		.selectFrom('field_visits')
		.select(['seats_taken', 'seats'])
		.where('id', '=', visitId)
		.executeTakeFirstOrThrow();
	return row.seats_taken;
}

function mailsTo(email: string) {
	return db()
		.selectFrom('emails')
		.select(['template', 'subject', 'text_body', 'dedupe_key'])
		.where('recipient', '=', email)
		.orderBy('id')
		.execute();
}

beforeEach(() => setNow(new Date('2027-01-10T00:00:00Z')));

describe('field visit seats', () => {
	it('gives exactly 20 seats to 100 people signing up at once; the rest wait in order', async () => {
		const w = await makeWorkshop();
		const visitId = await addVisit(w, { seats: 20 });
		const people = await confirmedDelegates(w, 100);

		const results = await Promise.all(people.map((p) => signUp(p.id, visitId)));

		const confirmed = results.filter((r) => r.status === 'confirmed');
		const waiting = results.filter((r) => r.status === 'waitlisted');
		expect(confirmed).toHaveLength(20);
		expect(waiting).toHaveLength(80);
		// Places 1…80, each given once, in the order the sign-ups were taken under the lock.
		const bySignup = [...waiting].sort((a, b) => a.signupId - b.signupId);
		expect(bySignup.map((r) => r.place)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
		expect(Math.max(...confirmed.map((r) => r.signupId))).toBeLessThan(
			Math.min(...waiting.map((r) => r.signupId))
		);
		const counts = await countSignups(db(), visitId);
		expect(counts).toEqual({ confirmed: 20, waitlisted: 80, cancelled: 0 });
		expect(await seatsTaken(visitId)).toBe(20);

		const first = await mailsTo(people[0].email);
		expect(first).toHaveLength(1);
		const templates = await db()
			.selectFrom('emails')
			.select(['template', (eb) => eb.fn.countAll<number>().as('n')])
			.groupBy('template')
			.execute();
		expect(Object.fromEntries(templates.map((t) => [t.template, Number(t.n)]))).toEqual({
			'visit-confirmed': 20,
			'visit-waitlisted': 80
		});
	});

	it('promotes the first on the waiting list when a seat is given up, and tells them', async () => {
		const w = await makeWorkshop();
		const visitId = await addVisit(w, { seats: 2 });
		const [a, b, c, d] = await confirmedDelegates(w, 4);
		for (const p of [a, b, c, d]) await signUp(p.id, visitId);
		expect(await seatsTaken(visitId)).toBe(2);

		await cancelSignUp(a.id, visitId, null);

		const statuses = await db()
			.selectFrom('field_visit_signups')
			.select(['registration_id', 'status'])
			.where('visit_id', '=', visitId)
			.orderBy('id')
			.execute();
		expect(statuses.map((s) => [s.registration_id, s.status])).toEqual([
			[a.id, 'cancelled'],
			[b.id, 'confirmed'],
			[c.id, 'confirmed'],
			[d.id, 'waitlisted']
		]);
		expect(await seatsTaken(visitId)).toBe(2);
		const mail = await mailsTo(c.email);
		expect(mail.map((m) => m.template)).toEqual(['visit-waitlisted', 'visit-promoted']);
		expect(mail[1].subject).toBe('A seat is yours: Referral hospital visit');
		expect((await mailsTo(d.email)).map((m) => m.template)).toEqual(['visit-waitlisted']);
	});

	it('releases seats when a registration is cancelled, promoting the waiting list', async () => {
		const w = await makeWorkshop();
		const first = await addVisit(w, { seats: 1 });
		const second = await addVisit(w, {
			title: 'Afternoon clinic',
			departsAt: pp('2027-02-17T14:00'),
			returnsAt: pp('2027-02-17T17:00'),
			stops: [],
			seats: 5
		});
		const [leaving, waiting] = await confirmedDelegates(w, 2);
		await signUp(leaving.id, first);
		await signUp(leaving.id, second);
		await signUp(waiting.id, first);

		const released = await db()
			.transaction()
			.execute(async (trx) => {
				await trx
					.updateTable('registrations')
					.set({ status: 'cancelled' })
					.where('id', '=', leaving.id)
					.execute();
				return releaseVisitSeats(trx, leaving.id);
			});

		expect(released).toBe(2);
		expect(await countSignups(db(), first)).toEqual({ confirmed: 1, waitlisted: 0, cancelled: 1 });
		expect(await countSignups(db(), second)).toEqual({ confirmed: 0, waitlisted: 0, cancelled: 1 });
		expect(await seatsTaken(first)).toBe(1);
		expect(await seatsTaken(second)).toBe(0);
		expect((await mailsTo(waiting.email)).map((m) => m.template)).toContain('visit-promoted');
	});

	it('gives new seats to the waiting list when the organizer adds seats', async () => {
		const w = await makeWorkshop();
		const visitId = await addVisit(w, { seats: 1 });
		const [a, b, c] = await confirmedDelegates(w, 3);
		for (const p of [a, b, c]) await signUp(p.id, visitId);
		const input = await savedInput(visitId);
		await updateVisit(staffActor(w.organizer), w.event, visitId, null, { ...input, seats: 2 });
		expect(await countSignups(db(), visitId)).toEqual({
			confirmed: 2,
			waitlisted: 1,
			cancelled: 0
		});
		expect((await mailsTo(b.email)).map((m) => m.template)).toEqual([
			'visit-waitlisted',
			'visit-promoted'
		]);
	});

	it('signing up twice changes nothing', async () => {
		const w = await makeWorkshop();
		const visitId = await addVisit(w, { seats: 3 });
		const [a] = await confirmedDelegates(w, 1);
		const once = await signUp(a.id, visitId);
		const twice = await signUp(a.id, visitId);
		expect(twice).toMatchObject({ signupId: once.signupId, status: 'confirmed', already: true });
		expect(await seatsTaken(visitId)).toBe(1);
		expect(await mailsTo(a.email)).toHaveLength(1);
	});
});

describe('the clash rule', () => {
	it('refuses a visit overlapping another chosen one, naming it in the event zone', async () => {
		const w = await makeWorkshop();
		const hospital = await addVisit(w);
		const overlapping = await addVisit(w, {
			title: 'Drop-in centre',
			departsAt: pp('2027-02-16T12:00'),
			returnsAt: pp('2027-02-16T15:00'),
			stops: []
		});
		const later = await addVisit(w, {
			title: 'Afternoon clinic',
			departsAt: pp('2027-02-16T13:00'),
			returnsAt: pp('2027-02-16T16:00'),
			stops: []
		});
		const [a] = await confirmedDelegates(w, 1);
		await signUp(a.id, hospital);

		const error = await refusal(signUp(a.id, overlapping));
		expect(error.code).toBe('conflict');
		expect(error.message).toContain(
			'overlaps ‘Referral hospital visit’ (Tue 16 Feb, 08:00–13:00 Phnom Penh time (UTC+7))'
		);
		// Back-to-back is not a clash.
		expect((await signUp(a.id, later)).status).toBe('confirmed');
		expect(await seatsTaken(overlapping)).toBe(0);
	});

	it('counts a waiting-list place as a choice, and a cancelled one not', async () => {
		const w = await makeWorkshop();
		const full = await addVisit(w, { seats: 0 });
		const other = await addVisit(w, {
			title: 'Same morning',
			departsAt: pp('2027-02-16T10:00'),
			returnsAt: pp('2027-02-16T12:00'),
			stops: []
		});
		const [a] = await confirmedDelegates(w, 1);
		expect((await signUp(a.id, full)).status).toBe('waitlisted');
		await refusal(signUp(a.id, other));
		await cancelSignUp(a.id, full, null);
		expect((await signUp(a.id, other)).status).toBe('confirmed');
	});
});

describe('who may sign up', () => {
	it('refuses unconfirmed registrations, other categories, other events and cancelled visits', async () => {
		const w = await makeWorkshop();
		const heads = await addVisit(w, { eligibleCategories: ['head_of_delegation'] });
		const pending = await makeRegistration(w.event, w.delegation, { status: 'pending' });
		const delegate = await makeRegistration(w.event, w.delegation, { category: 'delegate' });
		const head = await makeRegistration(w.event, w.delegation, {
			category: 'head_of_delegation'
		});

		expect((await refusal(signUp(pending.id, heads))).message).toMatch(
			/once your registration is confirmed/
		);
		expect((await refusal(signUp(delegate.id, heads))).message).toBe(
			'This field visit is open to heads of delegation only.'
		);
		expect((await signUp(head.id, heads)).status).toBe('confirmed');

		const other = await makeWorkshop();
		const elsewhere = await addVisit(other);
		expect((await refusal(signUp(head.id, elsewhere))).code).toBe('not_found');

		setNow(new Date('2027-02-16T02:00:00Z'));
		const later = await makeRegistration(w.event, w.delegation, { category: 'head_of_delegation' });
		expect((await refusal(signUp(later.id, heads))).message).toBe(
			'This field visit has already left.'
		);
	});
});
