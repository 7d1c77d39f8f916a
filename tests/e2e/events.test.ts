import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, noSidewaysScroll, staffLogin } from './helpers.ts';

/** "YYYY-MM-DD" some days from today. */
function daysFromToday(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test('the new-event form says the chosen zone beside every date-time, as people say it', async ({
	page
}) => {
	await staffLogin(page, DEMO.organizer);
	await page.goto('/admin/events/new');
	await page.getByLabel('First day').fill(daysFromToday(60));
	await page.getByLabel('Time zone').fill('Asia/Ho_Chi_Minh');
	await expect(page.getByText('In Hanoi time (UTC+7). Empty: open as soon')).toBeVisible();
	await expect(page.getByText('In Hanoi time (UTC+7). At the latest')).toBeVisible();
	await page.getByLabel('Time zone').fill('Asia/Tokyo');
	await expect(page.getByText('In Tokyo time (UTC+9). Empty: open as soon')).toBeVisible();
});

test('the demo organizer creates an event, adds delegations and a programme item, publishes it and finds it on /', async ({
	page
}) => {
	const tag = Date.now().toString(36).slice(-5);
	const title = `Regional Seminar on Long-Term Care ${tag}`;
	await staffLogin(page, DEMO.organizer);
	await page.getByRole('link', { name: 'New event' }).click();
	await expect(page.getByRole('heading', { name: 'New event' })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel('Title', { exact: true }).fill(title);
	await page.getByLabel('Kind').selectOption('workshop');
	await page.getByLabel('Code').fill(`RS${tag.toUpperCase()}`);
	await page.getByLabel('Web address').fill(`seminar-${tag}`);
	await page.getByLabel('First day').fill(daysFromToday(60));
	await page.getByLabel('Last day').fill(daysFromToday(61));
	await page.getByLabel(/^City/).fill('Tokyo');
	await page.getByLabel(/^Country/).selectOption('JP');
	await page.getByLabel('Time zone').fill('Asia/Tokyo');
	await page.getByLabel('Who may register').selectOption('open');
	await page.getByLabel(/^Description/).fill('## Aims\n\nShare **practice** on long-term care.');
	await page.getByRole('button', { name: 'Create event' }).click();

	await expect(page).toHaveURL(new RegExp(`/admin/events/seminar-${tag}/edit`));
	await expect(page.getByRole('status')).toContainText('Event created as a draft');
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

	await page.getByRole('link', { name: 'Delegations' }).click();
	await page.getByRole('button', { name: 'Add ASEAN member states + Japan' }).click();
	await expect(page.getByRole('status')).toContainText('12 delegations added');
	await expect(page.getByRole('button', { name: 'Remove Lao PDR', exact: true })).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Quota for Timor-Leste' })).toBeVisible();
	await page.getByRole('button', { name: 'Add WHO' }).click();
	await expect(
		page.getByRole('button', { name: 'Remove World Health Organization', exact: true })
	).toBeVisible();

	await page.getByRole('link', { name: 'Programme', exact: true }).click();
	await page.getByLabel('Day').fill(daysFromToday(60));
	await page.getByLabel('Starts').fill('09:30');
	await page.getByLabel('Ends').fill('10:15');
	await page.getByLabel('Title', { exact: true }).fill('Opening session');
	await page.getByRole('button', { name: 'Add item' }).click();
	await expect(page.getByRole('status')).toContainText('Programme item added');
	await expect(page.getByText('09:30–10:15')).toBeVisible();

	await page.getByRole('link', { name: 'Details & status' }).click();
	await page.getByRole('button', { name: 'Publish' }).click();
	await expect(page.getByRole('status')).toContainText('The event is published');

	await page.goto('/');
	await page.getByRole('link', { name: title }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByText('All times are Tokyo time (UTC+9).')).toBeVisible();
	await expect(page.getByText('Opening session')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Aims' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Register' })).toBeVisible();
});

test('bad input is shown beside the fields and what was typed is kept', async ({ page }) => {
	await staffLogin(page, DEMO.organizer);
	await page.goto('/admin/events/new');
	await page.getByLabel('Title', { exact: true }).fill('Backwards meeting');
	await page.getByLabel('Code').fill('HLOM6');
	await page.getByLabel('Web address').fill('backwards-meeting');
	await page.getByLabel('First day').fill(daysFromToday(30));
	await page.getByLabel('Last day').fill(daysFromToday(28));
	await page.getByLabel('Time zone').fill('Mars/Olympus_Mons');
	await page.getByLabel(/^Capacity/).fill('-3');
	await page.getByRole('button', { name: 'Create event' }).click();
	await expect(page.getByText('Choose a time zone from the list')).toBeVisible();
	await expect(page.getByText('Capacity cannot be negative')).toBeVisible();
	await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Backwards meeting');

	await page.getByLabel('Time zone').fill('Asia/Tokyo');
	await page.getByLabel(/^Capacity/).fill('30');
	await page.getByRole('button', { name: 'Create event' }).click();
	await expect(page.getByText('The end date cannot be before the start date')).toBeVisible();

	await page.getByLabel('Last day').fill(daysFromToday(31));
	await page.getByRole('button', { name: 'Create event' }).click();
	await expect(page.getByText('Another event already uses this code.')).toBeVisible();
	await expect(page.getByLabel('Code')).toHaveAttribute('aria-invalid', 'true');
});

test('the secretariat cannot open or post to the event settings', async ({ page }) => {
	await staffLogin(page, DEMO.secretariat);
	const response = await page.goto('/admin/events/hlom-6/edit');
	expect(response?.status()).toBe(403);
	const post = await page.request.post('/admin/events/hlom-6/edit?/close', {
		form: {},
		headers: { origin: new URL(page.url()).origin }
	});
	expect(post.status()).toBe(403);
});

test('the public pages have no accessibility violations and fit a 390 px phone', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /6th ASEAN and Japan High Level/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /5th ASEAN/ })).toHaveCount(0);
	await expectNoAxeViolations(page);

	await page.goto('/events/hlom-6');
	await expect(page.getByText('By invitation only')).toBeVisible();
	await expect(page.getByText('All times are Tokyo time (UTC+9).')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/events/hiv-aids-workshop');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ASEAN/Japan HIV/AIDS Workshop');
	await expect(page.getByText(/^Field inspection I:/)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Register' })).toBeVisible();
	await noSidewaysScroll(page);
	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'test-results/events-hiv-workshop-390.png', fullPage: true });

	expect((await page.goto('/events/hlom-5'))?.status()).toBe(404);
});

test('the staff event pages have no accessibility violations and fit a phone', async ({ page }) => {
	await staffLogin(page, DEMO.organizer);
	for (const path of [
		'/admin',
		'/admin/events/hlom-6/edit',
		'/admin/events/hlom-6/edit/delegations',
		'/admin/events/hlom-6/edit/programme',
		'/admin/events/hlom-6/edit/staff'
	]) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoAxeViolations(page);
	}
	await page.setViewportSize({ width: 390, height: 844 });
	for (const path of ['/admin', '/admin/events/hlom-6/edit/delegations', '/admin/events/new']) {
		await page.goto(path);
		await noSidewaysScroll(page);
	}
});
