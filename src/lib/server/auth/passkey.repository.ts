import type { Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

/** Stores a one-time challenge (its hash) for a session. */
export async function insertChallenge(
	executor: Executor,
	row: { hash: Uint8Array; sessionId: string; purpose: 'register' | 'sign_in'; expiresAt: Date }
): Promise<void> {
	await executor
		.insertInto('webauthn_challenges')
		.values({
			challenge_hash: row.hash,
			session_id: row.sessionId,
			purpose: row.purpose,
			expires_at: row.expiresAt
		})
		.execute();
}

/** Uses a challenge once (one statement): true when it was this session's, for this, unexpired. */
export async function takeChallenge(
	executor: Executor,
	hash: Uint8Array,
	sessionId: string,
	purpose: 'register' | 'sign_in',
	at: Date
): Promise<boolean> {
	const row = await executor
		.deleteFrom('webauthn_challenges')
		.where('challenge_hash', '=', hash)
		.where('session_id', '=', sessionId)
		.where('purpose', '=', purpose)
		.where('expires_at', '>', at)
		.returning('session_id')
		.executeTakeFirst();
	return row !== undefined;
}

/** A user's passkeys, oldest first. */
export function listPasskeys(executor: Executor, userId: number) {
	return executor
		.selectFrom('passkeys')
		.select(['id', 'name', 'created_at', 'last_used_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
}

/** One passkey of a user. */
export function findPasskey(executor: Executor, userId: number, id: Uint8Array) {
	return executor
		.selectFrom('passkeys')
		.selectAll()
		.where('user_id', '=', userId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** Stores a new passkey. */
export async function insertPasskey(
	executor: Executor,
	row: {
		id: Uint8Array;
		userId: number;
		name: string;
		publicKey: Uint8Array;
		signCount: number;
		at: Date;
	}
): Promise<void> {
	await executor
		.insertInto('passkeys')
		.values({
			id: row.id,
			user_id: row.userId,
			name: row.name,
			algorithm: -7,
			public_key: row.publicKey,
			sign_count: row.signCount,
			created_at: row.at
		})
		.execute();
}

/** Moves a passkey's counter forward, only from the value read (a racing use cannot pass twice). */
export async function advancePasskey(
	executor: Executor,
	id: Uint8Array,
	from: string,
	to: number,
	at: Date
): Promise<boolean> {
	const result = await executor
		.updateTable('passkeys')
		.set({ sign_count: to, last_used_at: at })
		.where('id', '=', id)
		.where('sign_count', '=', from)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/** Removes one passkey of a user; true when there was one. */
export async function deletePasskey(executor: Executor, userId: number, id: Uint8Array) {
	const result = await executor
		.deleteFrom('passkeys')
		.where('user_id', '=', userId)
		.where('id', '=', id)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}

/** True when a user has at least one passkey. */
export async function hasPasskey(executor: Executor, userId: number): Promise<boolean> {
	const row = await executor
		.selectFrom('passkeys')
		.select('id')
		.where('user_id', '=', userId)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}
