import { m } from '../../paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { allows, roleOn, type Actor, type Capability, type EventRole } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { findEventBySlug } from './event.repository.ts';

// The route guard of a staff page of one event; the table of who may do what is in auth/actor.ts.

export { allows, type Capability, type EventRole };

export type EventAccess = { event: Event; actor: Actor; role: EventRole };

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
	if (!event) error(404, m.err_no_event());
	const role = await roleOn(actor, event.id);
	if (!role) error(403, m.err_not_event_staff());
	if (!allows(role, capability)) error(403, m.err_role_not_allowed());
	return { event, actor, role };
}
