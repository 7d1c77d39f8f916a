import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { config } from '../config.ts';
import { prepareMarkedStatements } from './prepared.ts';
import type { Database } from './schema.ts';

// pg returns int8 as string by default; our ids and counters fit in a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
// `date` columns stay plain 'YYYY-MM-DD' strings: they are calendar days, not instants.
pg.types.setTypeParser(1082, (value) => value);

export type DB = Kysely<Database>;

type Options = { max: number; acquireTimeoutMs: number; applicationName?: string };

/** Creates a Kysely instance over a bounded pg Pool whose errors are logged, not fatal. */
export function createDatabase(connectionString: string, options: Options): DB {
	const pool = new pg.Pool({
		connectionString,
		max: options.max,
		// Applies both to opening a connection and to waiting for a free one in the pool.
		connectionTimeoutMillis: options.acquireTimeoutMs,
		idleTimeoutMillis: 30_000,
		application_name: options.applicationName ?? 'kaigi'
	});
	// An idle client whose server went away (restart, 57P01 on shutdown) must not crash the process.
	pool.on('error', (error: Error & { code?: string }) => {
		if (error.code !== '57P01')
			console.error(`database pool: ${error.code ?? ''} ${error.message}`);
	});
	prepareMarkedStatements(pool);
	return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

const KEY = Symbol.for('kaigi.database');
type Holder = { [KEY]?: DB };

/**
 * The process-wide database. Held on globalThis so the bundled app and the plain-Node
 * scripts that share one process (scripts/start) share one pool.
 */
export function db(): DB {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		const { databaseUrl, dbPoolMax, dbAcquireTimeoutMs } = config();
		if (!databaseUrl) throw new Error('DATABASE_URL is not set and no database was started');
		holder[KEY] = createDatabase(databaseUrl, {
			max: dbPoolMax,
			acquireTimeoutMs: dbAcquireTimeoutMs
		});
	}
	return holder[KEY];
}

/** Replaces the process-wide database (tests point each file at its own database). */
export function setDatabase(database: DB | undefined): void {
	(globalThis as Holder)[KEY] = database;
}

/** Closes the process-wide pool, if one was opened. */
export async function closeDatabase(): Promise<void> {
	const holder = globalThis as Holder;
	const database = holder[KEY];
	holder[KEY] = undefined;
	await database?.destroy();
}
