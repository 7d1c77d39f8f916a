import type { Transaction } from 'kysely';
import { m } from '../../paraglide/messages.js';
import { windowRefusal } from '../../domain/registration-window.ts';
import { hasRoom } from '../../domain/room.ts';
import { assertCan, type Actor, type Capability } from '../auth/actor.ts';
import type { DB } from '../db/database.ts';
import type {
	Database,
	Delegation,
	Event,
	Registration,
	RegistrationStatus
} from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { findInvitationChoices } from './registration.repository.ts';

// Rules shared by the registration use cases, in words a delegate understands.

/** Refuses a registration when the event does not take them now (status, window, end). */
export function assertTakesRegistrations(
	event: Event,
	at: Date,
	options: { viaInvitation: boolean }
): void {
	const refusal = windowRefusal(event, at, options);
	if (refusal) throw new DomainError(refusal.code, refusal.message);
}

/** Staff enter registrations whatever the window, until the event is cancelled or archived. */
export function assertStaffMayEnter(event: Event): void {
	if (event.status === 'cancelled') {
		throw new DomainError('closed', m.err_event_cancelled());
	}
	if (event.status === 'archived') {
		throw new DomainError('closed', m.err_event_archived());
	}
}

/** Who asks for a registration, and what was read about them before the event lock. */
export type Applicant = {
	invitationId: number | null;
	/** The staff member or focal point entering the person, or null for the person themself. */
	enteredBy: number | null;
	/** Admitted by the organizers past the form's gates (demo data of a past meeting). */
	admitted: boolean;
	/** False when the invitation behind the registration was revoked, declined or expired. */
	invitationStands: boolean;
	/** The address already holds an active registration for the event. */
	alreadyActive: boolean;
};

/**
 * Refuses a registration the event does not take from this applicant, in the order a visitor
 * is told: the window (or staff entry), the invitation, invitation-only, then the address and
 * the delegation. Called under the event lock, for one person or for each of a batch in turn.
 */
export function assertMayRegister(
	event: Event,
	delegation: Delegation | undefined,
	at: Date,
	applicant: Applicant
): asserts delegation is Delegation {
	const { invitationId, enteredBy, admitted } = applicant;
	if (enteredBy !== null) assertStaffMayEnter(event);
	else if (!admitted) assertTakesRegistrations(event, at, { viaInvitation: invitationId !== null });
	if (invitationId !== null && !applicant.invitationStands) {
		throw new DomainError('forbidden', m.err_invitation_invalid());
	}
	if (
		event.registration_mode === 'invitation' &&
		invitationId === null &&
		enteredBy === null &&
		!admitted
	) {
		throw new DomainError('forbidden', m.err_invitation_only());
	}
	// Only after the window and the invitation: an event that takes no registration from this
	// visitor answers the same whoever's address is typed, and so tells nobody who attends.
	if (applicant.alreadyActive) throw new DomainError('conflict', alreadyRegistered(), 'email');
	if (!delegation) {
		throw new DomainError('invalid', m.err_choose_delegation(), 'delegationId');
	}
}

/**
 * A new registration's status: pending while it awaits an endorsement or an organizer's
 * approval (staff entries are the organizers' decision), else a seat if the event and the
 * delegation have one, else the waiting list. The counters are those read under the lock.
 */
export function newRegistrationStatus(
	event: Event,
	delegation: Delegation,
	enteredBy: number | null,
	awaitsEndorsement: boolean
): RegistrationStatus {
	if (awaitsEndorsement) return 'pending';
	if (event.registration_mode === 'approval' && enteredBy === null) return 'pending';
	return hasRoom(event, delegation) ? 'confirmed' : 'waitlisted';
}

/**
 * Why the public form cannot take a registration now (by invitation only, closed, not yet
 * open…), in a sentence, or null when it can.
 */
export function publicFormBlocked(
	event: Event,
	at: Date
): { kind: 'invitation' | 'closed'; message: string } | null {
	try {
		assertTakesRegistrations(event, at, { viaInvitation: false });
	} catch (error) {
		if (error instanceof DomainError) return { kind: 'closed', message: error.message };
		throw error;
	}
	if (event.registration_mode === 'invitation') {
		return {
			kind: 'invitation',
			message: m.refusal_invitation_only()
		};
	}
	return null;
}

/**
 * Staff whose role on the event allows the change (cancelling is a decision, editing a
 * correction), or the delegate who owns it; anyone else is told it does not exist (references
 * are guessable).
 */
export async function assertMayChange(
	executor: DB | Transaction<Database>,
	actor: Actor,
	registration: Registration,
	capability: Capability = 'registrations.decide'
): Promise<void> {
	if (actor.staff) {
		await assertCan(actor, registration.event_id, capability, executor);
		return;
	}
	if (registration.user_id !== actor.id) {
		throw new DomainError('not_found', m.err_no_registration());
	}
}

/** Cancelled and declined registrations are final; a new registration is the way back. */
export function assertActive(registration: Registration): void {
	if (registration.status === 'cancelled') {
		throw new DomainError('conflict', m.err_registration_cancelled());
	}
	if (registration.status === 'declined') {
		throw new DomainError('conflict', m.err_registration_declined());
	}
}

export function alreadyRegistered(): string {
	return m.err_already_registered();
}

/** Which of a registration's choices the delegate may not change alone: a change is asked of the organisers. */
export type FixedChoices = { delegation: boolean; category: boolean };

/**
 * What the delegate changes only through the organisers: everything about seating once
 * confirmed; otherwise what someone else decided — the invitation's category (and delegation,
 * when it names one), or both when the organisers (or a focal point) entered the person.
 */
export async function fixedChoicesOf(
	executor: DB | Transaction<Database>,
	registration: Pick<Registration, 'status' | 'invitation_id' | 'entered_by_kind'>
): Promise<FixedChoices> {
	if (registration.status === 'confirmed' || registration.entered_by_kind !== 'self') {
		return { delegation: true, category: true };
	}
	if (registration.invitation_id === null) return { delegation: false, category: false };
	const invitation = await findInvitationChoices(executor, registration.invitation_id);
	return { delegation: invitation?.delegation_id != null, category: true };
}

/** True when the values change a choice the delegate may not change alone. */
export function changesFixedChoice(
	fixed: FixedChoices,
	current: Pick<Registration, 'delegation_id' | 'category'>,
	values: { delegationId: number; category: string }
): boolean {
	return (
		(fixed.delegation && values.delegationId !== current.delegation_id) ||
		(fixed.category && values.category !== current.category)
	);
}
