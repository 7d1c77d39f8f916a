import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

// A part of a use case that may fail on its own (a field visit that clashes, a registration
// cancelled meanwhile) without undoing the rest of the caller's transaction.

/** Runs `work` inside a savepoint of `trx`: if it throws, only its own writes are undone. */
export async function withSavepoint<T>(
	trx: Transaction<Database>,
	name: string,
	work: () => Promise<T>
): Promise<T> {
	const savepoint = sql.id(name);
	await sql`savepoint ${savepoint}`.execute(trx);
	let result: T;
	try {
		result = await work();
	} catch (error) {
		await sql`rollback to savepoint ${savepoint}`.execute(trx);
		throw error;
	}
	await sql`release savepoint ${savepoint}`.execute(trx);
	return result;
}
