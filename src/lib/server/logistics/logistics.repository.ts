import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { NAME_COLUMNS, DELEGATION_NAME_COLUMNS } from '../registrations/person-columns.ts';

type Executor = DB | Transaction<Database>;

// Logistics lists are for confirmed participants only: they are the ones travelling.

function confirmed(executor: Executor, eventId: number) {
	return executor
		.selectFrom('registrations as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select(['r.id', 'r.reference', ...NAME_COLUMNS, 'r.phone', ...DELEGATION_NAME_COLUMNS])
		.where('r.event_id', '=', eventId)
		.where('r.status', '=', 'confirmed');
}

/** Confirmed participants' arrival (or departure) details, earliest first, unknown last. */
export function listTravel(
	executor: Executor,
	eventId: number,
	direction: 'arrival' | 'departure'
) {
	const at = direction === 'arrival' ? 'r.arrival_at' : 'r.departure_at';
	const flight = direction === 'arrival' ? 'r.arrival_flight' : 'r.departure_flight';
	const airport = direction === 'arrival' ? 'r.arrival_airport' : 'r.departure_airport';
	return confirmed(executor, eventId)
		.select([`${at} as at`, `${flight} as flight`, `${airport} as airport`])
		.orderBy(sql`${sql.ref(at)} asc nulls last`)
		.orderBy(sql`upper(${sql.ref(airport)})`)
		.orderBy(sql`upper(${sql.ref(flight)})`)
		.orderBy('r.family_name')
		.orderBy('r.id')
		.execute();
}

/** Confirmed participants with a dietary requirement or an accessibility need. */
export function listDietaryAndAccess(executor: Executor, eventId: number) {
	return confirmed(executor, eventId)
		.select(['r.dietary', 'r.dietary_notes', 'r.accessibility_needs'])
		.where((eb) =>
			eb.or([eb('r.dietary', '<>', 'none'), eb(sql`btrim(r.accessibility_needs)`, '<>', '')])
		)
		.orderBy('d.sort_order')
		.orderBy('d.name')
		.orderBy('r.family_name')
		.orderBy('r.id')
		.execute();
}

/** Confirmed participants per dietary requirement, with how many have accessibility needs. */
export function countDietary(executor: Executor, eventId: number) {
	return executor
		.selectFrom('registrations')
		.select([
			'dietary',
			sql<number>`count(*)::int`.as('count'),
			sql<number>`count(*) filter (where btrim(accessibility_needs) <> '')::int`.as('access')
		])
		.where('event_id', '=', eventId)
		.where('status', '=', 'confirmed')
		.groupBy('dietary')
		.execute();
}

/** Confirmed participants with where they stay and their dates, by hotel then name. */
export function listAccommodation(executor: Executor, eventId: number) {
	return confirmed(executor, eventId)
		.select(['r.accommodation', 'r.arrival_at', 'r.departure_at'])
		.orderBy(sql`btrim(r.accommodation) = ''`)
		.orderBy(sql`lower(btrim(r.accommodation))`)
		.orderBy('r.family_name')
		.orderBy('r.id')
		.execute();
}
