import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database, Event, Registration, RegistrationStatus } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { lockEvent } from '../events/event.repository.ts';
import { registrationMailer, type RegistrationMailer } from './registration.mail.ts';
import {
	delegationName,
	findRegistrationById,
	firstWaitlistedThatFits,
	lockRegistration,
	lockRegistrations,
	readEventSeats,
	setStatus
} from './registration.repository.ts';
import { assertMayChange } from './registration.rules.ts';
import { releaseVisitSeats } from '../visits/visit.service.ts';
import { releaseSeat, tryTakeSeat } from './seats.ts';

// Changes of status after registration: cancellations, organizer decisions and the wait-list.
// Each runs in one transaction under the event lock, with its audit entries and mails.

type Trx = Transaction<Database>;

type Change = {
	actorUserId: number | null;
	action: string;
	from: RegistrationStatus;
	reason?: string | null;
};

async function audit(trx: Trx, registration: Registration, change: Change) {
	await writeAudit(trx, {
		actorUserId: change.actorUserId,
		action: change.action,
		entityType: 'registration',
		entityId: registration.id,
		eventId: registration.event_id,
		diff: {
			status: { from: change.from, to: registration.status },
			...(change.reason ? { reason: change.reason } : {})
		}
	});
}

/**
 * Confirms wait-listed registrations, first come first served, while the event has a free
 * seat and the next one's delegation has room in its quota; each is e-mailed. Call under the
 * event lock after a seat was freed. Returns the promoted registrations.
 */
export async function promoteWaitlisted(
	trx: Trx,
	event: Event,
	mailer: RegistrationMailer = registrationMailer(trx, event)
): Promise<Registration[]> {
	const promoted: Registration[] = [];
	const at = now();
	for (;;) {
		const seats = await readEventSeats(trx, event.id);
		if (seats.capacity !== null && seats.seats_taken >= seats.capacity) break;
		const next = await firstWaitlistedThatFits(trx, event.id);
		if (!next) break;
		if ((await tryTakeSeat(trx, event.id, next.delegation_id)) !== 'taken') break;
		const updated = await setStatus(trx, next.id, 'confirmed', at);
		await audit(trx, updated, {
			actorUserId: null,
			action: 'registration.promote',
			from: 'waitlisted'
		});
		await mailer('promoted', updated);
		promoted.push(updated);
	}
	return promoted;
}

/** Cancels a registration (its owner or staff), frees its seat and promotes from the wait-list. */
export async function cancelRegistration(
	actor: Actor,
	registrationId: number,
	reason?: string
): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			const found = await findRegistrationById(trx, registrationId);
			if (!found) throw new DomainError('not_found', 'No such registration.');
			await assertMayChange(trx, actor, found);
			const event = await lockEvent(trx, found.event_id);
			const current = (await lockRegistration(trx, registrationId))!;
			if (current.status === 'cancelled' || current.status === 'declined') {
				throw new DomainError('conflict', `This registration is already ${current.status}.`);
			}
			const heldSeat = current.status === 'confirmed';
			if (heldSeat) await releaseSeat(trx, event.id, current.delegation_id);
			const updated = await setStatus(trx, current.id, 'cancelled', now());
			// Field-visit seats go back to their wait-lists in the same transaction.
			await releaseVisitSeats(trx, current.id);
			const why = reason?.trim() || null;
			await audit(trx, updated, {
				actorUserId: actor.id,
				action: actor.staff ? 'registration.cancel_by_staff' : 'registration.cancel',
				from: current.status,
				reason: why
			});
			const mailer = registrationMailer(trx, event);
			await mailer('cancelled', updated, why);
			if (heldSeat) await promoteWaitlisted(trx, event, mailer);
		});
}

export type Decision = 'approve' | 'waitlist' | 'decline';

/**
 * An organizer's decision on several registrations of one event, in one transaction: approve
 * (confirmed while seats last, else wait-listed), wait-list a pending one, or decline with a
 * reason. Each person gets their own mail. Returns how many changed to each state.
 */
export async function decideRegistrations(
	actor: Actor,
	eventId: number,
	registrationIds: number[],
	decision: Decision,
	reason?: string
): Promise<{ confirmed: number; waitlisted: number; declined: number }> {
	await assertCan(actor, eventId, 'registrations.decide');
	const why = reason?.trim() || null;
	if (decision === 'decline' && !why) {
		throw new DomainError(
			'invalid',
			'Give a reason for declining: it is sent to each person.',
			'reason'
		);
	}
	const ids = [...new Set(registrationIds)];
	if (ids.length === 0) throw new DomainError('invalid', 'Select at least one registration.');
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await lockEvent(trx, eventId);
			const rows = await lockRegistrations(trx, eventId, ids);
			if (rows.length !== ids.length)
				throw new DomainError('not_found', 'Some registrations were not found.');
			const mailer = registrationMailer(trx, event);
			const counts = { confirmed: 0, waitlisted: 0, declined: 0 };
			let freed = false;
			const at = now();
			for (const current of rows) {
				let updated: Registration | undefined;
				let kind: 'confirmed' | 'promoted' | 'waitlisted' | 'declined' | undefined;
				if (
					decision === 'approve' &&
					(current.status === 'pending' || current.status === 'waitlisted')
				) {
					if ((await tryTakeSeat(trx, eventId, current.delegation_id)) === 'taken') {
						updated = await setStatus(trx, current.id, 'confirmed', at);
						kind = current.status === 'pending' ? 'confirmed' : 'promoted';
					} else if (current.status === 'pending') {
						updated = await setStatus(trx, current.id, 'waitlisted', at);
						kind = 'waitlisted';
					}
				} else if (decision === 'waitlist' && current.status === 'pending') {
					updated = await setStatus(trx, current.id, 'waitlisted', at);
					kind = 'waitlisted';
				} else if (
					decision === 'decline' &&
					['pending', 'waitlisted', 'confirmed'].includes(current.status)
				) {
					if (current.status === 'confirmed') {
						await releaseSeat(trx, eventId, current.delegation_id);
						freed = true;
					}
					updated = await setStatus(trx, current.id, 'declined', at, { decline_reason: why });
					await releaseVisitSeats(trx, current.id);
					kind = 'declined';
				}
				if (!updated || !kind) continue;
				counts[updated.status as keyof typeof counts]++;
				await audit(trx, updated, {
					actorUserId: actor.id,
					action: `registration.${decision}`,
					from: current.status,
					reason: decision === 'decline' ? why : null
				});
				await mailer(kind, updated, why);
			}
			if (freed) await promoteWaitlisted(trx, event, mailer);
			return counts;
		});
}

/** An organizer confirms a wait-listed registration out of turn, if a seat (and quota) is free. */
export async function moveFromWaitlist(actor: Actor, registrationId: number): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			const found = await findRegistrationById(trx, registrationId);
			if (!found) throw new DomainError('not_found', 'No such registration.');
			await assertCan(actor, found.event_id, 'registrations.decide', trx);
			const event = await lockEvent(trx, found.event_id);
			const current = (await lockRegistration(trx, registrationId))!;
			if (current.status !== 'waitlisted') {
				throw new DomainError(
					'conflict',
					'Only a wait-listed registration can be moved from the wait-list.'
				);
			}
			const outcome = await tryTakeSeat(trx, event.id, current.delegation_id);
			if (outcome === 'event_full') {
				throw new DomainError(
					'full',
					`No seat is free: all ${event.capacity} seats of the event are taken. Cancel or decline someone first.`
				);
			}
			if (outcome === 'quota_full') {
				const name = await delegationName(trx, current.delegation_id);
				throw new DomainError(
					'full',
					`No seat is free for ${name}: its quota is used up. Raise the quota or free one of its seats first.`
				);
			}
			const updated = await setStatus(trx, current.id, 'confirmed', now());
			await audit(trx, updated, {
				actorUserId: actor.id,
				action: 'registration.move_from_waitlist',
				from: 'waitlisted'
			});
			await registrationMailer(trx, event)('promoted', updated);
		});
}
