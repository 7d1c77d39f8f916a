import type { Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { NAME_COLUMNS } from '../registrations/person-columns.ts';

// Queries behind a delegate's own pages: whose registration this is, their chosen visits, and
// the calendar feed token (only its hash is stored).

type Executor = DB | Transaction<Database>;

const REGISTRATION_COLUMNS = [
	'r.id',
	'r.event_id',
	'r.user_id',
	'r.reference',
	'r.status',
	'r.category',
	...NAME_COLUMNS,
	'r.email',
	'r.arrival_at',
	'r.arrival_flight',
	'r.arrival_airport',
	'r.departure_at',
	'r.departure_flight',
	'r.departure_airport',
	'r.accommodation',
	'r.calendar_token_hash',
	'r.language'
] as const;

const EVENT_COLUMNS = [
	'e.slug as event_slug',
	'e.code as event_code',
	'e.title as event_title',
	'e.time_zone as event_time_zone',
	'e.starts_on as event_starts_on',
	'e.ends_on as event_ends_on',
	'e.venue as event_venue',
	'e.city as event_city',
	'e.status as event_status',
	'e.translations as event_translations'
] as const;

/** The registration whose calendar feed token has this hash. */
export function findRegistrationByCalendarHash(executor: Executor, hash: Uint8Array) {
	return executor
		.selectFrom('registrations as r')
		.innerJoin('events as e', 'e.id', 'r.event_id')
		.select(REGISTRATION_COLUMNS)
		.select(EVENT_COLUMNS)
		.where('r.calendar_token_hash', '=', hash)
		.executeTakeFirst();
}

/** Stores (or clears, with null) the hash of a registration's calendar feed token. */
export async function setCalendarTokenHash(
	executor: Executor,
	registrationId: number,
	hash: Uint8Array | null,
	at: Date
) {
	await executor
		.updateTable('registrations')
		.set({ calendar_token_hash: hash, updated_at: at })
		.where('id', '=', registrationId)
		.execute();
}

/** A registration's active sign-ups with their visits (scheduled visits only). */
export function chosenVisits(executor: Executor, registrationId: number) {
	return executor
		.selectFrom('field_visit_signups as s')
		.innerJoin('field_visits as v', 'v.id', 's.visit_id')
		.selectAll('v')
		.select(['s.id as signup_id', 's.status as signup_status'])
		.where('s.registration_id', '=', registrationId)
		.where('s.status', '<>', 'cancelled')
		.where('v.status', '=', 'scheduled')
		.orderBy('v.departs_at')
		.execute();
}

/**
 * The event's scheduled visits with this registration's sign-up on each, if any (none when
 * `registrationId` is null: someone still filling in the registration form).
 */
export function visitsForRegistration(
	executor: Executor,
	eventId: number,
	registrationId: number | null
) {
	return executor
		.selectFrom('field_visits as v')
		.leftJoin('field_visit_signups as s', (join) =>
			join
				.onRef('s.visit_id', '=', 'v.id')
				.on('s.registration_id', '=', registrationId ?? -1)
				.on('s.status', '<>', 'cancelled')
		)
		.selectAll('v')
		.select(['s.id as signup_id', 's.status as signup_status'])
		.where('v.event_id', '=', eventId)
		.where('v.status', '=', 'scheduled')
		.orderBy('v.departs_at')
		.orderBy('v.id')
		.execute();
}
