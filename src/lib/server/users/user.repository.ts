import { sql, type Transaction } from 'kysely';
import { runPrepared } from '../db/prepared.ts';
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

/** The user of an e-mail address, created with `displayName` when there is none. */
export async function findOrCreateUser(
	trx: Transaction<Database>,
	email: string,
	displayName: string
): Promise<number> {
	const ids = await findOrCreateUsers(trx, [{ email, displayName }]);
	return ids.get(email)!;
}

/**
 * The users of several e-mail addresses (by address), creating those that do not exist yet, in
 * one statement (a second only for an address another transaction created meanwhile).
 */
export async function findOrCreateUsers(
	trx: Transaction<Database>,
	people: Array<{ email: string; displayName: string }>
): Promise<Map<string, number>> {
	const byEmail = new Map(people.map((p) => [p.email, p.displayName]));
	// Sorted: two transactions creating the same addresses wait for each other in one order.
	const emails = [...byEmail.keys()].sort();
	// Prepared: one text whatever the number of people (arrays are one parameter each).
	const rows = await runPrepared(
		trx,
		sql<{ id: number; email: string }>`
		with wanted as (
			select * from unnest(${emails}::text[], ${emails.map((e) => byEmail.get(e))}::text[])
				as w (email, display_name)
		), inserted as (
			insert into users (email, display_name)
			select email, display_name from wanted order by email
			on conflict (email) do nothing
			returning id, email
		)
		select id, email from inserted
		union all
		select u.id, w.email from users as u join wanted as w on w.email = u.email
	`.compile(trx)
	);
	const ids = new Map(rows.map((r) => [r.email, r.id]));
	// Created by a transaction that committed while this statement ran: not in its snapshot.
	const missing = emails.filter((e) => !ids.has(e));
	if (missing.length > 0) {
		const found = await trx
			.selectFrom('users')
			.select(['id', 'email'])
			.where('email', 'in', missing)
			.execute();
		for (const row of found) ids.set(row.email, row.id);
	}
	return ids;
}
