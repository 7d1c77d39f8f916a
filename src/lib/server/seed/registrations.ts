import { badgeName } from '../../domain/person-name.ts';
import type { Transaction } from 'kysely';
import type { RegistrationInput } from '../../schemas/registration.ts';
import { fromZonedInput } from '../../time.ts';
import type { Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import type { DB } from '../db/database.ts';
import type { Database, Event, RegistrationStatus } from '../db/schema.ts';
import { listEventStaff } from '../events/event-staff.repository.ts';
import { findEventBySlug, listDelegations, lockEvent } from '../events/event.repository.ts';
import {
	findRegistrationByEmail,
	findRegistrationById
} from '../registrations/registration.repository.ts';
import {
	cancelWithin,
	decideWithin,
	registerWithin,
	type RegisterResult
} from '../registrations/registration.service.ts';
import {
	HLOM5_PEOPLE,
	HLOM6_PEOPLE,
	WORKSHOP_PEOPLE,
	type DemoPerson,
	type Leg
} from './registration-people.ts';

// Demo registrations in every state on the seeded events, made by the registration service
// itself (seats, quotas, approval, numbering, audit) at back-dated times and without mail, then
// taken to the demo's state by the organizers' own decisions. A person already registered for
// an event (by any seed) is left alone, so running it again changes nothing. Events that do not
// exist (yet) are skipped.

const DAY = 86_400_000;

function addDays(day: string, days: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

function legAt(event: Event, leg: Leg | undefined): Date | null {
	return leg
		? fromZonedInput(`${addDays(event.starts_on, leg[0])}T${leg[1]}`, event.time_zone)
		: null;
}

/** What the person would have typed into the registration form. */
function formValues(
	event: Event,
	delegationId: number,
	person: DemoPerson,
	index: number
): RegistrationInput {
	return {
		honorific: person.honorific,
		givenName: person.given,
		familyName: person.family,
		badgeName: badgeName({ given_name: person.given, family_name: person.family }),
		nativeName: person.native ?? null,
		position: person.position,
		organisation: person.organisation,
		delegationId,
		category: person.category ?? 'delegate',
		email: person.email,
		phone: person.phone,
		nationality: person.nationality,
		visa:
			event.collect_visa_support && person.status !== 'cancelled'
				? {
						passportNumber: `${person.nationality}${String(4_100_000 + index * 7919)}`,
						passportExpiry: addDays(event.ends_on, 1500 + index * 30),
						dateOfBirth: `${1962 + (index % 20)}-0${1 + (index % 9)}-1${index % 10}`
					}
				: null,
		dietary: person.dietary ?? 'none',
		dietaryNotes: person.dietaryNotes ?? '',
		accessibilityNeeds: person.access ?? '',
		arrivalAt: legAt(event, person.arrive),
		arrivalFlight: person.arrive?.[2] ?? '',
		arrivalAirport: person.arrive?.[3] ?? '',
		departureAt: legAt(event, person.depart),
		departureFlight: person.depart?.[2] ?? '',
		departureAirport: person.depart?.[3] ?? '',
		accommodation: person.hotel ?? '',
		emergencyContact: '',
		consentDataProcessing: true,
		consentEmailInList: person.emailInList ?? false
	};
}

/**
 * Takes a fresh registration to the demo's state with the decision that would have led there.
 * A state the rules do not allow (confirmed beyond a quota made smaller by the organizers,
 * pending at an event that takes no approval) stays as the rules decided.
 */
async function reachDemoState(
	trx: Transaction<Database>,
	event: Event,
	organizer: number | null,
	registered: RegisterResult,
	person: DemoPerson,
	at: Date
) {
	const options = { at, mail: false };
	// The event's organizer decides, as on the registrations page; no organizer: no one did.
	const decider: Actor | null =
		organizer === null ? null : { id: organizer, name: '', staff: true, admin: false };
	const decide = (decision: 'approve' | 'waitlist' | 'decline', reason?: string) =>
		decideWithin(trx, decider, event.id, [registered.registrationId], decision, reason, options);
	const wanted: RegistrationStatus = person.status;
	if (wanted === registered.status) return;
	if (wanted === 'cancelled') {
		// The person cancelled it themselves.
		const owner = await findRegistrationById(trx, registered.registrationId);
		await cancelWithin(
			trx,
			{ id: owner!.user_id, name: '', staff: false, admin: false },
			registered.registrationId,
			undefined,
			options
		);
	} else if (wanted === 'declined') {
		await decide('decline', person.declineReason ?? 'No seat could be offered.');
	} else if (registered.status === 'pending' && wanted === 'confirmed') {
		await decide('approve');
	} else if (registered.status === 'pending' && wanted === 'waitlisted') {
		await decide('waitlist');
	}
}

async function seedEvent(
	database: DB,
	slug: string,
	people: DemoPerson[],
	period: (event: Event) => { from: Date; to: Date }
) {
	const found = await findEventBySlug(database, slug);
	if (!found) return;
	const codes = new Map((await listDelegations(database, found.id)).map((d) => [d.code, d.id]));
	await database.transaction().execute(async (trx) => {
		// Under the event lock, like any registration, so seeding beside a running app is safe.
		const event = await lockEvent(trx, found.id);
		// Spread over the registration period, in list order (which is the wait-list's order).
		const { from, to } = period(event);
		const step = (to.getTime() - from.getTime()) / (people.length + 1);
		const organizer =
			(await listEventStaff(trx, event.id)).find((s) => s.role === 'organizer')?.userId ?? null;
		for (const [index, person] of people.entries()) {
			const delegationId = codes.get(person.delegation);
			if (delegationId === undefined) continue;
			if (await findRegistrationByEmail(trx, event.id, person.email)) continue;
			const at = new Date(from.getTime() + (index + 0.5) * step);
			const registered = await registerWithin(
				trx,
				{
					eventId: event.id,
					values: formValues(event, delegationId, person, index),
					submissionKey: `demo:${person.email}`
				},
				{ at, mail: false, admitted: true }
			);
			const changed = new Date(at.getTime() + step / 3);
			await reachDemoState(trx, event, organizer, registered, person, changed);
		}
	});
}

/** Adds the demo registrations to the demo events that exist (idempotent). */
export async function seedDemoRegistrations(database: DB): Promise<void> {
	const sinceOpening = (event: Event) => {
		const to = now();
		const opened = event.registration_opens_at ?? new Date(to.getTime() - 7 * DAY);
		return { from: opened < to ? opened : new Date(to.getTime() - DAY), to };
	};
	await seedEvent(database, 'hlom-6', HLOM6_PEOPLE, sinceOpening);
	await seedEvent(database, 'hiv-aids-workshop', WORKSHOP_PEOPLE, sinceOpening);
	// The past meeting: registered between two months and two weeks before it took place.
	await seedEvent(database, 'hlom-5', HLOM5_PEOPLE, (event) => {
		const start = new Date(`${event.starts_on}T00:00:00Z`).getTime();
		return { from: new Date(start - 60 * DAY), to: new Date(start - 14 * DAY) };
	});
}
