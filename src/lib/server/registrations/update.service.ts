import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { delegationHasRoom } from '../../domain/room.ts';
import type { RegistrationInput } from '../../schemas/registration.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database, Event, Registration, RegistrationStatus } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import {
	addDelegationSeats,
	delegationName,
	lockDelegation
} from '../events/delegation.repository.ts';
import { addEventSeats, lockEvent } from '../events/event.repository.ts';
import { encryptVisaData } from '../privacy/pii.ts';
import { promoteWaitlisted } from './decision.service.ts';
import { registrationMailer } from './registration.mail.ts';
import { columnsOf, diffColumns, visaDataOf } from './registration.fields.ts';
import {
	findActiveByEmail,
	findRegistrationById,
	lockRegistration,
	updateRegistrationRow
} from './registration.repository.ts';
import {
	assertActive,
	assertMayChange,
	changesFixedChoice,
	fixedChoicesOf
} from './registration.rules.ts';

// A delegate (or the secretariat) edits a registration: optimistic concurrency on `version`,
// and a change of delegation moves the seat under the event lock.

/** What an edit changed, for the callers that mail or record more about it. */
export type UpdateOutcome = {
	event: Event;
	before: Registration;
	after: Registration;
	/** Readable changes ({ field: { from, to } }), as written to the audit log. */
	diff: Record<string, { from: unknown; to: unknown }>;
};

/** Saves an edit of a registration if nobody changed it since `expectedVersion`; a new delegation moves the seat. */
export async function updateRegistration(
	actor: Actor,
	registrationId: number,
	expectedVersion: number,
	values: RegistrationInput
): Promise<void> {
	await withEmailConflict(() =>
		db()
			.transaction()
			.execute((trx) =>
				updateRegistrationWithin(trx, actor, registrationId, expectedVersion, values)
			)
	);
}

/** Turns the active-e-mail unique violation into the sentence a person understands. */
export async function withEmailConflict<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (isUniqueViolation(error, 'registrations_active_email_key')) {
			throw new DomainError('conflict', m.err_registration_email_taken(), 'email');
		}
		throw error;
	}
}

/** updateRegistration inside the caller's transaction; returns what changed. */
export async function updateRegistrationWithin(
	trx: Transaction<Database>,
	actor: Actor,
	registrationId: number,
	expectedVersion: number,
	values: RegistrationInput,
	/** Staff corrections refuse a move into a full delegation rather than wait-list a confirmed person. */
	options: { whenFull: 'waitlist' | 'refuse' } = { whenFull: 'waitlist' }
): Promise<UpdateOutcome> {
	const at = now();
	const found = await findRegistrationById(trx, registrationId);
	if (!found) throw new DomainError('not_found', m.err_no_registration());
	await assertMayChange(trx, actor, found, 'registrations.correct');
	const event = await lockEvent(trx, found.event_id);
	const current = (await lockRegistration(trx, registrationId))!;
	if (current.version !== expectedVersion)
		throw new DomainError('stale', m.err_registration_stale());
	assertActive(current);
	if (!actor.staff && ['archived', 'cancelled'].includes(event.status)) {
		throw new DomainError('closed', m.err_update_event_over());
	}
	if (!actor.staff && changesFixedChoice(await fixedChoicesOf(trx, current), current, values)) {
		throw new DomainError('conflict', m.err_change_needs_approval(), 'delegationId');
	}
	if (
		values.email !== current.email &&
		(await findActiveByEmail(trx, event.id, values.email, current.id))
	) {
		throw new DomainError('conflict', m.err_registration_email_taken(), 'email');
	}
	const moved = await moveDelegation(trx, event, current, values.delegationId, options.whenFull);
	const visaBefore = event.collect_visa_support ? visaDataOf(current) : null;
	const visaAfter = event.collect_visa_support ? values.visa : null;
	const columns = columnsOf(values);
	const diff = diffColumns(current, columns, { before: visaBefore, after: visaAfter });
	if (diff.delegation_id) {
		// Names, not ids: the audit log is read by people.
		delete diff.delegation_id;
		diff.delegation = {
			from: await delegationName(trx, current.delegation_id),
			to: await delegationName(trx, values.delegationId)
		};
	}
	if (moved.status !== current.status) diff.status = { from: current.status, to: moved.status };
	const updated = await updateRegistrationRow(trx, current.id, {
		...columns,
		status: moved.status,
		status_changed_at: moved.status !== current.status ? at : current.status_changed_at,
		visa_data_enc: visaAfter ? encryptVisaData(visaAfter) : current.visa_data_enc,
		updated_at: at
	});
	// A save that changed nothing leaves no entry.
	if (Object.keys(diff).length === 0) return { event, before: current, after: updated, diff };
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
	return { event, before: current, after: updated, diff };
}

/**
 * Moves a registration to another delegation under the event lock. A confirmed one keeps its
 * seat if the new delegation has room in its quota, else goes to the wait-list.
 */
export async function moveDelegation(
	trx: Transaction<Database>,
	event: Event,
	current: Registration,
	delegationId: number,
	whenFull: 'waitlist' | 'refuse'
): Promise<{ status: RegistrationStatus; seatFreed: boolean }> {
	if (delegationId === current.delegation_id) return { status: current.status, seatFreed: false };
	const target = await lockDelegation(trx, event.id, delegationId);
	if (!target) throw new DomainError('invalid', m.err_choose_delegation(), 'delegationId');
	if (current.status !== 'confirmed') return { status: current.status, seatFreed: false };
	await addDelegationSeats(trx, current.delegation_id, -1);
	if (delegationHasRoom(target)) {
		await addDelegationSeats(trx, target.id, 1);
		return { status: 'confirmed', seatFreed: true };
	}
	if (whenFull === 'refuse') {
		throw new DomainError(
			'full',
			m.err_quota_full({
				delegation: target.name,
				taken: target.seats_taken,
				quota: target.quota ?? 0
			}),
			'delegationId'
		);
	}
	await addEventSeats(trx, event.id, -1);
	return { status: 'waitlisted', seatFreed: true };
}
