import type { Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, OfflineCheckinOutcome, RollCallState } from '../db/schema.ts';
import {
	DELEGATION_NAME_COLUMNS,
	NAME_COLUMNS,
	PERSON_COLUMNS
} from '../registrations/person-columns.ts';

type Executor = DB | Transaction<Database>;

/** Everyone registered for the event, as the offline desk list needs them (one indexed scan). */
export function listDeskPeople(executor: Executor, eventId: number) {
	return executor
		.selectFrom('registrations as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select([...PERSON_COLUMNS, 'r.badge_name', 'r.checked_in_at', ...DELEGATION_NAME_COLUMNS])
		.where('r.event_id', '=', eventId)
		.where('r.status', 'in', ['confirmed', 'pending', 'waitlisted'])
		.orderBy('r.sort_name')
		.orderBy('r.id')
		.execute();
}

/** The stored answer to a check-in a device already synced, by its id. */
export function findOfflineCheckin(executor: Executor, clientId: string) {
	return executor
		.selectFrom('offline_checkins')
		.selectAll()
		.where('client_id', '=', clientId)
		.executeTakeFirst();
}

/** Keeps the answer given to a synced check-in, so a replay gets the same one. */
export async function insertOfflineCheckin(
	trx: Transaction<Database>,
	row: {
		clientId: string;
		eventId: number;
		registrationId: number;
		deviceAt: Date;
		by: number;
		outcome: OfflineCheckinOutcome;
		message: string;
	}
): Promise<void> {
	await trx
		.insertInto('offline_checkins')
		.values({
			client_id: row.clientId,
			event_id: row.eventId,
			registration_id: row.registrationId,
			device_at: row.deviceAt,
			synced_by: row.by,
			outcome: row.outcome,
			message: row.message
		})
		.execute();
}

/** The conflicts of the event's synced check-ins, newest first. */
export function listOfflineConflicts(executor: Executor, eventId: number, limit: number) {
	return executor
		.selectFrom('offline_checkins as o')
		.innerJoin('registrations as r', 'r.id', 'o.registration_id')
		.innerJoin('users as u', 'u.id', 'o.synced_by')
		.select([
			'o.client_id',
			'o.outcome',
			'o.message',
			'o.device_at',
			'o.synced_at',
			'u.display_name as by_name',
			'r.reference',
			...NAME_COLUMNS
		])
		.where('o.event_id', '=', eventId)
		.where('o.outcome', '!=', 'done')
		.orderBy('o.synced_at', 'desc')
		.limit(limit)
		.execute();
}

/** Who is expected on a visit: confirmed sign-ups of confirmed registrations. */
export function listVisitTravellers(executor: Executor, visitId: number) {
	return executor
		.selectFrom('field_visit_signups as s')
		.innerJoin('registrations as r', 'r.id', 's.registration_id')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select([...PERSON_COLUMNS, 'r.badge_name', ...DELEGATION_NAME_COLUMNS])
		.where('s.visit_id', '=', visitId)
		.where('s.status', '=', 'confirmed')
		.where('r.status', '=', 'confirmed')
		.orderBy('r.sort_name')
		.orderBy('r.id')
		.execute();
}

/** A roll-call mark by its device id. */
export function findRollCall(executor: Executor, clientId: string) {
	return executor
		.selectFrom('roll_calls')
		.selectAll()
		.where('client_id', '=', clientId)
		.executeTakeFirst();
}

/** Adds a roll-call mark; false when its device id was already stored (a replay). */
export async function insertRollCall(
	trx: Transaction<Database>,
	row: {
		clientId: string;
		visitId: number;
		stopId: number | null;
		registrationId: number;
		state: RollCallState;
		by: number;
		at: Date;
	}
): Promise<boolean> {
	const inserted = await trx
		.insertInto('roll_calls')
		.values({
			client_id: row.clientId,
			visit_id: row.visitId,
			stop_id: row.stopId,
			registration_id: row.registrationId,
			state: row.state,
			marked_by: row.by,
			marked_at: row.at
		})
		.onConflict((oc) => oc.column('client_id').doNothing())
		.returning('id')
		.executeTakeFirst();
	return inserted !== undefined;
}

/** Every mark of a visit's roll call, in the order they were made. */
export function listRollCalls(executor: Executor, visitId: number) {
	return executor
		.selectFrom('roll_calls as c')
		.innerJoin('registrations as r', 'r.id', 'c.registration_id')
		.innerJoin('users as u', 'u.id', 'c.marked_by')
		.leftJoin('field_visit_stops as st', 'st.id', 'c.stop_id')
		.select([
			'c.id',
			'c.client_id',
			'c.stop_id',
			'c.registration_id',
			'c.state',
			'c.marked_at',
			'c.synced_at',
			'u.display_name as by_name',
			'st.place as stop_place',
			'st.translations as stop_translations',
			'r.reference',
			...NAME_COLUMNS
		])
		.where('c.visit_id', '=', visitId)
		.orderBy('c.marked_at')
		.orderBy('c.id')
		.execute();
}
