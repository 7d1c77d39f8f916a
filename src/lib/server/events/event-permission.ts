import type { Transaction } from 'kysely';
import type { StaffActor } from '../auth/guards.ts';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { allows, type Capability } from './access.ts';
import { findStaffRole } from './event.repository.ts';

// The services check the actor's role again (routes already call requireEventAccess), so a
// service called from a script or a future route cannot skip the rule of DESIGN §5.

/** Throws `forbidden` unless the actor's role on the event allows the capability. */
export async function assertEventRole(
	executor: DB | Transaction<Database>,
	actor: StaffActor,
	eventId: number,
	capability: Capability
): Promise<void> {
	const role = actor.admin ? 'admin' : await findStaffRole(executor, eventId, actor.id);
	if (!allows(role, capability)) {
		throw new DomainError('forbidden', 'Your role on this event does not allow this.');
	}
}
