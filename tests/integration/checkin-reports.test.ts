import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { eventDashboard } from '../../src/lib/server/dashboard/dashboard.service.ts';
import { inLocale } from '../../src/lib/server/http/language.ts';
import { requireEventAccess } from '../../src/lib/server/events/access.ts';
import { logisticsExport } from '../../src/lib/server/exports/logistics.ts';
import {
	accommodationList,
	dietaryAndAccess,
	travelList
} from '../../src/lib/server/logistics/logistics.service.ts';
import { seedDemo } from '../../src/lib/server/seed/seed.ts';
import { load as dashboardLoad } from '../../src/routes/admin/events/[slug]/+page.server.ts';
import { GET as arrivalsCsv } from '../../src/routes/admin/events/[slug]/logistics/arrivals.csv/+server.ts';
import { load as dietaryLoad } from '../../src/routes/admin/events/[slug]/logistics/dietary/+page.server.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';
import { actorWithRole } from '../helpers/event-actors.ts';
import { csvText } from '../helpers/exports.ts';
import { eventRequest, localsFor, thrown } from '../helpers/request-event.ts';

/** An event in Tokyo (16–18 Feb 2027) with people travelling, eating and sleeping variously. */
async function setup() {
	const event = await makeEvent({ starts_on: '2027-02-16', ends_on: '2027-02-18', capacity: 50 });
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand', quota: 4 });
	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
	await makeDelegation(event.id, 'LA', { name: 'Lao PDR' });
	const at = (iso: string) => new Date(iso);
	const a = await makeRegistration(event, th, {
		family_name: 'Prasert',
		given_name: 'Somchai',
		phone: '+66 81 234 5678',
		arrival_at: at('2027-02-15T16:30:00Z'), // 01:30 on the 16th in Tokyo
		arrival_airport: 'HND',
		arrival_flight: 'TG 682',
		dietary: 'halal',
		accommodation: 'Mita Kokusai Hotel',
		created_at: at('2026-11-02T03:00:00Z')
	});
	const b = await makeRegistration(event, vn, {
		family_name: 'Nguyễn',
		given_name: 'Thi Minh Khai',
		phone: '=HYPERLINK("http://evil.example")',
		arrival_at: at('2027-02-15T01:00:00Z'), // 10:00 on the 15th
		arrival_airport: ' hnd ',
		arrival_flight: 'VN 310',
		dietary: 'other',
		dietary_notes: 'No shellfish',
		accessibility_needs: 'Wheelchair',
		accommodation: 'mita kokusai  hotel',
		created_at: at('2026-11-02T20:00:00Z') // already the 3rd in Tokyo
	});
	const c = await makeRegistration(event, vn, {
		family_name: 'Trần',
		arrival_at: at('2027-02-15T03:00:00Z'),
		arrival_airport: 'NRT',
		dietary: 'vegetarian',
		created_at: at('2026-11-05T03:00:00Z')
	});
	const d = await makeRegistration(event, th, {
		family_name: 'Wongsakul',
		created_at: at('2026-11-05T03:00:00Z')
	});
	// Not confirmed: in the dashboard's counts, in no logistics list.
	await makeRegistration(event, th, {
		status: 'pending',
		family_name: 'Pending',
		arrival_at: at('2027-02-15T05:00:00Z'),
		dietary: 'vegan',
		accommodation: 'Elsewhere'
	});
	await makeRegistration(event, vn, { status: 'waitlisted', family_name: 'Waiting' });
	await makeRegistration(event, vn, { status: 'cancelled', family_name: 'Gone' });
	const actor = await actorWithRole(event.id, 'secretariat');
	return { event, actor, th, vn, a, b, c, d };
}

describe('logistics lists', () => {
	it('arrivals are grouped by day and airport in the event’s time zone, confirmed people only', async () => {
		const { event, actor, a, b, c, d } = await setup();
		const list = await travelList(actor, event.id, 'Asia/Tokyo', 'arrival');
		expect(list.total).toBe(4);
		expect(
			list.days.map((day) => [
				day.day,
				day.airports.map((g) => [g.airport, g.people.map((p) => [p.time, p.id])])
			])
		).toEqual([
			[
				'2027-02-15',
				[
					['Tokyo Haneda (HND)', [['10:00', b.id]]],
					['Tokyo Narita (NRT)', [['12:00', c.id]]]
				]
			],
			['2027-02-16', [['Tokyo Haneda (HND)', [['01:30', a.id]]]]]
		]);
		expect(list.missing.map((p) => p.id)).toEqual([d.id]);
	});

	it('arrivals are grouped by the IATA code found in what people typed, each group by time', async () => {
		const event = await makeEvent({ starts_on: '2027-02-16', ends_on: '2027-02-18' });
		const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
		const arriving = (family_name: string, iso: string, arrival_airport: string) =>
			makeRegistration(event, vn, { family_name, arrival_at: new Date(iso), arrival_airport });
		// Entered out of time order, the same airport written four ways.
		const late = await arriving('Late', '2027-02-15T09:00:00Z', 'Noi Bai (HAN)');
		const early = await arriving('Early', '2027-02-15T01:00:00Z', 'han');
		const danang = await arriving('Danang', '2027-02-15T02:00:00Z', 'DAD');
		const middle = await arriving('Middle', '2027-02-15T05:00:00Z', 'Noi Bai International');
		const fourth = await arriving('Fourth', '2027-02-15T07:00:00Z', 'HAN terminal 2');
		const other = await arriving('Other', '2027-02-15T08:00:00Z', 'Gia Lam airfield');
		const actor = await actorWithRole(event.id, 'secretariat');
		const list = await travelList(actor, event.id, 'Asia/Ho_Chi_Minh', 'arrival');
		expect(
			list.days.map((day) => [
				day.day,
				day.airports.map((g) => [g.airport, g.people.map((p) => [p.time, p.id])])
			])
		).toEqual([
			[
				'2027-02-15',
				[
					[
						'Noi Bai International, Hanoi (HAN)',
						[
							['08:00', early.id],
							['12:00', middle.id],
							['14:00', fourth.id],
							['16:00', late.id]
						]
					],
					['Da Nang International (DAD)', [['09:00', danang.id]]],
					['Gia Lam airfield', [['15:00', other.id]]]
				]
			]
		]);
	});

	it('dietary counts and accessibility needs match the confirmed registrations', async () => {
		const { event, actor, a, b, c } = await setup();
		const lists = await dietaryAndAccess(actor, event.id);
		const counts = Object.fromEntries(lists.counts.map((x) => [x.dietary, x.count]));
		expect(counts).toEqual({ none: 1, vegetarian: 1, vegan: 0, halal: 1, kosher: 0, other: 1 });
		expect(lists.total).toBe(4);
		expect(lists.meals.map((p) => p.id).sort()).toEqual([a.id, b.id, c.id].sort());
		expect(lists.access.map((p) => [p.id, p.accessibility])).toEqual([[b.id, 'Wheelchair']]);
		expect(lists.accessCount).toBe(1);
	});

	it('accommodation is grouped by hotel whatever the spelling, with the rest under "not given"', async () => {
		const { event, actor, a, b, c, d } = await setup();
		const lists = await accommodationList(actor, event.id, 'Asia/Tokyo');
		expect(lists.hotels.map((h) => [h.hotel, h.people.map((p) => p.id).sort()])).toEqual([
			['Mita Kokusai Hotel', [a.id, b.id].sort()]
		]);
		expect(lists.missing.map((p) => p.id).sort()).toEqual([c.id, d.id].sort());
	});

	it('CSV has a BOM, a header, and cells that cannot run as formulas', async () => {
		const { event, actor } = await setup();
		const csv = await csvText(await logisticsExport(actor, event, 'arrivals'));
		expect(csv.startsWith('\uFEFFDate,Time (Tokyo time (UTC+9)),Airport,Flight,Name')).toBe(true);
		expect(csv).toContain(`'+66 81 234 5678`);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
		expect(csv).toContain('Ms. NGUYỄN Thi Minh Khai');
		expect(csv.split('\r\n').filter(Boolean)).toHaveLength(5);
	});
});

describe('the dashboard', () => {
	it('shows the same numbers as the database', async () => {
		setNow(new Date('2026-12-01T00:00:00Z'));
		const { event, a, b } = await setup();
		const desk = await makeStaff();
		await db()
			.updateTable('registrations')
			.set({ checked_in_at: new Date('2027-02-16T00:05:00Z'), checked_in_by: desk.id })
			.where('id', 'in', [a.id, b.id])
			.execute();
		for (const [status, expires] of [
			['accepted', '2027-01-01'],
			['declined', '2027-01-01'],
			['sent', '2027-01-01'],
			['sent', '2026-11-01'],
			['pending', '2027-01-01'],
			['revoked', '2027-01-01']
		] as const) {
			await db()
				.insertInto('invitations')
				.values({
					event_id: event.id,
					email: `${randomBytes(4).toString('hex')}@example.org`,
					family_name: 'Invited',
					token_hash: randomBytes(32),
					status,
					expires_at: new Date(expires)
				})
				.execute();
		}
		await db()
			.insertInto('field_visits')
			.values({
				event_id: event.id,
				title: 'Referral hospital',
				departs_at: new Date('2027-02-17T00:00:00Z'),
				returns_at: new Date('2027-02-17T04:00:00Z'),
				seats: 20,
				seats_taken: 7
			})
			.execute();

		const dash = await eventDashboard(await actorWithRole(event.id, 'secretariat'), event);
		const byStatus = await db()
			.selectFrom('registrations')
			.select(['status', sql<number>`count(*)::int`.as('n')])
			.where('event_id', '=', event.id)
			.groupBy('status')
			.execute();
		for (const row of byStatus) expect(dash.status[row.status]).toBe(row.n);
		expect(dash.total).toBe(byStatus.reduce((s, r) => s + r.n, 0));
		expect(dash.status).toMatchObject({ confirmed: 4, pending: 1, waitlisted: 1, cancelled: 1 });
		expect(dash.delegations.map((x) => [x.name, x.confirmed, x.pending, x.waitlisted])).toEqual([
			['Lao PDR', 0, 0, 0],
			['Thailand', 2, 1, 0],
			['Viet Nam', 2, 0, 1]
		]);
		// A secretariat reading Japanese: delegations, days and visits in Japanese.
		const ja = await inLocale('ja', async () =>
			eventDashboard(await actorWithRole(event.id, 'secretariat'), event)
		);
		expect(ja.delegations.map((x) => x.name)).toEqual(['ラオス', 'タイ', 'ベトナム']);
		expect(ja.checkin.days[0].label).toMatch(/^2月\d+日\(.\)（1日目）$/);
		expect(ja.overTime[0].label).toMatch(/^\d+月\d+日$/);
		expect(ja.visits[0].when).toMatch(/^2027年2月17日\(.\) 09:00$/);
		// Per day in Tokyo: b registered at 05:00 on the 3rd; the two of the 5th count together.
		expect(dash.overTime.filter((x) => x.count).map((x) => [x.day, x.count])).toContainEqual([
			'2026-11-05',
			2
		]);
		expect(dash.overTime.find((x) => x.day === '2026-11-03')?.count).toBe(1);
		expect(dash.overTime.find((x) => x.day === '2026-11-04')?.count).toBe(0);
		expect(dash.overTime.reduce((s, x) => s + x.count, 0)).toBe(dash.total);
		expect(dash.invitations).toMatchObject({
			total: 6,
			accepted: 1,
			declined: 1,
			sent: 1,
			expired: 1,
			pending: 1,
			revoked: 1,
			responseRate: 50
		});
		expect(dash.visits.map((v) => [v.title, v.seats, v.taken])).toEqual([
			['Referral hospital', 20, 7]
		]);
		expect(dash.checkin.checkedIn).toBe(2);
		expect(dash.checkin.days.map((x) => [x.day, x.count, x.cumulative])).toEqual([
			['2027-02-16', 2, 2],
			['2027-02-17', 0, 2],
			['2027-02-18', 0, 2]
		]);
	});
});

describe('roles', () => {
	it('a check-in desk account can check in but sees no dashboard, logistics or exports and edits nothing', async () => {
		const { event } = await setup();
		const desk = await makeStaff();
		await addEventStaff(event.id, desk.id, 'checkin');
		const caller = await localsFor(desk.id);
		const at = (path: string) =>
			eventRequest<Parameters<typeof requireEventAccess>[0]>(caller, event.slug, path);
		const base = `/admin/events/${event.slug}`;

		expect((await requireEventAccess(at(`${base}/checkin`), 'checkin')).role).toBe('checkin');
		for (const capability of ['registrations.view', 'event.edit'] as const) {
			expect((await thrown(requireEventAccess(at(base), capability))).status).toBe(403);
		}
		expect(await thrown(dashboardLoad(eventRequest(caller, event.slug, base)))).toMatchObject({
			status: 303,
			location: `${base}/checkin`
		});
		const csv = await thrown(
			arrivalsCsv(eventRequest(caller, event.slug, `${base}/logistics/arrivals.csv`))
		);
		expect(csv.status).toBe(403);
		const dietary = await thrown(
			dietaryLoad(eventRequest(caller, event.slug, `${base}/logistics/dietary`))
		);
		expect(dietary.status).toBe(403);
	});

	it('the secretariat sees logistics and the dashboard but may not manage the event', async () => {
		const { event } = await setup();
		const secretariat = await makeStaff();
		await addEventStaff(event.id, secretariat.id, 'secretariat');
		const caller = await localsFor(secretariat.id);
		const base = `/admin/events/${event.slug}`;
		const response = await arrivalsCsv(
			eventRequest(caller, event.slug, `${base}/logistics/arrivals.csv`)
		);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(await response.text()).toContain('Ms. PRASERT Somchai');
		const page = await dashboardLoad(eventRequest(caller, event.slug, base));
		expect(page && page.dashboard.status.confirmed).toBe(4);
		const manage = requireEventAccess(
			eventRequest<Parameters<typeof requireEventAccess>[0]>(caller, event.slug, base),
			'event.edit'
		);
		expect((await thrown(manage)).status).toBe(403);
	});
});

describe('demo data', () => {
	it('the past demo meeting was checked in on its days by the desk, and seeding again changes nothing', async () => {
		await seedDemo(db());
		const counts = () =>
			db()
				.selectFrom('registrations as r')
				.innerJoin('events as e', 'e.id', 'r.event_id')
				.innerJoin('users as u', 'u.id', 'r.checked_in_by')
				.select(['e.slug', 'u.email', sql<number>`count(*)::int`.as('n')])
				.where('e.slug', 'in', ['hlom-5', 'hlom-6', 'hiv-aids-workshop'])
				.groupBy(['e.slug', 'u.email'])
				.execute();
		const first = await counts();
		expect(first.map((r) => [r.slug, r.email])).toEqual([['hlom-5', 'checkin@kaigi.example']]);
		expect(first[0].n).toBeGreaterThan(1);
		const event = (await db()
			.selectFrom('events')
			.selectAll()
			.where('slug', '=', 'hlom-5')
			.executeTakeFirst())!;
		const dash = await eventDashboard(await actorWithRole(event.id, 'secretariat'), event);
		expect(dash.checkin.checkedIn).toBe(first[0].n);
		expect(dash.checkin.checkedIn).toBeLessThan(dash.checkin.confirmed);
		expect(dash.checkin.days[0].count).toBeGreaterThan(0);
		await seedDemo(db());
		expect(await counts()).toEqual(first);
	});
});
