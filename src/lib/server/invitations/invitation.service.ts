import { delegationNameIn } from '../../domain/translations.ts';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import type { Transaction } from 'kysely';
import type { InvitationInput } from '../../schemas/invitation.ts';
import { dayKey, startOfDay } from '../../time.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import type { Database, Event } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { findEventById, listDelegations } from '../events/event.repository.ts';
import { enqueueEmail, enqueueEmails, type QueuedMail } from '../mail/outbox.ts';
import { invitationMail, type MailDelegation } from '../mail/templates/invitation.ts';
import { localizePath, toLocale, type Locale } from '../../i18n/locales.ts';
import {
	countRecentlyMailed,
	findRegisteredEmails,
	insertInvitation,
	knownLanguages,
	lockInvitation,
	lockUnanswered,
	markReminded,
	updateInvitation,
	countInvitationStates,
	listInvitations,
	type InvitationFilter
} from './invitation.repository.ts';

// The organizer's side of invitations: invite, send, resend, revoke, remind.
// Only a token's SHA-256 is stored, so every mail that carries a link carries a new token.

const DAY = 86_400_000;
/** A reminder skips anyone who got an invitation mail this recently. */
export const REMIND_QUIET_MS = DAY;

/** The public link of a token, opening the invitee's page in `locale`. */
export function invitationLink(token: string, locale: Locale = 'en'): string {
	return `${config().origin}${localizePath(`/invitations/${token}`, locale)}`;
}

/**
 * Default reply-by: the registration close while it is ahead, otherwise the end of the 30th
 * day from now in the event's zone (people read "reply by 26 Jan, 23:59", not "…, 15:42").
 */
export function defaultExpiry(
	event: Pick<Event, 'registration_closes_at' | 'time_zone'>,
	at: Date
): Date {
	const closes = event.registration_closes_at ? new Date(event.registration_closes_at) : null;
	if (closes && closes.getTime() > at.getTime() + 3_600_000) return closes;
	const dayAfter = dayKey(new Date(at.getTime() + 31 * DAY), event.time_zone);
	return new Date(startOfDay(dayAfter, event.time_zone).getTime() - 60_000);
}

type InvitationForMail = {
	id: number;
	email: string;
	honorific: string | null;
	given_name: string | null;
	family_name: string;
	personal_message: string;
	expires_at: Date;
	/** The language the invitee is known to read (knownLanguages); English when unknown. */
	language?: string | null;
};

/**
 * The queued invitation (or reminder) mail of one invitee, in their language when known: the
 * event and the delegation named in it, and the link opening their page in it.
 */
export function invitationOutboxRow(
	event: Event,
	invitation: InvitationForMail,
	delegation: MailDelegation | null,
	token: string,
	kind: 'invitation' | 'reminder',
	dedupeKey: string
): QueuedMail {
	return {
		...invitationMail({
			kind,
			event,
			invitee: invitation,
			delegation,
			link: invitationLink(token, toLocale(invitation.language) ?? 'en'),
			language: invitation.language
		}),
		to: invitation.email,
		template: kind,
		dedupeKey,
		eventId: event.id
	};
}

/** Refuses a person who already holds a registration of the event, naming its reference. */
export async function assertNotRegistered(
	trx: Transaction<Database>,
	eventId: number,
	email: string
): Promise<void> {
	const registered = await findRegisteredEmails(trx, eventId, [email]);
	if (registered.size) {
		throw new DomainError(
			'conflict',
			m.err_person_registered({ reference: registered.get(email) ?? '' }),
			'email'
		);
	}
}

type InvitedPerson = Pick<
	InvitationInput,
	'honorific' | 'givenName' | 'familyName' | 'email' | 'organisation' | 'position' | 'category'
> & { personalMessage?: string };

/** The row of a new invitation (its token stored only as a hash). */
export function invitationRow(
	input: InvitedPerson,
	delegationId: number,
	token: string,
	options: { send: boolean; expiresAt: Date; at: Date }
) {
	return {
		email: input.email,
		honorific: input.honorific ?? null,
		given_name: input.givenName ?? null,
		family_name: input.familyName,
		delegation_id: delegationId,
		organisation: input.organisation ?? '',
		position: input.position ?? '',
		category: input.category,
		personal_message: input.personalMessage ?? '',
		token_hash: hashToken(token),
		status: options.send ? ('sent' as const) : ('pending' as const),
		expires_at: options.expiresAt,
		sent_at: options.send ? options.at : null
	};
}

async function loadEvent(executor: Transaction<Database>, eventId: number): Promise<Event> {
	const event = await findEventById(executor, eventId);
	if (!event) throw new DomainError('not_found', m.err_no_event());
	return event;
}

/** Invites one person; the e-mail goes out now unless `send` is false (the invitation stays pending). */
export async function inviteOne(
	actor: Actor,
	eventId: number,
	input: InvitationInput,
	options: { send: boolean }
): Promise<{ id: number }> {
	await assertCan(actor, eventId, 'invitations.manage');
	const at = now();
	try {
		return await db()
			.transaction()
			.execute(async (trx) => {
				const event = await loadEvent(trx, eventId);
				const key = input.delegation.toLowerCase();
				const delegation = (await listDelegations(trx, eventId)).find(
					(d) => d.code.toLowerCase() === key || d.name.toLowerCase() === key
				);
				if (!delegation) {
					throw new DomainError('invalid', m.err_choose_event_delegation(), 'delegation');
				}
				await assertNotRegistered(trx, eventId, input.email);
				const token = randomToken();
				const row = invitationRow(input, delegation.id, token, {
					send: options.send,
					expiresAt: defaultExpiry(event, at),
					at
				});
				const { id } = await insertInvitation(trx, eventId, actor.id, row, at);
				if (options.send) {
					const language = (await knownLanguages(trx, [row.email])).get(row.email);
					const mail = invitationOutboxRow(
						event,
						{ id, ...row, language },
						delegation,
						token,
						'invitation',
						`invitation-${id}`
					);
					await enqueueEmail(trx, mail);
				}
				await writeAudit(trx, {
					actorUserId: actor.id,
					action: options.send ? 'invitation.sent' : 'invitation.created',
					entityType: 'invitation',
					entityId: id,
					eventId,
					diff: { email: row.email, delegation: delegation.code, category: row.category }
				});
				return { id };
			});
	} catch (error) {
		if (isUniqueViolation(error)) {
			throw new DomainError('conflict', m.err_already_invited(), 'email');
		}
		throw error;
	}
}

/**
 * Sends a pending invitation, or sends a sent one again, with a new link (the old one stops
 * working) and, if it has run out, a new reply-by date.
 */
export async function sendInvitation(actor: Actor, eventId: number, id: number): Promise<void> {
	await assertCan(actor, eventId, 'invitations.manage');
	const at = now();
	await db()
		.transaction()
		.execute(async (trx) => {
			const invitation = await lockInvitation(trx, eventId, id);
			if (!invitation) throw new DomainError('not_found', m.err_no_invitation());
			if (invitation.status !== 'pending' && invitation.status !== 'sent') {
				throw new DomainError(
					'conflict',
					m.err_invitation_cannot_send({ status: invitation.status })
				);
			}
			const event = await loadEvent(trx, eventId);
			const token = randomToken();
			const expired = new Date(invitation.expires_at).getTime() <= at.getTime();
			const expiresAt = expired ? defaultExpiry(event, at) : new Date(invitation.expires_at);
			await updateInvitation(trx, id, {
				token_hash: hashToken(token),
				status: 'sent',
				sent_at: at,
				expires_at: expiresAt
			});
			const first = invitation.status === 'pending' && !invitation.sent_at;
			const language = (await knownLanguages(trx, [invitation.email])).get(invitation.email);
			const delegation =
				invitation.delegation_name === null
					? null
					: {
							name: invitation.delegation_name,
							kind: invitation.delegation_kind,
							country_code: invitation.delegation_country,
							translations: invitation.delegation_translations
						};
			await enqueueEmail(
				trx,
				invitationOutboxRow(
					event,
					{ ...invitation, expires_at: expiresAt, language },
					delegation,
					token,
					'invitation',
					first ? `invitation-${id}` : `invitation-${id}-resent-${at.getTime()}`
				)
			);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: first ? 'invitation.sent' : 'invitation.resent',
				entityType: 'invitation',
				entityId: id,
				eventId,
				diff: { email: invitation.email, ...(expired ? { expires_at: expiresAt } : {}) }
			});
		});
}

/** Revokes an invitation that has not been answered: its link stops working. */
export async function revokeInvitation(actor: Actor, eventId: number, id: number): Promise<void> {
	await assertCan(actor, eventId, 'invitations.manage');
	await db()
		.transaction()
		.execute(async (trx) => {
			const invitation = await lockInvitation(trx, eventId, id);
			if (!invitation) throw new DomainError('not_found', m.err_no_invitation());
			if (invitation.status === 'accepted') {
				throw new DomainError('conflict', m.err_invitation_accepted());
			}
			if (invitation.status !== 'pending' && invitation.status !== 'sent') {
				throw new DomainError('conflict', m.err_invitation_already({ status: invitation.status }));
			}
			await updateInvitation(trx, id, { status: 'revoked' });
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'invitation.revoked',
				entityType: 'invitation',
				entityId: id,
				eventId,
				diff: { email: invitation.email, status: [invitation.status, 'revoked'] }
			});
		});
}

/**
 * Reminds everyone whose sent invitation is still open, each with a new link; skips those
 * mailed in the last day. Returns how many were reminded and skipped.
 */
export async function remindUnanswered(
	actor: Actor,
	eventId: number
): Promise<{ reminded: number; skipped: number }> {
	await assertCan(actor, eventId, 'invitations.manage');
	const at = now();
	const quietSince = new Date(at.getTime() - REMIND_QUIET_MS);
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await loadEvent(trx, eventId);
			const open = await lockUnanswered(trx, eventId, at, quietSince);
			const skipped = await countRecentlyMailed(trx, eventId, at, quietSince);
			if (open.length === 0) return { reminded: 0, skipped };
			const delegations = new Map((await listDelegations(trx, eventId)).map((d) => [d.id, d]));
			const languages = await knownLanguages(
				trx,
				open.map((i) => i.email)
			);
			const tokens = open.map((invitation) => ({ invitation, token: randomToken() }));
			await markReminded(
				trx,
				tokens.map(({ invitation, token }) => ({ id: invitation.id, tokenHash: hashToken(token) })),
				at
			);
			await enqueueEmails(
				trx,
				tokens.map(({ invitation, token }) =>
					invitationOutboxRow(
						event,
						{ ...invitation, language: languages.get(invitation.email) },
						delegations.get(invitation.delegation_id ?? 0) ?? null,
						token,
						'reminder',
						`invitation-reminder-${invitation.id}-${at.getTime()}`
					)
				)
			);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'invitations.reminded',
				entityType: 'event',
				entityId: eventId,
				eventId,
				diff: { reminded: open.length, skipped, invitation_ids: open.map((i) => i.id) }
			});
			return { reminded: open.length, skipped };
		});
}

export { INVITATION_STATES, type InvitationState } from './invitation.repository.ts';

/** The event's invitations matching a filter (at most `limit`), and how many are in each state. */
export async function invitationList(
	actor: Actor,
	eventId: number,
	filter: InvitationFilter,
	limit: number
) {
	await assertCan(actor, eventId, 'invitations.manage');
	const at = now();
	const [invitations, counts] = await Promise.all([
		listInvitations(db(), eventId, filter, at, limit),
		countInvitationStates(db(), eventId, at)
	]);
	const locale = getLocale();
	return {
		invitations: invitations.map(
			({ delegation_kind, delegation_country, delegation_translations, ...invitation }) => ({
				...invitation,
				delegation_name:
					invitation.delegation_name === null
						? null
						: delegationNameIn(
								{
									name: invitation.delegation_name,
									kind: delegation_kind,
									country_code: delegation_country,
									translations: delegation_translations
								},
								locale
							)
			})
		),
		counts
	};
}
