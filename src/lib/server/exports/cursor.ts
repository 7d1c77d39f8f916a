import { CompiledQuery, type Compilable } from 'kysely';
import { db } from '../db/database.ts';

// Large exports read through a server-side cursor in a read-only transaction: a batch at a time
// in memory, one consistent snapshot for the whole file. (Kysely's .stream() needs pg-cursor,
// which we do not ship; DECLARE … CURSOR with bind parameters works on every PostgreSQL.)

export const BATCH_SIZE = 1000;

/** The rows of a query, batch by batch; stopping early (a closed download) ends the transaction. */
export async function* cursorBatches<Row>(
	query: Compilable<Row>,
	batchSize = BATCH_SIZE
): AsyncGenerator<Row[]> {
	const compiled = query.compile();
	const trx = await db().startTransaction().setAccessMode('read only').execute();
	let finished = false;
	let ahead: Promise<Row[]> | undefined;
	try {
		// The planner's cost for a whole-event export crosses the JIT threshold, and compiling
		// cost 2.5 s of a 4 s export of 100 000 rows; a cursor reads rows as they come anyway.
		await trx.executeQuery(CompiledQuery.raw('set local jit = off'));
		await trx.executeQuery(
			CompiledQuery.raw(`declare export_rows no scroll cursor for ${compiled.sql}`, [
				...compiled.parameters
			])
		);
		const fetch = () =>
			trx
				.executeQuery<Row>(
					CompiledQuery.raw(`fetch forward ${Math.trunc(batchSize)} from export_rows`)
				)
				.then((result) => result.rows);
		// The next batch is fetched while the caller turns this one into a file: the database and
		// the renderer work side by side instead of taking turns (npm run bench).
		ahead = fetch();
		for (;;) {
			const rows: Row[] = await ahead;
			ahead = rows.length < batchSize ? undefined : fetch();
			if (rows.length > 0) yield rows;
			if (!ahead) break;
		}
		finished = true;
	} finally {
		// A download closed early may leave a fetch in flight; the transaction ends after it.
		await ahead?.catch(() => undefined);
		if (finished) await trx.commit().execute();
		else await trx.rollback().execute();
	}
}
