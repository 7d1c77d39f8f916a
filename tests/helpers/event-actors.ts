import { expect } from 'vitest';
import type { StaffActor } from '../../src/lib/server/auth/guards.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { addEventStaff, makeEvent, makeStaff } from './factories.ts';
import { localsFor } from './request-event.ts';

// The people of DESIGN §5 around one event, for role checks, each signed in (request-event.ts).

export type Person = { id: number; admin: boolean; name: string; locals: App.Locals };

/** An event with an organizer, a secretariat, a check-in member, a stranger and an admin. */
export async function eventWithPeople(overrides: Parameters<typeof makeEvent>[0] = {}) {
	const event = await makeEvent(overrides);
	const make = async (role?: 'organizer' | 'secretariat' | 'checkin', admin = false) => {
		const user = await makeStaff({ admin });
		if (role) await addEventStaff(event.id, user.id, role);
		const locals = await localsFor(user.id, 'password');
		return { id: user.id, admin, name: user.display_name, email: user.email, locals };
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

/** Awaits a rejected promise and returns its DomainError. */
export async function domainError(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

export type { StaffActor };
