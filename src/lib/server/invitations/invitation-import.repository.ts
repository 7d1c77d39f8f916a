import type { Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { findOfEvent } from '../db/event-scoped.ts';

type Executor = DB | Transaction<Database>;

/** Stores an uploaded file's parsed rows until the organizer confirms (or it expires). */
export async function insertImport(
	executor: Executor,
	row: {
		eventId: number;
		createdBy: number;
		fileName: string;
		header: string[];
		records: string[][];
		at: Date;
		expiresAt: Date;
	}
) {
	// Old, unconfirmed uploads of the event are of no further use.
	await executor
		.deleteFrom('invitation_imports')
		.where('event_id', '=', row.eventId)
		.where('expires_at', '<', row.at)
		.execute();
	return executor
		.insertInto('invitation_imports')
		.values({
			event_id: row.eventId,
			created_by: row.createdBy,
			file_name: row.fileName,
			header: row.header,
			records: JSON.stringify(row.records),
			created_at: row.at,
			expires_at: row.expiresAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** An upload of the event, if it exists. */
export function findImport(executor: Executor, eventId: number, id: number) {
	return findOfEvent(executor, 'invitation_imports', eventId, id);
}

/** Marks an upload confirmed, only once and only before it expires; returns it, or undefined. */
export function claimImport(trx: Transaction<Database>, eventId: number, id: number, at: Date) {
	return trx
		.updateTable('invitation_imports')
		.set({ confirmed_at: at })
		.where('event_id', '=', eventId)
		.where('id', '=', id)
		.where('confirmed_at', 'is', null)
		.where('expires_at', '>', at)
		.returningAll()
		.executeTakeFirst();
}
