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
