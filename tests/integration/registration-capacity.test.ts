import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/lib/server/audit/audit.repository.ts';
import { now } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { decryptVisaData } from '../../src/lib/server/privacy/pii.ts';
import {
	cancelRegistration,
	decideRegistrations,
	findRegistrationByReference,
	getRegistrationForOwner,
	moveFromWaitlist,
	registerDelegate,
	updateRegistration
} from '../../src/lib/server/registrations/registration.service.ts';
import { addEventStaff, makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';
import { staffActor, delegateActor } from '../helpers/event-actors.ts';

const DAY = 86_400_000;
const day = (offset: number) => new Date(now().getTime() + offset * DAY).toISOString().slice(0, 10);

/** A published event about two months ahead (so it is never "over" whenever the suite runs). */
function futureEvent(overrides: Parameters<typeof makeEvent>[0] = {}) {
	return makeEvent({ starts_on: day(60), ends_on: day(62), ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

function register(
	eventId: number,
	delegationId: number,
	extra: Partial<Parameters<typeof registerDelegate>[0]> = {}
) {
	return registerDelegate({
		eventId,
		values: delegateValues(delegationId),
		submissionKey: submissionKey(),
		ip: '198.51.100.7',
		...extra
	});
}

async function registrationsOf(eventId: number) {
	return db()
		.selectFrom('registrations')
		.selectAll()
		.where('event_id', '=', eventId)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
}

async function mailsOf(registrationId: number) {
	return db()
		.selectFrom('emails')
		.select(['template', 'recipient', 'subject', 'dedupe_key'])
		.where('registration_id', '=', registrationId)
		.orderBy('id')
		.execute();
}

describe('capacity under load', () => {
	it('300 simultaneous registrations for 50 seats: exactly 50 confirmed, quotas kept, the rest wait-listed in order', async () => {
		const event = await futureEvent({ capacity: 50 });
		// Seven delegations of 9 seats and one without a quota: both limits bind.
		const delegations = await Promise.all(
			['TH', 'VN', 'ID', 'PH', 'MY', 'KH', 'LA', 'JP'].map((code, i) =>
				makeDelegation(event.id, code, { quota: code === 'JP' ? null : 9, sortOrder: i })
			)
		);
		const results = await Promise.allSettled(
			Array.from({ length: 300 }, (_, i) => register(event.id, delegations[(i * 7) % 8].id))
		);
		const rejected = results.filter((r) => r.status === 'rejected');
		expect(rejected.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);

		const rows = await registrationsOf(event.id);
		expect(rows).toHaveLength(300);
		expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(50);
		expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(250);

		// First come first served: replaying the submissions in order gives the same decisions.
		const quota = new Map(delegations.map((d) => [d.id, d.quota]));
		const taken = new Map<number, number>();
		let seats = 0;
		for (const row of rows) {
			const used = taken.get(row.delegation_id) ?? 0;
			const limit = quota.get(row.delegation_id);
			const fits = seats < 50 && (limit === null || used < limit!);
			expect(row.status, row.reference).toBe(fits ? 'confirmed' : 'waitlisted');
			if (fits) {
				seats++;
				taken.set(row.delegation_id, used + 1);
			}
		}

		// Counters equal the real counts; references numbered per delegation without gaps.
		const eventRow = await db()
			.selectFrom('events')
			.selectAll()
			.where('id', '=', event.id)
			.executeTakeFirstOrThrow();
		expect(eventRow.seats_taken).toBe(50);
		for (const d of delegations) {
			const row = await db()
				.selectFrom('delegations')
				.selectAll()
				.where('id', '=', d.id)
				.executeTakeFirstOrThrow();
			const mine = rows.filter((r) => r.delegation_id === d.id);
			expect(row.seats_taken).toBe(mine.filter((r) => r.status === 'confirmed').length);
			if (d.quota !== null) expect(row.seats_taken).toBeLessThanOrEqual(d.quota);
			expect(mine.map((r) => r.reference).sort()).toEqual(
				mine.map((_, i) => `${event.code}-${d.code}-${String(i + 1).padStart(3, '0')}`)
			);
		}

		// Everyone got exactly one mail saying what happened.
		const mails = await db()
			.selectFrom('emails')
			.select(['template'])
			.where('event_id', '=', event.id)
			.execute();
		expect(mails.filter((m) => m.template === 'registration-confirmed')).toHaveLength(50);
		expect(mails.filter((m) => m.template === 'registration-waitlisted')).toHaveLength(250);

		// A cancellation frees one seat: exactly one promoted, the first wait-listed that fits.
		const leaving = rows.find((r) => r.status === 'confirmed' && quota.get(r.delegation_id) === 9)!;
		await cancelRegistration(delegateActor(leaving.user_id), leaving.id, 'Change of plans');
		const expected = rows.find(
			(r) =>
				r.status === 'waitlisted' &&
				(r.delegation_id === leaving.delegation_id ||
					quota.get(r.delegation_id) === null ||
					(taken.get(r.delegation_id) ?? 0) < quota.get(r.delegation_id)!)
		)!;
		const after = await registrationsOf(event.id);
		const promoted = after.filter(
			(r) => r.status === 'confirmed' && rows.find((o) => o.id === r.id)!.status === 'waitlisted'
		);
		expect(promoted.map((r) => r.id)).toEqual([expected.id]);
		expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(50);
		expect((await mailsOf(expected.id)).map((m) => m.template)).toEqual([
			'registration-waitlisted',
			'registration-promoted'
		]);
		expect((await mailsOf(leaving.id)).map((m) => m.template)).toEqual([
			'registration-confirmed',
			'registration-cancelled'
		]);
	}, 120_000);
});

describe('registration rules', () => {
	it('refuses when the window is closed or not yet open, naming the date', async () => {
		const closed = await futureEvent({ registration_closes_at: new Date(now().getTime() - DAY) });
		const d1 = await makeDelegation(closed.id, 'TH');
		expect((await failure(register(closed.id, d1.id))).message).toMatch(
			/Registration closed on .*time/
		);
		const later = await futureEvent({ registration_opens_at: new Date(now().getTime() + DAY) });
		const d2 = await makeDelegation(later.id, 'TH');
		const error = await failure(register(later.id, d2.id));
		expect(error.code).toBe('closed');
		expect(error.message).toMatch(/Registration opens on/);
	});

	it('refuses an invitation-only event without an invitation', async () => {
		const event = await futureEvent({ registration_mode: 'invitation' });
		const d = await makeDelegation(event.id, 'MM');
		const error = await failure(register(event.id, d.id));
		expect(error.code).toBe('forbidden');
		expect(error.message).toMatch(/by invitation only/);
		expect(await registrationsOf(event.id)).toHaveLength(0);
	});

	it('says an e-mail is already registered and offers sign-in; re-registering after a cancellation works', async () => {
		const event = await futureEvent();
		const d = await makeDelegation(event.id, 'ID');
		const values = delegateValues(d.id, {
			givenName: null,
			familyName: 'Suharto',
			badgeName: 'Suharto'
		});
		const first = await registerDelegate({
			eventId: event.id,
			values,
			submissionKey: submissionKey()
		});
		expect(first.status).toBe('confirmed');
		const error = await failure(
			registerDelegate({ eventId: event.id, values, submissionKey: submissionKey() })
		);
		expect(error.code).toBe('conflict');
		expect(error.field).toBe('email');
		expect(error.message).toMatch(/already registered.*\/signin/);

		const owner = (await findRegistrationByReference(first.reference))!.registration.user_id;
		await cancelRegistration(delegateActor(owner), first.registrationId);
		const again = await registerDelegate({
			eventId: event.id,
			values,
			submissionKey: submissionKey()
		});
		expect(again.status).toBe('confirmed');
		expect(again.reference).not.toBe(first.reference);
		const rows = await registrationsOf(event.id);
		expect(rows.map((r) => r.status)).toEqual(['cancelled', 'confirmed']);
		expect(new Set(rows.map((r) => r.user_id)).size).toBe(1);
	});

	it('creates one registration when the same form is posted twice, even at once', async () => {
		const event = await futureEvent();
		const d = await makeDelegation(event.id, 'PH');
		const values = delegateValues(d.id);
		const key = submissionKey();
		const [a, b] = await Promise.all([
			registerDelegate({ eventId: event.id, values, submissionKey: key }),
			registerDelegate({ eventId: event.id, values, submissionKey: key })
		]);
		expect(a.reference).toBe(b.reference);
		expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
		const c = await registerDelegate({ eventId: event.id, values, submissionKey: key });
		expect(c).toMatchObject({ reference: a.reference, duplicate: true });
		expect(await registrationsOf(event.id)).toHaveLength(1);
		expect(await mailsOf(a.registrationId)).toHaveLength(1);
	});

	it('keeps registrations pending in approval mode and e-mails that they were received', async () => {
		const event = await futureEvent({ registration_mode: 'approval', capacity: 10 });
		const d = await makeDelegation(event.id, 'KH');
		const result = await register(event.id, d.id);
		expect(result.status).toBe('pending');
		expect((await mailsOf(result.registrationId)).map((m) => m.template)).toEqual([
			'registration-received'
		]);
		const row = await db()
			.selectFrom('events')
			.select('seats_taken')
			.where('id', '=', event.id)
			.executeTakeFirstOrThrow();
		expect(row.seats_taken).toBe(0);
	});

	it('approving when full wait-lists; declining a confirmed one promotes the wait-listed', async () => {
		const organizer = await makeStaff();
		const event = await futureEvent({ registration_mode: 'approval', capacity: 2 });
		await addEventStaff(event.id, organizer.id, 'organizer');
		const d = await makeDelegation(event.id, 'LA');
		const people = [];
		for (let i = 0; i < 3; i++) people.push(await register(event.id, d.id));
		const ids = people.map((p) => p.registrationId);
		expect(await decideRegistrations(staffActor(organizer), event.id, ids, 'approve')).toEqual({
			confirmed: 2,
			waitlisted: 1,
			declined: 0
		});
		const declineError = await failure(
			decideRegistrations(staffActor(organizer), event.id, [ids[0]], 'decline')
		);
		expect(declineError.field).toBe('reason');
		await decideRegistrations(
			staffActor(organizer),
			event.id,
			[ids[0]],
			'decline',
			'Only heads of delegation this time'
		);
		const rows = await registrationsOf(event.id);
		expect(rows.map((r) => r.status)).toEqual(['declined', 'confirmed', 'confirmed']);
		expect(rows[0].decline_reason).toBe('Only heads of delegation this time');
		expect((await mailsOf(ids[2])).map((m) => m.template)).toEqual([
			'registration-received',
			'registration-waitlisted',
			'registration-promoted'
		]);
		const trail = await listAudit(db(), 'registration', ids[0]);
		expect(trail.map((a) => a.action)).toEqual([
			'registration.create',
			'registration.approve',
			'registration.decline'
		]);
		expect(trail[2].actor_name).toBe(organizer.display_name);
	});

	it('lets an organizer move someone from the wait-list only when a seat is free', async () => {
		const organizer = await makeStaff();
		const event = await futureEvent({ capacity: 5 });
		await addEventStaff(event.id, organizer.id, 'organizer');
		const full = await makeDelegation(event.id, 'SG', { quota: 1 });
		await register(event.id, full.id);
		const waiting = await register(event.id, full.id);
		expect(waiting.status).toBe('waitlisted');
		const error = await failure(moveFromWaitlist(staffActor(organizer), waiting.registrationId));
		expect(error.code).toBe('full');
		expect(error.message).toMatch(/quota/);
		await db().updateTable('delegations').set({ quota: 2 }).where('id', '=', full.id).execute();
		await moveFromWaitlist(staffActor(organizer), waiting.registrationId);
		expect((await findRegistrationByReference(waiting.reference))!.registration.status).toBe(
			'confirmed'
		);
	});

	it('refuses a stale edit and overwrites nothing; a fresh edit by staff moves the seat to the new delegation', async () => {
		const event = await futureEvent({ capacity: 10 });
		const th = await makeDelegation(event.id, 'TH', { quota: 2 });
		const vn = await makeDelegation(event.id, 'VN', { quota: 2 });
		const values = delegateValues(th.id);
		const reg = await registerDelegate({
			eventId: event.id,
			values,
			submissionKey: submissionKey()
		});
		const { registration } = (await findRegistrationByReference(reg.reference))!;
		const actor = delegateActor(registration.user_id);

		await updateRegistration(actor, reg.registrationId, 1, {
			...values,
			position: 'Deputy Director'
		});
		const error = await failure(
			updateRegistration(actor, reg.registrationId, 1, {
				...values,
				position: 'Typed in an old tab'
			})
		);
		expect(error.code).toBe('stale');
		expect(error.message).toMatch(/another tab or by the secretariat/);

		// Once confirmed, a delegate asks for another delegation; staff move it.
		const moved = await failure(
			updateRegistration(actor, reg.registrationId, 2, { ...values, delegationId: vn.id })
		);
		expect(moved.message).toMatch(/decided by the organisers/);
		const staff = await makeStaff();
		await addEventStaff(event.id, staff.id, 'secretariat');
		await updateRegistration(staffActor(staff), reg.registrationId, 2, {
			...values,
			position: 'Deputy Director',
			delegationId: vn.id
		});
		const now2 = (await findRegistrationByReference(reg.reference))!.registration;
		expect(now2).toMatchObject({
			position: 'Deputy Director',
			delegation_id: vn.id,
			status: 'confirmed',
			version: 3
		});
		const counters = await db()
			.selectFrom('delegations')
			.select(['code', 'seats_taken'])
			.where('event_id', '=', event.id)
			.orderBy('code')
			.execute();
		expect(counters).toEqual([
			{ code: 'TH', seats_taken: 0 },
			{ code: 'VN', seats_taken: 1 }
		]);
		const trail = await listAudit(db(), 'registration', reg.registrationId);
		expect(trail[1].diff).toMatchObject({
			position: { from: 'Director, Social Protection Department', to: 'Deputy Director' }
		});
	});

	it('rolls everything back when a step inside the transaction fails: no row, no mail, no seat', async () => {
		const event = await futureEvent({ capacity: 3 });
		const d = await makeDelegation(event.id, 'BN');
		await expect(
			register(event.id, d.id, {
				onRegistered: async () => {
					throw new Error('invitation update failed');
				}
			})
		).rejects.toThrow('invitation update failed');
		expect(await registrationsOf(event.id)).toHaveLength(0);
		const mails = await db()
			.selectFrom('emails')
			.select('id')
			.where('event_id', '=', event.id)
			.execute();
		expect(mails).toHaveLength(0);
		const counters = await db()
			.selectFrom('delegations')
			.select(['seats_taken', 'next_number'])
			.where('id', '=', d.id)
			.executeTakeFirstOrThrow();
		expect(counters).toEqual({ seats_taken: 0, next_number: 1 });
	});

	it('encrypts passport data at rest and keeps it out of the audit log', async () => {
		const event = await futureEvent({ collect_visa_support: true });
		const d = await makeDelegation(event.id, 'MM');
		const visa = {
			passportNumber: 'MA1234567',
			passportExpiry: '2031-05-01',
			dateOfBirth: '1968-03-14'
		};
		const values = delegateValues(d.id, {
			givenName: null,
			familyName: 'Aung',
			badgeName: 'U Aung',
			visa
		});
		const reg = await registerDelegate({
			eventId: event.id,
			values,
			submissionKey: submissionKey()
		});
		const { registration } = (await findRegistrationByReference(reg.reference))!;
		expect(registration.visa_data_enc).toMatch(/^v1:[^:]+:[^:]+:[^:]+$/);
		expect(registration.visa_data_enc).not.toContain('MA1234567');
		expect(decryptVisaData(registration.visa_data_enc!)).toEqual(visa);

		const organizer = await makeStaff();
		await addEventStaff(event.id, organizer.id, 'organizer');
		await updateRegistration(staffActor(organizer), reg.registrationId, 1, {
			...values,
			visa: { ...visa, passportNumber: 'MB7654321' }
		});
		const trail = await listAudit(db(), 'registration', reg.registrationId);
		expect(JSON.stringify(trail)).not.toMatch(/MA1234567|MB7654321|1968-03-14/);
		expect(trail[1].diff).toMatchObject({ passport_number: '[redacted]' });
	});

	it('limits attempts per e-mail address strictly', async () => {
		const event = await futureEvent();
		const d = await makeDelegation(event.id, 'SG');
		const values = delegateValues(d.id);
		const attempts = [];
		for (let i = 0; i < 11; i++) {
			attempts.push(
				await registerDelegate({ eventId: event.id, values, submissionKey: submissionKey() }).then(
					() => 'ok',
					(e: DomainError) => e.code
				)
			);
		}
		expect(attempts[0]).toBe('ok');
		expect(attempts.slice(1, 10)).toEqual(Array(9).fill('conflict'));
		expect(attempts[10]).toBe('rate_limited');
	});

	it('shows a registration to its owner only', async () => {
		const event = await futureEvent();
		const d = await makeDelegation(event.id, 'TL');
		const reg = await register(event.id, d.id);
		const { registration } = (await findRegistrationByReference(reg.reference.toLowerCase()))!;
		expect(await getRegistrationForOwner(registration.user_id, reg.reference)).not.toBeNull();
		expect(await getRegistrationForOwner(registration.user_id + 1000, reg.reference)).toBeNull();
		const error = await failure(
			cancelRegistration(delegateActor(registration.user_id + 1000), reg.registrationId)
		);
		expect(error.code).toBe('not_found');
	});
});
