import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import { hashToken } from '../auth/tokens.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database, Event } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { findEventById } from '../events/event.repository.ts';
import { assertTakesRegistrations } from '../registrations/registration.rules.ts';
import { findInvitationByTokenHash, markAccepted, markDeclined } from './invitation.repository.ts';

// The invitee's side: what a link shows, declining, and accepting (by registering).
// Opening a link changes nothing (mail scanners follow links); only a POST answers.

export type InviteeState = 'open' | 'accepted' | 'declined' | 'revoked' | 'expired' | 'closed';

type Found = NonNullable<Awaited<ReturnType<typeof findInvitationByTokenHash>>>;

export type InviteeView =
	| { state: 'unknown' }
	| {
			state: InviteeState;
			invitation: Found;
			event: Event;
			/** Why a 'closed' invitation cannot be answered, in the registration service's words. */
			closedReason: string | null;
	  };

// randomToken() output: lower-case base32. Anything else is not worth a database lookup.
const TOKEN = /^[a-z2-7]{26,64}$/;

function stateOf(invitation: Found, event: Event, at: Date): [InviteeState, string | null] {
	if (invitation.status === 'accepted') return ['accepted', null];
	if (invitation.status === 'declined') return ['declined', null];
	if (invitation.status === 'revoked') return ['revoked', null];
	if (new Date(invitation.expires_at).getTime() <= at.getTime()) return ['expired', null];
	// The registration service's own rule, so the page never offers a form it would refuse.
	try {
		assertTakesRegistrations(event, at, { viaInvitation: true });
	} catch (error) {
		if (error instanceof DomainError) return ['closed', error.message];
		throw error;
	}
	return ['open', null];
}

/** What an invitation link shows; consumes nothing. */
export async function viewInvitation(token: string): Promise<InviteeView> {
	if (!TOKEN.test(token)) return { state: 'unknown' };
	const invitation = await findInvitationByTokenHash(db(), hashToken(token));
	if (!invitation) return { state: 'unknown' };
	const event = await findEventById(db(), invitation.event_id);
	if (!event) return { state: 'unknown' };
	const [state, closedReason] = stateOf(invitation, event, now());
	return { state, invitation, event, closedReason };
}

/** An open invitation for a token, or a DomainError saying why it cannot be answered. */
export async function requireOpenInvitation(token: string) {
	const view = await viewInvitation(token);
	if (view.state === 'unknown') throw new DomainError('not_found', m.err_invitation_link_invalid());
	if (view.state !== 'open') {
		throw new DomainError('conflict', m.err_invitation_cannot_answer({ state: view.state }));
	}
	return view;
}

/** Declines an open invitation, with an optional reason the organizers see. */
export async function declineInvitation(token: string, reason: string | undefined): Promise<void> {
	const { invitation } = await requireOpenInvitation(token);
	const at = now();
	await db()
		.transaction()
		.execute(async (trx) => {
			if (!(await markDeclined(trx, invitation.id, reason ?? null, at))) {
				throw new DomainError('conflict', m.err_invitation_answered_meanwhile());
			}
			await writeAudit(trx, {
				actorUserId: null,
				action: 'invitation.declined',
				entityType: 'invitation',
				entityId: invitation.id,
				eventId: invitation.event_id,
				diff: { email: invitation.email, reason: reason ?? null }
			});
		});
}

/**
 * The `onRegistered` hook for registerDelegate: marks the invitation accepted with the new
 * registration in the same transaction, or aborts it when the invitation was answered,
 * revoked or ran out meanwhile.
 */
export function acceptInvitation(invitationId: number) {
	return async (
		trx: Transaction<Database>,
		registration: { id: number; reference: string; status: string }
	): Promise<void> => {
		const accepted = await markAccepted(trx, invitationId, registration.id, now());
		if (!accepted) {
			throw new DomainError('conflict', m.err_invitation_not_open());
		}
		await writeAudit(trx, {
			actorUserId: null,
			action: 'invitation.accepted',
			entityType: 'invitation',
			entityId: invitationId,
			eventId: accepted.event_id,
			diff: { email: accepted.email, registration: registration.reference }
		});
	};
}
