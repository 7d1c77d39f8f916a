import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, staffLogin } from './helpers.ts';

// The secretariat chooses its own e-mail notifications from the event, the setting is kept and
// the change shows in the event's audit log; an announcement offers the greeting choice, an
// attachment and invitees; all in the event's main tabs.

const WORKSHOP = '/admin/events/hiv-aids-workshop';

test('the secretariat chooses a daily summary and sees it in the audit log', async ({ page }) => {
	await staffLogin(page, DEMO.secretariat);
	await page.goto(WORKSHOP);
	await page.getByRole('link', { name: 'Your e-mail notifications' }).click();
	await expect(page.getByRole('heading', { name: 'Your e-mail notifications' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByLabel('One summary a day, at 08:00 event time').check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toContainText('Saved: One summary a day');
	await page.reload();
	await expect(page.getByLabel('One summary a day, at 08:00 event time')).toBeChecked();

	await page.getByRole('link', { name: 'Audit log' }).click();
	await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
	await expect(
		page.getByRole('cell', { name: /Notification setting changed/ }).first()
	).toBeVisible();
	await expect(
		page.getByText(/Off\s*→\s*changed to\s*Daily summary|Off\s*→\s*Daily summary/).first()
	).toBeVisible();
	await expectNoAxeViolations(page);
});

test('the organizer’s announcement form offers the greeting, an attachment and invitees', async ({
	page
}) => {
	await staffLogin(page, DEMO.organizer);
	await page.goto(WORKSHOP);
	await page
		.getByRole('navigation', { name: 'Event sections' })
		.getByRole('link', { name: 'Announcements' })
		.click();
	await expect(page.getByRole('heading', { name: 'Announcements' })).toBeVisible();
	await expect(page.getByLabel('Begin each e-mail with “Dear <their name>,”')).toBeChecked();
	await expect(page.getByLabel('Invited, not registered yet')).toBeVisible();
	await page.getByLabel('Subject', { exact: true }).fill('Programme');
	await page.getByLabel('Message', { exact: true }).fill('The programme is attached.');
	await page.getByLabel('Attachment (optional)').setInputFiles({
		name: 'programme.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('%PDF-1.4\n%%EOF\n')
	});
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByText('Attachment: programme.pdf')).toBeVisible();
	await expect(page.getByText('Dear [participant’s name],', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page);
});
