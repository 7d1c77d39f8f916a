import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { toLocale } from '../../i18n/locales.ts';
import { newPassword } from '../../schemas/auth.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertAdmin, type Actor } from '../auth/actor.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { invitationMail, sendAccountLink } from '../auth/account-link.service.ts';
import { deleteUserSessions, listUserSessions } from '../auth/session.repository.ts';
import { invalidateUserSessions } from '../auth/session.service.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { changeStaffAccount, findFutureStaff, rethrowEmailClash } from './staff-account-change.ts';
import { findUserById, insertUser, listStaff, updateUser } from './user.repository.ts';

/**
 * Every staff password, whoever sets it, meets the policy (src/lib/schemas/auth.ts): the forms
 * check it for a message beside the field, and this makes sure no other caller can skip it.
 */
function assertStaffPassword(password: string, field: string): void {
	const checked = newPassword.safeParse(password);
	if (!checked.success) throw new DomainError('invalid', checked.error.issues[0].message, field);
}

/**
 * Creates a staff account, or gives staff rights to an existing user (a delegate who now
 * organises). Returns the user id.
 */
export async function createStaff(
	actor: Actor | null,
	input: {
		email: string;
		displayName: string;
		password: string;
		isAdmin: boolean;
		createsEvents?: boolean;
	}
): Promise<number> {
	// No actor: the command line of the server, which creates the first administrator.
	if (actor) assertAdmin(actor);
	assertStaffPassword(input.password, 'password');
	const passwordHash = await hashPassword(input.password);
	try {
		return await db()
			.transaction()
			.execute(async (trx) => {
				const existing = await findFutureStaff(trx, input.email);
				let id: number;
				if (existing) {
					await updateUser(trx, existing.id, {
						is_staff: true,
						is_admin: input.isAdmin,
						can_create_events: input.createsEvents ?? false,
						password_hash: passwordHash,
						display_name: input.displayName,
						disabled_at: null
					});
					id = existing.id;
				} else {
					const user = await insertUser(trx, {
						email: input.email,
						display_name: input.displayName,
						password_hash: passwordHash,
						is_staff: true,
						is_admin: input.isAdmin,
						can_create_events: input.createsEvents ?? false
					});
					id = user.id;
				}
				await writeAudit(trx, {
					actorUserId: actor?.id ?? null,
					action: 'staff.create',
					entityType: 'user',
					entityId: id,
					diff: { email: input.email, display_name: input.displayName, is_admin: input.isAdmin }
				});
				return id;
			});
	} catch (error) {
		rethrowEmailClash(error);
	}
}

/** Disables or re-enables a staff account; disabling ends all its sessions. */
export async function setStaffDisabled(actor: Actor, userId: number, disabled: boolean) {
	assertAdmin(actor);
	if (actor.id === userId && disabled) {
		throw new DomainError('invalid', m.err_disable_self());
	}
	await changeStaffAccount(
		actor.id,
		userId,
		disabled ? 'staff.disable' : 'staff.enable',
		async (trx) => {
			await updateUser(trx, userId, { disabled_at: disabled ? now() : null });
			if (disabled) await deleteUserSessions(trx, userId);
		}
	);
}

/** Sets a new password for a staff member (admin reset); ends all of their sessions. */
export async function resetStaffPassword(actor: Actor, userId: number, password: string) {
	assertAdmin(actor);
	assertStaffPassword(password, 'password');
	const passwordHash = await hashPassword(password);
	await changeStaffAccount(actor.id, userId, 'staff.password_reset', async (trx) => {
		await updateUser(trx, userId, { password_hash: passwordHash });
		await deleteUserSessions(trx, userId);
	});
}

/** Changes one's own password after checking the current one; ends every other session. */
export async function changeOwnPassword(
	userId: number,
	sessionId: string,
	input: { currentPassword: string; newPassword: string }
): Promise<void> {
	const user = await findUserById(db(), userId);
	if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
		throw new DomainError('invalid', m.err_password_wrong(), 'currentPassword');
	}
	assertStaffPassword(input.newPassword, 'newPassword');
	const passwordHash = await hashPassword(input.newPassword);
	await db()
		.transaction()
		.execute(async (trx) => {
			await updateUser(trx, userId, { password_hash: passwordHash });
			await writeAudit(trx, {
				actorUserId: userId,
				action: 'user.password_change',
				entityType: 'user',
				entityId: userId
			});
		});
	await invalidateUserSessions(userId, sessionId);
}

/** Every staff account, for the administrator (whether it has chosen a password, not the hash). */
export async function listStaffAccounts(actor: Actor) {
	assertAdmin(actor);
	const rows = await listStaff(db());
	return rows.map(({ password_hash, ...row }) => ({ ...row, invited: password_hash === null }));
}

/**
 * Invites a staff member: the account is created without a password and the person gets a
 * one-time link (72 hours) to choose their own. Nobody ever sees or mails a password.
 */
export async function inviteStaff(
	actor: Actor,
	input: { email: string; displayName: string; isAdmin: boolean; createsEvents: boolean }
): Promise<number> {
	assertAdmin(actor);
	try {
		return await db()
			.transaction()
			.execute((trx) => createInvitedStaff(trx, actor, input));
	} catch (error) {
		rethrowEmailClash(error);
	}
}

/**
 * The account of an invited staff member, in the caller's transaction: created without a
 * password (or a delegate's account made staff), with the one-time link mailed and audited.
 * Callers check the inviter's right: an administrator, or an organizer for their own event.
 */
export async function createInvitedStaff(
	trx: Transaction<Database>,
	actor: Actor,
	input: { email: string; displayName: string; isAdmin: boolean; createsEvents: boolean }
): Promise<number> {
	const existing = await findFutureStaff(trx, input.email);
	const rights = {
		is_staff: true,
		is_admin: input.isAdmin,
		can_create_events: input.createsEvents,
		display_name: input.displayName
	};
	let user;
	if (existing) {
		// A delegate who now works as staff: the same person, who has no password yet.
		await updateUser(trx, existing.id, { ...rights, disabled_at: null });
		user = { ...existing, ...rights };
	} else {
		user = await insertUser(trx, { email: input.email, ...rights });
	}
	await sendAccountLink(trx, user, 'staff_invitation', invitationMail(user, actor.name));
	await writeAudit(trx, {
		actorUserId: actor.id,
		action: 'staff.invite',
		entityType: 'user',
		entityId: user.id,
		diff: {
			email: input.email,
			display_name: input.displayName,
			is_admin: input.isAdmin,
			can_create_events: input.createsEvents
		}
	});
	return user.id;
}

/** Gives or takes away the right to create events (never implied by a role on an event). */
export async function setCanCreateEvents(actor: Actor, userId: number, value: boolean) {
	assertAdmin(actor);
	await changeStaffAccount(
		actor.id,
		userId,
		value ? 'staff.grant_create_events' : 'staff.revoke_create_events',
		(trx) => updateUser(trx, userId, { can_create_events: value })
	);
}

/** The sessions of one's own account in use, the current one marked. */
export async function ownSessions(actor: Actor, currentSessionId: string) {
	const rows = await listUserSessions(db(), actor.id, now());
	return rows.map(({ id, ...row }) => ({ ...row, current: id === currentSessionId }));
}

/** Ends every session of one's own account but the one in use. */
/** A staff member's language for Kaigi's pages and the mails Kaigi sends them. */
export async function setOwnLanguage(actor: Actor, language: string): Promise<void> {
	const locale = toLocale(language);
	if (!locale) throw new DomainError('invalid', m.err_choose_language(), 'language');
	await changeStaffAccount(actor.id, actor.id, 'user.language_changed', (trx) =>
		updateUser(trx, actor.id, { language: locale })
	);
}

/** The language a staff member chose (English until they choose). */
export async function ownLanguage(actor: Actor): Promise<string> {
	return (await findUserById(db(), actor.id))?.language ?? 'en';
}

export async function signOutEverywhereElse(actor: Actor, currentSessionId: string) {
	await changeStaffAccount(actor.id, actor.id, 'user.sign_out_everywhere', (trx) =>
		deleteUserSessions(trx, actor.id, currentSessionId)
	);
}
