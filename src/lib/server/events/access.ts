import { error } from '@sveltejs/kit';
import { db } from '../db/database.ts';
import type { Event, StaffRole } from '../db/schema.ts';
import { requireStaff, type StaffActor } from '../auth/guards.ts';
import { findEventBySlug, findStaffRole } from './event.repository.ts';

// Who may do what on an event (DESIGN §5). An admin may do everything; otherwise the
// user's role on the event decides.

export type EventRole = StaffRole | 'admin';

/** What each capability needs. */
export const CAN = {
	/** edit event, programme, visits; invitations; decisions; announcements */
	manage: ['organizer'],
	/** registrations (full), mail log, dashboard, exports, documents, passport data */
	view: ['organizer', 'secretariat'],
	/** correct a registration, register a person on their behalf */
	correct: ['organizer', 'secretariat'],
	/** check in / undo */
	checkin: ['organizer', 'secretariat', 'checkin']
} as const satisfies Record<string, readonly StaffRole[]>;

export type Capability = keyof typeof CAN;

export type EventAccess = { event: Event; actor: StaffActor; role: EventRole };

/** True when a role grants a capability. */
export function allows(role: EventRole | null, capability: Capability): boolean {
	if (!role) return false;
	return role === 'admin' || (CAN[capability] as readonly string[]).includes(role);
}

/**
 * Loads the event of a staff route and checks the signed-in staff member's role on it.
 * Anonymous GETs go to /login; anyone without the capability gets 403; unknown slugs 404.
 * Call it in every load, action and +server.ts of /admin/events/[slug]/….
 */
export async function requireEventAccess(
	request: { locals: App.Locals; params: { slug?: string }; url?: URL; request?: Request },
	capability: Capability
): Promise<EventAccess> {
	const method = request.request?.method ?? 'GET';
	const actor = requireStaff(request.locals, request.url, method);
	const event = await findEventBySlug(db(), request.params.slug ?? '');
	if (!event) error(404, 'No such event');
	const role: EventRole | null = actor.admin
		? 'admin'
		: await findStaffRole(db(), event.id, actor.id);
	if (!role) error(403, 'You are not on the staff of this event.');
	if (!allows(role, capability)) error(403, 'Your role on this event does not allow this.');
	return { event, actor, role };
}
