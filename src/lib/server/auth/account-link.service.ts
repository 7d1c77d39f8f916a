import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { newPassword } from '../../schemas/auth.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { afterAnswer } from '../after-answer.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import type { RenderedMail } from '../mail/message.ts';
import {
	passwordChangedMail,
	passwordResetMail,
	staffInvitationMail
} from '../mail/templates/staff-account.ts';
import { changeStaffAccount } from '../users/staff-account-change.ts';
import { findUserByEmail, findUserById, updateUser } from '../users/user.repository.ts';
import { assertAdmin, type Actor } from './actor.ts';
import { hashPassword } from './password.ts';
import { blockedFor, consume, type Limit } from './rate-limit.ts';
import { deleteUserSessions } from './session.repository.ts';
import {
	consumeSignInToken,
	findUsableTokenOwner,
	insertSignInToken,
	retireTokens
} from './sign-in-link.repository.ts';
import { hashToken, randomToken } from './tokens.ts';

// One-time links to a staff account: an invitation to choose one's password (72 hours) and a
// reset of a forgotten one (30 minutes). Only the token's hash is stored; a newer link of the
// same kind retires older ones; using one sets the password and ends every session.

export type AccountLinkPurpose = 'staff_invitation' | 'password_reset';

const HOUR = 60 * 60 * 1000;
export const INVITATION_HOURS = 72;
export const RESET_MINUTES = 30;
const LIFETIME: Record<AccountLinkPurpose, number> = {
	staff_invitation: INVITATION_HOURS * HOUR,
	password_reset: RESET_MINUTES * 60 * 1000
};
const RESETS_PER_EMAIL: Limit = { max: 3, windowMs: HOUR };
const RESETS_PER_IP: Limit = { max: 30, windowMs: HOUR };

type Owner = { id: number; email: string; display_name: string; language?: string | null };

/** Queues a one-time link to an account in the caller's transaction. */
export async function sendAccountLink(
	trx: Transaction<Database>,
	user: Owner,
	purpose: AccountLinkPurpose,
	mail: (link: string) => RenderedMail
): Promise<void> {
	const token = randomToken();
	const createdAt = now();
	await retireTokens(trx, user.id, purpose, createdAt);
	const id = await insertSignInToken(
		trx,
		{
			hash: hashToken(token),
			userId: user.id,
			createdAt,
			expiresAt: new Date(createdAt.getTime() + LIFETIME[purpose])
		},
		purpose
	);
	await enqueueEmail(trx, {
		to: user.email,
		template: purpose === 'staff_invitation' ? 'staff-invitation' : 'password-reset',
		dedupeKey: `${purpose.replace('_', '-')}-${id}`,
		...mail(`${config().origin}/login/password/${token}`)
	});
}

/** The invitation mail of a staff account. */
export function invitationMail(user: Owner, invitedBy: string) {
	return (link: string) =>
		staffInvitationMail({
			name: user.display_name,
			invitedBy,
			link,
			hours: INVITATION_HOURS,
			language: user.language
		});
}

function resetMail(user: Owner) {
	return (link: string) =>
		passwordResetMail({
			name: user.display_name,
			link,
			minutes: RESET_MINUTES,
			language: user.language
		});
}

/**
 * Whose account a link opens and what for, or null (reads only: mail scanners opening it burn
 * nothing).
 */
export async function accountLinkOwner(
	token: string
): Promise<{ name: string; email: string; purpose: AccountLinkPurpose } | null> {
	if (!token || token.length > 128) return null;
	for (const purpose of ['staff_invitation', 'password_reset'] as const) {
		const owner = await findUsableTokenOwner(db(), hashToken(token), now(), purpose);
		if (owner) return { name: owner.display_name, email: owner.email, purpose };
	}
	return null;
}

/**
 * Uses a link once: sets the person's own password (the policy applies), ends every session of
 * the account, and (for a reset) tells the owner by e-mail. Returns the user id.
 */
export async function setPasswordWithLink(
	token: string,
	password: string,
	ip: string
): Promise<{ userId: number; purpose: AccountLinkPurpose }> {
	const purpose = (await accountLinkOwner(token))?.purpose;
	if (!purpose) throw new DomainError('invalid', m.err_account_link_unusable());
	const checked = newPassword.safeParse(password);
	if (!checked.success) {
		throw new DomainError('invalid', checked.error.issues[0].message, 'newPassword');
	}
	const passwordHash = await hashPassword(password);
	return db()
		.transaction()
		.execute(async (trx) => {
			const userId = await consumeSignInToken(trx, hashToken(token), now(), purpose);
			if (userId === undefined) throw new DomainError('invalid', m.err_account_link_unusable());
			const user = (await findUserById(trx, userId))!;
			await updateUser(trx, userId, { password_hash: passwordHash });
			await deleteUserSessions(trx, userId);
			await writeAudit(trx, {
				actorUserId: userId,
				action: purpose === 'staff_invitation' ? 'staff.invitation_accept' : 'user.password_reset',
				entityType: 'user',
				entityId: userId,
				diff: { ip }
			});
			if (purpose === 'password_reset') {
				await enqueueEmail(trx, {
					to: user.email,
					template: 'password-changed',
					dedupeKey: `password-changed-${userId}-${now().getTime()}`,
					...passwordChangedMail({ name: user.display_name, language: user.language })
				});
			}
			return { userId, purpose };
		});
}

async function checkLimit(key: string, limit: Limit): Promise<void> {
	if (await consume(db(), key, limit)) return;
	const minutes = Math.max(1, Math.ceil((await blockedFor(db(), key, limit)) / 60));
	throw new DomainError(
		'rate_limited',
		minutes === 1 ? m.err_reset_rate_one() : m.err_reset_rate_many({ minutes })
	);
}

async function mailResetIfKnown(email: string, ip: string): Promise<void> {
	const user = await findUserByEmail(db(), email);
	if (!user?.is_staff || user.disabled_at) return;
	await db()
		.transaction()
		.execute(async (trx) => {
			await sendAccountLink(trx, user, 'password_reset', resetMail(user));
			await writeAudit(trx, {
				actorUserId: user.id,
				action: 'user.password_reset_requested',
				entityType: 'user',
				entityId: user.id,
				diff: { ip }
			});
		});
}

/**
 * "Forgot password": the answer is the same, after the same work (two rate-limit counts), for
 * every address; whether a mail goes out is decided after answering, so neither the answer
 * nor its timing tells whether an account exists.
 */
export async function requestPasswordReset(input: { email: string; ip: string }): Promise<void> {
	await checkLimit(`reset:ip:${input.ip}`, RESETS_PER_IP);
	await checkLimit(`reset:email:${input.email}`, RESETS_PER_EMAIL);
	afterAnswer('password reset mail failed', () => mailResetIfKnown(input.email, input.ip));
}

/** An administrator sends someone a reset link (nobody ever reads a password off a screen). */
export async function sendResetLinkFor(actor: Actor, userId: number): Promise<void> {
	assertAdmin(actor);
	await changeStaffAccount(actor.id, userId, 'staff.password_reset_sent', (trx, user) =>
		sendAccountLink(trx, user, 'password_reset', resetMail(user))
	);
}
