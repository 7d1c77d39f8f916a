import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, staffLogin } from './helpers.ts';

// The secretariat of the seeded meeting (hlom-6) filters its attendees, downloads the files and
// prints the documents; check-in staff get none of it; an organizer decides from the list.

const MEETING = '/admin/events/hlom-6';
const WORKSHOP = '/admin/events/hiv-aids-workshop';

test('the secretariat filters the attendee list, and the view is a bookmarkable URL', async ({
	page
}) => {
	await staffLogin(page, DEMO.secretariat);
	await page.goto(`${MEETING}/registrations`);
	await expect(page.getByRole('heading', { name: 'Registrations', level: 2 })).toBeVisible();
	await expect(page.getByRole('table')).toBeVisible();
	await expectNoAxeViolations(page);
	// No decisions for the secretariat: no checkboxes, no decision form.
	await expect(page.getByRole('group', { name: /Decision for the selected/ })).toHaveCount(0);

	await page.getByLabel('Delegation').selectOption({ label: 'Viet Nam' });
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/delegation=VN/);
	const rows = page.getByRole('table').getByRole('row');
	await expect(rows.filter({ hasText: 'NGUYỄN Thị Minh Khai' })).toHaveCount(1);
	await expect(rows.filter({ hasText: 'Thailand' })).toHaveCount(0);

	await page.getByLabel('Delegation').selectOption({ label: 'All delegations' });
	await page.getByLabel('Search').fill('nguyen minh');
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/q=nguyen\+minh/);
	await expect(rows.filter({ hasText: 'NGUYỄN Thị Minh Khai' })).toHaveCount(1);
	await expect(page.getByText('Showing 1–1 of 1 registration.')).toBeVisible();

	// Reloading the URL gives the same view; sorting by a column keeps the filters.
	await page.reload();
	await expect(page.getByLabel('Search')).toHaveValue('nguyen minh');
	await page.getByRole('link', { name: /^Reference/ }).click();
	await expect(page).toHaveURL(/q=nguyen\+minh.*sort=reference/);
	await expect(page.getByRole('columnheader', { name: /Reference/ })).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
});

test('a stale or hand-edited URL shows notes, not an error page', async ({ page }) => {
	await staffLogin(page, DEMO.secretariat);
	const response = await page.goto(`${MEETING}/registrations?status=maybe&page=999&sort=height`);
	expect(response?.status()).toBe(200);
	await expect(page.getByText('Unknown status “maybe” was ignored.')).toBeVisible();
	await expect(page.getByText(/There is no page 999/)).toBeVisible();
	await expectNoAxeViolations(page);
});

test('the secretariat downloads CSV and Excel of a filtered set, and prints the documents', async ({
	page
}) => {
	await staffLogin(page, DEMO.secretariat);
	await page.goto(`${MEETING}/exports?delegation=VN`);
	await expect(page.getByRole('heading', { name: 'Exports & documents' })).toBeVisible();
	await expect(page.getByText(/apostrophe/)).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel(/Logistics/).check();
	const csvDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download CSV' }).click();
	const csv = await csvDownload;
	expect(csv.suggestedFilename()).toMatch(/^HLOM6-registrations-logistics-.*\.csv$/);
	const text = await readFile((await csv.path())!, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	expect(text).toContain('Nguyễn');
	expect(text).toContain('Arrival (Tokyo time)');
	expect(text).not.toContain('Thailand');

	const xlsxDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download Excel (.xlsx)' }).click();
	const xlsx = await xlsxDownload;
	expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
	const bytes = await readFile((await xlsx.path())!);
	expect(bytes.subarray(0, 2).toString()).toBe('PK');

	const pdf = await page.request.get(`${MEETING}/exports/participants.pdf`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	const badges = await page.request.get(`${MEETING}/exports/badges.pdf?status=confirmed`);
	expect(badges.headers()['content-type']).toBe('application/pdf');

	await page.getByRole('link', { name: 'Open the printable list' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: /High Level Officials Meeting/ })
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Viet Nam' })).toBeVisible();
	await expect(page.getByText('Ms. NGUYỄN Thị Minh Khai')).toBeVisible();
	await expectNoAxeViolations(page);
});

test('check-in staff get 403 for every export and document', async ({ page }) => {
	await staffLogin(page, DEMO.checkin);
	for (const path of [
		'registrations',
		'exports',
		'exports/registrations.csv',
		'exports/registrations.xlsx',
		'exports/participants',
		'exports/participants.pdf',
		'exports/badges.pdf'
	]) {
		const response = await page.request.get(`${MEETING}/${path}`, { maxRedirects: 0 });
		expect(response.status(), path).toBe(403);
	}
});

test('an organizer approves a pending registration from the list', async ({ page }) => {
	await staffLogin(page, DEMO.organizer);
	await page.goto(`${WORKSHOP}/registrations?status=pending`);
	const pending = page.getByRole('checkbox', { name: /^Select (?!all)/ });
	const before = await pending.count();
	expect(before).toBeGreaterThan(0);
	await expectNoAxeViolations(page);
	await pending.first().check();
	await page.getByRole('radio', { name: 'Approve' }).check();
	await page.getByRole('button', { name: /Apply to selected/ }).click();
	await expect(page.getByText(/Decision applied: 1 (confirmed|on the waiting list)/)).toBeVisible();
	await expect(page).toHaveURL(/status=pending/);
	await expect(pending).toHaveCount(before - 1);
});

test('the list and exports pages work at 390 px', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await staffLogin(page, DEMO.secretariat);
	await page.goto(`${MEETING}/registrations`);
	await expect(page.getByRole('link', { name: 'NGUYỄN Thị Minh Khai' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto(`${MEETING}/exports`);
	await expect(page.getByRole('button', { name: 'Download CSV' })).toBeVisible();
	await expectNoAxeViolations(page);
});
