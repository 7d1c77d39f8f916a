import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { db, type DB } from '../db/database.ts';
import type { Database, StaffRole } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { findStaffRole } from '../events/event.repository.ts';

// Who acts, and what their role on an event lets them do (DESIGN §5). Routes guard the page
// and each action; every staff service begins with `assertCan` as well, so a service called
// from a script, a job or a future route cannot skip the rule.

/** The person behind a request or a job. */
export type Actor = {
	id: number;
	name: string;
	/** Staff powers: only a password session of an enabled staff account has them. */
	staff: boolean;
	/** An administrator (always also staff): may do everything on every event. */
	admin: boolean;
	/** May create events: given by an administrator, never implied by a role on an event. */
	createsEvents?: boolean;
};

/** The signed-in person of a request, or null for an anonymous visitor. */
export function actorOf(locals: App.Locals): Actor | null {
	if (!locals.user || !locals.session) return null;
	return {
		id: locals.user.id,
		name: locals.user.displayName,
		staff: locals.session.staff,
		admin: locals.session.staff && locals.session.admin,
		createsEvents: locals.session.staff && locals.user.canCreateEvents
	};
}

/**
 * The one table of who may do what on an event, one row per line of DESIGN §5. An admin may do
 * everything; otherwise the person's role on the event decides.
 */
export const CAPABILITIES = {
	/** edit the event, its programme, delegations and visits */
	'event.edit': ['organizer'],
	/** the event's staff roles */
	'staff.manage': ['organizer'],
	/** send, revoke and import invitations */
	'invitations.manage': ['organizer'],
	/** approve, wait-list, decline, cancel and move registrations */
	'registrations.decide': ['organizer'],
	/** announcements, and resending a message of the mail log */
	'announcements.send': ['organizer'],
	/** correct a registration, register a person on their behalf, change a delegate's e-mail */
	'registrations.correct': ['organizer', 'secretariat'],
	/** registrations in full, the mail log, the dashboard, visits */
	'registrations.view': ['organizer', 'secretariat'],
	/** exports, List of Participants, badges, manifests, logistics */
	exports: ['organizer', 'secretariat'],
	/** passport data (view / export, audited) */
	'passport.view': ['organizer', 'secretariat'],
	/** check in / undo */
	checkin: ['organizer', 'secretariat', 'checkin'],
	/** the delegation board: nominations against quotas, verifying nomination letters */
	'delegations.board': ['organizer', 'secretariat'],
	/** focal points, quotas per category, the nomination deadline, calls for nominations */
	'focal_points.manage': ['organizer'],
	/** issue and void visa support letters and certificates; table cards */
	'documents.issue': ['organizer', 'secretariat'],
	/** document templates: body, letterhead, signatory */
	'documents.templates': ['organizer']
	// Creating an event is not in this table: no role on an event grants it. It is a right of the
	// account that an administrator gives (`users.can_create_events`, `assertCanCreateEvents`).
} as const satisfies Record<string, readonly StaffRole[]>;

export type Capability = keyof typeof CAPABILITIES;

export type EventRole = StaffRole | 'admin';

/** True when a role grants a capability. */
export function allows(role: EventRole | null, capability: Capability): boolean {
	if (!role) return false;
	return role === 'admin' || (CAPABILITIES[capability] as readonly string[]).includes(role);
}

/** The actor's role on an event (one primary-key lookup), 'admin', or null. */
export async function roleOn(
	actor: Actor | null,
	eventId: number,
	executor: DB | Transaction<Database> = db()
): Promise<EventRole | null> {
	if (!actor?.staff) return null;
	if (actor.admin) return 'admin';
	return findStaffRole(executor, eventId, actor.id);
}

/** Throws `forbidden` unless the actor's role on the event allows the capability. */
export async function assertCan(
	actor: Actor | null,
	eventId: number,
	capability: Capability,
	executor?: DB | Transaction<Database>
): Promise<EventRole> {
	const role = await roleOn(actor, eventId, executor);
	if (!allows(role, capability)) {
		throw new DomainError('forbidden', m.err_role_not_allowed());
	}
	return role!;
}

/** Throws `forbidden` unless the actor is an administrator. */
export function assertAdmin(actor: Actor | null): asserts actor is Actor {
	if (!actor?.staff || !actor.admin) {
		throw new DomainError('forbidden', m.err_admin_only());
	}
}

/** Throws `forbidden` unless the actor has staff powers (a password session of a staff account). */
export function assertStaff(actor: Actor | null): asserts actor is Actor {
	if (!actor?.staff) throw new DomainError('forbidden', m.err_staff_sign_in());
}

/** Throws `forbidden` unless the actor may create events (an administrator, or given the right). */
export function assertCanCreateEvents(actor: Actor | null): asserts actor is Actor {
	if (!actor?.staff || !(actor.admin || actor.createsEvents)) {
		throw new DomainError('forbidden', m.err_cannot_create_events());
	}
}
