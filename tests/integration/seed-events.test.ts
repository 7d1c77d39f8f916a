import { describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import {
	findEventBySlug,
	listDelegations,
	listProgramme
} from '../../src/lib/server/events/event.repository.ts';
import { listUpcomingEvents } from '../../src/lib/server/events/event-listing.service.ts';
import { registrationState } from '../../src/lib/server/events/registration-state.ts';
import {
	HIV_WORKSHOP_SLUG,
	HLOM5_SLUG,
	HLOM6_SLUG,
	LABOUR_TRAINING_SLUG
} from '../../src/lib/server/seed/events.ts';
import { seedDemo } from '../../src/lib/server/seed/seed.ts';

async function counts() {
	const count = async (
		table: 'events' | 'delegations' | 'programme_items' | 'event_staff' | 'users'
	) =>
		Number(
			(
				await db()
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<string>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		events: await count('events'),
		delegations: await count('delegations'),
		programme: await count('programme_items'),
		staff: await count('event_staff'),
		users: await count('users')
	};
}

const DAY = 86_400_000;

describe('demo events', () => {
	it('are created relative to today and seeding twice changes nothing', async () => {
		const today = new Date('2026-11-26T03:00:00Z');
		setNow(today);
		await seedDemo(db());
		const first = await counts();
		expect(first.events).toBe(4);
		const labour = (await findEventBySlug(db(), LABOUR_TRAINING_SLUG))!;
		expect(labour).toMatchObject({
			registration_mode: 'open',
			status: 'published',
			kind: 'training'
		});
		await seedDemo(db());
		expect(await counts()).toEqual(first);

		const hlom6 = (await findEventBySlug(db(), HLOM6_SLUG))!;
		expect(hlom6).toMatchObject({
			code: 'HLOM6',
			status: 'published',
			registration_mode: 'invitation',
			time_zone: 'Asia/Tokyo',
			country: 'JP',
			capacity: 60,
			collect_visa_support: true,
			host_placement: 'first'
		});
		const ahead = (Date.parse(hlom6.starts_on) - today.getTime()) / DAY;
		expect(ahead).toBeGreaterThan(85);
		expect(ahead).toBeLessThan(100);
		expect(registrationState(hlom6, today).invitationsAccepted).toBe(true);
		const delegations = await listDelegations(db(), hlom6.id);
		expect(delegations.map((d) => d.code)).toEqual([
			'BN',
			'KH',
			'ID',
			'LA',
			'MY',
			'MM',
			'PH',
			'SG',
			'TH',
			'TL',
			'VN',
			'JP',
			'ASEC'
		]);
		expect(delegations.find((d) => d.code === 'JP')?.quota).toBe(8);
		expect(delegations.find((d) => d.code === 'ASEC')).toMatchObject({
			name: 'ASEAN Secretariat',
			kind: 'organisation',
			quota: 3
		});
		const programme = await listProgramme(db(), hlom6.id);
		expect(programme.some((p) => /study visit/i.test(p.title))).toBe(true);

		const hiv = (await findEventBySlug(db(), HIV_WORKSHOP_SLUG))!;
		expect(hiv).toMatchObject({ code: 'HIVWS', registration_mode: 'approval', capacity: 40 });
		const hivAhead = (Date.parse(hiv.starts_on) - today.getTime()) / DAY;
		expect(hivAhead).toBeGreaterThan(38);
		expect(hivAhead).toBeLessThan(50);
		expect((Date.parse(hiv.ends_on) - Date.parse(hiv.starts_on)) / DAY).toBe(4);
		expect(registrationState(hiv, today).kind).toBe('open');
		const hivCodes = (await listDelegations(db(), hiv.id)).map((d) => d.code);
		expect(hivCodes).toEqual(expect.arrayContaining(['KH', 'JP', 'WHO', 'UNAIDS']));
		const inspections = (await listProgramme(db(), hiv.id)).filter((p) =>
			/field inspection/i.test(p.title)
		);
		expect(inspections.length).toBeGreaterThanOrEqual(2);

		const hlom5 = (await findEventBySlug(db(), HLOM5_SLUG))!;
		expect(hlom5.status).toBe('archived');
		expect(Date.parse(hlom5.ends_on)).toBeLessThan(today.getTime() - 300 * DAY);

		const listed = (await listUpcomingEvents('en')).map((e) => e.slug);
		expect(listed).toEqual(expect.arrayContaining([HLOM6_SLUG, HIV_WORKSHOP_SLUG]));
		expect(listed).not.toContain(HLOM5_SLUG);

		const organizer = await db()
			.selectFrom('event_staff')
			.innerJoin('users', 'users.id', 'event_staff.user_id')
			.select(['users.email', 'event_staff.role'])
			.where('event_staff.event_id', '=', hlom6.id)
			.orderBy('users.email')
			.execute();
		expect(organizer).toEqual([
			{ email: 'checkin@kaigi.example', role: 'checkin' },
			{ email: 'organizer@kaigi.example', role: 'organizer' },
			{ email: 'secretariat@kaigi.example', role: 'secretariat' }
		]);
		setNow(undefined);
	});
});
