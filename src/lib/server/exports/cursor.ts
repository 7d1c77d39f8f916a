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
	try {
		await trx.executeQuery(
			CompiledQuery.raw(`declare export_rows no scroll cursor for ${compiled.sql}`, [
				...compiled.parameters
			])
		);
		for (;;) {
			const { rows } = await trx.executeQuery<Row>(
				CompiledQuery.raw(`fetch forward ${Math.trunc(batchSize)} from export_rows`)
			);
			if (rows.length > 0) yield rows;
			if (rows.length < batchSize) break;
		}
		finished = true;
	} finally {
		if (finished) await trx.commit().execute();
		else await trx.rollback().execute();
	}
}
