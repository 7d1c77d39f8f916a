import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, staffLogin } from './helpers.ts';

// The staff tables on a 390 px phone: one block per row with every value named, nothing that
// scrolls sideways, and every section tab's name shown in full.

test.use({ viewport: { width: 390, height: 844 } });

async function noSidewaysScroll(page: Page) {
	const widths = await page.evaluate(() => ({
		page: document.documentElement.scrollWidth,
		tables: [...document.querySelectorAll('.table-wrap')].map((w) => w.scrollWidth - w.clientWidth)
	}));
	expect(widths.page).toBeLessThanOrEqual(390);
	expect(widths.tables.every((overflow) => overflow <= 0)).toBe(true);
}

async function box(locator: Locator) {
	const found = await locator.boundingBox();
	if (!found) throw new Error('not shown');
	return found;
}

test('the events table stacks each event on a phone', async ({ page }) => {
	await staffLogin(page, DEMO.organizer);
	await expect(page.getByRole('heading', { name: 'Your events' })).toBeVisible();
	await noSidewaysScroll(page);
	const row = page.getByRole('row').filter({ hasText: 'HIV/AIDS Workshop' });
	const title = await box(row.getByRole('link', { name: /HIV\/AIDS Workshop/ }));
	const role = await box(row.getByRole('cell').last());
	// One under the other, each value with its column's name.
	expect(role.y).toBeGreaterThan(title.y + title.height - 1);
	const named = await row
		.getByRole('cell')
		.evaluateAll((cells) => cells.map((c) => getComputedStyle(c, '::before').content));
	expect(named.slice(1)).toEqual(['"Dates: "', '"State: "', '"Your role: "']);
	await expectNoAxeViolations(page);
});

test('the registrations table stacks each person, and every tab name shows in full', async ({
	page
}) => {
	await staffLogin(page, DEMO.organizer);
	await page.goto('/admin/events/hlom-6/registrations');
	await expect(page.getByRole('heading', { name: 'Registrations' }).first()).toBeVisible();
	await noSidewaysScroll(page);

	const tabs = page.getByRole('navigation', { name: 'Event sections' }).getByRole('link');
	expect(await tabs.count()).toBeGreaterThanOrEqual(8);
	for (const tab of await tabs.all()) {
		const b = await box(tab);
		expect(b.x).toBeGreaterThanOrEqual(0);
		expect(b.x + b.width).toBeLessThanOrEqual(390);
	}

	const row = page.getByRole('row').filter({ hasText: 'HLOM6-JP-003' });
	const name = await box(row.getByRole('cell').first());
	const reference = await box(row.getByRole('cell').filter({ hasText: 'HLOM6-JP-003' }));
	expect(reference.y).toBeGreaterThan(name.y);
	expect(reference.x + reference.width).toBeLessThanOrEqual(390);
	// Sorting still works from the headings' links.
	await page.getByRole('link', { name: /^Reference/ }).click();
	await expect(page).toHaveURL(/sort=reference/);
	await noSidewaysScroll(page);
	await expectNoAxeViolations(page);
});

test('the dashboard, the mail log filtered by recipient and the arrivals fit a phone', async ({
	page
}) => {
	await staffLogin(page, DEMO.organizer);
	await page.goto('/admin/events/hiv-aids-workshop');
	await expect(page.getByText('How full each visit is')).toBeVisible();
	await noSidewaysScroll(page);
	await expectNoAxeViolations(page);

	await page.goto('/admin/events/hlom-6/mail');
	await page.getByLabel('Recipient').fill('NO-SUCH-PERSON@');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/to=NO-SUCH-PERSON%40/);
	await expect(page.getByText('No messages match these filters.')).toBeVisible();
	await expect(page.getByLabel('Recipient')).toHaveValue('NO-SUCH-PERSON@');
	await noSidewaysScroll(page);
	await expectNoAxeViolations(page);

	await page.goto('/admin/events/hlom-6/logistics/arrivals');
	await expect(page.getByRole('heading', { name: 'Arrivals', exact: true })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('the delegations and event staff tables stack on a phone instead of scrolling sideways', async ({
	page
}) => {
	await staffLogin(page, DEMO.organizer);
	for (const [path, name, below] of [
		['/admin/events/hlom-6/edit/delegations', 'Thailand', 'Quota for Thailand'],
		['/admin/events/hlom-6/edit/staff', 'Aiko Tanaka', 'Role of Aiko Tanaka']
	]) {
		await page.goto(path);
		await noSidewaysScroll(page);
		const row = page.getByRole('row').filter({ hasText: name });
		const first = await box(row.getByRole('cell').first());
		const field = await box(row.getByLabel(below));
		expect(field.y, path).toBeGreaterThan(first.y + first.height - 1);
		expect(field.x + field.width, path).toBeLessThanOrEqual(390);
		await expectNoAxeViolations(page);
	}
});
