import { rm } from 'node:fs/promises';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/lib/server/db/embedded.ts';

// Test databases (DESIGN §9): TEST_DATABASE_URL names a server where the suite may create and
// drop databases kaigi_test_<run>_<n>; without it, an embedded PostgreSQL of the suite's own.

export type TestServer = { adminUrl: string; stop(): Promise<void> };

/** Connects to TEST_DATABASE_URL, or starts a fresh embedded PostgreSQL in `embeddedDir`. */
export async function openTestServer(embeddedDir: string): Promise<TestServer> {
	const url = process.env.TEST_DATABASE_URL;
	if (url) return { adminUrl: url, stop: async () => {} };
	await rm(embeddedDir, { recursive: true, force: true });
	const server: EmbeddedDatabase = await startEmbeddedPostgres(embeddedDir, {
		database: 'postgres'
	});
	return {
		adminUrl: server.adminUrl,
		stop: async () => {
			await server.stop();
			await rm(embeddedDir, { recursive: true, force: true });
		}
	};
}

/** The connection string of another database on the same server. */
export function databaseUrl(serverUrl: string, name: string): string {
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/** Runs statements on the server's maintenance connection. */
export async function onServer(adminUrl: string, ...statements: string[]): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		for (const statement of statements) await client.query(statement);
	} finally {
		await client.end();
	}
}

/** Creates a database, optionally as a copy of a template (retrying while the template is busy). */
export async function createDatabase(adminUrl: string, name: string, template?: string) {
	const statement = template
		? `create database "${name}" template "${template}"`
		: `create database "${name}"`;
	for (let attempt = 0; ; attempt++) {
		try {
			await onServer(adminUrl, statement);
			return;
		} catch (error) {
			const busy = (error as { code?: string }).code === '55006';
			if (!busy || attempt > 50) throw error;
			await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
		}
	}
}

/** Drops a database, ending its connections. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
	await onServer(adminUrl, `drop database if exists "${name}" with (force)`);
}
