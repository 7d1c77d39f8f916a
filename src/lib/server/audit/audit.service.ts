import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import { listAudit } from './audit.repository.ts';

// The audit trail as staff read it: only those who may see the event's registrations.

/** The audit entries of one registration of an event, oldest first. */
export async function registrationAuditTrail(
	actor: Actor,
	registration: { id: number; event_id: number }
) {
	await assertCan(actor, registration.event_id, 'registrations.view');
	return listAudit(db(), 'registration', registration.id);
}
