import { expect } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/actor.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { addEventStaff, makeEvent, makeStaff } from './factories.ts';

// The people of DESIGN §5 around one event, for role checks, and fake SvelteKit requests.

export type Person = Actor;

/** An event with an organizer, a secretariat, a check-in member, a stranger and an admin. */
export async function eventWithPeople(overrides: Parameters<typeof makeEvent>[0] = {}) {
	const event = await makeEvent(overrides);
	const make = async (role?: 'organizer' | 'secretariat' | 'checkin', admin = false) => {
		const user = await makeStaff({ admin });
		if (role) await addEventStaff(event.id, user.id, role);
		return { ...staffActor(user), email: user.email };
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

/** The actor of a delegate acting on their own registration (any session kind). */
export function delegateActor(userId: number): Actor {
	return { id: userId, name: '', staff: false, admin: false };
}

/** App.Locals of a signed-in staff member (password session), or of nobody. */
export function localsOf(person: (Person & { email?: string }) | null): App.Locals {
	if (!person) return { user: null, session: null, unavailable: false };
	return {
		user: {
			id: person.id,
			email: person.email ?? 'x@example.org',
			displayName: person.name,
			isAdmin: person.admin,
			isStaff: true
		},
		session: {
			id: 'test',
			authMethod: 'password',
			expiresAt: new Date(Date.now() + 3_600_000),
			staff: true,
			admin: person.admin
		},
		unavailable: false
	};
}

/** A fake RequestEvent for a load or a form action. */
export function requestOf(
	person: Person | null,
	slug: string,
	path: string,
	form?: Record<string, string>
) {
	const url = new URL(`http://127.0.0.1${path}`);
	const body = new FormData();
	for (const [k, v] of Object.entries(form ?? {})) body.set(k, v);
	return {
		locals: localsOf(person),
		params: { slug },
		url,
		request: new Request(url, form ? { method: 'POST', body } : { method: 'GET' })
	} as never;
}

/** The HTTP status a SvelteKit load/action threw (error() or redirect()), or 'ok'. */
export async function statusOf(run: () => unknown): Promise<number | 'ok'> {
	try {
		await run();
		return 'ok';
	} catch (e) {
		const status = (e as { status?: number }).status;
		if (typeof status === 'number') return status;
		throw e;
	}
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
