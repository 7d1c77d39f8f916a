import { m } from '../../paraglide/messages.js';
import { writeAudit } from '../audit/audit.repository.ts';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { afterAnswer } from '../after-answer.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { toLocale } from '../../i18n/locales.ts';
import { signInMail } from '../mail/templates/sign-in.ts';
import { findUserByEmail } from '../users/user.repository.ts';
import { blockedFor, consume, type Limit } from './rate-limit.ts';
import { safeNext } from './guards.ts';
import {
	consumeSignInToken,
	insertSignInToken,
	isUsableSignInToken
} from './sign-in-link.repository.ts';
import { createSession } from './session.service.ts';
import { hashToken, randomToken } from './tokens.ts';

export const SIGN_IN_LINK_MINUTES = 15;
const HOUR = 60 * 60 * 1000;
/**
 * Generous: a whole ministry, or a conference venue's Wi-Fi, may sit behind one address. Each
 * address is also limited on its own (SIGNIN_LINKS_PER_EMAIL_PER_HOUR), which stops mail bombing.
 */
export const SIGN_IN_LINKS_PER_IP_PER_HOUR = 300;

function waitMessage(seconds: number, who: () => string): string {
	const minutes = Math.max(1, Math.ceil(seconds / 60));
	const wait = minutes === 1 ? m.err_signin_wait_one() : m.err_signin_wait_many({ minutes });
	return `${who()} ${wait}`;
}

async function checkLimit(key: string, limit: Limit, who: () => string): Promise<void> {
	const database = db();
	if (await consume(database, key, limit)) return;
	throw new DomainError('rate_limited', waitMessage(await blockedFor(database, key, limit), who));
}

/**
 * Sends a one-time sign-in link to a person who has a user row (delegates get one when they
 * register). Unknown addresses get no mail but the caller answers the same way; limits are
 * counted for every address, known or not, so they reveal nothing either. The answer comes
 * once the limits are counted — the same statements for every address — and the person is
 * looked up and mailed after it: a known address must not take longer to answer (it did,
 * ~5 ms against ~3 ms, by the token, the mail and the audit entry written first).
 */
export async function requestSignInLink(input: {
	email: string;
	ip: string;
	next?: string | null;
	/** The language of the page it was asked on: the mail and the link's page use it. */
	language?: string | null;
}): Promise<void> {
	await checkLimit(
		`signin:ip:${input.ip}`,
		{ max: SIGN_IN_LINKS_PER_IP_PER_HOUR, windowMs: HOUR },
		m.err_signin_many_network
	);
	await checkLimit(
		`signin:email:${input.email}`,
		{ max: config().signInLinksPerEmailPerHour, windowMs: HOUR },
		m.err_signin_many_address
	);
	afterAnswer('sign-in link not sent', () => sendLinkIfKnown(input));
}

async function sendLinkIfKnown(input: {
	email: string;
	ip: string;
	next?: string | null;
	language?: string | null;
}) {
	const user = await findUserByEmail(db(), input.email);
	if (!user || user.disabled_at) return;

	const token = randomToken();
	const createdAt = now();
	const next = safeNext(input.next ?? null, '/me');
	const language = toLocale(input.language) ?? 'en';
	const link =
		`${config().origin}${language === 'en' ? '' : `/${language}`}/signin/${token}` +
		(next === '/me' ? '' : `?next=${encodeURIComponent(next)}`);
	await db()
		.transaction()
		.execute(async (trx) => {
			const id = await insertSignInToken(trx, {
				hash: hashToken(token),
				userId: user.id,
				createdAt,
				expiresAt: new Date(createdAt.getTime() + SIGN_IN_LINK_MINUTES * 60_000)
			});
			await enqueueEmail(trx, {
				to: user.email,
				template: 'sign-in',
				dedupeKey: `sign-in-${id}`,
				...signInMail({ name: user.display_name, link, minutes: SIGN_IN_LINK_MINUTES, language })
			});
			await writeAudit(trx, {
				actorUserId: user.id,
				action: 'auth.sign_in_link_sent',
				entityType: 'user',
				entityId: user.id,
				diff: { ip: input.ip }
			});
		});
}

/** True when a link can still be used; looks only, so mail scanners opening it burn nothing. */
export async function isSignInLinkUsable(token: string): Promise<boolean> {
	if (!token || token.length > 128) return false;
	return isUsableSignInToken(db(), hashToken(token), now());
}

/** Uses a sign-in link once and opens an e-mail-link session (never with staff powers). */
export async function signInWithLink(
	token: string,
	ip: string
): Promise<{ token: string; expiresAt: Date; userId: number }> {
	if (!token || token.length > 128) throw new DomainError('invalid', m.err_signin_link_unusable());
	const userId = await db()
		.transaction()
		.execute(async (trx) => {
			const id = await consumeSignInToken(trx, hashToken(token), now());
			if (id === undefined) return undefined;
			await writeAudit(trx, {
				actorUserId: id,
				action: 'auth.sign_in',
				entityType: 'user',
				entityId: id,
				diff: { method: 'email_link', ip }
			});
			return id;
		});
	if (userId === undefined) throw new DomainError('invalid', m.err_signin_link_unusable());
	const session = await createSession(userId, 'email_link');
	return { ...session, userId };
}
