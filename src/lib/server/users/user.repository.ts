import type { Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, NewUser, UserUpdate } from '../db/schema.ts';

/** A user by e-mail (already normalised to lower case). */
export function findUserByEmail(database: DB, email: string) {
	return database.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** A user by id. */
export function findUserById(database: DB, id: number) {
	return database.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a user and returns it. */
export function insertUser(database: DB, user: NewUser) {
	return database.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

/** Updates a user. */
export async function updateUser(database: DB, id: number, changes: UserUpdate) {
	await database.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** Staff accounts, admins first, then by name. */
export function listStaff(database: DB) {
	return database
		.selectFrom('users')
		.leftJoin('totp_factors', (join) =>
			join
				.onRef('totp_factors.user_id', '=', 'users.id')
				.on('totp_factors.confirmed_at', 'is not', null)
		)
		.select([
			'users.id',
			'users.email',
			'users.display_name',
			'users.is_admin',
			'users.is_staff',
			'users.disabled_at',
			'users.created_at',
			'users.can_create_events',
			'users.password_hash'
		])
		.select((eb) =>
			eb
				.or([
					eb('totp_factors.user_id', 'is not', null),
					eb.exists(
						eb
							.selectFrom('passkeys')
							.select('passkeys.id')
							.whereRef('passkeys.user_id', '=', 'users.id')
					)
				])
				.as('has_second_factor')
		)
		.where('users.is_staff', '=', true)
		.orderBy('users.is_admin', 'desc')
		.orderBy('users.display_name')
		.execute();
}

/** The id of the user with this e-mail, creating a delegate (no password) when there is none. */
export async function findOrCreateUser(
	trx: Transaction<Database>,
	email: string,
	displayName: string
): Promise<number> {
	const inserted = await trx
		.insertInto('users')
		.values({ email, display_name: displayName })
		.onConflict((oc) => oc.column('email').doNothing())
		.returning('id')
		.executeTakeFirst();
	if (inserted) return inserted.id;
	const existing = await trx
		.selectFrom('users')
		.select('id')
		.where('email', '=', email)
		.executeTakeFirstOrThrow();
	return existing.id;
}
