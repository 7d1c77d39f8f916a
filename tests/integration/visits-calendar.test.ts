import ICAL from 'ical.js';
import { parse } from 'csv-parse/sync';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import {
	createCalendarFeed,
	revokeCalendarFeed
} from '../../src/lib/server/calendar/calendar.service.ts';
import { openVisitManifest } from '../../src/lib/server/exports/visit-manifest.ts';
import { signUp } from '../../src/lib/server/visits/visit.service.ts';
import { seedVisits } from '../../src/lib/server/seed/visits.ts';
import { GET as feedGet } from '../../src/routes/calendar/[token].ics/+server.ts';
import { GET as downloadGet } from '../../src/routes/me/registrations/[reference]/itinerary.ics/+server.ts';
import { load as visitsLoad } from '../../src/routes/me/registrations/[reference]/visits/+page.server.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';
import { actorWithRole } from '../helpers/event-actors.ts';
import { csvText } from '../helpers/exports.ts';
import { localsFor, routeEvent } from '../helpers/request-event.ts';
import { addVisit, makeWorkshop, pp } from '../helpers/visits.ts';

// The server runs in some other zone than the event: instants must not move.
beforeAll(() => {
	process.env.TZ = 'America/Los_Angeles';
});

beforeEach(() => setNow(new Date('2027-01-10T00:00:00Z')));

type Owner = { id: number; email: string };

/** A request of the owner's own (real) delegate session for one of their registration's pages. */
async function asOwner(owner: Owner, reference: string, path = 'itinerary.ics') {
	return routeEvent<Parameters<typeof downloadGet>[0]>({
		locals: await localsFor(owner.id, 'email_link'),
		path: `/me/registrations/${reference}/${path}`,
		params: { reference }
	});
}

async function status(promise: unknown): Promise<number> {
	try {
		const result = await promise;
		return result instanceof Response ? result.status : 200;
	} catch (error) {
		return (error as { status?: number }).status ?? 500;
	}
}

function vevents(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	return calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
}

async function delegateWithVisit() {
	const w = await makeWorkshop();
	await db()
		.insertInto('programme_items')
		.values({
			event_id: w.event.id,
			starts_at: pp('2027-02-15T09:00'),
			ends_at: pp('2027-02-15T10:30'),
			title: 'Opening session',
			location: 'Plenary hall'
		})
		.execute();
	const visitId = await addVisit(w);
	const registration = await makeRegistration(w.event, w.delegation, {
		arrival_at: pp('2027-02-14T22:15'),
		arrival_flight: 'TG 580',
		arrival_airport: 'PNH'
	});
	await signUp(registration.id, visitId);
	const owner = { id: registration.user_id, email: registration.email };
	return { ...w, visitId, registration, owner };
}

describe('the itinerary as a calendar', () => {
	it('downloads as .ics with the right instants whatever the server’s zone', async () => {
		expect(new Date('2027-02-16T00:00:00Z').getTimezoneOffset()).toBe(480);
		const d = await delegateWithVisit();

		const response = await downloadGet(await asOwner(d.owner, d.registration.reference));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const text = await response.text();
		expect(text).toMatch(/DTSTART:20270216T010000Z/);

		const events = vevents(text);
		const byTitle = Object.fromEntries(events.map((e) => [e.summary, e]));
		expect(Object.keys(byTitle).sort()).toEqual([
			'Opening session',
			'Referral hospital visit',
			'Your arrival'
		]);
		const visit = byTitle['Referral hospital visit'];
		expect(visit.startDate.toJSDate().toISOString()).toBe('2027-02-16T01:00:00.000Z');
		expect(visit.endDate.toJSDate().toISOString()).toBe('2027-02-16T06:00:00.000Z');
		expect(visit.location).toBe('Hotel lobby');
		expect(visit.description).toContain('1. 09:00–11:00 Calmette Hospital, Monivong Blvd');
		expect(visit.description).toContain('Phnom Penh time (UTC+7)');
		expect(byTitle['Opening session'].startDate.toJSDate().toISOString()).toBe(
			'2027-02-15T02:00:00.000Z'
		);
		expect(byTitle['Your arrival'].startDate.toJSDate().toISOString()).toBe(
			'2027-02-14T15:15:00.000Z'
		);
	});

	it('serves a subscribable feed until its token is revoked or renewed', async () => {
		const d = await delegateWithVisit();
		const url = await createCalendarFeed(d.registration.id, d.owner.id, d.event.id);
		const token = /\/calendar\/([a-z2-7]+)\.ics$/.exec(url)![1];
		expect(token.length * 5).toBeGreaterThanOrEqual(128);
		const stored = await db()
			.selectFrom('registrations')
			.select('calendar_token_hash')
			.where('id', '=', d.registration.id)
			.executeTakeFirstOrThrow();
		expect(Buffer.from(stored.calendar_token_hash!).toString('latin1')).not.toContain(token);

		const feed = (t: string) =>
			feedGet({ params: { token: t } } as unknown as Parameters<typeof feedGet>[0]);
		const response = await feed(token);
		const visit = vevents(await response.text()).find(
			(e) => e.summary === 'Referral hospital visit'
		)!;
		expect(visit.startDate.toJSDate().toISOString()).toBe('2027-02-16T01:00:00.000Z');

		const renewed = await createCalendarFeed(d.registration.id, d.owner.id, d.event.id);
		const newToken = /\/calendar\/([a-z2-7]+)\.ics$/.exec(renewed)![1];
		expect(await status(feed(token))).toBe(404);
		expect(await status(feed(newToken))).toBe(200);

		await revokeCalendarFeed(d.registration.id, d.owner.id, d.event.id);
		expect(await status(feed(newToken))).toBe(404);
		expect(await status(feed('not-a-token'))).toBe(404);
	});

	it('shows a registration’s pages to its owner only', async () => {
		const d = await delegateWithVisit();
		const stranger = await makeRegistration(d.event, d.delegation);
		const other = { id: stranger.user_id, email: stranger.email };
		expect(await status(downloadGet(await asOwner(other, d.registration.reference)))).toBe(404);
		const load = async (who: Owner) =>
			visitsLoad((await asOwner(who, d.registration.reference, 'visits')) as never) as Promise<{
				visits: { title: string; status: string | null }[];
			}>;
		expect(await status(load(other))).toBe(404);
		const mine = await load(d.owner);
		expect(mine.visits.map((v) => [v.title, v.status])).toEqual([
			['Referral hospital visit', 'confirmed']
		]);
	});
});

describe('the secretariat’s manifest', () => {
	it('lists people with their needs and seat, as CSV with a BOM and neutralised cells', async () => {
		const w = await makeWorkshop();
		const visitId = await addVisit(w, { seats: 1 });
		const a = await makeRegistration(w.event, w.delegation, {
			given_name: 'Sokha',
			family_name: 'Chan',
			phone: '+855 12 345 678',
			dietary: 'vegetarian',
			accessibility_needs: 'Wheelchair access'
		});
		const b = await makeRegistration(w.event, w.delegation, {
			given_name: null,
			family_name: '=HYPERLINK("x")',
			dietary: 'other',
			dietary_notes: 'No peanuts'
		});
		await signUp(a.id, visitId);
		await signUp(b.id, visitId);

		const secretariat = await actorWithRole(w.event.id, 'secretariat');
		const csv = await csvText((await openVisitManifest(secretariat, w.event, String(visitId)))!);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const rows = parse(csv.slice(1)) as string[][];
		expect(rows[0]).toEqual([
			'No.',
			'Name',
			'Delegation',
			'Reference',
			'Phone',
			'Dietary requirement',
			'Accessibility needs',
			'Seat'
		]);
		expect(rows[1]).toEqual([
			'1',
			'Ms. CHAN Sokha',
			'Cambodia',
			a.reference,
			"'+855 12 345 678",
			'Vegetarian',
			'Wheelchair access',
			'Confirmed'
		]);
		expect(rows[2][1]).toBe(`Ms. =HYPERLINK("x")`);
		expect(rows[2][5]).toBe('Other: No peanuts');
		expect(rows[2][7]).toBe('Waiting list 1');
	});
});

describe('demo data', () => {
	beforeEach(async () => {
		await db().deleteFrom('events').where('slug', '=', 'hiv-aids-workshop').execute();
	});

	// The seed makes the visits as the demo organizer, through the organizer's own access check.
	async function demoOrganizer(eventId: number) {
		const found = await db()
			.selectFrom('users')
			.select('id')
			.where('email', '=', 'organizer@kaigi.example')
			.executeTakeFirst();
		const id = found?.id ?? (await makeStaff({ email: 'organizer@kaigi.example' })).id;
		await addEventStaff(eventId, id, 'organizer');
	}

	it('creates the Phnom Penh field inspection, fills it with one wait-listed, and changes nothing when run again', async () => {
		const event = await makeEvent({
			slug: 'hiv-aids-workshop',
			code: 'HIVWS',
			time_zone: 'Asia/Phnom_Penh',
			starts_on: '2027-02-15',
			ends_on: '2027-02-19'
		});
		await demoOrganizer(event.id);
		await seedVisits(db());
		const delegation = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
		for (let i = 0; i < 5; i++) await makeRegistration(event, delegation);
		await makeRegistration(event, delegation, { status: 'pending' });

		await seedVisits(db());
		const snapshot = async () => ({
			visits: await db()
				.selectFrom('field_visits')
				.select(['title', 'seats', 'seats_taken'])
				.where('event_id', '=', event.id)
				.orderBy('id')
				.execute(),
			signups: await db()
				.selectFrom('field_visit_signups as s')
				.innerJoin('field_visits as v', 'v.id', 's.visit_id')
				.select(['s.status'])
				.where('v.event_id', '=', event.id)
				.orderBy('s.id')
				.execute(),
			stops: await db()
				.selectFrom('field_visit_stops as s')
				.innerJoin('field_visits as v', 'v.id', 's.visit_id')
				.select('s.place')
				.where('v.event_id', '=', event.id)
				.orderBy('s.id')
				.execute()
		});
		const first = await snapshot();
		expect(first.visits[0]).toMatchObject({
			title: 'Phnom Penh field inspection: referral hospitals',
			seats: 12
		});
		expect(first.stops.map((s) => s.place)).toContain(
			'Calmette Hospital (national referral hospital)'
		);
		expect(first.signups.map((s) => s.status)).toEqual([
			'confirmed',
			'confirmed',
			'confirmed',
			'confirmed',
			'confirmed'
		]);

		await seedVisits(db());
		expect(await snapshot()).toEqual(first);
	});

	it('wait-lists one person when registrations exist before the visit is made', async () => {
		const event = await makeEvent({
			slug: 'hiv-aids-workshop',
			code: 'HIVWS',
			time_zone: 'Asia/Phnom_Penh',
			starts_on: '2027-02-15',
			ends_on: '2027-02-19'
		});
		const delegation = await makeDelegation(event.id, 'LA', { name: 'Lao PDR' });
		for (let i = 0; i < 6; i++) await makeRegistration(event, delegation);
		await demoOrganizer(event.id);
		await seedVisits(db());
		await seedVisits(db());
		const signups = await db()
			.selectFrom('field_visit_signups')
			.innerJoin('field_visits', 'field_visits.id', 'field_visit_signups.visit_id')
			.select(['field_visit_signups.status', 'field_visits.seats', 'field_visits.seats_taken'])
			.where('field_visits.event_id', '=', event.id)
			.execute();
		expect(signups.filter((s) => s.status === 'confirmed')).toHaveLength(5);
		expect(signups.filter((s) => s.status === 'waitlisted')).toHaveLength(1);
		expect(signups[0]).toMatchObject({ seats: 5, seats_taken: 5 });
	});
});
