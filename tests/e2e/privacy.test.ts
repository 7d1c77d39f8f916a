import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { caughtMail, expectNoAxeViolations } from './helpers.ts';

// A delegate's own data from /me, in the browser: download it as JSON, and ask for it to be
// deleted (refused until the box is ticked; then done, with the registration cancelled).

// Letters only: a name as in a passport has no digits.
const suffix = Date.now()
	.toString(36)
	.slice(-6)
	.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]);
const email = `privacy-${suffix}@mol.go.th`;

async function registerOnOpenEvent(page: Page) {
	await page.goto('/events/labour-leaders-training/register');
	await page.getByLabel('Given name').fill('Kittipong');
	await page.getByLabel('Family name (or your only name)').fill(`Saelim ${suffix}`);
	await page.getByLabel('Delegation', { exact: true }).selectOption({ label: 'Thailand' });
	await page.getByLabel('You take part as').selectOption({ label: 'Delegate' });
	await page.getByLabel('Position').fill('Labour Inspector');
	await page.getByLabel('Organisation').fill('Department of Labour Protection and Welfare');
	await page.getByLabel('E-mail', { exact: true }).fill(email);
	await page.getByLabel('Confirm the address').fill(email);
	await page.getByLabel('Phone (mobile)').fill('+66 2 246 1520');
	await page.getByLabel(/I agree that my details are processed/).check();
	await page.getByRole('button', { name: 'Register' }).click();
	await expect(page.getByRole('heading', { name: /Confirmed|waiting list/i })).toBeVisible();
}

async function signIn(page: Page) {
	const links = async () =>
		(await caughtMail()).filter(
			(m) => JSON.stringify(m.to).includes(email) && /sign-in link/.test(m.subject ?? '')
		);
	await page.goto('/signin');
	await page.getByLabel('E-mail').fill(email);
	await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
	await expect.poll(async () => (await links()).length, { timeout: 20_000 }).toBe(1);
	const link = (await links())[0].text!.match(/https?:\/\/\S+\/signin\/\S+/)![0];
	await page.goto(link);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'My registrations' })).toBeVisible();
}

test('a delegate downloads their data and asks for it to be deleted', async ({ page }) => {
	await registerOnOpenEvent(page);
	await signIn(page);
	const section = page.getByRole('region', { name: 'Your personal data' });
	await expect(section.getByText('What is kept, and why:')).toBeVisible();
	await expectNoAxeViolations(page);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		section.getByRole('link', { name: 'Download my data (JSON)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^kaigi-my-data-\d{4}-\d{2}-\d{2}\.json$/);
	const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
	expect(data.account.email).toBe(email);
	expect(data.registrations).toHaveLength(1);
	expect(data.registrations[0]).toMatchObject({
		familyName: `Saelim ${suffix}`,
		phone: '+66 2 246 1520',
		event: { code: 'TPLLA' }
	});

	await section.getByRole('button', { name: 'Delete my personal data' }).click();
	const confirm = page.getByLabel('I understand that this cannot be undone');
	await expect(confirm).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('Tick the box to confirm')).toBeVisible();
	await confirm.check();
	await page.getByRole('button', { name: 'Delete my personal data' }).click();
	await expect(page.getByRole('status')).toContainText('Your personal data has been deleted');
	await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.setViewportSize({ width: 390, height: 844 });
	await expectNoAxeViolations(page);
});
