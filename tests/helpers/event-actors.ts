import { expect } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/actor.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { addEventStaff, makeEvent, makeStaff } from './factories.ts';
import { localsFor } from './request-event.ts';

// The people of DESIGN §5 around one event, for role checks, each signed in (request-event.ts).

/** A staff member of the event: their actor (for services) and their signed-in locals (for routes). */
export type Person = Actor & { locals: App.Locals };

/** An event with an organizer, a secretariat, a check-in member, a stranger and an admin. */
export async function eventWithPeople(overrides: Parameters<typeof makeEvent>[0] = {}) {
	const event = await makeEvent(overrides);
	const make = async (role?: 'organizer' | 'secretariat' | 'checkin', admin = false) => {
		const user = await makeStaff({ admin });
		if (role) await addEventStaff(event.id, user.id, role);
		const locals = await localsFor(user.id, 'password');
		return { ...staffActor(user), email: user.email, locals };
	};
	return {
		event,
		organizer: await make('organizer'),
		secretariat: await make('secretariat'),
		checkin: await make('checkin'),
		stranger: await make(),
		admin: await make(undefined, true)
	};
}

/** The actor of a staff member signed in with a password, from their user row. */
export function staffActor(user: {
	id: number;
	display_name?: string;
	name?: string;
	is_admin?: boolean;
	admin?: boolean;
}): Actor {
	const admin = user.is_admin ?? user.admin ?? false;
	return { id: user.id, name: user.display_name ?? user.name ?? '', staff: true, admin };
}

/** A new staff member with this role on the event, as the actor of a service call. */
export async function actorWithRole(
	eventId: number,
	role: 'organizer' | 'secretariat' | 'checkin'
): Promise<Actor> {
	const user = await makeStaff();
	await addEventStaff(eventId, user.id, role);
	return staffActor(user);
}

/** The actor of a delegate acting on their own registration (any session kind). */
export function delegateActor(userId: number): Actor {
	return { id: userId, name: '', staff: false, admin: false };
}

/** Awaits a rejected promise and returns its DomainError. */
export async function domainError(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

export type { Actor };
