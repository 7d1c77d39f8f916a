import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../src/lib/schemas/auth.ts';
import { loginWithPassword } from '../../src/lib/server/auth/login.service.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
	changeOwnPassword,
	createStaff,
	resetStaffPassword
} from '../../src/lib/server/users/user.service.ts';
import { makeStaff } from '../helpers/factories.ts';

// The staff password policy holds wherever a staff password is set — creating an account,
// an administrator's reset, a person's own change — not only in the forms that check it first.

const WEAK = ['short pass1', 'password1234', 'Qwertyuiop12', 'P@ssw0rd1234', 'aaaaaaaaaaaaaaaa'];
const STRONG_64 = 'Quiet harbour lanterns drift past the seventh pier at dawn, slow';

async function refused(run: () => Promise<unknown>): Promise<string> {
	const error = await run().then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return (error as DomainError).message;
}

describe('staff passwords', () => {
	it('are at least 12 characters, may be 64 and more, and are not common ones', () => {
		expect(PASSWORD_MIN).toBe(12);
		expect(PASSWORD_MAX).toBeGreaterThanOrEqual(64);
		expect(STRONG_64.length).toBe(64);
	});

	it('refuse weak passwords when an account is created or reset', async () => {
		const admin = await makeStaff({ admin: true });
		const actor = { id: admin.id, name: 'Admin', staff: true, admin: true };
		for (const password of WEAK) {
			const email = `weak-${Math.random().toString(36).slice(2)}@example.org`;
			expect(
				await refused(() =>
					createStaff(actor, { email, displayName: 'Weak', password, isAdmin: false })
				)
			).toMatch(/password/i);
		}
		const member = await makeStaff();
		for (const password of WEAK) {
			expect(await refused(() => resetStaffPassword(actor, member.id, password))).toMatch(
				/password/i
			);
		}
		await resetStaffPassword(actor, member.id, STRONG_64);
		const session = await loginWithPassword({
			email: member.email,
			password: STRONG_64,
			ip: '192.0.2.1'
		});
		expect(session.userId).toBe(member.id);
	});

	it('refuse a weak new password of one’s own, and take a long one', async () => {
		const member = await makeStaff({ password: 'the first long passphrase' });
		for (const password of WEAK) {
			const message = await refused(() =>
				changeOwnPassword(member.id, 'no-session', {
					currentPassword: 'the first long passphrase',
					newPassword: password
				})
			);
			expect(message).toMatch(/password/i);
		}
		const long = `${STRONG_64}${STRONG_64}`.slice(0, PASSWORD_MAX);
		await changeOwnPassword(member.id, 'no-session', {
			currentPassword: 'the first long passphrase',
			newPassword: long
		});
		const session = await loginWithPassword({
			email: member.email,
			password: long,
			ip: '192.0.2.2'
		});
		expect(session.userId).toBe(member.id);
	});
});
