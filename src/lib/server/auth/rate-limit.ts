import { sql } from 'kysely';
import { now } from '../clock.ts';
import type { DB } from '../db/database.ts';
import { runPrepared } from '../db/prepared.ts';

// Counters in PostgreSQL, so every app process behind a load balancer sees the same limits.

export type Limit = { max: number; windowMs: number };

/** Seconds until a key may try again, or 0 when it is not blocked. */
export async function blockedFor(database: DB, key: string, limit?: Limit): Promise<number> {
	const row = await database
		.selectFrom('rate_limits')
		.selectAll()
		.where('key', '=', key)
		.executeTakeFirst();
	if (!row) return 0;
	const at = now().getTime();
	if (row.blocked_until && row.blocked_until.getTime() > at) {
		return Math.ceil((row.blocked_until.getTime() - at) / 1000);
	}
	if (limit && row.count >= limit.max && row.window_started_at.getTime() + limit.windowMs > at) {
		return Math.ceil((row.window_started_at.getTime() + limit.windowMs - at) / 1000);
	}
	return 0;
}

/** Counts one attempt in a fixed window; returns the count within the current window. */
export async function countAttempt(database: DB, key: string, windowMs: number): Promise<number> {
	const at = now();
	const windowStart = new Date(at.getTime() - windowMs);
	// Commits without waiting for the WAL flush (synchronous_commit off for this one statement's
	// transaction): a counter lost in a crash is harmless, while waiting for the flush with the
	// row locked serialised every registration from one address (a ministry behind one NAT) on
	// the disk's fsync (npm run bench). set_config(…, true) lasts until that commit.
	const row = await database
		.insertInto('rate_limits')
		.columns(['key', 'count', 'window_started_at', 'blocked_until'])
		.expression(
			sql`select ${key}, 1, ${at}::timestamptz, null::timestamptz
				from (select set_config('synchronous_commit', 'off', true)) as async_commit`
		)
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				count: sql<number>`case when rate_limits.window_started_at < ${windowStart} then excluded.count else rate_limits.count + excluded.count end`,
				window_started_at: sql<Date>`case when rate_limits.window_started_at < ${windowStart} then ${at} else rate_limits.window_started_at end`
			})
		)
		.returning('count')
		.executeTakeFirstOrThrow();
	return row.count;
}

/**
 * Counts one attempt for each key given, with the same window, in one statement — the
 * registration form counts its address and its e-mail, and a batch of registrations all of
 * theirs, the same address many times — and returns the count each attempt saw within its
 * key's current window, in the order given (a key's later attempts see the earlier ones).
 * Commits without waiting for the flush, as above.
 */
export async function countAttempts(
	database: DB,
	keys: readonly string[],
	windowMs: number
): Promise<number[]> {
	// One row per key (a row updated twice in one statement is refused), in one order for all
	// callers: rows are written, and locked, in that order.
	const attempts = new Map<string, number>();
	for (const key of keys) attempts.set(key, (attempts.get(key) ?? 0) + 1);
	const distinct = [...attempts.keys()].sort();
	const at = now();
	const windowStart = new Date(at.getTime() - windowMs);
	// Prepared (db/prepared.ts): counted before every registration of a rush.
	const query = database
		.insertInto('rate_limits')
		.columns(['key', 'count', 'window_started_at', 'blocked_until'])
		.expression(
			sql`select key, attempts, ${at}::timestamptz, null::timestamptz
				from unnest(${sql.val(distinct)}::text[], ${sql.val(distinct.map((k) => attempts.get(k)))}::int[])
					with ordinality as k (key, attempts, position),
					(select set_config('synchronous_commit', 'off', true)) as async_commit
				order by position`
		)
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				count: sql<number>`case when rate_limits.window_started_at < ${windowStart} then excluded.count else rate_limits.count + excluded.count end`,
				window_started_at: sql<Date>`case when rate_limits.window_started_at < ${windowStart} then ${at} else rate_limits.window_started_at end`
			})
		)
		.returning(['key', 'count']);
	const rows = await runPrepared(database, query.compile());
	const total = new Map(rows.map((row) => [row.key, row.count]));
	// The first of a key's attempts here saw its total less the later ones.
	const seen = new Map<string, number>();
	return keys.map((key) => {
		const before = seen.get(key) ?? 0;
		seen.set(key, before + 1);
		return (total.get(key) ?? 0) - (attempts.get(key) ?? 0) + before + 1;
	});
}

/** Counts one attempt against a limit; returns false when the limit is exceeded. */
export async function consume(database: DB, key: string, limit: Limit): Promise<boolean> {
	return (await countAttempt(database, key, limit.windowMs)) <= limit.max;
}

/** Blocks a key until a moment. */
export async function blockUntil(database: DB, key: string, until: Date): Promise<void> {
	await database
		.updateTable('rate_limits')
		.set({ blocked_until: until })
		.where('key', '=', key)
		.execute();
}

/** Forgets a key (after a successful login). */
export async function resetLimit(database: DB, key: string): Promise<void> {
	await database.deleteFrom('rate_limits').where('key', '=', key).execute();
}
