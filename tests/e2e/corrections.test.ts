import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, staffLogin, waitForMail } from './helpers.ts';

// The secretariat's correction rounds happen in Kaigi: a misspelt name corrected on the
// registration, the person told; a person registered on their behalf.

const MEETING = '/admin/events/hlom-6';

test('the secretariat corrects a delegate’s misspelt name; the trail and the delegate’s mail say so', async ({
	page
}) => {
	await staffLogin(page, DEMO.secretariat);
	await page.goto(`${MEETING}/registrations?q=nguyen+minh`);
	await page.getByRole('link', { name: 'NGUYỄN Thị Minh Khai' }).click();
	const email = (await page.getByRole('link', { name: /@/ }).first().textContent())!.trim();
	await page.getByRole('link', { name: 'Correct details' }).click();
	await expect(page.getByRole('heading', { name: /Correct registration/ })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel('Given name').fill('Thị Minh Khải');
	await page.getByRole('button', { name: 'Save corrections' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Corrections saved.' })).toBeVisible();
	await expect(page.getByText('Given name: Thị Minh Khai → Thị Minh Khải')).toBeVisible();
	await expect(page.getByText('by Somchai Prasert').last()).toBeVisible();
	await expectNoAxeViolations(page);

	const mail = await waitForMail(email, /^Your registration was corrected: /);
	expect(mail.text).toContain('Given name: Thị Minh Khai → Thị Minh Khải');

	// The delegation answers that the accent was right before: the next round puts it back.
	await page.getByRole('link', { name: 'Correct details' }).click();
	await page.getByLabel('Given name').fill('Thị Minh Khai');
	await page.getByRole('button', { name: 'Save corrections' }).click();
	await expect(page.getByText('Given name: Thị Minh Khải → Thị Minh Khai')).toBeVisible();
});

test('the secretariat registers a person on their behalf; the registration says who entered it', async ({
	page
}) => {
	const email = `on-behalf.${Date.now().toString(36)}@mfa.example`;
	await staffLogin(page, DEMO.secretariat);
	await page.goto(`${MEETING}/registrations`);
	await page.getByRole('link', { name: 'Register a person' }).click();
	await expect(
		page.getByRole('heading', { name: /Register a person on their behalf/ })
	).toBeVisible();
	await expectNoAxeViolations(page);
	// Lao PDR has places left (Thailand's are all nominated in the demo).
	await page.getByLabel('Nationality').selectOption({ label: 'Lao PDR' });
	await page.getByLabel('Given name').fill('Souksavanh');
	await page.getByLabel('Family name (or your only name)').fill('Keola');
	await page.getByLabel('Delegation', { exact: true }).selectOption({ label: 'Lao PDR' });
	await page.getByLabel('Position').fill('Ambassador');
	await page.getByLabel('Organisation').fill('Ministry of Foreign Affairs');
	await page.getByLabel('E-mail', { exact: true }).fill(email);
	await page.getByLabel('Phone (mobile)').fill('+856 21 213 003');
	// The meeting collects visa support: staff enter what the delegation sent.
	await page.getByLabel('Passport number').fill('AA1234567');
	await page.getByLabel('Passport expiry date').fill('2034-05-31');
	await page.getByLabel('Date of birth').fill('1970-04-02');
	await page.getByLabel(/I agree that my details are processed/).check();
	await page.getByRole('button', { name: 'Register this person' }).click();

	await expect(page.getByText(/Registered on the person’s behalf/)).toBeVisible();
	await expect(page.getByText('Staff on the person’s behalf (Somchai Prasert)')).toBeVisible();
	await expectNoAxeViolations(page);
	await waitForMail(email, /^Registration (confirmed|received)|^On the waiting list/);
});
