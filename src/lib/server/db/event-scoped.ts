import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from './database.ts';
import type { Database } from './schema.ts';

type Executor = DB | Transaction<Database>;

/** The tables whose rows belong to one event: they carry both `id` and `event_id`. */
export type EventScopedTable = {
	[K in keyof Database]: Database[K] extends { id: unknown; event_id: unknown } ? K : never;
}[keyof Database];

/**
 * One row of an event's table by its id, or undefined when the id is another event's. Every
 * "open this delegation / visit / upload / e-mail of this event" goes through here, so an id
 * taken from one event's URL can never reach a row of another.
 */
export function findOfEvent<T extends EventScopedTable>(
	executor: Executor,
	table: T,
	eventId: number,
	id: number
): Promise<Selectable<Database[T]> | undefined> {
	// Kysely cannot narrow a generic table name; the mapped type above guarantees the columns.
	const scoped = executor as unknown as Kysely<{ row: { id: number; event_id: number } }>;
	return scoped
		.selectFrom(table as unknown as 'row')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('id', '=', id)
		.executeTakeFirst() as Promise<Selectable<Database[T]> | undefined>;
}
