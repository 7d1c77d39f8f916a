import { m } from '../../paraglide/messages.js';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { signInFailuresMail } from '../mail/templates/staff-account.ts';
import { blockUntil, blockedFor, countAttempt, resetLimit } from './rate-limit.ts';

// Wrong passwords and wrong second-factor codes slow down the pair (this address, this account)
// with growing delays, and the address on its own across accounts. The account as a whole is
// never locked: anyone could otherwise lock out the administrator with a few wrong passwords,
// while the owner, from their own address, still signs in. The owner is told by e-mail.

const IP_WINDOW_MS = 15 * 60 * 1000;
const PAIR_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;

export type ThrottleKeys = { pair: string; ip: string; address: string };

/** The rate-limit keys of a sign-in attempt for an e-mail address from a client address. */
export function throttleKeys(email: string, ip: string): ThrottleKeys {
	return { pair: `login:pair:${email}:${ip}`, ip: `login:ip:${ip}`, address: ip };
}

function waitMessage(seconds: number): string {
	const minutes = Math.ceil(seconds / 60);
	return seconds < 90
		? m.err_login_wait_seconds({ seconds })
		: m.err_login_wait_minutes({ minutes });
}

/** Throws `rate_limited` while this address may not try this account (or any account). */
export async function assertNotThrottled(keys: ThrottleKeys): Promise<void> {
	const database = db();
	const wait = Math.max(
		...(await Promise.all([
			blockedFor(database, keys.pair),
			blockedFor(database, keys.ip, { max: config().loginMaxFailuresPerIp, windowMs: IP_WINDOW_MS })
		]))
	);
	if (wait > 0) throw new DomainError('rate_limited', waitMessage(wait));
}

/**
 * Counts a wrong password or code. Past the allowed failures the pair waits, longer each time;
 * the first time it is made to wait, the account's owner (if there is one) gets an e-mail.
 */
export async function countFailure(
	keys: ThrottleKeys,
	owner: { id: number; email: string; display_name: string; language?: string | null } | undefined
): Promise<void> {
	const database = db();
	const [failures] = await Promise.all([
		countAttempt(database, keys.pair, PAIR_WINDOW_MS),
		countAttempt(database, keys.ip, IP_WINDOW_MS)
	]);
	const over = failures - config().loginMaxFailuresPerAccount;
	if (over < 0) return;
	const at = now();
	await blockUntil(
		database,
		keys.pair,
		new Date(at.getTime() + Math.min(MAX_DELAY_MS, 30_000 * 2 ** over))
	);
	if (over === 0 && owner) {
		await enqueueEmail(database, {
			to: owner.email,
			template: 'sign-in-failures',
			// One notice per account, address and hour, however the attempts go on.
			dedupeKey: `sign-in-failures-${owner.id}-${keys.address.replace(/[^a-z0-9.]/gi, '-')}-${at.toISOString().slice(0, 13)}`,
			...signInFailuresMail({
				name: owner.display_name,
				ip: keys.address,
				language: owner.language
			})
		});
	}
}

/** Forgets the failures of this pair after a successful sign-in. */
export async function forgetFailures(keys: ThrottleKeys): Promise<void> {
	await resetLimit(db(), keys.pair);
}
