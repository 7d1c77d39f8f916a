import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, staffLogin } from './helpers.ts';

// The check-in desk on a phone, with the demo data: HLOM6 (Tokyo) and its seeded delegates.

const PHONE = { width: 390, height: 844 };
const DESK = '/admin/events/hlom-6/checkin';

test.use({ viewport: PHONE });

async function noSidewaysScroll(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(PHONE.width);
}

/** What a USB or Bluetooth badge scanner does: types the code into the focused box, then Enter. */
async function scan(page: Page, code: string) {
	await page.keyboard.type(code);
	await page.keyboard.press('Enter');
}

test('the check-in desk checks a delegate in by scanned reference and by name, and undoes', async ({
	page
}) => {
	await staffLogin(page, DEMO.checkin);
	await page
		.getByRole('link', { name: /6th ASEAN and Japan High Level Officials Meeting/ })
		.click();
	await expect(page).toHaveURL(new RegExp(`${DESK}$`));
	await expect(page.getByRole('heading', { name: 'Check-in', level: 2 })).toBeVisible();
	const box = page.getByLabel('Name or reference');
	await expect(box).toBeFocused();
	await expect(page.getByText(/0 of 18 confirmed participants checked in/)).toBeVisible();
	await expectNoAxeViolations(page);
	await noSidewaysScroll(page);

	// By reference, as a scanner types it.
	await scan(page, 'HLOM6-TH-001');
	await expect(page.getByRole('status')).toContainText(
		/Checked in: Ms\. WONGSUWAN Ratana, Thailand — \d\d:\d\d/
	);
	await expect(box).toBeFocused();
	await expect(page.getByText(/1 of 18 confirmed participants checked in/)).toBeVisible();

	// The same badge again: no second check-in, and who did the first.
	await scan(page, 'HLOM6-TH-001');
	await expect(page.getByRole('alert')).toContainText(
		/Ms\. WONGSUWAN Ratana was already checked in at \d\d:\d\d by Dara Sok\./
	);
	await expect(box).toBeFocused();
	await expect(page.getByText(/1 of 18 confirmed participants checked in/)).toBeVisible();

	// An unknown code: "not found" with what was read, and the box ready for the next one.
	await box.fill('');
	await scan(page, 'HLOM6-XX-999');
	await expect(page.getByRole('alert')).toContainText('No registration found for “HLOM6-XX-999”');
	await expect(box).toBeFocused();

	// A cancelled registration is shown as such and not checked in.
	await box.fill('');
	await scan(page, 'HLOM6-VN-003');
	await expect(page.getByRole('alert')).toContainText(/Not checked in: .*LÊ.* is cancelled/);
	await expect(page.getByText(/1 of 18 confirmed/)).toBeVisible();

	// By name, accents not needed.
	await box.fill('nguyen');
	await box.press('Enter');
	await expect(page.getByRole('heading', { name: '1 match for “nguyen”' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Check in Ms. NGUYỄN Thị Minh Khai' }).click();
	await expect(page.getByRole('status')).toContainText(
		/Checked in: Ms\. NGUYỄN Thị Minh Khai, Viet Nam — \d\d:\d\d/
	);
	await expect(box).toBeFocused();
	await expect(page.getByText(/2 of 18 confirmed participants checked in/)).toBeVisible();
	await noSidewaysScroll(page);

	// Undo from the confirmation.
	await page
		.getByRole('button', { name: 'Undo check-in of Ms. NGUYỄN Thị Minh Khai' })
		.first()
		.click();
	await expect(page.getByRole('status')).toContainText(
		'Check-in undone: Ms. NGUYỄN Thị Minh Khai, Viet Nam.'
	);
	await expect(page.getByText(/1 of 18 confirmed participants checked in/)).toBeVisible();
	await expect(
		page.getByRole('button', { name: 'Check in Ms. NGUYỄN Thị Minh Khai' })
	).toBeVisible();
	await expectNoAxeViolations(page);
});

test('the check-in desk works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
	const page = await context.newPage();
	await staffLogin(page, DEMO.checkin);
	await page.goto(DESK);
	await page.getByLabel('Name or reference').fill('hlom6-jp-002');
	await page.getByRole('button', { name: 'Find' }).click();
	await expect(page.getByRole('status')).toContainText(/Checked in: Dr\. WATANABE Kenji, Japan/);
	await page.getByRole('button', { name: 'Undo check-in of Dr. WATANABE Kenji' }).first().click();
	await expect(page.getByRole('status')).toContainText('Check-in undone: Dr. WATANABE Kenji');
	await context.close();
});

test('a check-in desk account sees neither the dashboard nor logistics', async ({ page }) => {
	await staffLogin(page, DEMO.checkin);
	await page.goto('/admin/events/hlom-6');
	await expect(page).toHaveURL(new RegExp(`${DESK}$`));
	await expect(page.getByRole('link', { name: 'Logistics' })).toHaveCount(0);
	const response = await page.goto('/admin/events/hlom-6/logistics/arrivals');
	expect(response?.status()).toBe(403);
	const csv = await page.request.get('/admin/events/hlom-6/logistics/arrivals.csv');
	expect(csv.status()).toBe(403);
});

test('the secretariat’s dashboard and logistics lists read well on a phone', async ({ page }) => {
	await staffLogin(page, DEMO.secretariat);
	await page.goto('/admin/events/hlom-6');
	await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
	await expect(
		page.getByRole('img', { name: /Registrations by status: Confirmed 18/ })
	).toBeVisible();
	await expectNoAxeViolations(page);
	await noSidewaysScroll(page);

	await page.getByRole('link', { name: 'Logistics' }).click();
	await expect(page.getByText(/confirmed registrations only/i)).toBeVisible();
	await expectNoAxeViolations(page);
	for (const [tab, heading] of [
		['Arrivals', 'Arrivals'],
		['Departures', 'Departures'],
		['Dietary & accessibility', 'Dietary requirements & accessibility'],
		['Accommodation', 'Accommodation']
	]) {
		await page
			.getByRole('navigation', { name: 'Logistics lists' })
			.getByRole('link', { name: tab })
			.click();
		await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
		await expect(page.getByText(/Confirmed registrations only/)).toBeVisible();
		await expectNoAxeViolations(page);
		await noSidewaysScroll(page);
	}

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download CSV' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^HLOM6-accommodation-\d{4}-\d{2}-\d{2}\.csv$/);
	const sheet = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download Excel (.xlsx)' }).click();
	expect((await sheet).suggestedFilename()).toMatch(
		/^HLOM6-accommodation-\d{4}-\d{2}-\d{2}\.xlsx$/
	);
});

test('where the browser reads barcodes, "Scan with camera" fills the box and checks in', async ({
	page
}) => {
	// A stand-in camera and detector: Chromium on Linux has no BarcodeDetector, and CI no camera.
	await page.addInitScript(() => {
		class FakeDetector {
			static async getSupportedFormats() {
				return ['qr_code'];
			}
			async detect() {
				return [{ rawValue: 'HLOM6-PH-001' }];
			}
		}
		Object.assign(window, { BarcodeDetector: FakeDetector });
		navigator.mediaDevices.getUserMedia = async () => {
			const canvas = document.createElement('canvas');
			canvas.getContext('2d')!.fillRect(0, 0, canvas.width, canvas.height);
			return canvas.captureStream();
		};
	});
	await staffLogin(page, DEMO.checkin);
	await page.goto(DESK);
	await page.getByRole('button', { name: 'Scan with camera' }).click();
	await expect(page.getByRole('status')).toContainText(
		/Checked in: Ms\. SANTOS Maria Luisa, Philippines — \d\d:\d\d/
	);
	await expect(page.getByLabel('Name or reference')).toBeFocused();
	await page
		.getByRole('button', { name: 'Undo check-in of Ms. SANTOS Maria Luisa' })
		.first()
		.click();
	await expect(page.getByRole('status')).toContainText('Check-in undone');
});
