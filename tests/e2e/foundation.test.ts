import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, staffLogin, waitForMail } from './helpers.ts';

test('the home page and /login have no accessibility violations', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/login');
	await expect(page.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('anonymous visitors of /admin are sent to /login and come back after signing in', async ({
	page
}) => {
	await page.goto('/admin/staff');
	await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fstaff/);
	await page.getByLabel('E-mail').fill(DEMO.admin.email);
	await page.getByLabel('Password').fill(DEMO.admin.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/admin\/staff$/);
	await expect(page.getByRole('heading', { name: 'Staff accounts' })).toBeVisible();
});

test('a wrong password shows a message and keeps the e-mail typed', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(DEMO.organizer.email);
	await page.getByLabel('Password').fill('definitely wrong');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toContainText('not correct');
	await expect(page.getByLabel('E-mail')).toHaveValue(DEMO.organizer.email);
});

test('empty fields get a message beside each field', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('E-mail is required')).toBeVisible();
	await expect(page.getByText('Password is required')).toBeVisible();
});

test('a staff member who is not an admin gets 403 on /admin/staff, page and POST', async ({
	page
}) => {
	await staffLogin(page, DEMO.organizer);
	const response = await page.goto('/admin/staff');
	expect(response?.status()).toBe(403);
	const post = await page.request.post('/admin/staff?/create', {
		form: { email: 'intruder@example.org', displayName: 'Intruder' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(post.status()).toBe(403);
});

test('an anonymous POST to a staff action is refused', async ({ request, baseURL }) => {
	const post = await request.post('/admin/staff?/create', {
		form: { email: 'intruder@example.org', displayName: 'Intruder' },
		headers: { origin: baseURL! },
		maxRedirects: 0
	});
	expect(post.status()).toBe(403);
});

test('a cross-site form POST is refused', async ({ request }) => {
	const post = await request.post('/login', {
		form: { email: DEMO.admin.email, password: DEMO.admin.password },
		headers: { origin: 'https://evil.example' },
		maxRedirects: 0
	});
	expect(post.status()).toBe(403);
});

test('an admin invites a staff member, who chooses a password by the mailed link; sign-out ends the session', async ({
	page,
	browser
}) => {
	await staffLogin(page, DEMO.admin);
	await page.goto('/admin/staff');
	await page.getByLabel('Name').fill('Nguyễn Thị Minh Khai');
	await page.getByLabel('E-mail').fill('minh.khai@example.org');
	await page.getByRole('button', { name: 'Invite staff member' }).click();
	await expect(page.getByText(/Invitation sent to minh.khai@example.org/)).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Nguyễn Thị Minh Khai' })).toBeVisible();
	const mail = await waitForMail('minh.khai@example.org', /staff account/);
	const link = /\/login\/password\/[a-z2-7]+/.exec(mail.text ?? '')![0];
	const password = 'the river under the bridge';

	const other = await browser.newPage();
	await other.goto(link);
	await other.getByLabel('New password', { exact: true }).fill(password);
	await other.getByLabel('New password again').fill(password);
	await other.getByRole('button', { name: 'Save password' }).click();
	await expect(other).toHaveURL(/\/admin$/);
	await other.getByRole('button', { name: /Sign out/ }).click();
	await staffLogin(other, { email: 'minh.khai@example.org', password });
	const cookies = await other.context().cookies();
	const session = cookies.find((c) => c.name === 'kaigi_session');
	expect(session?.httpOnly).toBe(true);
	expect(session?.sameSite).toBe('Lax');
	await other.getByRole('button', { name: /Sign out/ }).click();
	await other.goto('/admin');
	await expect(other).toHaveURL(/\/login/);
	await other.close();
});

test('security headers are set', async ({ request }) => {
	const response = await request.get('/login');
	const headers = response.headers();
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('same-origin');
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('what is typed before the page has finished loading survives hydration', async ({ page }) => {
	// Hold the page's JavaScript back, as slow hotel Wi-Fi would.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/login', { waitUntil: 'commit' });
	await page.getByLabel('E-mail').fill('typed.early@example.org');
	release();
	await page.waitForFunction(() => document.querySelector('body')?.dataset.hydrated === 'yes');
	await expect(page.getByLabel('E-mail')).toHaveValue('typed.early@example.org');
});
