import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { DEMO, expectNoAxeViolations, staffLogin, waitForMail } from './helpers.ts';

// The invitation journey on the demo workshop (approval mode): the organizer invites, the
// invitee answers from the link in the caught e-mail, the organizer approves, the confirmation
// arrives. Then the same on a phone, and the other answers and pages.

const WORKSHOP = '/admin/events/hiv-aids-workshop';
const PHONE = { width: 390, height: 844 };

async function noSidewaysScroll(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** The invitation link in the newest invitation mail to `email`, as a path. */
async function invitationLink(email: string, subject = /^Invitation: /): Promise<string> {
	const mail = await waitForMail(email, subject);
	const link = /https?:\/\/[^\s]+\/invitations\/[a-z2-7]+/.exec(mail.text ?? '')?.[0];
	expect(link, 'the mail carries an invitation link').toBeTruthy();
	return new URL(link!).pathname;
}

async function inviteSomeone(
	page: Page,
	person: { email: string; family: string; delegation: string }
) {
	await page.goto(`${WORKSHOP}/invitations`);
	await page.getByRole('link', { name: 'Invite someone' }).click();
	await expect(page.getByRole('heading', { name: 'Invite someone' })).toBeVisible();
	await page.getByLabel(/^Honorific/).fill('Dr.');
	await page.getByLabel(/^Given name/).fill('Sophea');
	await page.getByLabel('Family name').fill(person.family);
	await page.getByLabel('E-mail').fill(person.email);
	await page.getByLabel('Delegation').selectOption({ label: person.delegation });
	await page.getByLabel(/^Organisation/).fill('National Centre for HIV/AIDS, Dermatology and STD');
	await page.getByLabel(/^Position/).fill('Deputy Director');
	await page.getByLabel('Category').selectOption({ label: 'Delegate' });
	await page.getByLabel(/^Personal message/).fill('We hope you can present your clinic’s work.');
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByRole('status')).toContainText('Invitation created');
	await expect(page.getByText(person.email, { exact: true })).toBeVisible();
}

/** The invitee, in a browser of their own, accepts and registers from the mailed link. */
async function acceptAndRegister(browser: Browser, path: string, phone: boolean) {
	const context = await browser.newContext(phone ? { viewport: PHONE } : {});
	const page = await context.newPage();
	await page.goto(path);
	await expect(
		page.getByRole('heading', { level: 1, name: 'ASEAN/Japan HIV/AIDS Workshop' })
	).toBeVisible();
	await expect(page.getByText('We hope you can present your clinic’s work.')).toBeVisible();
	await expectNoAxeViolations(page);
	if (phone) await noSidewaysScroll(page);
	// Opening the link again changes nothing.
	await page.reload();
	await page.getByRole('link', { name: 'Accept and register' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Register' })).toBeVisible();
	await expect(page.getByLabel('Family name (or your only name)')).not.toHaveValue('');
	await expect(page.getByLabel('E-mail', { exact: true })).toHaveAttribute('readonly', '');
	await expectNoAxeViolations(page);
	if (phone) await noSidewaysScroll(page);
	if (!phone) {
		// A first try without the phone number: the errors show, and the correction typed after
		// them is what gets sent.
		await page.getByRole('button', { name: 'Accept and register' }).click();
		await expect(page.getByRole('alert')).toContainText('Phone is required');
		await expect(page.getByLabel('Family name (or your only name)')).not.toHaveValue('');
	}
	await page.getByLabel('Phone (mobile)').fill('+855 23 123 456');
	await page.getByLabel(/I agree that my details are processed/).check();
	await expect(page.getByLabel('Phone (mobile)')).toHaveValue('+855 23 123 456');
	// The workshop prints a photo on every badge.
	const photo = await sharp({
		create: { width: 600, height: 800, channels: 3, background: '#8fa3b8' }
	})
		.jpeg()
		.toBuffer();
	await page
		.getByLabel(/^Photo(\s\(optional\))?$/)
		.setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
	await page.getByRole('button', { name: 'Accept and register' }).click();

	// The workshop confirms each registration: it awaits review, it is not "registered" yet.
	await expect(
		page.getByRole('heading', { name: 'Your registration awaits review' })
	).toBeVisible();
	const said = (await page.getByText(/Your reference is/).textContent()) ?? '';
	const reference = /HIVWS-[A-Z]+-\d{3}/.exec(said)?.[0] ?? '';
	expect(reference).toMatch(/^HIVWS-[A-Z]+-\d{3}$/);
	await expect(page.getByRole('link', { name: 'sign in at /signin' })).toBeVisible();
	await expectNoAxeViolations(page);
	await context.close();
	return reference;
}

async function approve(page: Page, email: string, reference: string) {
	await page.goto(`${WORKSHOP}/invitations?state=accepted`);
	await page.getByRole('link', { name: reference }).click();
	await expect(page.getByRole('heading', { level: 2, name: new RegExp(reference) })).toBeVisible();
	await page.getByRole('button', { name: 'Approve' }).click();
	await expect(page.getByRole('status')).toBeVisible();
	const mail = await waitForMail(email, /^Registration confirmed: /);
	expect(mail.subject).toContain(reference);
}

for (const phone of [false, true]) {
	test(`the organizer invites, the invitee registers from the mailed link, the organizer approves${phone ? ' (390 px)' : ''}`, async ({
		page,
		browser
	}) => {
		const tag = `${Date.now().toString(36)}${phone ? 'p' : 'd'}`;
		const email = `sophea.${tag}@example.gov.kh`;
		if (phone) await page.setViewportSize(PHONE);
		await staffLogin(page, DEMO.organizer);
		await page.goto(`${WORKSHOP}/invitations`);
		await expect(page.getByRole('heading', { name: 'Invitations' })).toBeVisible();
		await expectNoAxeViolations(page);
		if (phone) await noSidewaysScroll(page);
		// Delegations with free seats in the demo workshop, so the approval confirms.
		await inviteSomeone(page, {
			email,
			// Letters only: the invitee registers with it, and a name as in a passport has no digits.
			family: `Chea ${tag.replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}`,
			delegation: phone ? 'Singapore' : 'Brunei Darussalam'
		});
		await expectNoAxeViolations(page);

		const path = await invitationLink(email);
		const reference = await acceptAndRegister(browser, path, phone);
		await waitForMail(email, /^Registration received: /);

		await approve(page, email, reference);
		await page.goto(`${WORKSHOP}/invitations?state=accepted`);
		await expect(page.getByRole('link', { name: reference })).toBeVisible();
	});
}

test('an invitee declines with a reason the organizer sees; dead links get a clear page', async ({
	page,
	browser
}) => {
	const tag = Date.now().toString(36);
	const email = `decline.${tag}@example.gov.kh`;
	await staffLogin(page, DEMO.organizer);
	await inviteSomeone(page, { email, family: `Keo ${tag}`, delegation: 'Timor-Leste' });
	const path = await invitationLink(email);

	const context = await browser.newContext();
	const invitee = await context.newPage();
	await invitee.goto(path);
	await invitee.getByLabel(/^Reason/).fill('I am on mission in Geneva that week.');
	await invitee.getByRole('button', { name: 'Decline the invitation' }).click();
	await expect(
		invitee.getByRole('heading', { name: 'You have declined this invitation' })
	).toBeVisible();
	await expect(invitee.getByRole('link', { name: 'hiv-workshop@kaigi.example' })).toBeVisible();
	await expectNoAxeViolations(invitee);

	await invitee.goto(`${path.slice(0, -2)}zz`);
	await expect(
		invitee.getByRole('heading', { name: 'This invitation link is not valid' })
	).toBeVisible();
	await expectNoAxeViolations(invitee);
	// A POST straight to the form of a dead link registers nothing and lands on the same page.
	const response = await invitee.request.post(`${path.slice(0, -2)}zz/register`, {
		headers: { origin: new URL(invitee.url()).origin, accept: 'text/html' },
		form: { submissionKey: 'abcdefghijklmnopqrstuv', familyName: 'X', consentDataProcessing: 'on' }
	});
	expect(await response.text()).toContain('This invitation link is not valid');
	await context.close();

	await page.goto(`${WORKSHOP}/invitations?state=declined`);
	await expect(page.getByText('“I am on mission in Geneva that week.”')).toBeVisible();
});

test('the organizer imports a CSV: the preview gives each row’s reason, then confirming sends', async ({
	page
}) => {
	const tag = Date.now().toString(36);
	await staffLogin(page, DEMO.organizer);
	await page.goto(`${WORKSHOP}/invitations`);
	await page.getByRole('link', { name: 'Import from a CSV file' }).click();
	await expectNoAxeViolations(page);
	const template = await page.request.get(`${WORKSHOP}/invitations/template.csv`);
	expect(await template.text()).toContain('family_name,email,delegation');

	const csv = [
		'\uFEFFgiven_name;family_name;email;delegation;category',
		`Dara;Pich;dara.${tag}@example.gov.kh;KH;delegate`,
		`Lan;Pham;lan.${tag}@example.gov.vn;Atlantis;delegate`,
		`Ana;Lima;not-an-address;KH;delegate`
	].join('\r\n');
	await page.getByLabel('CSV file').setInputFiles({
		name: 'invitees.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	await page.getByRole('button', { name: 'Upload and check' }).click();
	await expect(page.getByRole('heading', { name: 'Check the import' })).toBeVisible();
	await expect(page.getByText(/Unknown delegation "Atlantis"/)).toBeVisible();
	await expect(page.getByText('Malformed e-mail address "not-an-address".')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Create and send 1 invitation' }).click();
	await expect(page.getByRole('status')).toContainText('1 invitation created and queued');
	await invitationLink(`dara.${tag}@example.gov.kh`);
});

test('the organizer previews an announcement and sends it to the filtered registrants', async ({
	page
}) => {
	await staffLogin(page, DEMO.organizer);
	await page.goto(`${WORKSHOP}/invitations`);
	await page.getByRole('link', { name: 'Announcements' }).click();
	await expect(page.getByRole('heading', { name: 'Announcements' })).toBeVisible();
	const subject = `Bus times ${Date.now().toString(36)}`;
	await page.getByLabel('Subject', { exact: true }).fill(subject);
	await page.getByLabel('Message', { exact: true }).fill('The bus leaves the hotel at **08:15**.');
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByText(/This announcement will go to \d+ (person|people)\./)).toBeVisible();
	await expectNoAxeViolations(page);
	const send = page.getByRole('button', { name: /^Send to \d+ (person|people)$/ });
	const count = Number((await send.textContent())?.match(/\d+/)?.[0]);
	await send.click();
	await expect(page.getByRole('status')).toContainText(`queued for ${count}`);
	await expect(page.getByRole('cell', { name: subject })).toBeVisible();
});

test('the secretariat can neither open nor post to invitations and announcements', async ({
	page
}) => {
	await staffLogin(page, DEMO.secretariat);
	const origin = new URL(page.url()).origin;
	for (const path of [
		'/invitations',
		'/invitations/new',
		'/invitations/import',
		'/invitations/template.csv',
		'/announcements'
	]) {
		const response = await page.request.get(`${WORKSHOP}${path}`);
		expect(response.status(), path).toBe(403);
	}
	for (const action of ['/invitations?/remind', '/invitations?/revoke', '/announcements?/send']) {
		const response = await page.request.post(`${WORKSHOP}${action}`, {
			headers: { origin, accept: 'text/html' },
			form: { id: '1', subject: 'x', body: 'y', statuses: 'confirmed', sendKey: 'a'.repeat(20) }
		});
		expect(response.status(), action).toBe(403);
	}
});
