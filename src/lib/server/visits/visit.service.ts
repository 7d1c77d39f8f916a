import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database, Event, FieldVisit } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { findEventById } from '../events/event.repository.ts';
import {
	visitConfirmedMail,
	visitPromotedMail,
	visitWaitlistedMail
} from '../mail/templates/visits.ts';
import { formatDate, formatTime, zoneLabel } from '../../time.ts';
import { categoryPlural, categoryPluralText } from '../../domain/category.ts';
import { getLocale } from '../../paraglide/runtime.js';
import {
	activeSignupsOfRegistration,
	addSeatsTaken,
	findActiveSignup,
	findClash,
	firstWaitlisted,
	insertSignup,
	listStops,
	lockRegistration,
	lockVisit,
	registrationsForMail,
	setSignupStatus,
	waitlistPlaces
} from './visit.repository.ts';
import { queueVisitMail, visitMailContext } from './visit-mail.ts';

// Sign-ups for field visits. Seats are decided under the visit row lock with the counter in
// that row (DESIGN §3). Lock order everywhere: event → registration → visit(s) by id.

type Trx = Transaction<Database>;
/** The event of a visit; its title's translations name it in each participant's language. */
export type EventLite = Pick<Event, 'id' | 'title' | 'time_zone' | 'status' | 'translations'>;

export type SignUpResult = {
	signupId: number;
	status: 'confirmed' | 'waitlisted';
	/** Place on the wait-list (1 = next), when wait-listed. */
	place?: number;
	/** True when the registration was already signed up (nothing changed). */
	already: boolean;
};

async function eventOf(trx: Trx, eventId: number): Promise<EventLite> {
	const event = await findEventById(trx, eventId);
	if (!event) throw new DomainError('not_found', m.err_no_event());
	return event;
}

/** "‘Referral hospital visit’ (Tue 16 Feb, 08:00–13:00 Phnom Penh time (UTC+7))". */
export function visitLabel(
	visit: Pick<FieldVisit, 'title' | 'departs_at' | 'returns_at'>,
	timeZone: string
): string {
	const day = formatDate(visit.departs_at, timeZone, { year: false });
	const times = `${formatTime(visit.departs_at, timeZone)}–${formatTime(visit.returns_at, timeZone)}`;
	return `‘${visit.title}’ (${day}, ${times} ${zoneLabel(timeZone, visit.departs_at)})`;
}

/** Gives up to `seats` free seats of a locked visit to its wait-list, in order, and tells each person. */
export async function fillFromWaitlist(
	trx: Trx,
	event: EventLite,
	visit: FieldVisit,
	seats: number
) {
	if (seats <= 0 || visit.status !== 'scheduled' || visit.departs_at <= now()) return 0;
	const next = await firstWaitlisted(trx, visit.id, seats);
	if (next.length === 0) return 0;
	const at = now();
	await setSignupStatus(
		trx,
		next.map((s) => s.id),
		'confirmed',
		at
	);
	await addSeatsTaken(trx, visit.id, next.length);
	const stops = await listStops(trx, [visit.id]);
	const people = await registrationsForMail(
		trx,
		next.map((s) => s.registration_id)
	);
	for (const signup of next) {
		const person = people.find((p) => p.id === signup.registration_id)!;
		await writeAudit(trx, {
			actorUserId: null,
			action: 'visit.promote',
			entityType: 'field_visit_signup',
			entityId: signup.id,
			eventId: event.id,
			diff: { visitId: visit.id, registrationId: person.id, status: ['waitlisted', 'confirmed'] }
		});
		await queueVisitMail(trx, {
			template: 'visit-promoted',
			dedupeKey: `visit-signup-${signup.id}-promoted`,
			eventId: event.id,
			person,
			mail: visitPromotedMail(visitMailContext(event, visit, stops, person))
		});
	}
	return next.length;
}

/**
 * Signs a registration up for a field visit inside the caller's transaction: a seat when one is
 * free, else the visit's wait-list. Refuses other events, unconfirmed registrations, ineligible
 * categories, cancelled or departed visits, and a visit overlapping another chosen one.
 */
export async function signUpWithin(
	trx: Trx,
	registrationId: number,
	visitId: number,
	actorUserId: number | null = null
): Promise<SignUpResult> {
	const registration = await lockRegistration(trx, registrationId);
	if (!registration) throw new DomainError('not_found', m.err_no_registration());
	const visit = await lockVisit(trx, visitId);
	if (!visit || visit.event_id !== registration.event_id) {
		throw new DomainError('not_found', m.err_no_visit());
	}
	const event = await eventOf(trx, visit.event_id);
	if (registration.status !== 'confirmed') {
		throw new DomainError('closed', m.err_visit_confirm_first());
	}
	if (visit.status !== 'scheduled' || event.status === 'cancelled') {
		throw new DomainError('closed', m.err_visit_cancelled());
	}
	if (visit.departs_at <= now()) throw new DomainError('closed', m.err_visit_left());
	const allowed = visit.eligible_categories;
	if (allowed && !allowed.includes(registration.category)) {
		const who = allowed
			.map((c) => (getLocale() === 'en' ? categoryPlural(c).toLowerCase() : categoryPluralText(c)))
			.join(m.punct_list());
		throw new DomainError('forbidden', m.err_visit_open_to({ who }));
	}
	const existing = await findActiveSignup(trx, visitId, registrationId);
	if (existing) {
		const place =
			existing.status === 'waitlisted'
				? (await waitlistPlaces(trx, [visitId])).get(existing.id)
				: undefined;
		return {
			signupId: existing.id,
			status: existing.status as 'confirmed' | 'waitlisted',
			place,
			already: true
		};
	}
	const clash = await findClash(trx, registrationId, visitId, visit.departs_at, visit.returns_at);
	if (clash) {
		throw new DomainError(
			'conflict',
			m.err_visit_overlaps({ visit: visitLabel(clash, event.time_zone) })
		);
	}

	const at = now();
	const status = visit.seats_taken < visit.seats ? 'confirmed' : 'waitlisted';
	const signup = await insertSignup(trx, { visitId, registrationId, status, at });
	if (status === 'confirmed') await addSeatsTaken(trx, visitId, 1);
	const place =
		status === 'waitlisted' ? (await waitlistPlaces(trx, [visitId])).get(signup.id) : undefined;
	await writeAudit(trx, {
		actorUserId,
		action: 'visit.signup',
		entityType: 'field_visit_signup',
		entityId: signup.id,
		eventId: event.id,
		diff: { visitId, registrationId, status }
	});
	const stops = await listStops(trx, [visitId]);
	const context = visitMailContext(event, visit, stops, registration);
	await queueVisitMail(trx, {
		template: status === 'confirmed' ? 'visit-confirmed' : 'visit-waitlisted',
		dedupeKey: `visit-signup-${signup.id}-${status}`,
		eventId: event.id,
		person: registration,
		mail:
			status === 'confirmed'
				? visitConfirmedMail(context)
				: visitWaitlistedMail(context, place ?? 1)
	});
	return { signupId: signup.id, status, place, already: false };
}

/** Signs a registration up for a field visit (a seat, or the wait-list when full). */
export function signUp(
	registrationId: number,
	visitId: number,
	actorUserId: number | null = null
): Promise<SignUpResult> {
	return db()
		.transaction()
		.execute((trx) => signUpWithin(trx, registrationId, visitId, actorUserId));
}

/** Cancels a registration's sign-up for a visit; a freed seat goes to the first on the wait-list. */
export async function cancelSignUp(
	registrationId: number,
	visitId: number,
	actorUserId: number | null = null
): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			const registration = await lockRegistration(trx, registrationId);
			const visit = await lockVisit(trx, visitId);
			if (!registration || !visit || visit.event_id !== registration.event_id) {
				throw new DomainError('not_found', m.err_no_visit());
			}
			const signup = await findActiveSignup(trx, visitId, registrationId);
			if (!signup) throw new DomainError('not_found', m.err_visit_not_signed_up());
			if (visit.departs_at <= now()) {
				throw new DomainError('closed', m.err_visit_left());
			}
			const event = await eventOf(trx, visit.event_id);
			await setSignupStatus(trx, [signup.id], 'cancelled', now());
			await writeAudit(trx, {
				actorUserId,
				action: 'visit.signup_cancel',
				entityType: 'field_visit_signup',
				entityId: signup.id,
				eventId: event.id,
				diff: { visitId, registrationId, status: [signup.status, 'cancelled'] }
			});
			if (signup.status === 'confirmed') {
				await addSeatsTaken(trx, visitId, -1);
				await fillFromWaitlist(trx, event, visit, visit.seats - (visit.seats_taken - 1));
			}
		});
}

/**
 * Releases every field-visit seat and wait-list place of a registration, in the caller's
 * transaction (the registration service calls it when a registration is cancelled or declined).
 * Freed seats go to the wait-lists. Returns how many sign-ups were released.
 */
export async function releaseVisitSeats(trx: Trx, registrationId: number): Promise<number> {
	const signups = await activeSignupsOfRegistration(trx, registrationId);
	const at = now();
	let event: EventLite | undefined;
	// Ordered by visit id, so two releases never wait on each other's locks in a circle.
	for (const signup of signups) {
		const visit = await lockVisit(trx, signup.visit_id);
		if (!visit) continue;
		event ??= await eventOf(trx, visit.event_id);
		await setSignupStatus(trx, [signup.id], 'cancelled', at);
		await writeAudit(trx, {
			actorUserId: null,
			action: 'visit.signup_release',
			entityType: 'field_visit_signup',
			entityId: signup.id,
			eventId: event.id,
			diff: { visitId: visit.id, registrationId, status: [signup.status, 'cancelled'] }
		});
		if (signup.status === 'confirmed') {
			await addSeatsTaken(trx, visit.id, -1);
			await fillFromWaitlist(trx, event, visit, visit.seats - (visit.seats_taken - 1));
		}
	}
	return signups.length;
}
