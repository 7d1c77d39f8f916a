import { m } from '../../paraglide/messages.js';
import { writeAudit } from '../audit/audit.repository.ts';
import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { findUserByEmail } from '../users/user.repository.ts';
import {
	assertNotThrottled,
	countFailure,
	forgetFailures,
	throttleKeys
} from './login-throttle.ts';
import { verifyPassword } from './password.ts';
import { secondFactorStep } from './second-factor.service.ts';
import { createSession } from './session.service.ts';

export type PasswordSignIn = {
	token: string;
	expiresAt: Date;
	userId: number;
	/** What the new session still waits for before it has staff powers. */
	awaiting: 'second_factor' | 'enrolment' | null;
};

/** Opens a password session, waiting for the second factor (or its enrolment) where due. */
export async function openPasswordSession(userId: number, ip: string): Promise<PasswordSignIn> {
	const awaiting = await secondFactorStep(userId);
	const session = await createSession(userId, 'password', awaiting);
	await writeAudit(db(), {
		actorUserId: userId,
		action: 'auth.sign_in',
		entityType: 'user',
		entityId: userId,
		diff: { method: 'password', ip }
	});
	return { token: session.token, expiresAt: session.expiresAt, userId, awaiting };
}

/**
 * Signs a staff member in with e-mail and password. Failures slow down this address for this
 * account (and this address overall), whether or not the account exists — never the account
 * for everyone (see login-throttle.ts).
 */
export async function loginWithPassword(input: {
	email: string;
	password: string;
	ip: string;
}): Promise<PasswordSignIn> {
	const keys = throttleKeys(input.email, input.ip);
	await assertNotThrottled(keys);

	const user = await findUserByEmail(db(), input.email);
	const ok = await verifyPassword(user?.password_hash ?? null, input.password);
	if (!ok || !user) {
		await countFailure(keys, user?.password_hash ? user : undefined);
		// The same sentence for an unknown e-mail and a wrong password: no account enumeration.
		throw new DomainError('invalid', m.err_login_wrong());
	}
	if (user.disabled_at) {
		throw new DomainError('forbidden', m.err_account_disabled());
	}
	if (!user.is_staff) {
		throw new DomainError('forbidden', m.err_delegate_no_password());
	}
	const signIn = await openPasswordSession(user.id, input.ip);
	// With a second factor still to come, earlier failures keep counting: a known password must
	// not buy fresh guesses at the code.
	if (signIn.awaiting !== 'second_factor') await forgetFailures(keys);
	return signIn;
}
