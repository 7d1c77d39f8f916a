import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, DelegationsTable } from '../db/schema.ts';
import { findOfEvent } from '../db/event-scoped.ts';

type Executor = DB | Transaction<Database>;

/** A delegation of an event. */
export function findDelegation(executor: Executor, eventId: number, id: number) {
	return findOfEvent(executor, 'delegations', eventId, id);
}

/** Locks one delegation row (its quota counter is decided under the lock). */
export function lockDelegation(trx: Transaction<Database>, eventId: number, id: number) {
	return trx
		.selectFrom('delegations')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
}

/** Inserts delegations, skipping any whose code or name the event already has; returns those added. */
export function insertDelegations(executor: Executor, rows: Insertable<DelegationsTable>[]) {
	if (rows.length === 0) return Promise.resolve([]);
	return executor
		.insertInto('delegations')
		.values(rows)
		.onConflict((oc) => oc.doNothing())
		.returningAll()
		.execute();
}

/** The next free sort position of an event's delegations. */
export async function nextSortOrder(executor: Executor, eventId: number) {
	const row = await executor
		.selectFrom('delegations')
		.select((eb) => eb.fn.max('sort_order').as('max'))
		.where('event_id', '=', eventId)
		.executeTakeFirst();
	return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

/** Sets a delegation's quota. */
export async function updateQuota(executor: Executor, id: number, quota: number | null) {
	await executor.updateTable('delegations').set({ quota }).where('id', '=', id).execute();
}

/** Sets a delegation's sort position. */
export async function updateSortOrder(executor: Executor, id: number, sortOrder: number) {
	await executor
		.updateTable('delegations')
		.set({ sort_order: sortOrder })
		.where('id', '=', id)
		.execute();
}

/** Deletes a delegation. */
export async function deleteDelegation(executor: Executor, id: number) {
	await executor.deleteFrom('delegations').where('id', '=', id).execute();
}

/** True when any registration (in any state) belongs to the delegation. */
export async function delegationHasRegistrations(executor: Executor, id: number) {
	const row = await executor
		.selectFrom('registrations')
		.select('id')
		.where('delegation_id', '=', id)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** Delegation ids that have at least one registration, among an event's. */
export async function delegationsWithRegistrations(executor: Executor, eventId: number) {
	const rows = await executor
		.selectFrom('registrations')
		.select('delegation_id')
		.distinct()
		.where('event_id', '=', eventId)
		.execute();
	return new Set(rows.map((r) => r.delegation_id));
}

/** Moves the delegation's seat counter by `delta`. */
export async function addDelegationSeats(
	trx: Transaction<Database>,
	delegationId: number,
	delta: number
) {
	await trx
		.updateTable('delegations')
		.set((eb) => ({ seats_taken: eb('seats_taken', '+', delta) }))
		.where('id', '=', delegationId)
		.execute();
}

/** A delegation by id. */
export function findDelegationById(executor: Executor, id: number) {
	return executor.selectFrom('delegations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A delegation's display name. */
export async function delegationName(executor: Executor, delegationId: number): Promise<string> {
	const row = await executor
		.selectFrom('delegations')
		.select('name')
		.where('id', '=', delegationId)
		.executeTakeFirst();
	return row?.name ?? '';
}
