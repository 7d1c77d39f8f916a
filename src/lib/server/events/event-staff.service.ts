import { m } from '../../paraglide/messages.js';
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
import { createInvitedStaff } from '../users/user.service.ts';
import { findStaffRole, lockEvent } from './event.repository.ts';

// Who works on an event, and as what (organizer, secretariat, check-in). Organizers decide.

/** Adds a staff account to the event's staff, inviting a new person when a name is given. */
export async function addStaffMember(
	actor: Actor,
	eventId: number,
	input: { email: string; role: StaffRole; name?: string }
): Promise<{ invited: boolean }> {
	try {
		return await db()
			.transaction()
			.execute(async (trx) => {
				await assertCan(actor, eventId, 'staff.manage', trx);
				const found = await findUserByEmail(trx, input.email);
				let userId: number;
				let invited = false;
				if (found?.is_staff && !found.disabled_at) userId = found.id;
				else if (found?.is_staff) {
					throw new DomainError('forbidden', m.err_staff_disabled(), 'email');
				} else if (input.name) {
					// Someone new: an account for this event's work only (never the right to create
					// events), with a one-time link to choose their own password.
					userId = await createInvitedStaff(trx, actor, {
						email: input.email,
						displayName: input.name,
						isAdmin: false,
						createsEvents: false
					});
					invited = true;
				} else {
					throw new DomainError('not_found', m.err_staff_unknown(), 'name');
				}
				if (await findStaffRole(trx, eventId, userId)) {
					throw new DomainError('conflict', m.err_staff_already(), 'email');
				}
				await insertEventStaff(trx, eventId, userId, input.role);
				await writeAudit(trx, {
					actorUserId: actor.id,
					action: 'event_staff.add',
					entityType: 'event',
					entityId: eventId,
					eventId,
					diff: {
						user_id: userId,
						email: input.email,
						role: input.role,
						...(invited ? { invited } : {})
					}
				});
				return { invited };
			});
	} catch (error) {
		if (isUniqueViolation(error)) throw new DomainError('conflict', m.err_staff_already(), 'email');
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
			if (!current) throw new DomainError('not_found', m.err_staff_not_on());
			if (current === role) return;
			if (current === 'organizer' && (await countOrganizers(trx, eventId)) <= 1) {
				throw new DomainError('invalid', m.err_last_organizer());
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
			if (!current) throw new DomainError('not_found', m.err_staff_not_on());
			if (current === 'organizer' && (await countOrganizers(trx, eventId)) <= 1) {
				throw new DomainError('invalid', m.err_last_organizer());
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
