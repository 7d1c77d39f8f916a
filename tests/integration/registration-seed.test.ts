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
	starts: number,
	mode: 'invitation' | 'approval'
) {
	const event = await makeEvent({
		slug,
		code,
		starts_on: day(starts),
		ends_on: day(starts + 2),
		capacity: 60,
		collect_visa_support: slug !== 'hiv-aids-workshop',
		registration_mode: mode,
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
			// As the demo events: by invitation, with approval, and one that took place last year.
			await demoEvent('hlom-6', 'HLOM6', 4, ['ASEC'], 90, 'invitation'),
			await demoEvent('hiv-aids-workshop', 'HIVWS', 4, ['WHO', 'UNAIDS'], 42, 'approval'),
			await demoEvent('hlom-5', 'HLOM5', 4, ['ASEC'], -365, 'invitation')
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

		// Made by the registration service and the organizers' decisions, each audited.
		const audit = await db()
			.selectFrom('audit_log')
			.select(['action', 'entity_id'])
			.where('entity_type', '=', 'registration')
			.execute();
		const actions = (id: number) =>
			audit.filter((a) => Number(a.entity_id) === id).map((a) => a.action);
		const rows = await db()
			.selectFrom('registrations')
			.select(['id', 'event_id', 'status', 'reference', 'decline_reason', 'submission_key'])
			.orderBy('id')
			.execute();
		for (const row of rows) {
			expect(actions(row.id)[0]).toBe('registration.create');
			expect(row.submission_key).toMatch(/^demo:/);
		}
		const workshop = rows.filter((r) => r.event_id === events[1].id);
		const declined = workshop.find((r) => r.status === 'declined')!;
		expect(actions(declined.id)).toEqual(['registration.create', 'registration.decline']);
		expect(declined.decline_reason).toBeTruthy();
		const approved = workshop.find((r) => r.status === 'confirmed')!;
		expect(actions(approved.id)).toEqual(['registration.create', 'registration.approve']);
		const cancelled = rows.find((r) => r.event_id === events[2].id && r.status === 'cancelled')!;
		expect(actions(cancelled.id)).toEqual(['registration.create', 'registration.cancel']);
		// One number per delegation, in order, whatever became of each registration.
		const kh = workshop.filter((r) => r.reference.startsWith('HIVWS-KH-')).map((r) => r.reference);
		expect(kh).toEqual(kh.map((_, i) => `HIVWS-KH-${String(i + 1).padStart(3, '0')}`));
	});
});
