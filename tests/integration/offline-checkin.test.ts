import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { checkIn } from '../../src/lib/server/checkin/checkin.service.ts';
import { db } from '../../src/lib/server/db/database.ts';
import {
	offlineConflicts,
	syncCheckins,
	type DeskPerson,
	type OfflineDownload
} from '../../src/lib/server/checkin/offline.service.ts';
import { GET as listGet } from '../../src/routes/admin/events/[slug]/checkin/offline-list/+server.ts';
import { POST as syncPost } from '../../src/routes/admin/events/[slug]/checkin/sync/+server.ts';
import { load as deskLoad } from '../../src/routes/admin/events/[slug]/checkin/desk/+page.server.ts';
import sharp from 'sharp';
import { savePhotoWithin } from '../../src/lib/server/photos/photo.service.ts';
import { eventWithPeople } from '../helpers/event-actors.ts';
import { testPhoto } from '../helpers/photos.ts';
import { makeDelegation, makeRegistration } from '../helpers/factories.ts';
import {
	ANONYMOUS,
	call,
	localsFor,
	routeEvent,
	statusOf,
	type Locals
} from '../helpers/request-event.ts';

let codes = 0;

/** An event with its staff, two delegations and three confirmed delegates. */
async function setup() {
	const people = await eventWithPeople({ code: `OF${++codes}${Math.floor(Math.random() * 1e4)}` });
	const { event } = people;
	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	const khai = await makeRegistration(event, vn, {
		honorific: 'Ms.',
		family_name: 'Nguyễn',
		given_name: 'Thi Minh Khai'
	});
	const somchai = await makeRegistration(event, th, {
		family_name: 'Prasert',
		given_name: 'Somchai'
	});
	const anong = await makeRegistration(event, th, { family_name: 'Chai', given_name: 'Anong' });
	return { ...people, khai, somchai, anong };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function listQuery(locals: Locals, slug: string): Promise<string> {
	const data = (await deskLoad(
		routeEvent({ locals, path: `/admin/events/${slug}/checkin/desk`, params: { slug } }) as never
	)) as { listQuery: string };
	return data.listQuery;
}

function download(locals: Locals, slug: string, query: string) {
	return call(
		listGet,
		routeEvent({
			locals,
			path: `/admin/events/${slug}/checkin/offline-list?${query}`,
			params: { slug }
		})
	);
}

async function open(body: OfflineDownload): Promise<DeskPerson[]> {
	const key = await webcrypto.subtle.importKey(
		'raw',
		Buffer.from(body.key, 'base64'),
		'AES-GCM',
		false,
		['decrypt']
	);
	const plain = await webcrypto.subtle.decrypt(
		{ name: 'AES-GCM', iv: Buffer.from(body.list.iv, 'base64') },
		key,
		Buffer.from(body.list.data, 'base64')
	);
	return JSON.parse(new TextDecoder().decode(plain)) as DeskPerson[];
}

function post(locals: Locals, slug: string, body: unknown) {
	return call(
		syncPost,
		routeEvent({
			locals,
			path: `/admin/events/${slug}/checkin/sync`,
			params: { slug },
			init: {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			}
		})
	);
}

const at = (iso: string) => new Date(iso);

function checkinRow(id: number) {
	return db()
		.selectFrom('registrations')
		.select(['checked_in_at', 'checked_in_by'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

describe('the offline list', () => {
	it('comes sealed under a key of this session, by a link signed for it that expires', async () => {
		setNow(at('2027-02-16T00:00:00Z'));
		const s = await setup();
		const query = await listQuery(s.checkin.locals, s.event.slug);
		const response = await download(s.checkin.locals, s.event.slug, query);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const text = await response.text();
		// Nobody's name or reference travels readable next to the key.
		expect(text).not.toContain('Prasert');
		expect(text).not.toContain(s.khai.reference);
		const body = JSON.parse(text) as OfflineDownload;
		expect(body.count).toBe(3);
		const people = await open(body);
		const khai = people.find((p) => p.id === s.khai.id)!;
		expect(khai).toMatchObject({
			reference: s.khai.reference,
			qr: s.khai.reference,
			delegation: 'Viet Nam',
			checkedIn: false
		});
		expect(khai.name).toContain('NGUYỄN');

		// Another session of the same person holds another key and cannot use this link.
		const other = await localsFor(s.checkin.id, 'password');
		expect(await statusOf(() => download(other, s.event.slug, query))).toBe(403);
		const again = (await (
			await download(other, s.event.slug, await listQuery(other, s.event.slug))
		).json()) as OfflineDownload;
		expect(again.key).not.toBe(body.key);

		// A link is good for ten minutes; a forged signature never.
		setNow(at('2027-02-16T00:11:00Z'));
		expect(await statusOf(() => download(s.checkin.locals, s.event.slug, query))).toBe(403);
		const forged = query.replace(/sig=[^&]+/, 'sig=AAAA');
		expect(await statusOf(() => download(s.checkin.locals, s.event.slug, forged))).toBe(403);
		setNow(undefined);
	});

	it('carries a small badge photo of those who have one, sealed with the rest', async () => {
		const s = await setup();
		await db()
			.transaction()
			.execute(async (trx) => {
				for (const r of [s.khai, s.somchai]) {
					const person = { id: r.id, eventId: s.event.id, userId: r.user_id };
					await savePhotoWithin(trx, person, await testPhoto(), s.organizer.id, new Date());
				}
			});
		// A photo stored before thumbnails existed gets one made at its first download.
		await db()
			.updateTable('badge_photos')
			.set({ thumbnail: null })
			.where('registration_id', '=', s.somchai.id)
			.execute();
		const query = await listQuery(s.checkin.locals, s.event.slug);
		const response = await download(s.checkin.locals, s.event.slug, query);
		const text = await response.text();
		const people = await open(JSON.parse(text) as OfflineDownload);
		const photoOf = (id: number) => people.find((p) => p.id === id)?.photo;
		for (const id of [s.khai.id, s.somchai.id]) {
			const webp = Buffer.from(photoOf(id)!, 'base64');
			const meta = await sharp(webp).metadata();
			expect(meta).toMatchObject({ format: 'webp', width: 96, height: 128 });
			expect(webp.byteLength).toBeLessThan(8_000);
			// Not readable in the download: only inside the sealed list.
			expect(text).not.toContain(photoOf(id)!.slice(0, 40));
		}
		expect(photoOf(s.anong.id)).toBeUndefined();
		const kept = await db()
			.selectFrom('badge_photos')
			.select('thumbnail')
			.where('registration_id', '=', s.somchai.id)
			.executeTakeFirstOrThrow();
		expect(kept.thumbnail).not.toBeNull();
	});

	it('is for check-in staff and above only', async () => {
		const s = await setup();
		const query = await listQuery(s.checkin.locals, s.event.slug);
		expect(await statusOf(() => download(ANONYMOUS, s.event.slug, query))).not.toBe(200);
		expect(await statusOf(() => download(s.stranger.locals, s.event.slug, query))).toBe(403);
		const delegate = await localsFor(s.khai.user_id, 'email_link');
		expect(await statusOf(() => download(delegate, s.event.slug, query))).toBe(403);
		for (const who of [s.secretariat, s.organizer, s.admin]) {
			const q = await listQuery(who.locals, s.event.slug);
			expect((await download(who.locals, s.event.slug, q)).status).toBe(200);
		}
	});
});

describe('syncing queued check-ins', () => {
	it('applies each check-in once, at the device time, however often it is replayed', async () => {
		setNow(at('2027-02-16T01:00:00Z'));
		const s = await setup();
		const item = {
			clientId: crypto.randomUUID(),
			registrationId: s.khai.id,
			at: '2027-02-16T00:12:00.000Z'
		};
		const first = await post(s.checkin.locals, s.event.slug, { items: [item] });
		expect(first.status).toBe(200);
		const { results } = (await first.json()) as { results: { outcome: string }[] };
		expect(results).toEqual([
			expect.objectContaining({ clientId: item.clientId, outcome: 'done' })
		]);
		expect((await checkinRow(s.khai.id)).checked_in_at?.toISOString()).toBe(item.at);

		// The same queue again (the answer was lost on a weak network): nothing changes.
		const replay = (await (
			await post(s.checkin.locals, s.event.slug, { items: [item, item] })
		).json()) as {
			results: { outcome: string }[];
		};
		expect(replay.results.map((r) => r.outcome)).toEqual(['done', 'done']);
		const audits = await db()
			.selectFrom('audit_log')
			.select('id')
			.where('entity_type', '=', 'registration')
			.where('entity_id', '=', String(s.khai.id))
			.where('action', '=', 'registration.check_in')
			.execute();
		expect(audits).toHaveLength(1);
		setNow(undefined);
	});

	it('records the day of a scan that syncs late, without moving a later check-in back', async () => {
		setNow(at('2027-02-17T00:30:00Z'));
		const s = await setup();
		// Checked in at the desk this morning (the 17th, Tokyo)…
		await checkIn(s.checkin, s.event.id, s.khai.id);
		// …and a phone offline since yesterday syncs her scan of the 16th.
		const item = {
			clientId: crypto.randomUUID(),
			registrationId: s.khai.id,
			at: '2027-02-16T00:12:00.000Z'
		};
		const answer = (await (
			await post(s.checkin.locals, s.event.slug, { items: [item] })
		).json()) as {
			results: { outcome: string }[];
		};
		expect(answer.results.map((r) => r.outcome)).toEqual(['done']);
		const days = await db()
			.selectFrom('attendance_days')
			.select('day')
			.where('registration_id', '=', s.khai.id)
			.orderBy('day')
			.execute();
		expect(days.map((d) => d.day)).toEqual(['2027-02-16', '2027-02-17']);
		expect((await checkinRow(s.khai.id)).checked_in_at?.toISOString()).toBe(
			'2027-02-17T00:30:00.000Z'
		);
		setNow(undefined);
	});

	it('two desks offline with overlapping check-ins end with one check-in each and the conflicts listed', async () => {
		setNow(at('2027-02-16T02:00:00Z'));
		const s: Setup = await setup();
		const deskA = s.checkin;
		const deskB = s.secretariat;
		const a = [s.khai, s.somchai].map((r, i) => ({
			clientId: crypto.randomUUID(),
			registrationId: r.id,
			at: `2027-02-16T01:0${i}:00.000Z`
		}));
		const b = [s.somchai, s.anong].map((r, i) => ({
			clientId: crypto.randomUUID(),
			registrationId: r.id,
			at: `2027-02-16T01:0${i + 5}:00.000Z`
		}));
		// Both desks come back online at once.
		const [ra, rb] = await Promise.all([
			post(deskA.locals, s.event.slug, { items: a }).then((r) => r.json()),
			post(deskB.locals, s.event.slug, { items: b }).then((r) => r.json())
		]);
		const outcomes = [...ra.results, ...rb.results] as {
			registrationId: number;
			outcome: string;
			message: string;
		}[];
		const forSomchai = outcomes.filter((r) => r.registrationId === s.somchai.id);
		expect(forSomchai.map((r) => r.outcome).sort()).toEqual(['already', 'done']);
		expect(forSomchai.find((r) => r.outcome === 'already')!.message).toMatch(
			/already checked in at/
		);
		for (const r of [s.khai, s.somchai, s.anong]) {
			expect((await checkinRow(r.id)).checked_in_at).not.toBeNull();
		}
		const conflicts = await offlineConflicts(deskA, s.event.id);
		expect(conflicts).toHaveLength(1);
		expect(conflicts[0]).toMatchObject({ outcome: 'already', reference: s.somchai.reference });
		setNow(undefined);
	});

	it('says when a registration was cancelled meanwhile, and never takes a device time from the future', async () => {
		setNow(at('2027-02-16T03:00:00Z'));
		const s = await setup();
		await db()
			.updateTable('registrations')
			.set({ status: 'cancelled' })
			.where('id', '=', s.anong.id)
			.execute();
		const { results } = (await (
			await post(s.checkin.locals, s.event.slug, {
				items: [
					{ clientId: crypto.randomUUID(), registrationId: s.anong.id, at: '2027-02-16T02:00:00Z' },
					{ clientId: crypto.randomUUID(), registrationId: s.khai.id, at: '2030-01-01T00:00:00Z' }
				]
			})
		).json()) as { results: { registrationId: number; outcome: string; message: string }[] };
		const anong = results.find((r) => r.registrationId === s.anong.id)!;
		expect(anong.outcome).toBe('cancelled');
		expect(anong.message).toMatch(/cancelled/);
		expect((await checkinRow(s.anong.id)).checked_in_at).toBeNull();
		expect((await checkinRow(s.khai.id)).checked_in_at?.toISOString()).toBe(
			'2027-02-16T03:00:00.000Z'
		);
		setNow(undefined);
	});

	it('answers a malformed queue with a calm 400 and a stranger with 403', async () => {
		const s = await setup();
		for (const body of [
			null,
			{ items: 'x' },
			{ items: [{ clientId: 'not-a-uuid', registrationId: 1, at: 'now' }] }
		]) {
			expect((await post(s.checkin.locals, s.event.slug, body)).status).toBe(400);
		}
		const item = {
			clientId: crypto.randomUUID(),
			registrationId: s.khai.id,
			at: new Date().toISOString()
		};
		expect(await statusOf(() => post(s.stranger.locals, s.event.slug, { items: [item] }))).toBe(
			403
		);
		expect((await checkinRow(s.khai.id)).checked_in_at).toBeNull();
		// Someone else's registration id gives not_found, and changes nothing there.
		const other = await setup();
		const { results } = (await (
			await post(s.checkin.locals, s.event.slug, {
				items: [
					{
						clientId: crypto.randomUUID(),
						registrationId: other.khai.id,
						at: new Date().toISOString()
					}
				]
			})
		).json()) as { results: { outcome: string }[] };
		expect(results[0].outcome).toBe('not_found');
		expect((await checkinRow(other.khai.id)).checked_in_at).toBeNull();
	});

	it('a service call keeps the first desk’s check-in when the second replays under another id', async () => {
		const s = await setup();
		const first = await syncCheckins(s.checkin, s.event.id, [
			{ clientId: crypto.randomUUID(), registrationId: s.khai.id, at: new Date() }
		]);
		const second = await syncCheckins(s.organizer, s.event.id, [
			{ clientId: crypto.randomUUID(), registrationId: s.khai.id, at: new Date() }
		]);
		expect([first[0].outcome, second[0].outcome]).toEqual(['done', 'already']);
		expect((await checkinRow(s.khai.id)).checked_in_by).toBe(s.checkin.id);
	});
});

describe('hostile queues', () => {
	it('never answer a 500: a queue is taken (200) or refused calmly (400)', async () => {
		const s = await setup();
		const fc = (await import('fast-check')).default;
		const item = fc.record({
			clientId: fc.oneof(fc.uuid(), fc.string()),
			registrationId: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(s.khai.id)),
			at: fc.oneof(
				fc.string(),
				fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
			)
		});
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(fc.anything(), fc.record({ items: fc.array(item, { maxLength: 5 }) })),
				async (body) => {
					const response = await post(s.checkin.locals, s.event.slug, body);
					expect([200, 400]).toContain(response.status);
				}
			),
			{ numRuns: 40 }
		);
	});
});
