import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

// The wait-list of an event, in the order people are confirmed from it: first come, first
// served (created_at, then id), as firstWaitlistedThatFits reads it along the
// (event_id, status, created_at, id) index.

type Executor = Kysely<Database> | Transaction<Database>;

/** Positions on the event's wait-list (1 = next in line) of the given registrations. */
export async function waitlistPositions(
	executor: Executor,
	eventId: number,
	ids: number[]
): Promise<Map<number, number>> {
	if (ids.length === 0) return new Map();
	const rows = await executor
		.selectFrom((eb) =>
			eb
				.selectFrom('registrations')
				.select(['id', sql<string>`row_number() over (order by created_at, id)`.as('position')])
				.where('event_id', '=', eventId)
				.where('status', '=', 'waitlisted')
				.as('w')
		)
		.select(['w.id', 'w.position'])
		.where('w.id', 'in', ids)
		.execute();
	return new Map(rows.map((row) => [row.id, Number(row.position)]));
}

/** How many registrations of the event await an organizer's approval. */
export async function countPending(executor: Executor, eventId: number): Promise<number> {
	const row = await executor
		.selectFrom('registrations')
		.select((eb) => eb.fn.countAll<string>().as('count'))
		.where('event_id', '=', eventId)
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow();
	return Number(row.count);
}
