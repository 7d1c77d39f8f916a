import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import { hashToken, randomToken, sameHash } from './tokens.ts';
import {
	deleteSession,
	deleteUserSessions,
	extendSession,
	findSessionWithUser,
	insertSession
} from './session.repository.ts';

// Sessions as the Lucia guide describes them: the cookie holds "<id>.<secret>", the database
// holds the id and SHA-256 of the secret; expiry slides forward while the session is used.

export type AuthMethod = 'password' | 'email_link';

export type SessionUser = {
	id: number;
	email: string;
	displayName: string;
	isAdmin: boolean;
	isStaff: boolean;
	/** May create events (an administrator always may). */
	canCreateEvents: boolean;
};

export type ValidSession = {
	id: string;
	authMethod: AuthMethod;
	expiresAt: Date;
	/** True only for a password session of an enabled staff account: e-mail links never open the admin side. */
	staff: boolean;
	admin: boolean;
	/** What a password session still waits for before it has staff powers. */
	awaiting: 'second_factor' | 'enrolment' | null;
};

const DAY = 24 * 60 * 60 * 1000;
/** Lifetime of a session that is not used; each use past half of it renews it. */
export const SESSION_LIFETIME: Record<AuthMethod, number> = {
	password: 7 * DAY,
	email_link: 30 * DAY
};

export const SESSION_COOKIE = 'kaigi_session';

/** Creates a session for a user and returns the cookie value (never stored). */
export async function createSession(
	userId: number,
	authMethod: AuthMethod,
	awaiting: 'second_factor' | 'enrolment' | null = null
): Promise<{ token: string; expiresAt: Date; id: string }> {
	const id = randomToken(15);
	const secret = randomToken(20);
	const createdAt = now();
	const expiresAt = new Date(createdAt.getTime() + SESSION_LIFETIME[authMethod]);
	await insertSession(db(), {
		id,
		user_id: userId,
		secret_hash: hashToken(secret),
		auth_method: authMethod,
		created_at: createdAt,
		last_verified_at: createdAt,
		expires_at: expiresAt,
		awaiting
	});
	return { token: `${id}.${secret}`, expiresAt, id };
}

/** Checks a cookie value; returns the session and user, renewing the expiry when due, or null. */
export async function validateSessionToken(
	token: string
): Promise<{ session: ValidSession; user: SessionUser } | null> {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 128) return null;
	const row = await findSessionWithUser(db(), id);
	if (!row) return null;
	if (!sameHash(hashToken(secret), new Uint8Array(row.secret_hash))) return null;
	const at = now();
	if (row.expires_at.getTime() <= at.getTime() || row.disabled_at) {
		await deleteSession(db(), id);
		return null;
	}
	let expiresAt = row.expires_at;
	const lifetime = SESSION_LIFETIME[row.auth_method];
	if (expiresAt.getTime() - at.getTime() < lifetime / 2) {
		expiresAt = new Date(at.getTime() + lifetime);
		await extendSession(db(), id, at, expiresAt);
	}
	// A password session that still waits for a second factor (or an enrolment) has no staff powers.
	const staff = row.auth_method === 'password' && row.is_staff && !row.awaiting;
	return {
		session: {
			id,
			authMethod: row.auth_method,
			expiresAt,
			staff,
			admin: staff && row.is_admin,
			awaiting: row.awaiting ?? null
		},
		user: {
			id: row.user_id,
			email: row.email,
			displayName: row.display_name,
			isAdmin: row.is_admin,
			isStaff: row.is_staff,
			canCreateEvents: row.is_admin || row.can_create_events
		}
	};
}

/** Ends one session (sign-out). */
export async function invalidateSession(id: string): Promise<void> {
	await deleteSession(db(), id);
}

/** Ends every session of a user except, optionally, the one in use. */
export async function invalidateUserSessions(userId: number, exceptId?: string): Promise<void> {
	await deleteUserSessions(db(), userId, exceptId);
}
