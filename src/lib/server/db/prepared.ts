import { createHash } from 'node:crypto';
import type { CompiledQuery, Kysely } from 'kysely';
import type pg from 'pg';

// Named (prepared) statements for the hot path of a registration rush. PostgreSQL parses and
// plans an unnamed statement every time it is sent; a named one once per connection, after
// which only its parameters travel. `pg` prepares a query that carries a name; Kysely sends
// text and parameters only, so the pool's clients give a name to the texts marked here. Only
// marked texts: every named statement holds server memory for the connection's lifetime, so
// a marked query's text must not vary with its input (arrays are passed as one parameter).

const names = new Map<string, string>();
// A query meant to be prepared whose text varies would grow this without end: refuse it.
const LIMIT = 200;

function nameOf(text: string): string {
	let name = names.get(text);
	if (name === undefined) {
		if (names.size >= LIMIT) throw new Error('too many prepared statement texts');
		name = `kaigi_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
		names.set(text, name);
	}
	return name;
}

/** Runs a compiled query as a named statement: parsed and planned once per connection. */
export async function runPrepared<R>(
	executor: Kysely<never> | { executeQuery: Kysely<never>['executeQuery'] },
	query: CompiledQuery<R>
): Promise<R[]> {
	nameOf(query.sql);
	const { rows } = await executor.executeQuery(query);
	return rows;
}

type Query = (...args: unknown[]) => unknown;

/** Makes a pool's clients send the marked texts as named statements (call once per pool). */
export function prepareMarkedStatements(pool: pg.Pool): void {
	pool.on('connect', (client) => {
		const query = client.query.bind(client) as Query;
		(client as unknown as { query: Query }).query = (text, values, callback) => {
			const name = typeof text === 'string' ? names.get(text) : undefined;
			if (name === undefined) return query(text, values, callback);
			return query({ name, text, values }, callback);
		};
	});
}
