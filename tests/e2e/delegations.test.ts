import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	DEMO,
	expectNoAxeViolations,
	noSidewaysScroll,
	staffLogin,
	waitForMail
} from './helpers.ts';

// A delegation run by its focal point, on the demo meeting: the organizer adds a focal point and
// sends the call; the focal point opens the mailed link, nominates two people and uploads the
// note verbale; a nominee registers from their invitation, asking for a visa support letter; the
// secretariat verifies the letter on the board and finds the visa letter request in its queue.
// At 1280 px and at 390 px, with axe on every new page.

const MEETING = '/admin/events/hlom-6';
const PHONE = { width: 390, height: 844 };
const LETTER = Buffer.from(
	'%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'
);

async function check(page: Page, phone: boolean) {
	await expectNoAxeViolations(page);
	if (phone) await noSidewaysScroll(page);
}

/** The path of the first link to `kind` in the newest matching mail. */
async function mailedPath(to: string, subject: RegExp, kind: 'delegations' | 'invitations') {
	const mail = await waitForMail(to, subject);
	const link = new RegExp(`https?://[^\\s]+/${kind}/[A-Za-z0-9_-]+`).exec(mail.text ?? '')?.[0];
	expect(link, `the mail carries a ${kind} link`).toBeTruthy();
	return new URL(link!).pathname;
}

async function nominate(
	page: Page,
	person: { given: string; family: string; email: string; category: string }
) {
	const form = page.locator('form[action="?/nominate"]');
	await form.getByLabel(/^Given name/).fill(person.given);
	await form.getByLabel('Family name').fill(person.family);
	await form.getByLabel('E-mail').fill(person.email);
	await form.getByLabel(/^Position/).fill('Director');
	await form.getByLabel('Category').selectOption({ label: person.category });
	await form.getByRole('button', { name: 'Nominate' }).click();
	await expect(page.getByRole('status')).toContainText(`${person.family} is nominated`);
}

async function focalPointWork(browser: Browser, path: string, phone: boolean, tag: string) {
	const context = await browser.newContext(phone ? { viewport: PHONE } : {});
	const page = await context.newPage();
	await page.goto(path);
	await check(page, phone);
	await page.getByRole('button', { name: 'Open the delegation page' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Delegation of / })).toBeVisible();
	await check(page, phone);

	const nominee = {
		given: 'Hadi',
		family: `Rahman ${tag}`,
		email: `hadi.${tag}@example.gov`,
		category: 'Delegate'
	};
	await nominate(page, nominee);
	// Over the quota: one observer place, asked for twice. The second is refused with the numbers
	// and what was typed stays.
	await nominate(page, {
		given: 'Nadia',
		family: `Yusof ${tag}`,
		email: `nadia.${tag}@example.gov`,
		category: 'Observer'
	});
	const form = page.locator('form[action="?/nominate"]');
	await form.getByLabel('Family name').fill(`Extra ${tag}`);
	await form.getByLabel('E-mail').fill(`extra.${tag}@example.gov`);
	await form.getByLabel('Category').selectOption({ label: 'Observer' });
	await form.getByRole('button', { name: 'Nominate' }).click();
	await expect(page.getByRole('alert')).toContainText('Please correct the field marked below');
	await expect(form.getByText('1 place for Observers, and all are taken')).toBeVisible();
	await expect(form.getByLabel('Family name')).toHaveValue(`Extra ${tag}`);
	await check(page, phone);

	// Something that is not a PDF is refused; the letter itself is taken.
	await page.getByLabel(/Upload the letter/).setInputFiles({
		name: 'letter.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('<html>not a pdf</html>')
	});
	await page.getByRole('button', { name: 'Send the letter' }).click();
	await expect(page.getByRole('alert')).toContainText('Nothing was uploaded');
	await expect(page.getByText('The file must be a PDF, JPEG or PNG file.')).toBeVisible();
	await page
		.getByLabel(/Upload the letter/)
		.setInputFiles({ name: 'note-verbale.pdf', mimeType: 'application/pdf', buffer: LETTER });
	await page.getByRole('button', { name: 'Send the letter' }).click();
	await expect(page.getByRole('status')).toContainText('The nomination letter is uploaded');
	await expect(page.getByText('Received — being verified')).toBeVisible();
	await check(page, phone);
	// Registering someone on their behalf is the delegate's form, fixed to this delegation.
	await page.getByRole('link', { name: 'register them on their behalf' }).click();
	await expect(page.getByLabel('Family name (or your only name)')).toBeVisible();
	await check(page, phone);
	await context.close();
	return nominee;
}

async function nomineeRegisters(browser: Browser, email: string, phone: boolean) {
	const path = await mailedPath(email, /^Invitation: /, 'invitations');
	const context = await browser.newContext(phone ? { viewport: PHONE } : {});
	const page = await context.newPage();
	await page.goto(path);
	await page.getByRole('link', { name: 'Accept and register' }).click();
	await page.getByLabel('Phone (mobile)').fill('+673 238 0911');
	await page.getByLabel(/^Organisation/).fill('Ministry of Culture, Youth and Sports');
	// The meeting collects what the visa support letter needs.
	await page.getByLabel(/^Nationality/).selectOption({ value: 'BN' });
	await page.getByLabel('Passport number').fill('B01234567');
	await page.getByLabel('Passport expiry date').fill('2031-05-31');
	await page.getByLabel('Date of birth').fill('1975-03-14');
	await page.getByLabel('I need a visa support letter').check();
	// The meeting's own questions, those asked of a delegate: the first choice of each.
	for (const group of await page.getByRole('group').all()) {
		const radio = group.getByRole('radio').first();
		if ((await radio.count()) > 0 && (await radio.isVisible()) && (await radio.isEnabled())) {
			await radio.check();
		}
	}
	await page.getByLabel(/I agree that my details are processed/).check();
	await page.getByRole('button', { name: 'Accept and register' }).click();
	await expect(page.getByText(/Your reference is/)).toBeVisible();
	await context.close();
}

for (const phone of [false, true]) {
	test(`a focal point nominates, a nominee registers, the secretariat verifies the letter${phone ? ' (390 px)' : ''}`, async ({
		page,
		browser
	}) => {
		const tag = `${Date.now().toString(36)}${phone ? 'p' : 'd'}`.replace(
			/\d/g,
			(d) => 'abcdefghij'[Number(d)]
		);
		// Four people's browsers and a dozen mails: more than one page's time on a busy machine.
		test.setTimeout(180_000);
		const code = phone ? 'SG' : 'BN';
		const focalEmail = `desk.${tag}@mfa.example`;
		if (phone) await page.setViewportSize(PHONE);

		await staffLogin(page, DEMO.organizer);
		await page.goto(`${MEETING}/delegations`);
		await expect(page.getByRole('heading', { name: 'Nominations', level: 2 })).toBeVisible();
		await check(page, phone);
		await page.getByRole('link', { name: 'Import focal points from a CSV file' }).click();
		await expect(page.getByRole('button', { name: /Check the file|Preview/ })).toBeVisible();
		await check(page, phone);
		await page.goto(`${MEETING}/delegations/${code}`);
		const add = page.locator('form[action="?/addFocalPoint"]');
		await add.getByLabel('Name').fill(`Desk ${tag}`);
		await add.getByLabel('E-mail').fill(focalEmail);
		await add.getByRole('button', { name: 'Add focal point' }).click();
		await expect(page.getByRole('status')).toContainText('is now a focal point');
		await page.getByRole('button', { name: 'Send the call to this delegation' }).click();
		await expect(page.getByRole('status')).toContainText('Call for nominations sent');
		await check(page, phone);

		const path = await mailedPath(focalEmail, /^Call for nominations: /, 'delegations');
		const nominee = await focalPointWork(browser, path, phone, tag);
		await nomineeRegisters(browser, nominee.email, phone);

		// The secretariat finds the letter to verify on the board and verifies it.
		const desk = await browser.newContext(phone ? { viewport: PHONE } : {});
		const secretariat = await desk.newPage();
		await staffLogin(secretariat, DEMO.secretariat);
		await secretariat.goto(`${MEETING}/delegations?show=unverified`);
		await check(secretariat, phone);
		await secretariat
			.getByRole('link', { name: phone ? 'Singapore' : 'Brunei Darussalam' })
			.click();
		await expect(secretariat.getByText(nominee.family)).toBeVisible();
		await secretariat.getByRole('button', { name: 'Verify the letter' }).click();
		await expect(secretariat.getByRole('status')).toContainText('Letter verified');
		await expect(secretariat.getByText('Verified by')).toBeVisible();
		await check(secretariat, phone);
		await waitForMail(focalEmail, /^Nomination letter verified: /);

		// The visa letter the nominee asked for on their form waits in the secretariat's queue.
		await secretariat.goto(`${MEETING}/documents`);
		const request = secretariat.getByRole('row').filter({ hasText: nominee.family.toUpperCase() });
		await expect(request.getByText('Requested', { exact: true })).toBeVisible();
		await check(secretariat, phone);
	});
}
