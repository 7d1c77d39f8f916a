import type { Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

const PURPOSE = 'delegate_sign_in';

/** Stores a new sign-in token (its hash only) and returns the row id. */
export async function insertSignInToken(
	executor: Executor,
	token: { hash: Uint8Array; userId: number; createdAt: Date; expiresAt: Date }
): Promise<number> {
	const row = await executor
		.insertInto('sign_in_tokens')
		.values({
			token_hash: token.hash,
			user_id: token.userId,
			purpose: PURPOSE,
			created_at: token.createdAt,
			expires_at: token.expiresAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** True when a token hash is unused, unexpired and belongs to an enabled user (reads only). */
export async function isUsableSignInToken(executor: Executor, hash: Uint8Array, at: Date) {
	const row = await executor
		.selectFrom('sign_in_tokens')
		.innerJoin('users', 'users.id', 'sign_in_tokens.user_id')
		.select('sign_in_tokens.id')
		.where('sign_in_tokens.token_hash', '=', hash)
		.where('sign_in_tokens.purpose', '=', PURPOSE)
		.where('sign_in_tokens.used_at', 'is', null)
		.where('sign_in_tokens.expires_at', '>', at)
		.where('users.disabled_at', 'is', null)
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * Marks a token used if it is still usable, in one statement, so that two clicks racing each
 * other cannot both win. Returns the user id, or undefined.
 */
export async function consumeSignInToken(executor: Executor, hash: Uint8Array, at: Date) {
	const row = await executor
		.updateTable('sign_in_tokens')
		.set({ used_at: at })
		.where('token_hash', '=', hash)
		.where('purpose', '=', PURPOSE)
		.where('used_at', 'is', null)
		.where('expires_at', '>', at)
		.where('user_id', 'in', (eb) =>
			eb.selectFrom('users').select('id').where('disabled_at', 'is', null)
		)
		.returning('user_id')
		.executeTakeFirst();
	return row?.user_id;
}
