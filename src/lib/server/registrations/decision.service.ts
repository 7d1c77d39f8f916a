import { statusText } from '../../domain/registration-status.ts';
import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { delegationHasRoom, eventHasRoom } from '../../domain/room.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database, Event, Registration, RegistrationStatus } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { delegationName } from '../events/delegation.repository.ts';
import { lockEvent, readEventSeats } from '../events/event.repository.ts';
import { registrationMailer, type RegistrationMailer } from './registration.mail.ts';
import {
	findRegistrationById,
	firstWaitlistedOf,
	listDelegationSeats,
	lockRegistration,
	lockRegistrations,
	setStatus
} from './registration.repository.ts';
import { assertMayChange } from './registration.rules.ts';
import { releaseVisitSeats } from '../visits/visit.service.ts';
import { releaseAnswerPlacesWithin } from '../questions/answer.service.ts';
import { releaseSeat, tryTakeSeat } from './seats.ts';
import { countPending } from './waitlist.repository.ts';

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
	mailer: RegistrationMailer = registrationMailer(trx, event),
	/** The staff member whose change opened the seats, for the audit log. */
	actorUserId: number | null = null,
	at: Date = now()
): Promise<Registration[]> {
	const promoted: Registration[] = [];
	for (;;) {
		if (!eventHasRoom(await readEventSeats(trx, event.id))) break;
		const withRoom = (await listDelegationSeats(trx, event.id)).filter(delegationHasRoom);
		if (withRoom.length === 0) break;
		const ids = withRoom.map((d) => d.id);
		const next = await firstWaitlistedOf(trx, event.id, ids);
		if (!next) break;
		if ((await tryTakeSeat(trx, event.id, next.delegation_id)) !== 'taken') break;
		const updated = await setStatus(trx, next.id, 'confirmed', at);
		await audit(trx, updated, {
			actorUserId,
			action: 'registration.promote',
			from: 'waitlisted'
		});
		await mailer('promoted', updated);
		promoted.push(updated);
	}
	return promoted;
}

/** What raising a capacity or quota did: people confirmed, seats left, approvals waiting. */
export type SeatsOpened = {
	promoted: number;
	/** Seats of the event still free after the promotions; null without a capacity. */
	free: number | null;
	/** Registrations awaiting approval (approval mode), for whom the organizer now has room. */
	pending: number;
};

/**
 * After an organizer raised the event's capacity or a delegation's quota, under the event lock
 * with the counters: confirms people from the wait-list in its order while seats last (each
 * audited under the organizer's name and e-mailed), then counts what is still free and, in
 * approval mode, how many registrations await a decision, for the page to say so.
 */
export async function fillOpenedSeats(
	trx: Trx,
	event: Event,
	actorUserId: number
): Promise<SeatsOpened> {
	const promoted = await promoteWaitlisted(trx, event, undefined, actorUserId);
	const seats = await readEventSeats(trx, event.id);
	const pending = event.registration_mode === 'approval' ? await countPending(trx, event.id) : 0;
	return {
		promoted: promoted.length,
		free: seats.capacity === null ? null : seats.capacity - seats.seats_taken,
		pending
	};
}

/** Cancels a registration (its owner or staff), frees its seat and promotes from the wait-list. */
export function cancelRegistration(
	actor: Actor,
	registrationId: number,
	reason?: string
): Promise<void> {
	return db()
		.transaction()
		.execute((trx) => cancelWithin(trx, actor, registrationId, reason));
}

/** cancelRegistration inside the caller's transaction (lock order: event, then registration). */
export async function cancelWithin(
	trx: Trx,
	actor: Actor,
	registrationId: number,
	reason?: string,
	options: ChangeOptions = {}
): Promise<void> {
	const found = await findRegistrationById(trx, registrationId);
	if (!found) throw new DomainError('not_found', m.err_no_registration());
	await assertMayChange(trx, actor, found);
	const event = await lockEvent(trx, found.event_id);
	const current = (await lockRegistration(trx, registrationId))!;
	if (current.status === 'cancelled' || current.status === 'declined') {
		throw new DomainError('conflict', m.err_already_status({ status: statusText(current.status) }));
	}
	const heldSeat = current.status === 'confirmed';
	if (heldSeat) await releaseSeat(trx, event.id, current.delegation_id);
	const at = options.at ?? now();
	const updated = await setStatus(trx, current.id, 'cancelled', at);
	// Field-visit seats go back to their wait-lists in the same transaction.
	await releaseVisitSeats(trx, current.id);
	await releaseAnswerPlacesWithin(trx, current.id);
	const why = reason?.trim() || null;
	await audit(trx, updated, {
		actorUserId: actor.id,
		action: actor.staff ? 'registration.cancel_by_staff' : 'registration.cancel',
		from: current.status,
		reason: why
	});
	const mailer = mailerFor(trx, event, options);
	await mailer('cancelled', updated, why);
	if (heldSeat) await promoteWaitlisted(trx, event, mailer, null, at);
}

export type Decision = 'approve' | 'waitlist' | 'decline';

/** How a change comes about when it is not someone acting just now (the demo data). */
export type ChangeOptions = {
	/** The moment of the change (default: now). */
	at?: Date;
	/** Whether the people concerned are e-mailed (default: yes). Demo data never is. */
	mail?: boolean;
	/** Who the change is recorded under when no staff actor decides (a focal point endorsing). */
	actingUserId?: number;
};

function mailerFor(trx: Trx, event: Event, options: ChangeOptions): RegistrationMailer {
	return options.mail === false ? async () => false : registrationMailer(trx, event);
}

/**
 * An organizer's decision on several registrations of one event, in one transaction: approve
 * (confirmed while seats last, else wait-listed), wait-list a pending one, or decline with a
 * reason. Each person gets their own mail. Returns how many changed to each state.
 */
export function decideRegistrations(
	actor: Actor,
	eventId: number,
	registrationIds: number[],
	decision: Decision,
	reason?: string
): Promise<{ confirmed: number; waitlisted: number; declined: number }> {
	return db()
		.transaction()
		.execute((trx) => decideWithin(trx, actor, eventId, registrationIds, decision, reason));
}

/** decideRegistrations inside the caller's transaction. */
export async function decideWithin(
	trx: Trx,
	/**
	 * The organizer deciding; null for the demo data, which no one decided, and for a focal
	 * point's endorsement (whose right the caller has checked).
	 */
	actor: Actor | null,
	eventId: number,
	registrationIds: number[],
	decision: Decision,
	reason?: string,
	options: ChangeOptions = {}
): Promise<{ confirmed: number; waitlisted: number; declined: number }> {
	if (actor) await assertCan(actor, eventId, 'registrations.decide', trx);
	const why = reason?.trim() || null;
	if (decision === 'decline' && !why) {
		throw new DomainError('invalid', m.err_decline_reason(), 'reason');
	}
	const ids = [...new Set(registrationIds)];
	if (ids.length === 0) throw new DomainError('invalid', m.err_select_one());
	const event = await lockEvent(trx, eventId);
	const rows = await lockRegistrations(trx, eventId, ids);
	if (rows.length !== ids.length) throw new DomainError('not_found', m.err_some_not_found());
	// Two steps where the event asks for them: the focal point endorses, then the secretariat.
	const waiting =
		actor && decision !== 'decline' ? rows.filter((r) => r.endorsement === 'awaiting') : [];
	if (waiting.length > 0) {
		throw new DomainError(
			'invalid',
			(waiting.length === 1 ? m.err_awaits_endorsement_one : m.err_awaits_endorsement_many)({
				references: waiting.map((r) => r.reference).join(', ')
			})
		);
	}
	const mailer = mailerFor(trx, event, options);
	const counts = { confirmed: 0, waitlisted: 0, declined: 0 };
	let freed = false;
	const at = options.at ?? now();
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
			await releaseAnswerPlacesWithin(trx, current.id);
			kind = 'declined';
		}
		if (!updated || !kind) continue;
		counts[updated.status as keyof typeof counts]++;
		await audit(trx, updated, {
			actorUserId: actor?.id ?? options.actingUserId ?? null,
			action: `registration.${decision}`,
			from: current.status,
			reason: decision === 'decline' ? why : null
		});
		await mailer(kind, updated, why);
	}
	if (freed) {
		await promoteWaitlisted(trx, event, mailer, actor?.id ?? options.actingUserId ?? null, at);
	}
	return counts;
}

/** An organizer confirms a wait-listed registration out of turn, if a seat (and quota) is free. */
export function moveFromWaitlist(actor: Actor, registrationId: number): Promise<void> {
	return db()
		.transaction()
		.execute((trx) => moveFromWaitlistWithin(trx, actor, registrationId));
}

/** moveFromWaitlist inside the caller's transaction. */
export async function moveFromWaitlistWithin(
	trx: Trx,
	actor: Actor,
	registrationId: number
): Promise<void> {
	const found = await findRegistrationById(trx, registrationId);
	if (!found) throw new DomainError('not_found', m.err_no_registration());
	await assertCan(actor, found.event_id, 'registrations.decide', trx);
	const event = await lockEvent(trx, found.event_id);
	const current = (await lockRegistration(trx, registrationId))!;
	if (current.status !== 'waitlisted') {
		throw new DomainError('conflict', m.err_only_waitlisted());
	}
	const outcome = await tryTakeSeat(trx, event.id, current.delegation_id);
	if (outcome === 'event_full') {
		throw new DomainError('full', m.err_event_full({ capacity: event.capacity ?? 0 }));
	}
	if (outcome === 'quota_full') {
		const name = await delegationName(trx, current.delegation_id);
		throw new DomainError('full', m.err_quota_used({ delegation: name }));
	}
	const updated = await setStatus(trx, current.id, 'confirmed', now());
	await audit(trx, updated, {
		actorUserId: actor.id,
		action: 'registration.move_from_waitlist',
		from: 'waitlisted'
	});
	await registrationMailer(trx, event)('promoted', updated);
}
