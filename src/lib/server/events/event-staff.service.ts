import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { StaffRole } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { findUserByEmail } from '../users/user.repository.ts';

import {
	countOrganizers,
	deleteEventStaff,
	insertEventStaff,
	listEventStaff,
	updateEventStaffRole
} from './event-staff.repository.ts';
import { findStaffRole, lockEvent } from './event.repository.ts';

// Who works on an event, and as what (organizer, secretariat, check-in). Organizers decide.

const LAST_ORGANIZER = 'An event needs at least one organizer. Add another organizer first.';

/** Adds an existing staff account to the event's staff. */
export async function addStaffMember(
	actor: Actor,
	eventId: number,
	input: { email: string; role: StaffRole }
): Promise<void> {
	try {
		await db()
			.transaction()
			.execute(async (trx) => {
				await assertCan(actor, eventId, 'staff.manage', trx);
				const user = await findUserByEmail(trx, input.email);
				if (!user?.is_staff || user.disabled_at) {
					throw new DomainError(
						'not_found',
						'There is no active staff account with this e-mail. An administrator creates staff accounts.',
						'email'
					);
				}
				if (await findStaffRole(trx, eventId, user.id)) {
					throw new DomainError('conflict', 'This person is already on the event staff.', 'email');
				}
				await insertEventStaff(trx, eventId, user.id, input.role);
				await writeAudit(trx, {
					actorUserId: actor.id,
					action: 'event_staff.add',
					entityType: 'event',
					entityId: eventId,
					eventId,
					diff: { user_id: user.id, email: user.email, role: input.role }
				});
			});
	} catch (error) {
		if (isUniqueViolation(error))
			throw new DomainError('conflict', 'This person is already on the event staff.', 'email');
		throw error;
	}
}

/** Changes a staff member's role; the last organizer keeps theirs. */
export async function changeStaffRole(
	actor: Actor,
	eventId: number,
	userId: number,
	role: StaffRole
): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			await assertCan(actor, eventId, 'staff.manage', trx);
			// Serialises staff changes of one event, so two organizers cannot demote each other.
			await lockEvent(trx, eventId);
			const current = await findStaffRole(trx, eventId, userId);
			if (!current) throw new DomainError('not_found', 'This person is not on the event staff.');
			if (current === role) return;
			if (current === 'organizer' && (await countOrganizers(trx, eventId)) <= 1) {
				throw new DomainError('invalid', LAST_ORGANIZER);
			}
			await updateEventStaffRole(trx, eventId, userId, role);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'event_staff.role',
				entityType: 'event',
				entityId: eventId,
				eventId,
				diff: { user_id: userId, role: { from: current, to: role } }
			});
		});
}

/** Removes someone from the event's staff; the last organizer stays. */
export async function removeStaffMember(
	actor: Actor,
	eventId: number,
	userId: number
): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			await assertCan(actor, eventId, 'staff.manage', trx);
			await lockEvent(trx, eventId);
			const current = await findStaffRole(trx, eventId, userId);
			if (!current) throw new DomainError('not_found', 'This person is not on the event staff.');
			if (current === 'organizer' && (await countOrganizers(trx, eventId)) <= 1) {
				throw new DomainError('invalid', LAST_ORGANIZER);
			}
			await deleteEventStaff(trx, eventId, userId);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'event_staff.remove',
				entityType: 'event',
				entityId: eventId,
				eventId,
				diff: { user_id: userId, role: current }
			});
		});
}

/** The event's staff and their roles. */
export async function eventStaff(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'staff.manage');
	return listEventStaff(db(), eventId);
}
