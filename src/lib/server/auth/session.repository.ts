import type { DB } from '../db/database.ts';
import type { Session } from '../db/schema.ts';

/** Stores a new session row. */
export async function insertSession(database: DB, session: Session): Promise<void> {
	await database.insertInto('sessions').values(session).execute();
}

/** A session with the columns of its user that requests need. */
export async function findSessionWithUser(database: DB, id: string) {
	return database
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.id',
			'sessions.user_id',
			'sessions.secret_hash',
			'sessions.auth_method',
			'sessions.created_at',
			'sessions.last_verified_at',
			'sessions.expires_at',
			'sessions.awaiting',
			'users.can_create_events',
			'users.email',
			'users.display_name',
			'users.is_admin',
			'users.is_staff',
			'users.disabled_at'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
}

/** Moves a session's expiry (sliding renewal). */
export async function extendSession(database: DB, id: string, at: Date, expiresAt: Date) {
	await database
		.updateTable('sessions')
		.set({ last_verified_at: at, expires_at: expiresAt })
		.where('id', '=', id)
		.execute();
}

/** Deletes one session. */
export async function deleteSession(database: DB, id: string): Promise<void> {
	await database.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes every session of a user, optionally keeping one. */
export async function deleteUserSessions(database: DB, userId: number, keepId?: string) {
	let query = database.deleteFrom('sessions').where('user_id', '=', userId);
	if (keepId) query = query.where('id', '!=', keepId);
	await query.execute();
}

/** Marks a session's second step done (or sets what it still waits for). */
export async function setSessionAwaiting(
	database: DB,
	id: string,
	awaiting: 'second_factor' | 'enrolment' | null
): Promise<void> {
	await database.updateTable('sessions').set({ awaiting }).where('id', '=', id).execute();
}

/** The sessions of a user that have not expired, newest use first. */
export function listUserSessions(database: DB, userId: number, at: Date) {
	return database
		.selectFrom('sessions')
		.select(['id', 'auth_method', 'created_at', 'last_verified_at', 'expires_at'])
		.where('user_id', '=', userId)
		.where('expires_at', '>', at)
		.orderBy('last_verified_at', 'desc')
		.execute();
}
