import type { Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, SignInTokensTable } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

const PURPOSE = 'delegate_sign_in';

/** What a one-time link is for: a delegate's sign-in, a staff invitation, a password reset. */
export type TokenPurpose = SignInTokensTable['purpose'];

/** Stores a new sign-in token (its hash only) and returns the row id. */
export async function insertSignInToken(
	executor: Executor,
	token: { hash: Uint8Array; userId: number; createdAt: Date; expiresAt: Date },
	purpose: TokenPurpose = PURPOSE
): Promise<number> {
	const row = await executor
		.insertInto('sign_in_tokens')
		.values({
			token_hash: token.hash,
			user_id: token.userId,
			purpose,
			created_at: token.createdAt,
			expires_at: token.expiresAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** True when a token hash is unused, unexpired and belongs to an enabled user (reads only). */
export async function isUsableSignInToken(
	executor: Executor,
	hash: Uint8Array,
	at: Date,
	purpose: TokenPurpose = PURPOSE
) {
	return (await findUsableTokenOwner(executor, hash, at, purpose)) !== undefined;
}

/** The owner of an unused, unexpired token of an enabled user (reads only). */
export function findUsableTokenOwner(
	executor: Executor,
	hash: Uint8Array,
	at: Date,
	purpose: TokenPurpose
) {
	return executor
		.selectFrom('sign_in_tokens')
		.innerJoin('users', 'users.id', 'sign_in_tokens.user_id')
		.select(['users.id', 'users.email', 'users.display_name'])
		.where('sign_in_tokens.token_hash', '=', hash)
		.where('sign_in_tokens.purpose', '=', purpose)
		.where('sign_in_tokens.used_at', 'is', null)
		.where('sign_in_tokens.expires_at', '>', at)
		.where('users.disabled_at', 'is', null)
		.executeTakeFirst();
}

/**
 * Marks a token used if it is still usable, in one statement, so that two clicks racing each
 * other cannot both win. Returns the user id, or undefined.
 */
export async function consumeSignInToken(
	executor: Executor,
	hash: Uint8Array,
	at: Date,
	purpose: TokenPurpose = PURPOSE
) {
	const row = await executor
		.updateTable('sign_in_tokens')
		.set({ used_at: at })
		.where('token_hash', '=', hash)
		.where('purpose', '=', purpose)
		.where('used_at', 'is', null)
		.where('expires_at', '>', at)
		.where('user_id', 'in', (eb) =>
			eb.selectFrom('users').select('id').where('disabled_at', 'is', null)
		)
		.returning('user_id')
		.executeTakeFirst();
	return row?.user_id;
}

/** Marks every unused token of a purpose of a user as used (a newer link replaces older ones). */
export async function retireTokens(
	executor: Executor,
	userId: number,
	purpose: TokenPurpose,
	at: Date
): Promise<void> {
	await executor
		.updateTable('sign_in_tokens')
		.set({ used_at: at })
		.where('user_id', '=', userId)
		.where('purpose', '=', purpose)
		.where('used_at', 'is', null)
		.execute();
}
