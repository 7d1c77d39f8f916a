import { m } from '../../paraglide/messages.js';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { deleteEventRow, eventHasRegistrations, lockEvent } from './event.repository.ts';

// A draft that will not happen (a test, a duplicate, a wrong start) can be deleted outright by
// its organizers: nobody outside its staff has seen it. A published event is cancelled or
// archived instead, which keeps its history; a draft with registrations entered by staff too.

/** Deletes a draft event with everything set up for it; audited (the entry outlives the event). */
export async function deleteDraftEvent(actor: Actor, eventId: number): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			await assertCan(actor, eventId, 'event.edit', trx);
			const event = await lockEvent(trx, eventId);
			if (event.status !== 'draft' || event.published_at !== null) {
				throw new DomainError('invalid', m.err_delete_draft_only());
			}
			if (await eventHasRegistrations(trx, eventId)) {
				throw new DomainError('conflict', m.err_draft_has_registrations());
			}
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'event.delete',
				entityType: 'event',
				entityId: eventId,
				eventId,
				diff: { code: event.code, title: event.title }
			});
			await deleteEventRow(trx, eventId);
		});
}
