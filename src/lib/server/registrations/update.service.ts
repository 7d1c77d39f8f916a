import type { Transaction } from 'kysely';
import type { RegistrationInput } from '../../schemas/registration.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database, Event, Registration, RegistrationStatus } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { lockEvent } from '../events/event.repository.ts';
import { encryptVisaData } from '../privacy/pii.ts';
import { promoteWaitlisted } from './decision.service.ts';
import { registrationMailer } from './registration.mail.ts';
import { columnsOf, diffColumns, visaDataOf } from './registration.fields.ts';
import {
	addDelegationSeats,
	addEventSeats,
	findActiveByEmail,
	findRegistrationById,
	lockDelegation,
	lockRegistration,
	updateRegistrationRow
} from './registration.repository.ts';
import { STALE, assertActive, assertMayChange } from './registration.rules.ts';

// A delegate (or the secretariat) edits a registration: optimistic concurrency on `version`,
// and a change of delegation moves the seat under the event lock.

/** Saves an edit of a registration if nobody changed it since `expectedVersion`; a new delegation moves the seat. */
export async function updateRegistration(
	actor: Actor,
	registrationId: number,
	expectedVersion: number,
	values: RegistrationInput
): Promise<void> {
	try {
		await db()
			.transaction()
			.execute(async (trx) => {
				const at = now();
				const found = await findRegistrationById(trx, registrationId);
				if (!found) throw new DomainError('not_found', 'No such registration.');
				await assertMayChange(trx, actor, found);
				const event = await lockEvent(trx, found.event_id);
				const current = (await lockRegistration(trx, registrationId))!;
				if (current.version !== expectedVersion) throw new DomainError('stale', STALE);
				assertActive(current);
				if (!actor.staff && ['archived', 'cancelled'].includes(event.status)) {
					throw new DomainError(
						'closed',
						'This event is over; the registration can no longer be changed.'
					);
				}
				if (
					values.email !== current.email &&
					(await findActiveByEmail(trx, event.id, values.email, current.id))
				) {
					throw new DomainError(
						'conflict',
						'Another registration for this event already uses this e-mail address.',
						'email'
					);
				}
				const moved = await moveDelegation(trx, event, current, values.delegationId);
				const visaBefore = event.collect_visa_support ? visaDataOf(current) : null;
				const visaAfter = event.collect_visa_support ? values.visa : null;
				const columns = columnsOf(values);
				const diff = diffColumns(current, columns, { before: visaBefore, after: visaAfter });
				if (moved.status !== current.status)
					diff.status = { from: current.status, to: moved.status };
				const updated = await updateRegistrationRow(trx, current.id, {
					...columns,
					status: moved.status,
					status_changed_at: moved.status !== current.status ? at : current.status_changed_at,
					visa_data_enc: visaAfter ? encryptVisaData(visaAfter) : current.visa_data_enc,
					updated_at: at
				});
				await writeAudit(trx, {
					actorUserId: actor.id,
					action: 'registration.update',
					entityType: 'registration',
					entityId: current.id,
					eventId: event.id,
					diff: { ...diff, by: actor.staff ? 'staff' : 'delegate' }
				});
				if (moved.status === 'waitlisted' && current.status !== 'waitlisted') {
					await registrationMailer(trx, event)('waitlisted', updated);
				}
				if (moved.seatFreed) await promoteWaitlisted(trx, event);
			});
	} catch (error) {
		if (isUniqueViolation(error, 'registrations_active_email_key')) {
			throw new DomainError(
				'conflict',
				'Another registration for this event already uses this e-mail address.',
				'email'
			);
		}
		throw error;
	}
}

/**
 * Moves a registration to another delegation under the event lock. A confirmed one keeps its
 * seat if the new delegation has room in its quota, else goes to the wait-list.
 */
async function moveDelegation(
	trx: Transaction<Database>,
	event: Event,
	current: Registration,
	delegationId: number
): Promise<{ status: RegistrationStatus; seatFreed: boolean }> {
	if (delegationId === current.delegation_id) return { status: current.status, seatFreed: false };
	const target = await lockDelegation(trx, event.id, delegationId);
	if (!target)
		throw new DomainError('invalid', 'Choose your delegation from the list', 'delegationId');
	if (current.status !== 'confirmed') return { status: current.status, seatFreed: false };
	await addDelegationSeats(trx, current.delegation_id, -1);
	if (target.quota === null || target.seats_taken < target.quota) {
		await addDelegationSeats(trx, target.id, 1);
		return { status: 'confirmed', seatFreed: true };
	}
	await addEventSeats(trx, event.id, -1);
	return { status: 'waitlisted', seatFreed: true };
}
