import { describe, expect, it } from 'vitest';
import { loginWithPassword } from '../../src/lib/server/auth/login.service.ts';
import {
	SESSION_LIFETIME,
	createSession,
	invalidateSession,
	validateSessionToken
} from '../../src/lib/server/auth/session.service.ts';
import { advanceClock, setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { changeOwnPassword, setStaffDisabled } from '../../src/lib/server/users/user.service.ts';
import { makeStaff } from '../helpers/factories.ts';

const ip = '192.0.2.10';

async function failure(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

describe('staff sign-in', () => {
	it('signs in with the right password and stores only a hash of the secret', async () => {
		const staff = await makeStaff();
		const session = await loginWithPassword({ email: staff.email, password: staff.password, ip });
		const [id, secret] = session.token.split('.');
		expect(secret.length).toBeGreaterThanOrEqual(26);
		const row = await db()
			.selectFrom('sessions')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.auth_method).toBe('password');
		expect(Buffer.from(row.secret_hash).toString('utf8')).not.toContain(secret);
		const valid = await validateSessionToken(session.token);
		expect(valid?.user.email).toBe(staff.email);
		expect(valid?.session.staff).toBe(true);
	});

	it('gives the same message for a wrong password and an unknown e-mail', async () => {
		const staff = await makeStaff();
		const wrong = await failure(
			loginWithPassword({ email: staff.email, password: 'not the password', ip })
		);
		const unknown = await failure(
			loginWithPassword({ email: 'nobody@example.org', password: 'whatever it is', ip })
		);
		expect(wrong.message).toBe(unknown.message);
		expect(wrong.message).toMatch(/not correct/);
	});

	it('refuses a tampered token', async () => {
		const staff = await makeStaff();
		const { token } = await createSession(staff.id, 'password');
		const [id] = token.split('.');
		expect(await validateSessionToken(`${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`)).toBeNull();
		expect(await validateSessionToken('garbage')).toBeNull();
		expect(await validateSessionToken(`${token}.extra`)).toBeNull();
	});

	it('slows down the attacker’s address for the account, never the owner at their own, and tells the owner', async () => {
		setNow(new Date('2026-11-26T10:00:00Z'));
		const staff = await makeStaff();
		const attacker = '198.51.100.7';
		for (let i = 0; i < 5; i++) {
			await failure(
				loginWithPassword({ email: staff.email, password: 'wrong password!', ip: attacker })
			);
		}
		// Even the right password waits, from the attacker's address, with growing delays …
		const blocked = await failure(
			loginWithPassword({ email: staff.email, password: staff.password, ip: attacker })
		);
		expect(blocked.code).toBe('rate_limited');
		expect(blocked.message).toMatch(/Try again in 30 seconds/);
		// … while the owner, from their own address, signs in at once.
		const owner = await loginWithPassword({ email: staff.email, password: staff.password, ip });
		expect(owner.token).toBeTruthy();
		advanceClock(31_000);
		await failure(
			loginWithPassword({ email: staff.email, password: 'wrong again!!', ip: attacker })
		);
		const longer = await failure(
			loginWithPassword({ email: staff.email, password: staff.password, ip: attacker })
		);
		expect(longer.message).toMatch(/Try again in 60 seconds/);
		// The owner was told once, with the address the attempts came from.
		const mails = await db()
			.selectFrom('emails')
			.select(['subject', 'text_body'])
			.where('recipient', '=', staff.email)
			.where('template', '=', 'sign-in-failures')
			.execute();
		expect(mails).toHaveLength(1);
		expect(mails[0].text_body).toContain(attacker);
		advanceClock(61_000);
		const ok = await loginWithPassword({
			email: staff.email,
			password: staff.password,
			ip: attacker
		});
		expect(ok.token).toBeTruthy();
		setNow(undefined);
	});

	it('throttles an address that fails against many accounts', async () => {
		setNow(new Date('2026-11-26T11:00:00Z'));
		const attacker = '203.0.113.99';
		for (let i = 0; i < 50; i++) {
			await failure(
				loginWithPassword({
					email: `guess${i}@example.org`,
					password: 'password guess',
					ip: attacker
				})
			);
		}
		const staff = await makeStaff();
		const blocked = await failure(
			loginWithPassword({ email: staff.email, password: staff.password, ip: attacker })
		);
		expect(blocked.code).toBe('rate_limited');
		// Another address is not affected.
		await expect(
			loginWithPassword({ email: staff.email, password: staff.password, ip })
		).resolves.toBeTruthy();
		setNow(undefined);
	});

	it('refuses a disabled account with a clear message and ends its sessions', async () => {
		const admin = await makeStaff({ admin: true });
		const staff = await makeStaff();
		const { token } = await createSession(staff.id, 'password');
		await setStaffDisabled({ id: admin.id, name: '', staff: true, admin: true }, staff.id, true);
		expect(await validateSessionToken(token)).toBeNull();
		const error = await failure(
			loginWithPassword({ email: staff.email, password: staff.password, ip })
		);
		expect(error.message).toMatch(/disabled/);
	});
});

describe('sessions', () => {
	it('expires after its lifetime and slides forward while used', async () => {
		const start = new Date('2026-11-26T09:00:00Z');
		setNow(start);
		const staff = await makeStaff();
		const { token, expiresAt } = await createSession(staff.id, 'password');
		expect(expiresAt.getTime() - start.getTime()).toBe(SESSION_LIFETIME.password);

		// Used after more than half its life: renewed for a full lifetime from now.
		advanceClock(SESSION_LIFETIME.password * 0.6);
		const renewed = await validateSessionToken(token);
		expect(renewed).not.toBeNull();
		expect(renewed!.session.expiresAt.getTime()).toBeGreaterThan(expiresAt.getTime());

		// Not used for a whole lifetime: gone.
		advanceClock(SESSION_LIFETIME.password + 1000);
		expect(await validateSessionToken(token)).toBeNull();
		setNow(undefined);
	});

	it('ends on sign-out', async () => {
		const staff = await makeStaff();
		const { token } = await createSession(staff.id, 'password');
		await invalidateSession(token.split('.')[0]);
		expect(await validateSessionToken(token)).toBeNull();
	});

	it('an e-mail link session never has staff powers', async () => {
		const staff = await makeStaff({ admin: true });
		const { token } = await createSession(staff.id, 'email_link');
		const valid = await validateSessionToken(token);
		expect(valid?.session.staff).toBe(false);
		expect(valid?.session.admin).toBe(false);
	});

	it('a password change ends every other session of the user', async () => {
		const staff = await makeStaff();
		const current = await createSession(staff.id, 'password');
		const other = await createSession(staff.id, 'password');
		await changeOwnPassword(staff.id, current.token.split('.')[0], {
			currentPassword: staff.password,
			newPassword: 'a brand new passphrase'
		});
		expect(await validateSessionToken(current.token)).not.toBeNull();
		expect(await validateSessionToken(other.token)).toBeNull();
		await expect(
			loginWithPassword({ email: staff.email, password: 'a brand new passphrase', ip })
		).resolves.toBeTruthy();
	});

	it('a password change needs the current password', async () => {
		const staff = await makeStaff();
		const current = await createSession(staff.id, 'password');
		const error = await failure(
			changeOwnPassword(staff.id, current.token.split('.')[0], {
				currentPassword: 'not it at all',
				newPassword: 'a brand new passphrase'
			})
		);
		expect(error.field).toBe('currentPassword');
	});
});
