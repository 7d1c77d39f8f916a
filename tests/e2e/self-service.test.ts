import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
	DEMO,
	caughtMail,
	e2eDatabase,
	expectNoAxeViolations,
	staffLogin,
	waitForMail
} from './helpers.ts';

// A delegate's own pages end to end: register on an open event through the real form, sign in
// with the link the catcher receives, look, edit, cancel; and the walls around it (another
// delegate's registration, the admin side).

const suffix = Date.now().toString(36).slice(-5);
const slug = `self-service-${suffix}`;
const code = `SS${suffix.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 8);
const day = (offset: number) =>
	new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// The demo events are invitation-only or need approval: this open one is made for the test.
test.beforeAll(async () => {
	const client = await e2eDatabase();
	try {
		const { rows } = await client.query(
			`insert into events (slug, code, title, kind, starts_on, ends_on, venue, city, country,
				time_zone, contact_email, status, registration_mode, privacy_notice)
			 values ($1, $2, $3, 'workshop', $4, $5, 'Sofitel Phnom Penh Phokeethra', 'Phnom Penh', 'KH',
				'Asia/Phnom_Penh', 'secretariat@kaigi.example', 'published', 'open',
				'Your details are used only to organise this workshop.')
			 returning id`,
			[slug, code, `Self-service workshop ${suffix}`, day(50), day(54)]
		);
		const eventId = rows[0].id;
		for (const [i, [c, name]] of [
			['KH', 'Cambodia'],
			['TH', 'Thailand'],
			['VN', 'Viet Nam']
		].entries()) {
			await client.query(
				`insert into delegations (event_id, kind, country_code, code, name, sort_order)
				 values ($1, 'country', $2, $3, $4, $5)`,
				[eventId, c, c, name, i]
			);
		}
		await client.query(
			`insert into event_staff (event_id, user_id, role)
			 select $1, id, 'organizer' from users where email = $2`,
			[eventId, DEMO.organizer.email]
		);
	} finally {
		await client.end();
	}
});

/** Registers through the public form and returns the reference shown. */
async function register(page: Page, person: { email: string; family: string; given: string }) {
	await page.goto(`/events/${slug}/register`);
	await page.getByLabel('Given name').fill(person.given);
	await page.getByLabel('Family name (or your only name)').fill(person.family);
	await page.getByLabel('Nationality').selectOption({ label: 'Thailand' });
	await page.getByLabel('Delegation', { exact: true }).selectOption({ label: 'Thailand' });
	await page.getByLabel('You take part as').selectOption({ label: 'Delegate' });
	await page.getByLabel('Position').fill('Director, Bureau of Social Welfare');
	await page.getByLabel('Organisation').fill('Ministry of Social Development and Human Security');
	await page.getByLabel('E-mail', { exact: true }).fill(person.email);
	await page.getByLabel('Confirm the address').fill(person.email);
	await page.getByLabel('Phone (mobile)').fill('+66 2 123 4567');
	await page.getByLabel(/I agree that my details are processed/).check();
	await page.getByRole('button', { name: 'Register' }).click();
	await expect(page.getByRole('heading', { name: 'Confirmed' })).toBeVisible();
	const reference = await page
		.getByText(/Your reference:/)
		.locator('strong')
		.textContent();
	expect(reference).toMatch(new RegExp(`^${code}-TH-\\d{3}$`));
	return reference!;
}

const signInMails = async (email: string) =>
	(await caughtMail()).filter(
		(m) =>
			JSON.stringify(m.to).toLowerCase().includes(email) && /sign-in link/.test(m.subject ?? '')
	);

/** Asks for a sign-in link at /signin and follows it from the mail, pressing the button. */
async function signInByMail(page: Page, email: string, next?: string) {
	const before = (await signInMails(email)).length;
	await page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : '/signin');
	await page.getByLabel('E-mail').fill(email);
	await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
	await expect(page.getByText('If this address has a registration with us')).toBeVisible();
	await expect
		.poll(async () => (await signInMails(email)).length, { timeout: 20_000 })
		.toBe(before + 1);
	const mail = await waitForMail(email, /Your Kaigi sign-in link/);
	const link = mail.text!.match(/https?:\/\/\S+\/signin\/\S+/)![0];
	// Opening the link (as a mail scanner would) signs nobody in and burns nothing.
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'Sign in to Kaigi' })).toBeVisible();
	await page.goto(link);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	return link;
}

for (const viewport of [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'phone', width: 390, height: 844 }
]) {
	test(`a delegate registers, signs in by e-mail link, edits and cancels (${viewport.name})`, async ({
		page
	}) => {
		await page.setViewportSize(viewport);
		const email = `somchai.${viewport.name}.${suffix}@m-society.go.th`;
		const reference = await register(page, { email, given: 'Somchai', family: 'Prasert' });
		await waitForMail(email, /Registration confirmed/);

		await page.goto('/signin');
		await expectNoAxeViolations(page);
		const link = await signInByMail(page, email);

		await expect(page).toHaveURL(/\/me$/);
		await expect(page.getByRole('heading', { name: 'My registrations' })).toBeVisible();
		const card = page.getByRole('listitem').filter({ hasText: reference });
		await expect(card.getByText('Confirmed')).toBeVisible();
		await expectNoAxeViolations(page);

		// The link was used: a second press gets a clear page, not an error.
		const reused = await page.context().newPage();
		await reused.goto(link);
		await expect(
			reused.getByRole('heading', { name: 'This sign-in link has expired or was already used' })
		).toBeVisible();
		await reused.close();

		await card.getByRole('link', { name: /View or change/ }).click();
		await expect(page).toHaveURL(new RegExp(`/me/registrations/${reference}$`));
		await expect(page.getByText('Your place is confirmed')).toBeVisible();
		await expect(page.getByText('Ministry of Social Development and Human Security')).toBeVisible();
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Change your details' }).click();
		await expect(page.getByRole('heading', { name: 'Change your registration' })).toBeVisible();
		await expect(page.getByLabel('Position')).toHaveValue('Director, Bureau of Social Welfare');
		await expectNoAxeViolations(page);
		await page.getByLabel('Position').fill('Deputy Director-General');
		await page.getByRole('button', { name: 'Save changes' }).click();
		await expect(page.getByText('Your changes are saved.')).toBeVisible();
		await expect(page.getByText('Deputy Director-General')).toBeVisible();

		// Cancelling needs the box ticked.
		await page.getByRole('button', { name: 'Cancel registration' }).click();
		await expect(page.getByText('Tick the box to confirm')).toBeVisible();
		await page.getByLabel('Yes, cancel my registration').check();
		await page.getByRole('button', { name: 'Cancel registration' }).click();
		await expect(page.getByText('Your registration is cancelled.')).toBeVisible();
		await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Change your details' })).toHaveCount(0);
		await waitForMail(email, /Registration cancelled/);

		await page.goto('/me');
		await expect(
			page.getByRole('listitem').filter({ hasText: reference }).getByText('Cancelled')
		).toBeVisible();
	});
}

test('a stale edit from another tab is refused and shows the latest values', async ({ page }) => {
	const email = `stale.${suffix}@m-society.go.th`;
	const reference = await register(page, { email, given: 'Malee', family: 'Srisuk' });
	const edit = `/me/registrations/${reference}/edit`;
	// A link from a mail to a page of one's own: sign in, then land there.
	await page.goto(edit);
	await expect(page).toHaveURL(/\/signin\?next=/);
	await signInByMail(page, email, edit);
	await expect(page).toHaveURL(new RegExp(`${edit}$`));
	const other = await page.context().newPage();
	await other.goto(edit);
	await other.getByLabel('Position').fill('Minister');
	await other.getByRole('button', { name: 'Save changes' }).click();
	await expect(other.getByText('Your changes are saved.')).toBeVisible();

	await page.getByLabel('Position').fill('Adviser');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('alert')).toContainText('changed in another tab');
	await expect(page.getByLabel('Position')).toHaveValue('Minister');
	await page.goto(`/me/registrations/${reference}`);
	await expect(page.getByText('Minister', { exact: true })).toBeVisible();
});

test('one delegate cannot see or change another’s registration', async ({ page, browser }) => {
	const first = `first.${suffix}@m-society.go.th`;
	const second = `second.${suffix}@m-society.go.th`;
	const theirs = await register(page, { email: second, given: 'Dara', family: 'Sok' });
	await register(page, { email: first, given: 'Sophea', family: 'Chan' });
	const context = await browser.newContext();
	const delegate = await context.newPage();
	await signInByMail(delegate, first);
	await expect(delegate.getByRole('listitem')).toHaveCount(1);

	for (const url of [`/me/registrations/${theirs}`, `/me/registrations/${theirs}/edit`]) {
		const response = await delegate.goto(url);
		expect(response?.status()).toBe(404);
		await expect(delegate.getByText('Sok')).toHaveCount(0);
	}
	const origin = new URL(delegate.url()).origin;
	const cancel = await delegate.request.post(`/me/registrations/${theirs}?/cancel`, {
		form: { confirm: 'yes' },
		headers: { origin }
	});
	expect(cancel.status()).toBe(404);
	const edit = await delegate.request.post(`/me/registrations/${theirs}/edit`, {
		form: { version: '1', familyName: 'Hijacked' },
		headers: { origin }
	});
	expect(edit.status()).toBe(404);
	await context.close();

	// Still confirmed and unchanged for its owner.
	await signInByMail(page, second);
	await page.goto(`/me/registrations/${theirs}`);
	await expect(page.getByText('Your place is confirmed')).toBeVisible();
	await expect(page.getByText('SOK Dara').first()).toBeVisible();
});

test('the sign-in page answers the same for an unknown address and sends nothing', async ({
	page
}) => {
	const unknown = `nobody.${suffix}@example.org`;
	await page.goto('/signin');
	await page.getByLabel('E-mail').fill(unknown);
	await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
	await expect(
		page.getByText('If this address has a registration with us, we have sent a link')
	).toBeVisible();
	await page.waitForTimeout(1500);
	expect((await caughtMail()).filter((m) => JSON.stringify(m.to).includes(unknown))).toHaveLength(
		0
	);
	const response = await page.goto('/signin/not-a-real-token');
	expect(response?.status()).toBe(200);
	await expect(
		page.getByRole('heading', { name: 'This sign-in link has expired or was already used' })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'E-mail me a new link' })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('an e-mail-link session gets 403 on every admin route, page and POST, even for staff', async ({
	page
}) => {
	// The demo organizer, signed in by e-mail link rather than password.
	await signInByMail(page, DEMO.organizer.email);
	await expect(page).toHaveURL(/\/me$/);
	for (const url of [
		'/admin',
		'/admin/staff',
		'/admin/account',
		`/admin/events/${slug}`,
		`/admin/events/${slug}/mail`,
		`/admin/events/${slug}/registrations/${code}-TH-001`
	]) {
		const response = await page.goto(url);
		expect(response?.status(), url).toBe(403);
	}
	const origin = new URL(page.url()).origin;
	for (const [url, form] of [
		['/admin/staff?/create', { email: 'intruder@example.org', displayName: 'Intruder' }],
		['/admin/account?/password', { currentPassword: 'x', newPassword: 'y', confirmPassword: 'y' }],
		[`/admin/events/${slug}/mail?/resend`, { emailId: '1' }],
		[`/admin/events/${slug}/mail/1?/resend`, {}]
	] as const) {
		const response = await page.request.post(url, { form, headers: { origin } });
		expect(response.status(), url).toBe(403);
	}
});

/**
 * axe on the message page, leaving out the preview frame: it holds the e-mail, not Kaigi's page,
 * and its sandbox lets no script (axe included) run inside it.
 */
async function expectNoAxeViolationsOutsidePreview(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.exclude('iframe[title="HTML version of the message"]')
		.analyze();
	expect(results.violations.map((v) => v.id)).toEqual([]);
}

test('the organizer reads the mail log, previews a message and resends it', async ({ page }) => {
	const email = `maillog.${suffix}@m-society.go.th`;
	const reference = await register(page, { email, given: 'Anong', family: 'Wong' });
	await waitForMail(email, /Registration confirmed/);

	await staffLogin(page, DEMO.organizer);
	await page.goto(`/admin/events/${slug}/mail`);
	await expect(page.getByRole('heading', { name: 'Mail log' })).toBeVisible();
	await page.getByLabel('Kind of message').selectOption({ label: 'Registration confirmed' });
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/template=registration-confirmed/);
	const row = page.getByRole('row').filter({ hasText: email });
	await expect(row.getByText('Sent', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page);

	await row.getByRole('link', { name: new RegExp(reference) }).click();
	await expect(
		page.getByRole('heading', { name: new RegExp(`Registration confirmed.*${reference}`) })
	).toBeVisible();
	// The HTML version renders in a sandboxed frame, under the page's CSP.
	const frame = page.frameLocator('iframe[title="HTML version of the message"]');
	await expect(frame.getByText(reference).first()).toBeVisible();
	await expect(page.locator('iframe[title="HTML version of the message"]')).toHaveAttribute(
		'sandbox',
		''
	);
	await expect(page.getByText(/\.ics/).first()).toBeVisible();
	await expectNoAxeViolationsOutsidePreview(page);

	const before = (await caughtMail()).filter(
		(m) => JSON.stringify(m.to).includes(email) && /Registration confirmed/.test(m.subject ?? '')
	).length;
	await page.getByRole('button', { name: 'Resend this message' }).click();
	await expect(page.getByText('The message is queued to be sent again.')).toBeVisible();
	await expect
		.poll(
			async () =>
				(await caughtMail()).filter(
					(m) =>
						JSON.stringify(m.to).includes(email) && /Registration confirmed/.test(m.subject ?? '')
				).length,
			{ timeout: 20_000 }
		)
		.toBe(before + 1);
});

test('the secretariat may read the mail log but not resend', async ({ page }) => {
	const client = await e2eDatabase();
	try {
		await client.query(
			`insert into event_staff (event_id, user_id, role)
			 select e.id, u.id, 'secretariat' from events e, users u where e.slug = $1 and u.email = $2
			 on conflict do nothing`,
			[slug, DEMO.secretariat.email]
		);
	} finally {
		await client.end();
	}
	await staffLogin(page, DEMO.secretariat);
	const response = await page.goto(`/admin/events/${slug}/mail`);
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('button', { name: /Resend/ })).toHaveCount(0);
	const post = await page.request.post(`/admin/events/${slug}/mail?/resend`, {
		form: { emailId: '1' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(post.status()).toBe(403);
});
