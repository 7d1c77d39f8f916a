import { describe, expect, it } from 'vitest';
import { now } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { seedDemoRegistrations } from '../../src/lib/server/seed/registrations.ts';
import { makeDelegation, makeEvent } from '../helpers/factories.ts';

const DAY = 86_400_000;
const day = (offset: number) => new Date(now().getTime() + offset * DAY).toISOString().slice(0, 10);
const CODES = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'TL', 'VN', 'JP'];

async function demoEvent(
	slug: string,
	code: string,
	quota: number,
	extra: string[],
	starts: number
) {
	const event = await makeEvent({
		slug,
		code,
		starts_on: day(starts),
		ends_on: day(starts + 2),
		capacity: 60,
		collect_visa_support: slug !== 'hiv-aids-workshop',
		registration_opens_at: new Date(now().getTime() - 3 * DAY)
	});
	for (const c of [...CODES, ...extra]) {
		await makeDelegation(event.id, c, {
			quota,
			kind: CODES.includes(c) ? 'country' : 'organisation',
			name: c
		});
	}
	return event;
}

async function snapshot() {
	return db()
		.selectFrom('registrations')
		.select(['event_id', 'status', 'reference', 'delegation_id'])
		.orderBy('id')
		.execute();
}

describe('demo registrations', () => {
	it('do nothing while the demo events do not exist', async () => {
		await seedDemoRegistrations(db());
		expect(await snapshot()).toEqual([]);
	});

	it('cover every state, keep the counters right, and a second run changes nothing', async () => {
		const events = [
			await demoEvent('hlom-6', 'HLOM6', 4, ['ASEC'], 90),
			await demoEvent('hiv-aids-workshop', 'HIVWS', 4, ['WHO', 'UNAIDS'], 42),
			await demoEvent('hlom-5', 'HLOM5', 4, ['ASEC'], -365)
		];
		await seedDemoRegistrations(db());
		const first = await snapshot();
		await seedDemoRegistrations(db());
		expect(await snapshot()).toEqual(first);

		expect(new Set(first.map((r) => r.status))).toEqual(
			new Set(['confirmed', 'pending', 'waitlisted', 'declined', 'cancelled'])
		);
		expect(
			first.filter((r) => r.event_id === events[1].id && r.status === 'pending').length
		).toBeGreaterThan(0);
		for (const event of events) {
			const row = await db()
				.selectFrom('events')
				.select('seats_taken')
				.where('id', '=', event.id)
				.executeTakeFirstOrThrow();
			expect(row.seats_taken).toBe(
				first.filter((r) => r.event_id === event.id && r.status === 'confirmed').length
			);
		}
		const delegations = await db()
			.selectFrom('delegations')
			.select(['id', 'seats_taken'])
			.execute();
		for (const d of delegations) {
			expect(d.seats_taken).toBe(
				first.filter((r) => r.delegation_id === d.id && r.status === 'confirmed').length
			);
		}
		const created = await db().selectFrom('registrations').select('created_at').execute();
		expect(created.every((r) => r.created_at <= now())).toBe(true);
		const mails = await db().selectFrom('emails').select('id').execute();
		expect(mails).toEqual([]);
	});
});
