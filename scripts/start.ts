// npm start — the one process entry: build if needed, database, migrations, demo data,
// mail catcher and worker, then adapter-node's handler on PORT.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, config } from '../src/lib/server/config.ts';
import { db } from '../src/lib/server/db/database.ts';
import { migrateToLatest } from '../src/lib/server/db/migrator.ts';
import { ensureDatabase } from '../src/lib/server/db/runtime.ts';
import { ownOrigins } from '../src/lib/server/http/own-origins.ts';
import { startMail } from '../src/lib/server/mail/runtime.ts';
import { startPurgeSchedule } from '../src/lib/server/privacy/purge.schedule.ts';
import { seedDemo } from '../src/lib/server/seed/seed.ts';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const log = (line: string) => console.log(`[kaigi] ${line}`);

function newestMtime(entry: string): number {
	if (!existsSync(entry)) return 0;
	const info = statSync(entry);
	if (!info.isDirectory()) return info.mtimeMs;
	let newest = info.mtimeMs;
	for (const name of readdirSync(entry))
		newest = Math.max(newest, newestMtime(path.join(entry, name)));
	return newest;
}

function buildIfStale(): void {
	const handler = path.join(root, 'build', 'handler.js');
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];
	const newestSource = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
	if (existsSync(handler) && statSync(handler).mtimeMs >= newestSource) return;
	log('building the app (first start or sources changed)…');
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	// The build's own chatter (adapter banner, "done", bundler timings) means nothing to someone
	// starting Kaigi: it is kept, and shown only when the build fails.
	const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		env: { ...process.env, NODE_ENV: 'production' }
	});
	if (result.status !== 0) {
		process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
		console.error('[kaigi] the build failed; see the messages above');
		process.exit(1);
	}
	log('app built');
}

let settings;
try {
	settings = config();
} catch (error) {
	console.error(error instanceof ConfigError ? error.message : error);
	process.exit(1);
}

if (process.env.KAIGI_SKIP_BUILD !== '1') buildIfStale();
const runtime = await ensureDatabase(log);
const stops: Array<() => Promise<void>> = [() => runtime.stop()];
let server: http.Server | undefined;
let stopping = false;

async function shutdown(signal: string, code = 0): Promise<void> {
	if (stopping) return;
	stopping = true;
	log(`${signal}: stopping…`);
	const force = setTimeout(() => process.exit(1), 10_000);
	force.unref();
	if (server) {
		server.closeIdleConnections();
		await new Promise<void>((resolve) => server!.close(() => resolve()));
	}
	for (const stop of stops.reverse()) {
		await stop().catch((error: Error) => console.error(`[kaigi] ${error.message}`));
	}
	log('stopped');
	process.exit(code);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
	const applied = await migrateToLatest(db());
	if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
	const seedWanted = settings.seedDemo ?? (runtime.embedded && runtime.createdCluster);
	if (seedWanted) {
		const demo = await seedDemo(db());
		log('demo data created');
		for (const line of demo.logins) log(line);
	}
	const mail = await startMail(log);
	stops.unshift(mail.stop);
	// The retention purge runs where the mail worker runs (hourly; see privacy/purge.schedule.ts).
	if (config().mailWorker === 'inline') stops.unshift(startPurgeSchedule({ log }).stop);

	// adapter-node refuses bodies over 512 KB by default; an invitation CSV may be up to 2 MB and
	// an announcement's PDF up to 10 MB, a file answering an event's question up to 20 MB (the
	// forms then say so in words). Read by the handler when it is imported.
	process.env.BODY_SIZE_LIMIT ??= '21M';
	// Without ORIGIN adapter-node assumes https, and a plain `npm start` on http://localhost
	// would refuse every form. The zero-configuration start also accepts forms from the
	// machine's other addresses (127.0.0.1, the LAN address a check-in tablet opens).
	let otherAddresses: string[] = [];
	if (!process.env.ORIGIN) {
		process.env.ORIGIN = settings.origin;
		otherAddresses = ownOrigins(settings.port).filter((o) => o !== settings.origin);
		process.env.TRUSTED_ORIGINS ??= otherAddresses.join(',');
	}
	const { handler } = await import(pathToFileURL(path.join(root, 'build', 'handler.js')).href);
	server = http.createServer(handler);
	await new Promise<void>((resolve, reject) => {
		server!.once('error', reject);
		server!.listen(settings.port, settings.host, () => resolve());
	});
	const shown = settings.host === '0.0.0.0' || settings.host === '::' ? 'localhost' : settings.host;
	const listening = `http://${shown}:${settings.port}`;
	log(
		`ready on ${listening}${settings.origin !== listening ? ` (public address ${settings.origin})` : ''}`
	);
	const lan = otherAddresses.filter((o) => !/\/\/(localhost|127\.0\.0\.1|\[::1\]):/.test(o));
	if (lan.length) log(`also open on this network at ${lan.join(', ')}`);
} catch (error) {
	console.error(`[kaigi] start-up failed: ${error instanceof Error ? error.message : error}`);
	await shutdown('error', 1);
}
