import { createHash } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { qrCameraFile } from '../helpers/fake-camera.ts';
import { testPhoto } from '../helpers/photos.ts';
import { DEMO, e2eDatabase, expectNoAxeViolations, staffLogin } from './helpers.ts';

// The desk that keeps working without a network: an event of 24 confirmed people made for the
// test, checked in offline by typing and by a keyboard-wedge scanner, across a reload, then
// synced; two desks overlapping; nothing readable in IndexedDB.

const suffix = Date.now()
	.toString(36)
	.slice(-5)
	.toUpperCase()
	.replace(/[^A-Z0-9]/g, 'X');
const slug = `offline-${suffix.toLowerCase()}`;
const code = `OF${suffix}`.slice(0, 8);
const DESK = `/admin/events/${slug}/checkin/desk`;
const FAMILY = [
	'Sok',
	'Chan',
	'Vong',
	'Keo',
	'Lim',
	'Heng',
	'Meas',
	'Pich',
	'Ros',
	'Sam',
	'Touch',
	'Yim'
];
const people = Array.from({ length: 24 }, (_, i) => ({
	given: `Dara${String.fromCharCode(65 + i)}`,
	family: `${FAMILY[i % FAMILY.length]}${String.fromCharCode(65 + i)}`,
	reference: `${code}-KH-${String(i + 1).padStart(3, '0')}`
}));

let visitId = 0;

// Chromium's fake camera shows the badge QR code of the last person (Chromium on Linux has no
// BarcodeDetector: the desk's fallback decoder reads it).
const CAMERA_PERSON = people[23];
const fakeCamera = [
	'--use-fake-device-for-media-stream',
	'--use-fake-ui-for-media-stream',
	`--use-file-for-fake-video-capture=${qrCameraFile(CAMERA_PERSON.reference)}`
];
test.use({
	launchOptions: [
		async ({ launchOptions }, use) => {
			await use({ ...launchOptions, args: [...(launchOptions.args ?? []), ...fakeCamera] });
		},
		{ scope: 'worker' }
	]
});

test.beforeAll(async () => {
	const client = await e2eDatabase();
	try {
		const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
		const { rows } = await client.query(
			`insert into events (slug, code, title, kind, starts_on, ends_on, venue, city, country,
				time_zone, contact_email, status, registration_mode, privacy_notice)
			 values ($1, $2, $3, 'workshop', $4, $4, 'Calmette Hospital', 'Phnom Penh', 'KH',
				'Asia/Phnom_Penh', 'secretariat@kaigi.example', 'published', 'invitation', 'Used for the workshop.')
			 returning id`,
			[slug, code, `Offline workshop ${suffix}`, day]
		);
		const eventId = rows[0].id;
		const { rows: d } = await client.query(
			`insert into delegations (event_id, kind, country_code, code, name, sort_order)
			 values ($1, 'country', 'KH', 'KH', 'Cambodia', 0) returning id`,
			[eventId]
		);
		for (const who of [DEMO.checkin, DEMO.secretariat]) {
			await client.query(
				`insert into event_staff (event_id, user_id, role)
				 select $1, id, $3 from users where email = $2`,
				[eventId, who.email, who === DEMO.checkin ? 'checkin' : 'secretariat']
			);
		}
		const { rows: v } = await client.query(
			`insert into field_visits (event_id, title, meeting_point, departs_at, returns_at, seats, seats_taken)
			 values ($1, 'Referral hospital visit', 'Hotel lobby', $2::date + time '08:00', $2::date + time '13:00', 40, 5)
			 returning id`,
			[eventId, day]
		);
		visitId = v[0].id;
		for (const [i, place] of ['Calmette Hospital', 'NGO clinic'].entries()) {
			await client.query(
				`insert into field_visit_stops (visit_id, position, arrives_at, leaves_at, place)
				 values ($1, $2::int, $3::date + time '09:00' + $2::int * interval '1 hour', $3::date + time '09:30' + $2::int * interval '1 hour', $4)`,
				[visitId, i + 1, day, place]
			);
		}
		for (const [i, p] of people.entries()) {
			const email = `${p.given.toLowerCase()}.${suffix.toLowerCase()}@example.org`;
			const { rows: u } = await client.query(
				`insert into users (email, display_name) values ($1, $2) returning id`,
				[email, `${p.given} ${p.family}`]
			);
			await client.query(
				`insert into registrations (event_id, user_id, delegation_id, reference, status, category,
					given_name, family_name, badge_name, email, consent_data_processing, created_at,
					updated_at, status_changed_at)
				 values ($1, $2, $3, $4, 'confirmed', 'delegate', $5, $6, $7, $8, true, now(), now(), now())`,
				[eventId, u[0].id, d[0].id, p.reference, p.given, p.family, `${p.given} ${p.family}`, email]
			);
			if (p === CAMERA_PERSON) {
				const photo = await testPhoto();
				const { rows: f } = await client.query(
					`insert into files (event_id, owner_user_id, file_name, content_type, size, sha256, bytes, created_at)
					 values ($1, $2, 'photo.jpg', 'image/jpeg', $3, $4, $5, now()) returning id`,
					[
						eventId,
						u[0].id,
						photo.jpeg.byteLength,
						createHash('sha256').update(photo.jpeg).digest(),
						Buffer.from(photo.jpeg)
					]
				);
				await client.query(
					`insert into badge_photos (registration_id, file_id, thumbnail, updated_at)
					 select id, $2, $3, now() from registrations where reference = $1`,
					[p.reference, f[0].id, Buffer.from(photo.thumbnail)]
				);
			}
			if (i < 5) {
				await client.query(
					`insert into field_visit_signups (visit_id, registration_id, status, created_at, updated_at)
					 select $1, id, 'confirmed', now(), now() from registrations where reference = $2`,
					[visitId, p.reference]
				);
			}
		}
	} finally {
		await client.end();
	}
});

/** The first row a query answers in the app's database. */
async function firstRow(query: string, params: unknown[]) {
	const client = await e2eDatabase();
	try {
		return (await client.query(query, params)).rows[0];
	} finally {
		await client.end();
	}
}

function checkedInCount(): Promise<{ checked: number; synced: number }> {
	return firstRow(
		`select count(*) filter (where r.checked_in_at is not null)::int as checked,
			(select count(*)::int from offline_checkins o where o.event_id = e.id) as synced
		 from registrations r join events e on e.id = r.event_id where e.slug = $1 group by e.id`,
		[slug]
	);
}

/** Opens the desk, waits for the list and the service worker, and reloads once under it. */
async function openDesk(page: Page, people: number) {
	await page.goto(DESK);
	await expect(page.getByRole('status').first()).toContainText(`list of ${people} people`);
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.reload();
	await expect(page.getByRole('status').first()).toContainText(`list of ${people} people`);
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
}

/** A keyboard-wedge scanner: the code as a fast burst of keys, then Enter. */
async function wedgeScan(page: Page, text: string) {
	await page.getByLabel('Name, reference or badge scan').focus();
	await page.keyboard.type(text, { delay: 5 });
	await page.keyboard.press('Enter');
}

async function byName(page: Page, p: (typeof people)[number]) {
	const box = page.getByLabel('Name, reference or badge scan');
	await box.fill(p.family);
	await page
		.getByRole('button', { name: `Check in ${p.family.toUpperCase()} ${p.given}`, exact: true })
		.click();
	await expect(page.getByText(new RegExp(`Checked in: .*${p.family}`, 'i'))).toBeVisible();
}

async function indexedDbText(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('kaigi-offline');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const out: unknown[] = [];
		for (const name of Array.from(db.objectStoreNames)) {
			const all = await new Promise<unknown[]>((resolve) => {
				const req = db.transaction(name).objectStore(name).getAll();
				req.onsuccess = () => resolve(req.result);
			});
			out.push(name, all);
		}
		return JSON.stringify(out);
	});
}

test('20 check-ins offline by typing and by scanner survive a reload and reach the server once', async ({
	page,
	context
}) => {
	await staffLogin(page, DEMO.checkin);
	await openDesk(page, 24);
	await expectNoAxeViolations(page);

	await context.setOffline(true);
	await expect(page.getByRole('status').first()).toContainText('Offline');
	for (const p of people.slice(0, 5)) await byName(page, p);
	for (const p of people.slice(5, 10)) {
		await wedgeScan(page, p.reference);
		await expect(page.getByText(new RegExp(`Checked in: .*${p.family}`, 'i'))).toBeVisible();
	}
	await expect(page.getByRole('status').first()).toContainText('10 waiting to sync');

	// A reload with no network: the page, the list and the queue are all still there.
	await page.reload();
	await expect(page.getByRole('status').first()).toContainText('10 waiting to sync');
	await expect(page.getByRole('status').first()).toContainText('list of 24 people');
	for (const p of people.slice(10, 15)) await byName(page, p);
	for (const p of people.slice(15, 20)) {
		await wedgeScan(page, p.reference);
		await expect(page.getByText(new RegExp(`Checked in: .*${p.family}`, 'i'))).toBeVisible();
	}
	// Scanned twice at this desk: refused on the spot.
	await wedgeScan(page, people[0].reference);
	await expect(page.getByRole('alert')).toContainText('already checked in');
	await expect(page.getByRole('status').first()).toContainText('20 waiting to sync');

	// Nothing in IndexedDB reads as a name or a reference.
	const stored = await indexedDbText(page);
	for (const p of people) {
		expect(stored).not.toContain(p.family);
		expect(stored).not.toContain(p.reference);
	}
	expect(await checkedInCount()).toEqual({ checked: 0, synced: 0 });

	await context.setOffline(false);
	await expect(page.getByRole('status').first()).toContainText('nothing waiting to sync', {
		timeout: 20_000
	});
	expect(await checkedInCount()).toEqual({ checked: 20, synced: 20 });
	await expectNoAxeViolations(page);
});

test('two desks offline with overlapping check-ins end with one check-in each and list the conflicts', async ({
	browser
}) => {
	const desks: { context: BrowserContext; page: Page }[] = [];
	for (const who of [DEMO.checkin, DEMO.secretariat]) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await staffLogin(page, who);
		await openDesk(page, 24);
		await context.setOffline(true);
		desks.push({ context, page });
	}
	const [a, b] = desks;
	await wedgeScan(a.page, people[20].reference);
	await wedgeScan(a.page, people[21].reference);
	await wedgeScan(b.page, people[21].reference);
	await wedgeScan(b.page, people[22].reference);
	await expect(b.page.getByRole('status').first()).toContainText('2 waiting to sync');

	await a.context.setOffline(false);
	await expect(a.page.getByRole('status').first()).toContainText('nothing waiting to sync', {
		timeout: 20_000
	});
	await b.context.setOffline(false);
	await expect(b.page.getByRole('status').first()).toContainText('nothing waiting to sync', {
		timeout: 20_000
	});
	const conflicts = b.page.getByRole('region', { name: 'Conflicts after sync' });
	await expect(conflicts.getByRole('listitem')).toHaveCount(1);
	await expect(conflicts).toContainText(
		new RegExp(`${people[21].family}.*already checked in at`, 'i')
	);
	expect(await checkedInCount()).toEqual({ checked: 23, synced: 24 });
	// The online check-in page lists every desk's conflicts in one place.
	await a.page.goto(`/admin/events/${slug}/checkin`);
	await expect(
		a.page.getByRole('region', { name: 'Conflicts from offline desks' }).getByRole('listitem')
	).toHaveText([new RegExp(`${people[21].family}.*already checked in.*Synced .* by `, 'i')]);
	for (const d of desks) await d.context.close();
});

test('a signed-out visitor or a check-in-less account cannot download the list', async ({
	browser
}) => {
	const anonymous = await browser.newContext();
	const response = await anonymous.request.get(`/admin/events/${slug}/checkin/offline-list`, {
		maxRedirects: 0
	});
	expect(response.status()).not.toBe(200);
	await anonymous.close();
	// The organizer account is not on this event's staff.
	const context = await browser.newContext();
	const page = await context.newPage();
	await staffLogin(page, DEMO.organizer);
	const refused = await page.goto(DESK);
	expect(refused?.status()).toBe(403);
	await context.close();
});

test('the roll call at two stops offline, then synced: who is on board, who is missing, the history', async ({
	page,
	context
}) => {
	const traveller = people.slice(0, 5);
	const name = (p: (typeof people)[number]) => `${p.family.toUpperCase()} ${p.given}`;
	await staffLogin(page, DEMO.checkin);
	const rollcall = `/admin/events/${slug}/visits/${visitId}/rollcall`;
	await page.goto(rollcall);
	await expect(page.getByRole('status').first()).toContainText('list of 5 people');
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.reload();
	await expect(page.getByRole('status').first()).toContainText('list of 5 people');
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
	await expectNoAxeViolations(page);

	await context.setOffline(true);
	// Departure from the hotel: four board, one is absent.
	for (const p of traveller.slice(0, 4)) {
		await page.getByRole('button', { name: `On board ${name(p)}`, exact: true }).click();
	}
	await page.getByRole('button', { name: `Absent ${name(traveller[4])}`, exact: true }).click();
	await expect(page.getByText(`4 of 5 on board, missing: ${name(traveller[4])}`)).toBeVisible();

	// The hospital: one stays behind, the three others board again.
	await page.getByLabel('Stop').selectOption({ label: '2. Calmette Hospital' });
	await expect(page.getByText(/0 of 5 on board/)).toBeVisible();
	await page.getByRole('button', { name: `Left here ${name(traveller[0])}`, exact: true }).click();
	for (const p of traveller.slice(1, 4)) {
		await page.getByRole('button', { name: `On board ${name(p)}`, exact: true }).click();
	}
	await expect(page.getByText(`3 of 4 on board, missing: ${name(traveller[4])}`)).toBeVisible();
	await expect(page.getByRole('status').first()).toContainText('9 waiting to sync');
	// The sheet and the queued marks are not readable in IndexedDB either.
	const stored = await indexedDbText(page);
	for (const p of traveller) {
		expect(stored).not.toContain(p.family);
		expect(stored).not.toContain(p.reference);
	}

	await page.reload();
	await expect(page.getByRole('status').first()).toContainText('9 waiting to sync');
	await context.setOffline(false);
	await expect(page.getByRole('status').first()).toContainText('nothing waiting to sync', {
		timeout: 20_000
	});
	const marks = await firstRow(`select count(*)::int as n from roll_calls where visit_id = $1`, [
		visitId
	]);
	expect(marks.n).toBe(9);

	// The organizer's side: the history, and how many travelled.
	const other = await page.context().browser()!.newContext();
	const secretariat = await other.newPage();
	await staffLogin(secretariat, DEMO.secretariat);
	await secretariat.goto(`${rollcall}/history`);
	await expect(secretariat.getByText(/4 people travelled/)).toBeVisible();
	await expect(secretariat.getByRole('row')).toHaveCount(10);
	await expectNoAxeViolations(secretariat);
	// The manifest says who actually travelled.
	await secretariat.goto(`/admin/events/${slug}/visits/${visitId}/manifest`);
	const row = (p: (typeof people)[number]) =>
		secretariat.getByRole('row').filter({ hasText: p.reference });
	await expect(row(traveller[0]).getByRole('cell').last()).toHaveText('Yes');
	await expect(row(traveller[4]).getByRole('cell').last()).toHaveText('No');
	await other.close();
});

test('offline, the camera reads a badge with the fallback decoder and the desk shows the photo', async ({
	page,
	context
}) => {
	const p = CAMERA_PERSON;
	await staffLogin(page, DEMO.checkin);
	await openDesk(page, 24);
	expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);

	await context.setOffline(true);
	await expect(page.getByRole('status').first()).toContainText('Offline');
	// Found by name with no network: the small photo comes from the sealed list.
	await page.getByLabel('Name, reference or badge scan').fill(p.family);
	const photo = page.getByRole('img', {
		name: `Badge photo of ${p.family.toUpperCase()} ${p.given}`
	});
	await expect(photo).toBeVisible();
	expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
	await page.getByLabel('Name, reference or badge scan').fill('');

	// The decoder is loaded now, from what the service worker kept, and reads the camera.
	await page.getByRole('button', { name: 'Scan with camera' }).click();
	await expect(page.getByText(new RegExp(`Checked in: .*${p.family}`, 'i'))).toBeVisible({
		timeout: 20_000
	});
	await expect(photo).toBeVisible();
	await expect(page.getByRole('status').first()).toContainText('1 waiting to sync');
	await expectNoAxeViolations(page);

	await context.setOffline(false);
	await expect(page.getByRole('status').first()).toContainText('nothing waiting to sync', {
		timeout: 20_000
	});
	const row = await firstRow(`select checked_in_at from registrations where reference = $1`, [
		p.reference
	]);
	expect(row.checked_in_at).not.toBeNull();
});
