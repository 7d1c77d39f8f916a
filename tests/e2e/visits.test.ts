import { expect, test, type Page } from '@playwright/test';
import { DEMO, caughtMail, expectNoAxeViolations, staffLogin, waitForMail } from './helpers.ts';

// Field visits end to end, on the demo workshop (Phnom Penh): the organizer creates a visit with
// stops; a demo delegate signs in by e-mail link, picks it and sees it on the itinerary; the
// organizer moves a stop; the itinerary and the delegate's inbox show the change.

const WORKSHOP = '/admin/events/hiv-aids-workshop/visits';
const TITLE = 'Mother-and-child clinic visit';

/** The day after a datetime-local day ("2027-01-11T08:00" → "2027-01-12"). */
function nextDay(local: string): string {
	const at = new Date(`${local.slice(0, 10)}T00:00:00Z`);
	at.setUTCDate(at.getUTCDate() + 1);
	return at.toISOString().slice(0, 10);
}

/** A demo delegate with a confirmed workshop registration: whoever the demo visit seats were mailed to. */
async function demoDelegate(): Promise<{ email: string; reference: string }> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const mail = (await caughtMail()).find((m) =>
			/^Field visit confirmed: Phnom Penh field inspection/.test(m.subject ?? '')
		);
		if (mail) {
			const email = (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0].address!;
			const reference = /registration ([A-Z0-9]+-[A-Z0-9]+-\d{3})/.exec(mail.text ?? '')![1];
			return { email, reference };
		}
		if (Date.now() > deadline) {
			throw new Error(
				'No demo delegate has a confirmed seat on the Phnom Penh field inspection: the demo data needs confirmed workshop registrations.'
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function signInByEmail(page: Page, email: string, next: string) {
	await page.goto(`/signin?next=${encodeURIComponent(next)}`);
	await page.getByLabel('E-mail').fill(email);
	const asked = Date.now();
	await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
	await expect(page.getByRole('status')).toBeVisible();
	let link: string | undefined;
	while (!link) {
		const mail = await waitForMail(email, /sign-in link/);
		if ((mail.date?.getTime() ?? 0) >= asked - 2_000)
			link = /https?:\/\/\S+\/signin\/\S+/.exec(mail.text ?? '')?.[0];
		else await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await page.goto(link);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(next.replace(/[/.]/g, '\\$&')));
}

async function axeAtBothWidths(page: Page) {
	await page.setViewportSize({ width: 1280, height: 900 });
	await expectNoAxeViolations(page);
	await page.setViewportSize({ width: 390, height: 844 });
	await expectNoAxeViolations(page);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('a visit is created, chosen by a delegate, changed by the organizer, and the delegate sees it', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);

	// The organizer creates a visit with two stops on the workshop's second day.
	await staffLogin(page, DEMO.organizer);
	await page.goto(WORKSHOP);
	await expect(page.getByRole('heading', { name: 'Field visits' })).toBeVisible();
	await expect(page.getByText(/taken · \d+ free/).first()).toBeVisible();
	await page.getByRole('link', { name: 'New field visit' }).click();
	await expectNoAxeViolations(page);
	const day = nextDay(await page.getByLabel('Departure').inputValue());
	await page.getByLabel('Title').fill(TITLE);
	await page.getByLabel('Meeting point').fill('Hotel lobby');
	await page.getByLabel('Departure').fill(`${day}T14:00`);
	await page.getByLabel('Return').fill(`${day}T17:30`);
	await page.getByLabel('Transport').fill('Minibus B, 12 seats');
	await page.getByLabel('Seats').fill('10');
	await page.getByRole('button', { name: 'Add a stop' }).click();
	const first = page.getByRole('group', { name: /^Stop 1/ });
	await first.getByLabel('Place').fill('Maternal and child health clinic');
	await first.getByLabel('Arrives').fill(`${day}T14:30`);
	await first.getByLabel('Leaves').fill(`${day}T15:30`);
	await page.getByRole('button', { name: 'Add a stop' }).click();
	const second = page.getByRole('group', { name: /^Stop 2/ });
	await second.getByLabel('Place').fill('Community drop-in centre');
	// Out of order first: refused beside the field, nothing saved, values kept.
	await second.getByLabel('Arrives').fill(`${day}T15:00`);
	await second.getByLabel('Leaves').fill(`${day}T17:00`);
	await page.getByRole('button', { name: 'Create visit' }).click();
	await expect(page.getByRole('alert').first()).toContainText('Nothing was saved');
	await expect(page.getByText(/Stops must be in time order/)).toBeVisible();
	await expect(page.getByRole('group', { name: /^Stop 2/ }).getByLabel('Place')).toHaveValue(
		'Community drop-in centre'
	);
	await page
		.getByRole('group', { name: /^Stop 2/ })
		.getByLabel('Arrives')
		.fill(`${day}T16:00`);
	await page.getByRole('button', { name: 'Create visit' }).click();
	await expect(page.getByRole('status')).toContainText('Visit created');
	const editUrl = page.url().replace(/\?.*$/, '');

	// A demo delegate signs in with an e-mail link and picks the visit.
	const delegate = await demoDelegate();
	const mine = `/me/registrations/${delegate.reference}`;
	const context = await browser.newContext();
	const delegatePage = await context.newPage();
	await signInByEmail(delegatePage, delegate.email, `${mine}/visits`);
	await expect(delegatePage.getByRole('heading', { name: 'Field visits', level: 1 })).toBeVisible();
	await axeAtBothWidths(delegatePage);
	await delegatePage.getByRole('button', { name: new RegExp(`^Sign up\\W+${TITLE}`) }).click();
	await expect(delegatePage.getByRole('status')).toContainText(
		`Your seat on “${TITLE}” is confirmed`
	);
	await waitForMail(delegate.email, new RegExp(`Field visit confirmed: ${TITLE}`));

	// It is on the itinerary, with its stops, in the event's zone.
	await delegatePage.getByRole('link', { name: 'See your itinerary' }).click();
	await expect(delegatePage.getByRole('heading', { name: 'Your itinerary' })).toBeVisible();
	await expect(delegatePage.getByText('All times are Phnom Penh time (UTC+7).')).toBeVisible();
	const entry = delegatePage
		.getByRole('listitem')
		.filter({ has: delegatePage.getByRole('heading', { name: TITLE }) });
	await expect(entry).toContainText('14:00–17:30');
	await expect(entry).toContainText('Community drop-in centre');
	await expect(entry).toContainText('16:00–17:00');
	await axeAtBothWidths(delegatePage);

	// The organizer moves the second stop half an hour later.
	await page.goto(editUrl);
	const stop = page.getByRole('group', { name: /^Stop 2/ });
	await stop.getByLabel('Arrives').fill(`${day}T16:30`);
	await stop.getByLabel('Leaves').fill(`${day}T17:15`);
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Save visit' }).click();
	await expect(page.getByRole('status')).toContainText(
		'1 person with a confirmed seat will get an e-mail listing what changed'
	);

	// The delegate's itinerary and inbox show it.
	await delegatePage.reload();
	await expect(entry).toContainText('16:30–17:15');
	await expect(entry).not.toContainText('16:00–17:00');
	const changed = await waitForMail(delegate.email, new RegExp(`Field visit changed: ${TITLE}`));
	expect(changed.text).toContain(
		'Stop “Community drop-in centre”: time: 16:00–17:00 → 16:30–17:15'
	);
	expect(changed.text).toContain('Phnom Penh time (UTC+7)');

	// The calendar download carries the visit.
	const ics = await delegatePage.request.get(`${mine}/itinerary.ics`);
	expect(ics.status()).toBe(200);
	expect(await ics.text()).toContain(`SUMMARY:${TITLE}`);

	// A calendar address: shown once, works, stops working when revoked.
	await delegatePage.goto(`${mine}/itinerary`);
	await delegatePage.getByRole('button', { name: 'Create a calendar address' }).click();
	const address = await delegatePage.getByLabel('Your calendar address').inputValue();
	const feedPath = new URL(address).pathname;
	expect(feedPath).toMatch(/^\/calendar\/[a-z2-7]{32}\.ics$/);
	const anonymous = await browser.newContext();
	expect((await anonymous.request.get(feedPath)).status()).toBe(200);
	await delegatePage.reload();
	await expect(delegatePage.getByLabel('Your calendar address')).toHaveCount(0);
	await delegatePage.getByRole('button', { name: 'Revoke the address' }).click();
	await expect(delegatePage.getByRole('status')).toContainText('revoked');
	expect((await anonymous.request.get(feedPath)).status()).toBe(404);
	await anonymous.close();
	await context.close();
});

test('the manifest lists the visit’s people and downloads as CSV; other people’s pages are 404', async ({
	page,
	browser
}) => {
	await staffLogin(page, DEMO.secretariat);
	await page.goto(WORKSHOP);
	await expect(page.getByRole('link', { name: 'New field visit' })).toHaveCount(0);
	await page.getByRole('link', { name: /^Manifest .*referral hospitals/ }).click();
	await expect(page.getByRole('heading', { name: /^Manifest:/ })).toBeVisible();
	await expect(page.getByText('Waiting list 1')).toBeVisible();
	await expectNoAxeViolations(page);
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download CSV' }).click();
	const file = await download;
	const csv = await (await file.createReadStream()).toArray();
	const text = Buffer.concat(csv).toString('utf8');
	expect(text.startsWith('\uFEFF')).toBe(true);
	expect(text).toContain('Waiting list 1');
	// The secretariat may not change visits.
	const edit = await page.goto(page.url().replace(/\/manifest$/, ''));
	expect(edit?.status()).toBe(403);

	const anonymous = await browser.newPage();
	const delegate = await demoDelegate();
	await anonymous.goto(`/me/registrations/${delegate.reference}/itinerary`);
	await expect(anonymous).toHaveURL(/\/signin\?next=/);
	const feed = await anonymous.request.get('/calendar/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics');
	expect(feed.status()).toBe(404);
	await anonymous.close();
});

test('without JavaScript, stops are added and moved in the form and only saved with Save', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await staffLogin(page, DEMO.organizer);
	await page.goto(WORKSHOP);
	await page.getByRole('link', { name: /^Edit .*referral hospitals/ }).click();
	const edit = page.url();
	await expect(page.getByRole('group', { name: /^Stop 1: Calmette Hospital/ })).toBeVisible();

	await page.getByRole('button', { name: 'Move down stop 1' }).click();
	await expect(
		page.getByRole('group', { name: /^Stop 1: A second referral hospital/ })
	).toBeVisible();
	await expect(page.getByRole('group', { name: /^Stop 2: Calmette Hospital/ })).toBeVisible();
	await page.getByRole('button', { name: 'Add a stop' }).click();
	await expect(page.getByRole('group', { name: /^Stop 4/ })).toBeVisible();

	// Nothing was saved by those steps.
	await page.goto(edit);
	await expect(page.getByRole('group', { name: /^Stop 1: Calmette Hospital/ })).toBeVisible();
	await expect(page.getByRole('group', { name: /^Stop 4/ })).toHaveCount(0);
	await context.close();
});
