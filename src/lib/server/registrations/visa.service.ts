import type { VisaData } from '../../schemas/registration.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { Registration } from '../db/schema.ts';
import { visaDataOf } from './registration.fields.ts';

/**
 * Decrypts a registration's passport data for a member of staff and records that they saw it
 * (DESIGN §8: passport data is shown on purpose, and every viewing is audited).
 */
export async function revealVisaData(
	actor: Actor,
	registration: Pick<Registration, 'id' | 'event_id' | 'visa_data_enc'>
): Promise<VisaData | null> {
	await assertCan(actor, registration.event_id, 'passport.view');
	const visa = visaDataOf(registration);
	if (!visa) return null;
	await writeAudit(db(), {
		actorUserId: actor.id,
		action: 'registration.passport_view',
		entityType: 'registration',
		entityId: registration.id,
		eventId: registration.event_id
	});
	return visa;
}
