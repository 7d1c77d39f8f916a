import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import { db } from '../db/database.ts';
import type { Database, User } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { findUserById } from '../users/user.repository.ts';
import {
	assertNotThrottled,
	countFailure,
	forgetFailures,
	throttleKeys
} from './login-throttle.ts';
import { setSessionAwaiting } from './session.repository.ts';

// The second step of a staff sign-in, whatever the factor (a code, a recovery code, a passkey):
// it shares the password's throttle, and a success gives the session its staff powers.

export type SecondStep = {
	user: User;
	/** Counts a failure toward the sign-in throttle and refuses with the sentence. */
	fail(message: string, field?: string): Promise<never>;
	/** Forgets the failures, gives the session staff powers, audited (plus `within`, atomically). */
	succeed(method: string, within?: (trx: Transaction<Database>) => Promise<void>): Promise<void>;
};

/** Begins a second-step attempt; refused while this address is throttled for the account. */
export async function beginSecondStep(
	userId: number,
	sessionId: string,
	ip: string
): Promise<SecondStep> {
	const user = await findUserById(db(), userId);
	if (!user) throw new DomainError('forbidden', m.err_sign_in_again());
	const keys = throttleKeys(user.email, ip);
	await assertNotThrottled(keys);
	return {
		user,
		async fail(message, field) {
			await countFailure(keys, user);
			throw new DomainError('invalid', message, field);
		},
		async succeed(method, within) {
			await forgetFailures(keys);
			await db()
				.transaction()
				.execute(async (trx) => {
					await within?.(trx);
					await setSessionAwaiting(trx, sessionId, null);
					await writeAudit(trx, {
						actorUserId: user.id,
						action: 'auth.second_factor',
						entityType: 'user',
						entityId: user.id,
						diff: { method, ip }
					});
				});
		}
	};
}
