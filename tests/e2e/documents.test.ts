import { expect, test, type Page } from '@playwright/test';
import {
	DEMO,
	caughtMail,
	e2eDatabase,
	expectNoAxeViolations,
	staffLogin,
	waitForMail
} from './helpers.ts';

// A visa support letter end to end: a delegate registers with passport details and asks for a
// letter on their documents page; the secretariat issues it from the queue; the delegate
// downloads it from /me; /verify confirms it is genuine, and void once re-issued.

const suffix = Date.now().toString(36).slice(-5);
const slug = `visa-letters-${suffix}`;
const code = `VL${suffix.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 8);
const day = (offset: number) =>
	new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test.beforeAll(async () => {
	const client = await e2eDatabase();
	try {
		const { rows } = await client.query(
			`insert into events (slug, code, title, kind, starts_on, ends_on, venue, city, country,
				time_zone, contact_email, status, registration_mode, privacy_notice, collect_visa_support)
			 values ($1, $2, $3, 'meeting', $4, $5, 'Mita Conference Hall', 'Tokyo', 'JP',
				'Asia/Tokyo', 'secretariat@kaigi.example', 'published', 'open',
				'Your details are used only to organise this meeting.', true)
			 returning id`,
			[slug, code, `Visa letters meeting ${suffix}`, day(60), day(62)]
		);
		const eventId = rows[0].id;
		await client.query(
			`insert into delegations (event_id, kind, country_code, code, name, sort_order)
			 values ($1, 'country', 'VN', 'VN', 'Viet Nam', 0)`,
			[eventId]
		);
		await client.query(
			`insert into event_staff (event_id, user_id, role)
			 select $1, id, 'secretariat' from users where email = $2`,
			[eventId, DEMO.secretariat.email]
		);
	} finally {
		await client.end();
	}
});

async function registerWithPassport(page: Page, email: string, askForLetter = false) {
	await page.goto(`/events/${slug}/register`);
	await page.getByLabel('Title', { exact: false }).first().fill('Ms.');
	await page.getByLabel(/^Given name/).fill('Thị Minh Khai');
	await page.getByLabel('Family name (or your only name)').fill('Nguyễn');
	await page.getByLabel(/^Nationality/).selectOption({ label: 'Viet Nam' });
	await page.getByLabel('Delegation', { exact: true }).selectOption({ label: 'Viet Nam' });
	await page.getByLabel('Position').fill('Director, Department of Social Protection');
	await page.getByLabel('Organisation').fill('Ministry of Labour, Invalids and Social Affairs');
	await page.getByLabel('E-mail', { exact: true }).fill(email);
	await page.getByLabel('Confirm the address').fill(email);
	await page.getByLabel('Phone (mobile)').fill('+84 24 3826 9534');
	await page.getByLabel('Passport number').fill('C7654321');
	await page.getByLabel('Passport expiry date').fill('2032-04-30');
	await page.getByLabel('Date of birth').fill('1971-09-12');
	if (askForLetter) {
		await page.getByLabel('I need a visa support letter').check();
		await expectNoAxeViolations(page);
	}
	await page.getByLabel(/I agree that my details are processed/).check();
	await page.getByRole('button', { name: 'Register' }).click();
	await expect(page.getByRole('heading', { name: 'Confirmed' })).toBeVisible();
	return (await page
		.getByText(/Your reference:/)
		.locator('strong')
		.textContent())!;
}

async function signInByMail(page: Page, email: string) {
	const count = async () =>
		(await caughtMail()).filter(
			(m) =>
				JSON.stringify(m.to).toLowerCase().includes(email) && /sign-in link/.test(m.subject ?? '')
		).length;
	const before = await count();
	await page.goto('/signin');
	await page.getByLabel('E-mail').fill(email);
	await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
	await expect.poll(count, { timeout: 20_000 }).toBe(before + 1);
	const mail = await waitForMail(email, /Your Kaigi sign-in link/);
	await page.goto(mail.text!.match(/https?:\/\/\S+\/signin\/\S+/)![0]);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page).toHaveURL(/\/me$/);
}

test('a delegate asks for a visa letter, the secretariat issues it, the delegate downloads it and /verify confirms it', async ({
	browser
}) => {
	const email = `nguyen.${suffix}@molisa.gov.vn`;
	// Separate contexts: three people, each with their own cookies (and axe needs a context).
	const open = async () => (await browser.newContext()).newPage();
	const delegate = await open();
	const reference = await registerWithPassport(delegate, email);
	await signInByMail(delegate, email);
	await delegate.goto(`/me/registrations/${reference}`);
	await delegate.getByRole('link', { name: 'Visa letter and documents' }).click();
	await expect(delegate.getByRole('heading', { name: 'Your documents' })).toBeVisible();
	await expectNoAxeViolations(delegate);
	await delegate.getByRole('button', { name: 'Ask for a visa support letter' }).click();
	await expect(delegate.getByText('Your request is with the secretariat')).toBeVisible();
	await expect(delegate.getByText('Requested: the secretariat will issue it')).toBeVisible();

	const staff = await open();
	await staffLogin(staff, DEMO.secretariat);
	await staff.goto(`/admin/events/${slug}/documents`);
	await expect(staff.getByRole('heading', { name: 'Visa support letters' })).toBeVisible();
	await expect(staff.getByLabel('Addressee of the letter of Ms. NGUYỄN Thị Minh Khai')).toHaveValue(
		'Embassy of Japan in Viet Nam, Hanoi'
	);
	await expectNoAxeViolations(staff);
	await staff.getByLabel('Select the request of Ms. NGUYỄN Thị Minh Khai').check();
	await staff.getByRole('button', { name: 'Issue selected' }).click();
	await expect(staff.getByText('1 letter issued and e-mailed.')).toBeVisible();
	const number = `${code}/VISA/001`;
	await expect(staff.getByRole('link', { name: `PDF of ${number}` })).toBeVisible();
	await expectNoAxeViolations(staff);

	const mail = await waitForMail(
		email,
		new RegExp(`Visa support letter ${number.replace(/\//g, '\\/')}`)
	);
	expect(mail.text).toContain(`/me/registrations/${reference}/documents`);
	expect(mail.text).not.toContain('C7654321');

	await delegate.goto(`/me/registrations/${reference}/documents`);
	await expect(
		delegate.getByRole('heading', { name: `Visa support letter ${number}` })
	).toBeVisible();
	const download = await delegate.request.get(
		(await delegate.getByRole('link', { name: /Download the PDF/ }).getAttribute('href'))!
	);
	expect(download.status()).toBe(200);
	expect(download.headers()['content-type']).toBe('application/pdf');
	expect((await download.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	const codeText = (await delegate
		.getByText(/Verification code/)
		.locator('strong')
		.textContent())!;

	// Anyone, signed in or not, checks it by the code.
	const visitor = await open();
	await visitor.goto('/verify');
	await visitor.getByLabel('Verification code').fill(codeText.toLowerCase());
	await visitor.getByRole('button', { name: 'Verify' }).click();
	await expect(visitor.getByRole('heading', { name: 'Genuine and valid' })).toBeVisible();
	await expect(visitor.getByText('Ms. NGUYỄN Thị Minh Khai')).toBeVisible();
	await expect(visitor.locator('body')).not.toContainText('C7654321');
	await expectNoAxeViolations(visitor);

	// Re-issued: the first number verifies as void.
	await staff.getByRole('button', { name: `Re-issue ${number}` }).click();
	await expect(staff.getByText('Re-issued with a new number')).toBeVisible();
	await visitor.reload();
	await expect(visitor.getByRole('heading', { name: 'Void' })).toBeVisible();
	await expectNoAxeViolations(visitor);
	await visitor.goto('/verify/ZZZZ-ZZZZ-ZZZZ');
	await expect(visitor.getByRole('heading', { name: 'No document has this code' })).toBeVisible();
});

test('an organizer edits the visa letter template: an unknown placeholder is refused beside the text, the preview is a PDF', async ({
	page
}) => {
	await staffLogin(page, DEMO.organizer);
	await page.goto('/admin/events/hlom-6/documents/templates/visa_letter');
	await expect(page.getByRole('heading', { name: 'Visa support letter: template' })).toBeVisible();
	await expect(page.getByText('{{passport.number}}', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page);

	const body = page.getByLabel('Text of the document');
	await body.fill('Dear {{delegate.nmae}},\n\nPassport {{passport.number}}.');
	await page.getByRole('button', { name: 'Save template' }).click();
	await expect(
		page.getByText('This placeholder is not known here: {{delegate.nmae}}')
	).toBeVisible();
	// What was typed stays in the box, and the box says what is wrong with it.
	await expect(body).toHaveValue('Dear {{delegate.nmae}},\n\nPassport {{passport.number}}.');
	await expect(body).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page);

	await body.fill('Dear {{delegate.formal_name}},\n\nPassport {{passport.number}}.');
	// The button posts the text being edited to the preview in a new tab.
	const [response] = await Promise.all([
		page
			.context()
			.waitForEvent(
				'response',
				(r) => r.url().endsWith('/preview.pdf') && r.request().method() === 'POST'
			),
		page.getByRole('button', { name: 'Preview with sample data (PDF)' }).click()
	]);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/pdf');
});

test('the box on the registration form puts a visa letter request in the secretariat’s queue', async ({
	browser
}) => {
	const email = `tran.${suffix}@molisa.gov.vn`;
	const delegate = await (await browser.newContext()).newPage();
	const reference = await registerWithPassport(delegate, email, true);

	const staff = await (await browser.newContext()).newPage();
	await staffLogin(staff, DEMO.secretariat);
	await staff.goto(`/admin/events/${slug}/documents`);
	const row = staff.getByRole('row').filter({ hasText: reference });
	await expect(row.getByText('Requested', { exact: true })).toBeVisible();
	await expect(row.getByRole('checkbox')).toBeVisible();
	await expect(row.getByText('Embassy of Japan in Viet Nam, Hanoi')).toHaveCount(0);
	await expect(row.getByRole('textbox')).toHaveValue('Embassy of Japan in Viet Nam, Hanoi');
});
