import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { writeAudit } from '../audit/audit.repository.ts';
import { consume } from '../auth/rate-limit.ts';
import { createSession } from '../auth/session.service.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { emailChangedMail, emailChangeMail } from '../mail/templates/registration-changes.ts';
import {
	consumeEmailChange,
	findUsableEmailChange,
	findUserById,
	insertEmailChange,
	listRegistrationAddresses,
	moveRegistrationsToUser,
	retireEmailChanges,
	setUserEmail,
	findUserIdByEmail
} from './corrections.repository.ts';
import { findOrCreateUser } from '../users/user.repository.ts';

// A delegate changes the address their registrations use. The link goes to the NEW address
// (so a typo cannot hand the registrations to a stranger), works once, and is stored hashed;
// opening it only shows a button (mail scanners open links), pressing the button changes it.

export const EMAIL_CHANGE_HOURS = 24;
const HOUR = 3_600_000;
const PER_USER_PER_HOUR = 5;

/** Sends a confirmation link for a new address to that address; nothing changes until it is used. */
export async function requestEmailChange(
	user: { id: number; email: string; displayName: string },
	newEmail: string,
	/** The language the mail is written in: the page's when not given. */
	language: string = getLocale()
): Promise<void> {
	if (newEmail === user.email) {
		throw new DomainError('invalid', m.err_email_same(), 'newEmail');
	}
	if (
		!(await consume(db(), `email-change:${user.id}`, { max: PER_USER_PER_HOUR, windowMs: HOUR }))
	) {
		throw new DomainError('rate_limited', m.err_email_too_many(), 'newEmail');
	}
	const token = randomToken();
	const createdAt = now();
	await db()
		.transaction()
		.execute(async (trx) => {
			// Only the newest link works.
			await retireEmailChanges(trx, user.id, createdAt);
			await insertEmailChange(trx, {
				userId: user.id,
				newEmail,
				hash: hashToken(token),
				createdAt,
				expiresAt: new Date(createdAt.getTime() + EMAIL_CHANGE_HOURS * HOUR)
			});
			await enqueueEmail(trx, {
				...emailChangeMail({
					name: user.displayName,
					newEmail,
					link: `${config().origin}/me/email/${token}`,
					hours: EMAIL_CHANGE_HOURS,
					language
				}),
				to: newEmail,
				template: 'email-change',
				dedupeKey: `email-change-${user.id}-${createdAt.getTime()}`
			});
			await writeAudit(trx, {
				actorUserId: user.id,
				action: 'user.email_change_requested',
				entityType: 'user',
				entityId: user.id,
				diff: { to: newEmail }
			});
		});
}

/** The new address a link would confirm, or null when it cannot be used; looks only. */
export async function emailChangeFor(token: string): Promise<string | null> {
	if (!token || token.length > 128) return null;
	const change = await findUsableEmailChange(db(), hashToken(token), now());
	return change?.new_email ?? null;
}

/**
 * Uses a link once: the person's registrations move to the new address. When someone already
 * signs in with that address (or the account is a staff account), they move to that person,
 * and the browser is signed in as them: the link proved the new address is theirs.
 */
export async function confirmEmailChange(
	token: string
): Promise<{ newEmail: string; session: { token: string; expiresAt: Date } | null }> {
	if (!token || token.length > 128) throw new DomainError('invalid', m.err_email_change_unusable());
	const at = now();
	let result;
	try {
		result = await db()
			.transaction()
			.execute(async (trx) => {
				const change = await findUsableEmailChange(trx, hashToken(token), at);
				if (!change || !(await consumeEmailChange(trx, change.id, at))) {
					throw new DomainError('invalid', m.err_email_change_unusable());
				}
				const user = (await findUserById(trx, change.user_id))!;
				const taken = await findUserIdByEmail(trx, change.new_email);
				let ownerId = user.id;
				if (taken || user.is_staff) {
					ownerId = await findOrCreateUser(trx, change.new_email, user.display_name);
				} else {
					await setUserEmail(trx, user.id, change.new_email);
				}
				const before = await listRegistrationAddresses(trx, user.id);
				await moveRegistrationsToUser(trx, user.id, ownerId, change.new_email, at);
				for (const registration of before) {
					await writeAudit(trx, {
						actorUserId: user.id,
						action: 'registration.email_change',
						entityType: 'registration',
						entityId: registration.id,
						eventId: registration.event_id,
						diff: { email: { from: registration.email, to: change.new_email } }
					});
				}
				await enqueueEmail(trx, {
					...emailChangedMail({
						name: user.display_name,
						newEmail: change.new_email,
						language: user.language
					}),
					to: change.old_email,
					template: 'email-changed',
					dedupeKey: `email-changed-${change.id}`
				});
				return { newEmail: change.new_email, ownerId, movedToOther: ownerId !== user.id };
			});
	} catch (error) {
		if (isUniqueViolation(error, 'registrations_active_email_key')) {
			throw new DomainError('conflict', m.err_email_taken());
		}
		throw error;
	}
	const session = result.movedToOther ? await createSession(result.ownerId, 'email_link') : null;
	return { newEmail: result.newEmail, session };
}
