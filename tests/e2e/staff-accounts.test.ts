import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, staffLogin, waitForMail } from './helpers.ts';

// Staff accounts in the browser: an invitation by e-mail, an authenticator app enrolled by its
// key and used at the next sign-in, the check-in account that cannot create events, and the
// administrator's "require a second factor".

const PASSWORD = 'a quiet harbour at dawn';

/** The code an authenticator app shows for a key, `steps` steps from now. */
function codeFor(key: string, steps = 0): string {
	const bytes = decodeBase32IgnorePadding(key.replace(/\s/g, ''));
	return generateHOTP(bytes, BigInt(Math.floor(Date.now() / 30_000) + steps), 6);
}

async function signOut(page: Page) {
	await page
		.getByRole('button', { name: /Sign out/ })
		.first()
		.click();
}

test('invited by e-mail, a staff member chooses a password, enrols an app and signs in with a code', async ({
	page
}) => {
	const email = `invited-${Date.now()}@example.org`;
	await staffLogin(page, DEMO.admin);
	await page.goto('/admin/staff');
	await expectNoAxeViolations(page);
	await page.getByLabel('Name').fill('Siti Nurhaliza binti Tarudin');
	await page.getByLabel('E-mail').fill(email);
	await page.getByRole('button', { name: 'Invite staff member' }).click();
	await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Siti Nurhaliza binti Tarudin' })).toBeVisible();
	await expect(page.locator('code')).toHaveCount(0);
	await signOut(page);

	const mail = await waitForMail(email, /staff account/);
	const link = /https?:\/\/\S+\/login\/password\/[a-z2-7]+/.exec(mail.text ?? '')![0];
	await page.goto(new URL(link).pathname);
	await expect(page.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
	await page.getByLabel('New password again').fill(PASSWORD);
	await page.getByRole('button', { name: 'Save password' }).click();
	await expect(page).toHaveURL(/\/admin$/);
	// Not given the right to create events.
	await expect(page.getByRole('link', { name: 'New event' })).toHaveCount(0);

	await page.goto('/admin/account');
	await expect(page.getByRole('heading', { name: 'Where you are signed in' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Set up an authenticator app' }).click();
	await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
	await expectNoAxeViolations(page);
	const key = (await page.locator('code').first().textContent())!;
	await page.getByLabel('Code from the app').fill(codeFor(key));
	await page.getByRole('button', { name: 'Turn on' }).click();
	await expect(
		page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')
	).toHaveCount(10);
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: /I have saved them/ }).click();
	await expect(page.getByText('An authenticator app is set up.')).toBeVisible();
	await signOut(page);

	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/login\/two-factor\/verify/);
	await expectNoAxeViolations(page);
	// Not yet staff: the admin side sends back to the code.
	await page.goto('/admin');
	await expect(page).toHaveURL(/\/login\/two-factor\/verify/);
	await page.getByLabel('Code').fill('000000');
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByText(/not correct/)).toBeVisible();
	await page.getByLabel('Code').fill(codeFor(key, 1));
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page).toHaveURL(/\/admin$/);
	await expect(page.getByRole('heading', { name: 'Your events' })).toBeVisible();
});

test('the check-in account has no "New event" and cannot create one by page or POST', async ({
	page
}) => {
	await staffLogin(page, DEMO.checkin);
	await page.goto('/admin');
	await expect(page.getByRole('link', { name: 'New event' })).toHaveCount(0);
	const response = await page.goto('/admin/events/new');
	expect(response?.status()).toBe(403);
	const post = await page.request.post('/admin/events/new', {
		form: { title: 'chk-test', slug: 'chk-test', code: 'CHK1' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(post.status()).toBe(403);
});

test('forgotten password: the same calm answer for any address', async ({ page }) => {
	for (const email of [DEMO.organizer.email, 'nobody-here@example.org']) {
		await page.goto('/login');
		await page.getByRole('link', { name: 'Forgot your password?' }).click();
		await expectNoAxeViolations(page);
		await page.getByLabel('E-mail').fill(email);
		await page.getByRole('button', { name: 'Send me a link' }).click();
		await expect(page.getByText(/If a staff account has this address/)).toBeVisible();
	}
	await waitForMail(DEMO.organizer.email, /Reset your Kaigi password/);
	// The demo login still works with its password alone.
	await staffLogin(page, DEMO.organizer);
	await expect(page.getByRole('link', { name: 'New event' })).toBeVisible();
});

test('"require a second factor" leads the secretariat to enrol at its next sign-in', async ({
	page,
	browser
}) => {
	await staffLogin(page, DEMO.admin);
	await page.goto('/admin/staff');
	const setting = page.getByLabel(/Require a second factor/);
	await setting.check();
	await page.getByRole('button', { name: 'Save security settings' }).click();
	await expect(page.getByText('Security settings saved.')).toBeVisible();
	try {
		const other = await browser.newPage();
		await other.goto('/login');
		await other.getByLabel('E-mail').fill(DEMO.secretariat.email);
		await other.getByLabel('Password').fill(DEMO.secretariat.password);
		await other.getByRole('button', { name: 'Sign in' }).click();
		await expect(other).toHaveURL(/\/login\/two-factor\/setup/);
		await expect(other.getByText(/asks for a second factor/)).toBeVisible();
		await other.goto('/admin');
		await expect(other).toHaveURL(/\/login\/two-factor\/setup/);
		await other.close();
		// The check-in desk reads no passport data: a password alone still opens it.
		const desk = await browser.newPage();
		await staffLogin(desk, DEMO.checkin);
		await desk.close();
	} finally {
		await page.goto('/admin/staff');
		await page.getByLabel(/Require a second factor/).uncheck();
		await page.getByRole('button', { name: 'Save security settings' }).click();
		await expect(page.getByText('Security settings saved.')).toBeVisible();
	}
});

/** The administrator invites a new staff member, who chooses a password by the mailed link. */
async function invited(page: Page, email: string, name: string) {
	await staffLogin(page, DEMO.admin);
	await page.goto('/admin/staff');
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('E-mail').fill(email);
	await page.getByRole('button', { name: 'Invite staff member' }).click();
	await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
	await signOut(page);
	const mail = await waitForMail(email, /staff account/);
	const link = /\/login\/password\/[a-z2-7]+/.exec(mail.text ?? '')![0];
	await page.goto(link);
	await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
	await page.getByLabel('New password again').fill(PASSWORD);
	await page.getByRole('button', { name: 'Save password' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

async function passwordStep(page: Page, email: string) {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/login\/two-factor\/verify/);
}

test('a passkey in Chromium (virtual authenticator): added, used to sign in; another origin and a stale counter are refused', async ({
	browser,
	baseURL
}) => {
	// A passkey belongs to a host name, never an IP address: this test uses the server as localhost.
	const context = await browser.newContext({ baseURL: baseURL!.replace('127.0.0.1', 'localhost') });
	const page = await context.newPage();
	const email = `passkey-${Date.now()}@example.org`;
	await invited(page, email, 'Dewi Lestari');
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			automaticPresenceSimulation: true
		}
	});
	await page.goto('/admin/account');
	await page.getByLabel('Name of the new passkey').fill('Office laptop');
	await page.getByRole('button', { name: 'Add a passkey' }).click();
	await expect(page.getByText(/Office laptop, added/)).toBeVisible();
	await expectNoAxeViolations(page);
	await signOut(page);

	await passwordStep(page, email);
	await page.getByRole('button', { name: 'Use your passkey' }).click();
	await expect(page).toHaveURL(/\/admin$/);
	await signOut(page);

	// An assertion made for another origin is refused.
	await passwordStep(page, email);
	await page.route('**/login/two-factor/passkey*', async (route) => {
		if (route.request().method() !== 'POST') return route.continue();
		const body = JSON.parse(route.request().postData()!);
		const clientData = JSON.parse(Buffer.from(body.clientDataJSON, 'base64url').toString());
		clientData.origin = 'https://kaigi.evil.example';
		body.clientDataJSON = Buffer.from(JSON.stringify(clientData)).toString('base64url');
		await route.continue({ postData: JSON.stringify(body) });
	});
	await page.getByRole('button', { name: 'Use your passkey' }).click();
	await expect(page.getByRole('alert')).toContainText('could not be used here');
	await page.unroute('**/login/two-factor/passkey*');

	// A copy of the key whose counter went back is refused.
	const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
	await cdp.send('WebAuthn.removeCredential', {
		authenticatorId,
		credentialId: credentials[0].credentialId
	});
	await cdp.send('WebAuthn.addCredential', {
		authenticatorId,
		credential: { ...credentials[0], signCount: 0 }
	});
	await page.getByRole('button', { name: 'Use your passkey' }).click();
	await expect(page.getByRole('alert')).toContainText('counter went backwards');
	await expect(page).toHaveURL(/\/login\/two-factor\/verify/);
	await context.close();
});
