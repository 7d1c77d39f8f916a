// The benchmark's PostgreSQL: the server DATABASE_URL names (a fresh `kaigi_bench` database is
// created on it), else an embedded PostgreSQL kept in .data-bench/ between runs.
import path from 'node:path';
import pg from 'pg';
import { createDatabase, type DB } from '../src/lib/server/db/database.ts';
import { startEmbeddedPostgres } from '../src/lib/server/db/embedded.ts';
import { migrateToLatest } from '../src/lib/server/db/migrator.ts';

export const BENCH_DATABASE = 'kaigi_bench';

export type BenchPostgres = {
	/** Connection string of the fresh, migrated `kaigi_bench` database. */
	url: string;
	/** Where the server runs: "DATABASE_URL host:port" or "embedded". */
	label: string;
	/** PostgreSQL's version string, for the report. */
	version: string;
	stop(): Promise<void>;
};

/** Another database on the same server as `url`. */
export function onSameServer(url: string, database: string): string {
	const next = new URL(url);
	next.pathname = `/${database}`;
	return next.toString();
}

/** Runs statements on one short-lived connection and returns the last result's rows. */
export async function query(url: string, ...statements: string[]): Promise<pg.QueryResultRow[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		let rows: pg.QueryResultRow[] = [];
		for (const statement of statements) rows = (await client.query(statement)).rows;
		return rows;
	} finally {
		await client.end();
	}
}

/** Opens the server, recreates `kaigi_bench` empty and applies every migration. */
export async function openBenchPostgres(root: string, log: (line: string) => void) {
	let adminUrl: string;
	let label: string;
	let stop = async () => {};
	if (process.env.DATABASE_URL) {
		adminUrl = process.env.DATABASE_URL;
		const at = new URL(adminUrl);
		label = `DATABASE_URL ${at.hostname}:${at.port || 5432}`;
	} else {
		const dir = path.join(root, '.data-bench');
		log(`starting embedded PostgreSQL in ${path.join(dir, 'postgres')}…`);
		const server = await startEmbeddedPostgres(dir, { database: 'postgres', port: 4194 });
		adminUrl = server.adminUrl;
		label = 'embedded';
		stop = server.stop;
	}
	await query(
		adminUrl,
		`drop database if exists ${BENCH_DATABASE} with (force)`,
		`create database ${BENCH_DATABASE}`
	);
	const url = onSameServer(adminUrl, BENCH_DATABASE);
	const database = createDatabase(url, { max: 2, acquireTimeoutMs: 10_000 });
	try {
		await migrateToLatest(database);
	} finally {
		await database.destroy();
	}
	const [{ server_version: version }] = await query(url, 'show server_version');
	return { url, label, version: String(version), stop } satisfies BenchPostgres;
}

/** A Kysely over its own pool, for the bench process's own work (data, floors, worker). */
export function benchDatabase(url: string, max: number): DB {
	return createDatabase(url, { max, acquireTimeoutMs: 60_000, applicationName: 'kaigi-bench' });
}
