import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { config, reloadConfig } from '../config.ts';
import { closeDatabase } from './database.ts';
import { startEmbeddedPostgres } from './embedded.ts';

export type DatabaseRuntime = {
	/** True when this process started the embedded PostgreSQL and created its cluster. */
	createdCluster: boolean;
	embedded: boolean;
	stop(): Promise<void>;
};

async function reachable(url: string): Promise<boolean> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
	client.on('error', () => {});
	try {
		await client.connect();
		await client.end();
		return true;
	} catch {
		return false;
	}
}

/**
 * Makes sure DATABASE_URL points at a running PostgreSQL. With none configured, uses the
 * embedded one in DATA_DIR: the one another Kaigi process already runs (its address is in
 * DATA_DIR/postgres.url), or a new one this process starts and stops.
 */
export async function ensureDatabase(
	log: (line: string) => void = () => {}
): Promise<DatabaseRuntime> {
	if (config().databaseUrl) {
		return { createdCluster: false, embedded: false, stop: () => closeDatabase() };
	}
	const dataDir = config().dataDir;
	const urlFile = path.join(path.resolve(dataDir), 'postgres.url');
	const running = await readFile(urlFile, 'utf8').then(
		(v) => v.trim(),
		() => ''
	);
	if (running && (await reachable(running))) {
		process.env.DATABASE_URL = running;
		reloadConfig();
		log(`using the embedded PostgreSQL already running for ${dataDir}`);
		return {
			createdCluster: false,
			embedded: true,
			stop: async () => {
				await closeDatabase();
				delete process.env.DATABASE_URL;
			}
		};
	}
	log(`starting embedded PostgreSQL in ${path.join(dataDir, 'postgres')}…`);
	const server = await startEmbeddedPostgres(dataDir, {
		log: (line) => process.env.KAIGI_PG_LOG && log(line)
	});
	await writeFile(urlFile, server.url + '\n', { mode: 0o600 });
	process.env.DATABASE_URL = server.url;
	reloadConfig();
	return {
		createdCluster: server.created,
		embedded: true,
		stop: async () => {
			await closeDatabase();
			await rm(urlFile, { force: true });
			await server.stop();
			delete process.env.DATABASE_URL;
		}
	};
}
