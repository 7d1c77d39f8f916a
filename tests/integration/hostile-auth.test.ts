import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { loginWithPassword } from '../../src/lib/server/auth/login.service.ts';
import {
	confirmTotpEnrolment,
	startTotpEnrolment
} from '../../src/lib/server/auth/second-factor.service.ts';
import { validateSessionToken } from '../../src/lib/server/auth/session.service.ts';
import { now } from '../../src/lib/server/clock.ts';
import * as forgotPage from '../../src/routes/login/forgot/+page.server.ts';
import * as passwordPage from '../../src/routes/login/password/[token]/+page.server.ts';
import * as verifyPage from '../../src/routes/login/two-factor/verify/+page.server.ts';
import * as setupPage from '../../src/routes/login/two-factor/setup/+page.server.ts';
import * as passkeySignIn from '../../src/routes/login/two-factor/passkey/+server.ts';
import * as passkeyAdd from '../../src/routes/admin/account/passkeys/+server.ts';
import * as loginPage from '../../src/routes/login/+page.server.ts';
import * as signinPage from '../../src/routes/signin/+page.server.ts';
import * as signinTokenPage from '../../src/routes/signin/[token]/+page.server.ts';
import * as staffPage from '../../src/routes/admin/staff/+page.server.ts';
import * as accountPage from '../../src/routes/admin/account/+page.server.ts';
import { makeStaff } from '../helpers/factories.ts';
import {
	accepted,
	asStored,
	expectClearRefusal,
	expectNoCrash,
	hostileString,
	outcome,
	RUNS
} from '../helpers/hostile.ts';
import { ANONYMOUS, type Locals, localsFor, routeEvent } from '../helpers/request-event.ts';

/* eslint-disable no-control-regex -- the point here is to look for control characters */
// Hostile input on the sign-in forms and staff accounts: never a 500; a value is stored as
// typed (trimmed, NFC) or refused with a sentence; a redirect never leaves the site or carries
// a control character into the Location header.

let admin: Locals;
let staff: Awaited<ReturnType<typeof makeStaff>>;
let staffLocals: Locals;

beforeAll(async () => {
	admin = await localsFor((await makeStaff({ admin: true })).id);
	staff = await makeStaff({ password: 'a long passphrase for tests' });
	staffLocals = await localsFor(staff.id);
});

/** A redirect target that stays on this site and is a valid header value. */
function expectSafeLocation(location: string | undefined) {
	expect(location).toBeDefined();
	expect(location!.startsWith('/')).toBe(true);
	expect(location!.startsWith('//')).toBe(false);
	expect(location).not.toMatch(/[\\\u0000-\u001f\u007f]/);
	expect(() => new Headers({ location: location! })).not.toThrow();
}

describe('staff login', () => {
	it('answers any e-mail, password and ?next= with a refusal or a safe redirect', async () => {
		await fc.assert(
			fc.asyncProperty(
				hostileString(),
				hostileString(),
				hostileString(),
				async (email, password, next) => {
					const result = await outcome(() =>
						loginPage.actions.default(
							routeEvent({
								locals: ANONYMOUS,
								path: `/login?next=${encodeURIComponent(next.toWellFormed())}`,
								form: { email, password }
							})
						)
					);
					expectNoCrash(result, { email, password, next });
					expectClearRefusal(result, { email, password });
					// The password is never sent back to the page.
					expect(Object.keys((result.data?.values ?? {}) as object)).not.toContain('password');
				}
			),
			RUNS
		);
	});

	it('signs in whatever ?next= says, and only ever redirects to this site', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					hostileString(),
					fc.constantFrom(
						'//evil.example',
						'/\\evil.example',
						'https://evil.example/',
						'/admin\r\nSet-Cookie: x=1',
						'/%0d%0aSet-Cookie:x=1',
						'/\u0000'
					)
				),
				async (next) => {
					const result = await outcome(() =>
						loginPage.actions.default(
							routeEvent({
								locals: ANONYMOUS,
								path: `/login?next=${encodeURIComponent(next.toWellFormed())}`,
								form: { email: staff.email, password: staff.password }
							})
						)
					);
					expectNoCrash(result, { next });
					expect(result.kind, JSON.stringify(next)).toBe('redirect');
					expectSafeLocation(result.location);
				}
			),
			{ numRuns: 30 }
		);
	});
});

describe('delegate sign-in links', () => {
	it('answers any address with a refusal or the same "link sent" page', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), hostileString(), async (email, next) => {
				const result = await outcome(() =>
					signinPage.actions.default(
						routeEvent({ locals: ANONYMOUS, path: '/signin', form: { email, next } })
					)
				);
				expectNoCrash(result, { email, next });
				if (accepted(result)) expectSafeLocation(result.location);
				else expectClearRefusal(result, { email });
			}),
			RUNS
		);
	});

	it('shows any token as unusable and refuses to sign in with it', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), async (token) => {
				const params = { token };
				const page = await outcome(() =>
					signinTokenPage.load(routeEvent({ locals: ANONYMOUS, path: '/signin/x', params }))
				);
				expectNoCrash(page, { token });
				expect(page.data?.usable).toBe(false);
				const used = await outcome(() =>
					signinTokenPage.actions.default(
						routeEvent({ locals: ANONYMOUS, path: '/signin/x', params, form: {} })
					)
				);
				expectNoCrash(used, { token });
				expectClearRefusal(used, { token });
			}),
			RUNS
		);
	});
});

describe('staff accounts', () => {
	it('stores a new staff member’s name exactly as typed, or refuses it', async () => {
		let n = 0;
		await fc.assert(
			fc.asyncProperty(hostileString(), async (displayName) => {
				const email = `hostile-${++n}-${Date.now()}@example.org`;
				const result = await outcome(() =>
					staffPage.actions.create(
						routeEvent({
							locals: admin,
							path: '/admin/staff?/create',
							form: { email, displayName }
						})
					)
				);
				expectNoCrash(result, { displayName });
				const row = await db()
					.selectFrom('users')
					.select('display_name')
					.where('email', '=', email)
					.executeTakeFirst();
				if (accepted(result)) {
					expect(row?.display_name).toBe(asStored(displayName));
					expect(row?.display_name).not.toMatch(/[\r\n]/);
				} else {
					expectClearRefusal(result, { displayName });
					expect(row).toBeUndefined();
				}
			}),
			RUNS
		);
	});

	it('refuses any hostile e-mail address or stores it trimmed and lower-cased', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), async (email) => {
				const result = await outcome(() =>
					staffPage.actions.create(
						routeEvent({
							locals: admin,
							path: '/admin/staff?/create',
							form: { email, displayName: 'Hostile Test' }
						})
					)
				);
				expectNoCrash(result, { email });
				if (accepted(result)) {
					const stored = email.trim().toLowerCase();
					expect(stored).not.toMatch(/[\s\u0000-\u001f\u007f]/);
					const row = await db()
						.selectFrom('users')
						.select('email')
						.where('email', '=', stored)
						.executeTakeFirst();
					expect(row?.email).toBe(stored);
				} else expectClearRefusal(result, { email });
			}),
			RUNS
		);
	});

	it('answers any account id on disable, enable and reset without a 500', async () => {
		await fc.assert(
			fc.asyncProperty(
				hostileString(),
				fc.constantFrom('disable', 'enable', 'reset'),
				async (userId, action) => {
					const result = await outcome(() =>
						staffPage.actions[action as 'disable'](
							routeEvent({ locals: admin, path: `/admin/staff?/${action}`, form: { userId } })
						)
					);
					expectNoCrash(result, { userId, action });
					if (!accepted(result)) expectClearRefusal(result, { userId });
				}
			),
			RUNS
		);
	});

	it('answers any password change with a refusal, and never echoes a password', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), hostileString(), async (currentPassword, newPassword) => {
				const result = await outcome(() =>
					accountPage.actions.password(
						routeEvent({
							locals: staffLocals,
							path: '/admin/account?/password',
							form: { currentPassword, newPassword, confirmPassword: newPassword }
						})
					)
				);
				expectNoCrash(result, { currentPassword, newPassword });
				// The current password is wrong (or the new one weak): always refused here.
				expectClearRefusal(result, { currentPassword, newPassword });
				expect(result.data?.values).toBeUndefined();
			}),
			RUNS
		);
	});
});

// The forms of staff accounts: forgotten password, the one-time password page, the second-factor
// step and its enrolment, and the administrator's account actions.
let pending: Locals;
let enrolling: Locals;

beforeAll(async () => {
	const withFactor = await makeStaff();
	const first = await localsFor(withFactor.id);
	const enrolment = await startTotpEnrolment({ id: withFactor.id, email: withFactor.email });
	const key = decodeBase32IgnorePadding(enrolment.secret.replace(/\s/g, ''));
	await confirmTotpEnrolment({
		userId: withFactor.id,
		sessionId: first.session!.id,
		code: generateHOTP(key, BigInt(Math.floor(now().getTime() / 30_000)), 6)
	});
	const signIn = await loginWithPassword({
		email: withFactor.email,
		password: withFactor.password,
		ip: '192.0.2.200'
	});
	const valid = (await validateSessionToken(signIn.token))!;
	pending = { user: valid.user, session: valid.session, unavailable: false };
	enrolling = await localsFor((await makeStaff()).id);
});

describe('staff account forms', () => {
	it('the forgotten-password form answers any address calmly, the same way', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), async (email) => {
				const result = await outcome(() =>
					forgotPage.actions.default(
						routeEvent({ locals: ANONYMOUS, path: '/login/forgot', form: { email } })
					)
				);
				expectNoCrash(result, { email });
				if (accepted(result)) expect(result.data).toMatchObject({ sent: true });
				else expectClearRefusal(result, { email });
			}),
			RUNS
		);
	});

	it('a one-time password link refuses any token and any password, never echoing one', async () => {
		await fc.assert(
			fc.asyncProperty(
				hostileString(),
				hostileString(),
				hostileString(),
				async (token, newPassword, confirmPassword) => {
					const result = await outcome(() =>
						passwordPage.actions.default(
							routeEvent({
								locals: ANONYMOUS,
								path: '/login/password/x',
								params: { token },
								form: { newPassword, confirmPassword }
							})
						)
					);
					expectNoCrash(result, { token, newPassword });
					expectClearRefusal(result, { token, newPassword });
					if (newPassword.length > 3)
						expect(JSON.stringify(result.data)).not.toContain(newPassword);
					const page = await outcome(() =>
						passwordPage.load(
							routeEvent({ locals: ANONYMOUS, path: '/login/password/x', params: { token } })
						)
					);
					expectNoCrash(page, { token });
				}
			),
			RUNS
		);
	});

	it('the second-factor step and its enrolment refuse any hostile code calmly', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), async (code) => {
				for (const [page, locals, path] of [
					[verifyPage, pending, '/login/two-factor/verify'],
					[setupPage, enrolling, '/login/two-factor/setup']
				] as const) {
					const result = await outcome(() =>
						page.actions.default(routeEvent({ locals, path, form: { code } }))
					);
					expectNoCrash(result, { code, path });
					expectClearRefusal(result, { code, path });
				}
			}),
			RUNS
		);
	});

	it('the administrator’s account actions answer any account id without a 500', async () => {
		await fc.assert(
			fc.asyncProperty(
				hostileString(),
				fc.constantFrom('grantCreate', 'revokeCreate', 'resetFactor', 'reset'),
				async (userId, action) => {
					const result = await outcome(() =>
						staffPage.actions[action](
							routeEvent({ locals: admin, path: `/admin/staff?/${action}`, form: { userId } })
						)
					);
					expectNoCrash(result, { userId, action });
					if (!accepted(result)) expectClearRefusal(result, { userId });
				}
			),
			RUNS
		);
	});

	it('the security setting takes any value without a 500', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), async (requireSecondFactor) => {
				const result = await outcome(() =>
					staffPage.actions.settings(
						routeEvent({
							locals: admin,
							path: '/admin/staff?/settings',
							form: { requireSecondFactor }
						})
					)
				);
				expectNoCrash(result, { requireSecondFactor });
			}),
			RUNS
		);
		await staffPage.actions.settings(
			routeEvent({ locals: admin, path: '/admin/staff?/settings', form: {} })
		);
	});

	it('the passkey endpoints answer any body with a calm refusal', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(hostileString(), fc.json()), async (body) => {
				for (const [handler, locals, path] of [
					[passkeySignIn.POST, pending, '/login/two-factor/passkey'],
					[passkeyAdd.POST, enrolling, '/admin/account/passkeys']
				] as const) {
					const response = (await handler(
						routeEvent({
							locals,
							path,
							init: { method: 'POST', body, headers: { 'content-type': 'application/json' } }
						})
					)) as Response;
					expect([400, 429], `${path} ${body}`).toContain(response.status);
					expect(((await response.json()) as { message: string }).message.length).toBeGreaterThan(
						8
					);
				}
			}),
			RUNS
		);
	});
});
