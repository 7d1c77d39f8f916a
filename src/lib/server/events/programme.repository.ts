import type { Insertable, Transaction, Updateable } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, ProgrammeItemsTable } from '../db/schema.ts';
import { findOfEvent } from '../db/event-scoped.ts';

type Executor = DB | Transaction<Database>;

/** A programme item of an event. */
export function findProgrammeItem(executor: Executor, eventId: number, id: number) {
	return findOfEvent(executor, 'programme_items', eventId, id);
}

/** Inserts programme items and returns them. */
export function insertProgrammeItems(executor: Executor, rows: Insertable<ProgrammeItemsTable>[]) {
	if (rows.length === 0) return Promise.resolve([]);
	return executor.insertInto('programme_items').values(rows).returningAll().execute();
}

/** Updates a programme item. */
export async function updateProgrammeItem(
	executor: Executor,
	id: number,
	changes: Updateable<ProgrammeItemsTable>
) {
	await executor.updateTable('programme_items').set(changes).where('id', '=', id).execute();
}

/** Deletes a programme item. */
export async function deleteProgrammeItem(executor: Executor, id: number) {
	await executor.deleteFrom('programme_items').where('id', '=', id).execute();
}
