// npm run bench [-- scenario…] — Kaigi's performance figures, each beside a floor measured in
// the same run on the same machine (DESIGN §10). Scenarios: start page rush export mail.
// Builds the app if stale (through npm start), runs it against a fresh `kaigi_bench` database on
// DATABASE_URL's server or an embedded PostgreSQL in .data-bench/, prints one table and writes
// bench/results/<date>.json.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchApp, type RunningApp } from '../bench/app.ts';
import { addProgramme, createEvent, createStaff, generateRegistrations } from '../bench/data.ts';
import { runMail } from '../bench/mail.ts';
import { runPage } from '../bench/page.ts';
import { benchDatabase, openBenchPostgres, query } from '../bench/postgres.ts';
import { machine, table, writeResults, type Row } from '../bench/report.ts';
import { exportRows, mailRows, pageRows, rushRows, startRows } from '../bench/rows.ts';
import { npmStartEnv, timeStarts } from '../bench/start.ts';
import { reloadConfig } from '../src/lib/server/config.ts';
import { setDatabase } from '../src/lib/server/db/database.ts';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const log = (line: string) => console.log(`[bench] ${line}`);
const ALL = ['start', 'page', 'rush', 'export', 'mail'] as const;
const wanted = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ALL);
for (const name of wanted) {
	if (!(ALL as readonly string[]).includes(name)) {
		console.error(`unknown scenario ${name}; choose from ${ALL.join(', ')}`);
		process.exit(2);
	}
}

// 4190 is on fetch's list of blocked ports (ManageSieve), so HTTP stays off it.
const PORTS = { app: 4195, nodeBuild: 4191, npmStart: 4192, smtp: 4190 };
// The app's default pool (DB_POOL_MAX); the floors use a pool of the same size.
const POOL = 10;
const STAFF = { email: 'bench-secretariat@kaigi.example', password: 'bench-secretariat-pw' };
const npmStartDir = path.join(root, '.data-bench', 'npm-start');

const record: Record<string, unknown> = { startedAt: new Date().toISOString(), machine: machine() };
const rows: Row[] = [];

// npm start first: builds the app if its sources changed, and initialises the embedded
// database the cold-start scenario later starts again.
log('npm start (build if stale, embedded database initialised)…');
const warm = await launchApp({
	root,
	args: ['scripts/start.ts'],
	port: PORTS.npmStart,
	env: npmStartEnv(npmStartDir)
});
log(`npm start answered in ${(warm.startMs / 1000).toFixed(1)} s (not timed: first start)`);
await warm.stop();

const pgServer = await openBenchPostgres(root, log);
record.postgres = { server: pgServer.label, version: pgServer.version };
process.env.DATABASE_URL = pgServer.url;
process.env.DB_POOL_MAX = String(POOL);
process.env.ORIGIN = `http://127.0.0.1:${PORTS.app}`;
// One client address sends every registration in the rush (the floor passes the same address).
process.env.REGISTRATIONS_PER_IP_PER_HOUR = '10000000';
reloadConfig();
const database = benchDatabase(pgServer.url, POOL);
setDatabase(database);
let app: RunningApp | undefined;

try {
	log('generating data…');
	const t0 = performance.now();
	const rushEvent = await createEvent(database, {
		slug: 'bench-rush',
		code: 'RUSH',
		capacity: 300,
		quota: 30
	});
	const floorEvent = await createEvent(database, {
		slug: 'bench-rush-floor',
		code: 'RUSHF',
		capacity: 300,
		quota: 30
	});
	const trueFloorEvent = await createEvent(database, {
		slug: 'bench-rush-true-floor',
		code: 'RUSHT',
		capacity: 300,
		quota: 30
	});
	const warmUpEvent = await createEvent(database, {
		slug: 'bench-rush-warm-up',
		code: 'WARM',
		capacity: 300,
		quota: 30
	});
	const pageEvent = await createEvent(database, {
		slug: 'bench-page',
		code: 'PAGE',
		capacity: 120,
		quota: 10
	});
	await addProgramme(database, pageEvent);
	const exportEvent = await createEvent(database, {
		slug: 'bench-export',
		code: 'EXPORT',
		capacity: null,
		quota: null
	});
	await createStaff(database, STAFF.email, STAFF.password, [
		{ id: exportEvent.id, role: 'secretariat' }
	]);
	if (wanted.has('export')) await generateRegistrations(database, exportEvent, 100_000);
	await query(pgServer.url, 'vacuum analyze');
	// Loading 100 000 rows writes a lot of WAL; the checkpoint it calls for would otherwise land in
	// the middle of a scenario (measured: the rush ran 40% slower). Needs superuser; else skipped.
	await query(pgServer.url, 'checkpoint').catch((error: Error) =>
		log(`no checkpoint before the scenarios (${error.message})`)
	);
	log(`data ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

	const serverEnv = {
		DATABASE_URL: pgServer.url,
		DB_POOL_MAX: String(POOL),
		REGISTRATIONS_PER_IP_PER_HOUR: '10000000',
		MAIL_WORKER: 'off'
	};

	if (wanted.has('start')) {
		log('start: node build ×3…');
		// adapter-node's server lingers until its idle database connections time out (30 s);
		// it holds no state worth a clean stop, so it gets a second before SIGKILL.
		const nodeBuild = await timeStarts(root, ['build'], PORTS.nodeBuild, serverEnv, 3, 1_000);
		record.startNodeBuild = nodeBuild;
		rows.push(...startRows('node build → first 200', nodeBuild, 2_000));
	}

	app = await launchApp({ root, args: ['build'], port: PORTS.app, env: serverEnv });
	log(`app on ${app.url} (pid ${app.child.pid})`);

	if (wanted.has('page')) {
		log('page: /events/bench-page vs /health at 50 connections…');
		const page = await runPage(app.url, pageEvent.slug, {
			connections: 50,
			seconds: 10,
			floorPath: '/health'
		});
		record.page = page;
		rows.push(...pageRows(page));
	}

	if (wanted.has('rush')) {
		log('rush: 2 000 registrations from 100 clients: true floor, service floor, then HTTP…');
		// Imported here: the registration service is loaded only when the rush runs.
		const { runRush } = await import('../bench/rush.ts');
		// The machine may be shared: the load the rush met is part of its figures.
		record.loadAverageBeforeRush = os.loadavg().map((v) => Number(v.toFixed(2)));
		const rush = await runRush({
			url: app.url,
			database,
			databaseUrl: pgServer.url,
			event: rushEvent,
			floorEvent,
			trueFloorEvent,
			poolSize: POOL,
			warmUpEvent,
			submissions: 2_000,
			concurrency: 100
		});
		record.rush = rush;
		rows.push(...rushRows(rush));
	}

	if (wanted.has('export')) {
		log('export: 100 000 registrations as CSV and XLSX…');
		const { runExports } = await import('../bench/exports.ts');
		const exports = await runExports({
			url: app.url,
			pid: app.child.pid!,
			databaseUrl: pgServer.url,
			event: { ...exportEvent, expectedRows: 100_000 },
			staff: STAFF
		});
		record.export = exports;
		rows.push(...exportRows(exports));
	}

	await app.stop(1_000);
	app = undefined;

	if (wanted.has('mail')) {
		log('mail: 5 000 queued messages into a local SMTP sink…');
		const mail = await runMail(database, 5_000, PORTS.smtp);
		record.mail = mail;
		rows.push(...mailRows(mail));
	}

	if (wanted.has('start')) {
		log('start: npm start ×3 (embedded PostgreSQL already initialised)…');
		const npmStart = await timeStarts(
			root,
			['scripts/start.ts'],
			PORTS.npmStart,
			npmStartEnv(npmStartDir),
			3
		);
		// Each run must have started PostgreSQL itself, not found one still running.
		if (!npmStart.log.includes('starting embedded PostgreSQL')) {
			throw new Error(`npm start did not start its own PostgreSQL:\n${npmStart.log}`);
		}
		record.startNpmStart = npmStart;
		rows.push(...startRows('npm start → first 200', npmStart, 15_000));
	}
} finally {
	await app?.stop(1_000);
	await database.destroy();
	await pgServer.stop();
}

record.rows = rows;
record.finishedAt = new Date().toISOString();
record.loadAverageAtEnd = os.loadavg().map((v) => Number(v.toFixed(2)));
console.log('\n' + table(rows) + '\n');
const m = record.machine as ReturnType<typeof machine>;
console.log(
	`${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${pgServer.version} (${pgServer.label}), commit ${m.commit}${m.dirty ? ' (modified)' : ''}`
);
const load = (key: string) => (record[key] as number[] | undefined)?.join(' / ') ?? '–';
console.log(
	`load average (1 / 5 / 15 min) at start ${m.loadAverageAtStart.join(' / ')}, before the rush ${load('loadAverageBeforeRush')}, at end ${load('loadAverageAtEnd')}`
);
console.log(`written to ${path.relative(root, writeResults(root, record))}`);
const missed = rows.filter((r) => r.met === false);
if (missed.length) console.log(`targets missed: ${missed.map((r) => r.measure).join('; ')}`);
