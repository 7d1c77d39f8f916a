import { describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
	checkIn,
	checkinCounts,
	findForCheckin,
	recentCheckins,
	undoCheckIn
} from '../../src/lib/server/checkin/checkin.service.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';

async function failure(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

async function setup() {
	const event = await makeEvent({ code: `CK${Math.floor(Math.random() * 1e6)}` });
	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	const desk = await makeStaff();
	await db()
		.updateTable('users')
		.set({ display_name: 'Dara Sok' })
		.where('id', '=', desk.id)
		.execute();
	await addEventStaff(event.id, desk.id, 'checkin');
	const khai = await makeRegistration(event, vn, {
		honorific: 'Ms.',
		family_name: 'Nguyễn',
		given_name: 'Thi Minh Khai'
	});
	const somchai = await makeRegistration(event, th, {
		honorific: 'Mr.',
		family_name: 'Prasert',
		given_name: 'Somchai'
	});
	return { event, vn, th, desk, khai, somchai };
}

describe('check-in', () => {
	it('finds a confirmed delegate by exact reference and checks them in, once, with time and who', async () => {
		setNow(new Date('2027-02-16T00:12:00Z')); // 09:12 in Tokyo
		const { event, desk, khai } = await setup();
		const found = await findForCheckin(event.id, khai.reference);
		expect(found.kind).toBe('reference');
		if (found.kind !== 'reference') return;
		expect(found.person.name).toBe('Ms. NGUYỄN Thi Minh Khai');
		expect(found.person.delegation).toBe('Viet Nam');

		const { checkedInAt } = await checkIn(desk, event.id, found.person.id);
		expect(checkedInAt.toISOString()).toBe('2027-02-16T00:12:00.000Z');
		const row = await db()
			.selectFrom('registrations')
			.select(['checked_in_at', 'checked_in_by'])
			.where('id', '=', khai.id)
			.executeTakeFirstOrThrow();
		expect(row.checked_in_by).toBe(desk.id);
		const audit = await db()
			.selectFrom('audit_log')
			.selectAll()
			.where('entity_id', '=', String(khai.id))
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['registration.check_in']);
		expect(audit[0].actor_user_id).toBe(desk.id);

		const again = await failure(checkIn(desk, event.id, khai.id));
		expect(again.message).toBe(
			'Ms. NGUYỄN Thi Minh Khai was already checked in at 09:12 by Dara Sok.'
		);
		expect(await checkinCounts(event.id)).toEqual({ confirmed: 2, checkedIn: 1 });
	});
});
