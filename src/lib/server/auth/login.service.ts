import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { findUserByEmail } from '../users/user.repository.ts';
import { verifyPassword } from './password.ts';
import { blockUntil, blockedFor, countAttempt, resetLimit } from './rate-limit.ts';
import { createSession } from './session.service.ts';

const IP_WINDOW_MS = 15 * 60 * 1000;
const ACCOUNT_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;

// The same sentence for an unknown e-mail and a wrong password: no account enumeration.
const WRONG = 'The e-mail address or password is not correct.';

function waitMessage(seconds: number): string {
	const minutes = Math.ceil(seconds / 60);
	return seconds < 90
		? `Too many failed attempts. Try again in ${seconds} seconds.`
		: `Too many failed attempts. Try again in ${minutes} minutes.`;
}

/**
 * Signs a staff member in with e-mail and password. Failed attempts are counted per account
 * (growing delays after a few) and per IP, in PostgreSQL, whether or not the account exists.
 */
export async function loginWithPassword(input: {
	email: string;
	password: string;
	ip: string;
}): Promise<{ token: string; expiresAt: Date; userId: number }> {
	const database = db();
	const settings = config();
	const accountKey = `login:account:${input.email}`;
	const ipKey = `login:ip:${input.ip}`;

	const wait = Math.max(
		await blockedFor(database, accountKey),
		await blockedFor(database, ipKey, {
			max: settings.loginMaxFailuresPerIp,
			windowMs: IP_WINDOW_MS
		})
	);
	if (wait > 0) throw new DomainError('rate_limited', waitMessage(wait));

	const user = await findUserByEmail(database, input.email);
	const ok = await verifyPassword(user?.password_hash ?? null, input.password);
	if (!ok || !user) {
		const failures = await countAttempt(database, accountKey, ACCOUNT_WINDOW_MS);
		await countAttempt(database, ipKey, IP_WINDOW_MS);
		const over = failures - settings.loginMaxFailuresPerAccount;
		if (over >= 0) {
			const delay = Math.min(MAX_DELAY_MS, 30_000 * 2 ** over);
			await blockUntil(database, accountKey, new Date(now().getTime() + delay));
		}
		throw new DomainError('invalid', WRONG);
	}
	if (user.disabled_at) {
		throw new DomainError('forbidden', 'This account has been disabled. Ask an administrator.');
	}
	if (!user.is_staff) {
		throw new DomainError(
			'forbidden',
			'This account cannot sign in with a password. Delegates sign in with a link by e-mail.'
		);
	}
	await resetLimit(database, accountKey);
	const session = await createSession(user.id, 'password');
	return { ...session, userId: user.id };
}
