import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { CAPABILITIES } from './actor.ts';

type Executor = DB | Transaction<Database>;

/** A user's TOTP factor (confirmed or still being enrolled), if any. */
export function findTotp(executor: Executor, userId: number) {
	return executor
		.selectFrom('totp_factors')
		.selectAll()
		.where('user_id', '=', userId)
		.executeTakeFirst();
}

/** Stores a new (encrypted) secret being enrolled, replacing an unconfirmed one; never a confirmed one. */
export async function savePendingTotp(
	executor: Executor,
	userId: number,
	secretEnc: string,
	at: Date
) {
	await executor
		.insertInto('totp_factors')
		.values({ user_id: userId, secret_enc: secretEnc, created_at: at })
		.onConflict((oc) =>
			oc
				.column('user_id')
				.doUpdateSet({ secret_enc: secretEnc, created_at: at, last_used_step: null })
				.where('totp_factors.confirmed_at', 'is', null)
		)
		.execute();
}

/**
 * Accepts a code's time step once: records it as the last used step only if it is later than
 * the last one (one statement, so two requests racing with one code cannot both pass).
 */
export async function takeTotpStep(
	executor: Executor,
	userId: number,
	step: number,
	confirmAt: Date | null
): Promise<boolean> {
	let query = executor
		.updateTable('totp_factors')
		.set(confirmAt ? { last_used_step: step, confirmed_at: confirmAt } : { last_used_step: step })
		.where('user_id', '=', userId)
		.where((eb) =>
			eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', String(step))])
		);
	query = confirmAt
		? query.where('confirmed_at', 'is', null)
		: query.where('confirmed_at', 'is not', null);
	const result = await query.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/** Removes a user's TOTP factor, passkeys and recovery codes. True when there was a factor. */
export async function deleteSecondFactors(
	executor: Executor,
	userId: number,
	withPasskeys = true
): Promise<boolean> {
	await executor.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
	const passkeys = withPasskeys
		? await executor.deleteFrom('passkeys').where('user_id', '=', userId).executeTakeFirst()
		: { numDeletedRows: 0n };
	const result = await executor
		.deleteFrom('totp_factors')
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return result.numDeletedRows + passkeys.numDeletedRows > 0n;
}

/** Replaces a user's recovery codes (hashes only). */
export async function replaceRecoveryCodes(
	executor: Executor,
	userId: number,
	hashes: Uint8Array[],
	at: Date
): Promise<void> {
	await executor.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
	await executor
		.insertInto('recovery_codes')
		.values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: at })))
		.execute();
}

/** Uses a recovery code once (one statement); true when it was unused and the user's. */
export async function useRecoveryCode(
	executor: Executor,
	userId: number,
	hash: Uint8Array,
	at: Date
): Promise<boolean> {
	const result = await executor
		.updateTable('recovery_codes')
		.set({ used_at: at })
		.where('user_id', '=', userId)
		.where('code_hash', '=', hash)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/** How many unused recovery codes a user has. */
export async function countRecoveryCodes(executor: Executor, userId: number): Promise<number> {
	const row = await executor
		.selectFrom('recovery_codes')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** True when the account can read passport data: an administrator, or such a role on an event. */
export async function readsPassports(executor: Executor, userId: number): Promise<boolean> {
	const row = await executor
		.selectFrom('users')
		.select((eb) =>
			eb
				.or([
					eb('users.is_admin', '=', true),
					eb.exists(
						eb
							.selectFrom('event_staff')
							.select(sql`1`.as('one'))
							.whereRef('event_staff.user_id', '=', 'users.id')
							.where('event_staff.role', 'in', [...CAPABILITIES['passport.view']])
					)
				])
				.as('reads')
		)
		.where('users.id', '=', userId)
		.executeTakeFirst();
	return Boolean(row?.reads);
}

/** The administrator's security settings (one row). */
export function findSecuritySettings(executor: Executor) {
	return executor
		.selectFrom('security_settings')
		.selectAll()
		.where('id', '=', 1)
		.executeTakeFirstOrThrow();
}

/** Sets whether accounts that read passport data must have a second factor. */
export async function saveRequireSecondFactor(
	executor: Executor,
	value: boolean,
	by: number,
	at: Date
): Promise<void> {
	await executor
		.updateTable('security_settings')
		.set({ require_second_factor: value, updated_by: by, updated_at: at })
		.where('id', '=', 1)
		.execute();
}

/** TOTP secrets by user id after `afterUserId`, for the key rotation. */
export function listTotpSecretsAfter(executor: Executor, afterUserId: number, limit: number) {
	return executor
		.selectFrom('totp_factors')
		.select(['user_id', 'secret_enc'])
		.where('user_id', '>', afterUserId)
		.orderBy('user_id')
		.limit(limit)
		.execute();
}

/** Replaces a secret's encryption unless it changed meanwhile (re-enrolled); true when replaced. */
export async function replaceTotpSecret(
	executor: Executor,
	userId: number,
	from: string,
	to: string
): Promise<boolean> {
	const result = await executor
		.updateTable('totp_factors')
		.set({ secret_enc: to })
		.where('user_id', '=', userId)
		.where('secret_enc', '=', from)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}
