import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginWithPassword } from '../../src/lib/server/auth/login.service.ts';
import {
	confirmTotpEnrolment,
	startTotpEnrolment
} from '../../src/lib/server/auth/second-factor.service.ts';
import { validateSessionToken } from '../../src/lib/server/auth/session.service.ts';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { now } from '../../src/lib/server/clock.ts';
import * as forgotPage from '../../src/routes/login/forgot/+page.server.ts';
import * as passwordPage from '../../src/routes/login/password/[token]/+page.server.ts';
import * as verifyPage from '../../src/routes/login/two-factor/verify/+page.server.ts';
import * as setupPage from '../../src/routes/login/two-factor/setup/+page.server.ts';
import * as staffPage from '../../src/routes/admin/staff/+page.server.ts';
import { makeStaff } from '../helpers/factories.ts';
import {
	accepted,
	expectClearRefusal,
	expectNoCrash,
	hostileString,
	outcome,
	RUNS
} from '../helpers/hostile.ts';
import { ANONYMOUS, type Locals, localsFor, routeEvent } from '../helpers/request-event.ts';

// Hostile input on the forms of staff accounts: forgotten password, the one-time password page,
// the second-factor step and its enrolment, and the administrator's account actions. Never a
// 500; every refusal is a sentence; nothing typed is echoed back as a password.

let admin: Locals;
let pending: Locals;
let enrolling: Locals;

beforeAll(async () => {
	admin = await localsFor((await makeStaff({ admin: true })).id);
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
});
