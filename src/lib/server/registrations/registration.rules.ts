import { windowRefusal } from '../../domain/registration-window.ts';
import type { Event, Registration } from '../db/schema.ts';
import { DomainError } from '../errors.ts';

// Rules shared by the registration use cases, in words a delegate understands.

export type RegistrationActor = { userId: number; staff: boolean };

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
		throw new DomainError('closed', 'This event has been cancelled.');
	}
	if (event.status === 'archived') {
		throw new DomainError('closed', 'This event is archived; registrations can no longer change.');
	}
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
			message:
				'This event is by invitation only. If you were invited, please register through the personal link in your invitation e-mail.'
		};
	}
	return null;
}

/** The delegate who owns it, or staff; anyone else is told it does not exist (references are guessable). */
export function assertMayChange(actor: RegistrationActor, registration: Registration): void {
	if (!actor.staff && registration.user_id !== actor.userId) {
		throw new DomainError('not_found', 'No such registration.');
	}
}

/** Cancelled and declined registrations are final; a new registration is the way back. */
export function assertActive(registration: Registration): void {
	if (registration.status === 'cancelled') {
		throw new DomainError(
			'conflict',
			'This registration is cancelled and can no longer be changed.'
		);
	}
	if (registration.status === 'declined') {
		throw new DomainError(
			'conflict',
			'This registration was declined and can no longer be changed.'
		);
	}
}

export const ALREADY_REGISTERED =
	'This e-mail address is already registered for this event. To see or change that registration, sign in at /signin with this address.';

export const STALE =
	'This registration was changed in another tab or by the secretariat; reload to see the latest version.';
