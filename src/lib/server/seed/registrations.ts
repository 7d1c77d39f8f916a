import type { Transaction } from 'kysely';
import { fromZonedInput } from '../../time.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { now } from '../clock.ts';
import type { DB } from '../db/database.ts';
import type { Database, Event } from '../db/schema.ts';
import { findEventBySlug, listDelegations, lockEvent } from '../events/event.repository.ts';
import { encryptVisaData } from '../privacy/pii.ts';
import {
	addEventSeats,
	findOrCreateUser,
	findRegistrationByEmail,
	lockDelegation,
	readEventSeats,
	insertRegistration,
	takeNumber
} from '../registrations/registration.repository.ts';
import { badgeName } from '../../domain/person-name.ts';
import { formatReference } from '../../domain/reference.ts';
import { hasRoom } from '../../domain/room.ts';
import {
	HLOM5_PEOPLE,
	HLOM6_PEOPLE,
	WORKSHOP_PEOPLE,
	type DemoPerson,
	type Leg
} from './registration-people.ts';

// Demo registrations in every state on the seeded events, inserted directly (no mail is sent)
// with the seat counters and reference numbers kept right. A person already registered for an
// event (by any seed) is left alone, so running it again changes nothing. Events that do not
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

async function seedPerson(
	trx: Transaction<Database>,
	event: Event,
	delegationId: number,
	person: DemoPerson,
	index: number,
	at: { registered: Date; changed: Date }
) {
	if (await findRegistrationByEmail(trx, event.id, person.email)) return;
	const badge = badgeName({ given_name: person.given, family_name: person.family });
	const userId = await findOrCreateUser(trx, person.email, badge);
	const delegation = (await lockDelegation(trx, event.id, delegationId))!;
	// If the organisers made the quotas smaller than the demo expects, wait-list instead.
	const status =
		person.status === 'confirmed' && !hasRoom(await readEventSeats(trx, event.id), delegation)
			? 'waitlisted'
			: person.status;
	const seat = status === 'confirmed';
	const number = await takeNumber(trx, delegationId, seat);
	if (seat) await addEventSeats(trx, event.id, 1);
	const visa =
		event.collect_visa_support && person.status !== 'cancelled'
			? encryptVisaData({
					passportNumber: `${person.nationality}${String(4_100_000 + index * 7919)}`,
					passportExpiry: addDays(event.ends_on, 1500 + index * 30),
					dateOfBirth: `${1962 + (index % 20)}-0${1 + (index % 9)}-1${index % 10}`
				})
			: null;
	const registration = await insertRegistration(trx, {
		event_id: event.id,
		user_id: userId,
		delegation_id: delegationId,
		reference: formatReference(event.code, delegation.code, number),
		status,
		category: person.category ?? 'delegate',
		honorific: person.honorific,
		given_name: person.given,
		family_name: person.family,
		badge_name: badge,
		native_name: person.native ?? null,
		position: person.position,
		organisation: person.organisation,
		email: person.email,
		phone: person.phone,
		nationality: person.nationality,
		visa_data_enc: visa,
		dietary: person.dietary ?? 'none',
		dietary_notes: person.dietaryNotes ?? '',
		accessibility_needs: person.access ?? '',
		arrival_at: legAt(event, person.arrive),
		arrival_flight: person.arrive?.[2] ?? '',
		arrival_airport: person.arrive?.[3] ?? '',
		departure_at: legAt(event, person.depart),
		departure_flight: person.depart?.[2] ?? '',
		departure_airport: person.depart?.[3] ?? '',
		accommodation: person.hotel ?? '',
		emergency_contact: '',
		consent_data_processing: true,
		consent_email_in_list: person.emailInList ?? false,
		decline_reason: person.declineReason ?? null,
		created_at: at.registered,
		updated_at: at.changed,
		status_changed_at: at.changed
	});
	await writeAudit(trx, {
		actorUserId: userId,
		action: 'registration.create',
		entityType: 'registration',
		entityId: registration.id,
		eventId: event.id,
		diff: { reference: registration.reference, status, seeded: true }
	});
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
		for (const [index, person] of people.entries()) {
			const delegationId = codes.get(person.delegation);
			if (delegationId === undefined) continue;
			const registered = new Date(from.getTime() + (index + 0.5) * step);
			const changed =
				person.status === 'confirmed' ? registered : new Date(registered.getTime() + step / 3);
			await seedPerson(trx, event, delegationId, person, index, { registered, changed });
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
