import type { Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, StaffRole } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

/** An event by its public slug. */
export function findEventBySlug(executor: Executor, slug: string) {
	return executor.selectFrom('events').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** An event by id. */
export function findEventById(executor: Executor, id: number) {
	return executor.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the event row for the rest of the transaction (capacity decisions are made under it). */
export function lockEvent(trx: Transaction<Database>, id: number) {
	return trx
		.selectFrom('events')
		.selectAll()
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirstOrThrow();
}

/** The role a user holds on an event, if any. */
export async function findStaffRole(executor: Executor, eventId: number, userId: number) {
	const row = await executor
		.selectFrom('event_staff')
		.select('role')
		.where('event_id', '=', eventId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return (row?.role as StaffRole | undefined) ?? null;
}

/** The event's delegations in display order. */
export function listDelegations(executor: Executor, eventId: number) {
	return executor
		.selectFrom('delegations')
		.selectAll()
		.where('event_id', '=', eventId)
		.orderBy('sort_order')
		.orderBy('name')
		.execute();
}

/** The event's programme in time order. */
export function listProgramme(executor: Executor, eventId: number) {
	return executor
		.selectFrom('programme_items')
		.selectAll()
		.where('event_id', '=', eventId)
		.orderBy('starts_at')
		.orderBy('id')
		.execute();
}
