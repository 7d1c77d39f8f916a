import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
	freePort,
	startEmbeddedPostgres,
	type EmbeddedDatabase
} from '../../src/lib/server/db/embedded.ts';
import { startApp, type AppProcess } from '../helpers/app-process.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

// The retention purge runs by itself where the mail worker runs: in `npm start` (inline worker)
// and in every `npm run worker`, never in the request path. Real processes on the demo data,
// time moved forward with KAIGI_CLOCK_OFFSET_MS. Runs on a PostgreSQL instance of its own.
const dir = '.data-faults/retention';
const DAY = 86_400_000;
let database: EmbeddedDatabase | undefined;
let app: AppProcess | undefined;
let worker: ChildProcess | undefined;
let sink: SmtpSink | undefined;
let client: pg.Client | undefined;

afterAll(async () => {
	worker?.kill('SIGKILL');
	await app?.stop();
	await sink?.stop();
	await client?.end().catch(() => {});
	await database?.stop().catch(() => {});
	await rm(dir, { recursive: true, force: true });
});

const rows = async <T>(text: string, values: unknown[] = []) =>
	(await client!.query(text, values)).rows as T[];

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

const purged = async () =>
	(
		await rows<{ code: string }>(
			`select code from events where purged_at is not null order by code`
		)
	).map((e) => e.code);

describe('retention purge in the worker processes', () => {
	it('purges past events from npm start and from npm run worker, keeping the counts', async () => {
		await rm(dir, { recursive: true, force: true });
		database = await startEmbeddedPostgres(`${dir}/db`, { port: await freePort() });
		const env = { DATABASE_URL: database.url, DATA_DIR: `${dir}/app` };
		app = await startApp({ ...env, SEED_DEMO: '1' });
		client = new pg.Client({ connectionString: database.url });
		await client.connect();
		const counts = () =>
			rows(
				`select e.code, e.seats_taken, r.status, r.category, r.dietary, r.delegation_id, count(*)::int
				 from events e join registrations r on r.event_id = e.id
				 group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`
			);
		const before = await counts();
		// The demo's past meeting is kept two years: nothing is due on the first start.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		expect(await purged()).toEqual([]);
		await app.stop();

		// The organisers shorten its retention; the next start of the app purges it.
		await client.query(`update events set retention_days = 30 where code = 'HLOM5'`);
		app = await startApp({ ...env, SEED_DEMO: '0' });
		await until('the app to purge HLOM5', async () => (await purged()).includes('HLOM5'));
		expect(await purged()).toEqual(['HLOM5']);
		await until('the log line', async () => app!.output().includes('privacy purge: HLOM5'));
		const appLog = app.output();
		await app.stop();

		// A year on, a separate worker purges the events that have ended since.
		sink = await startSmtpSink();
		let workerLog = '';
		worker = spawn(process.execPath, ['scripts/worker.ts'], {
			env: {
				...process.env,
				...env,
				SMTP_URL: sink.url,
				KAIGI_CLOCK_OFFSET_MS: String(400 * DAY),
				NO_COLOR: '1'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		worker.stdout!.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
		worker.stderr!.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
		await until('the worker to purge the rest', async () => (await purged()).length === 4);
		expect(await purged()).toEqual(['HIVWS', 'HLOM5', 'HLOM6', 'TPLLA']);

		const left = await rows<{ n: number }>(
			`select count(*)::int as n from registrations where visa_data_enc is not null
				or phone <> '' or accommodation <> '' or arrival_flight <> '' or dietary_notes <> ''`
		);
		expect(left[0].n).toBe(0);
		expect(await counts()).toEqual(before);
		const audit = await rows<{ diff: Record<string, unknown> }>(
			`select diff from audit_log where action = 'privacy.purge' order by id`
		);
		expect(audit).toHaveLength(4);
		// The logs name events by code; no delegate's name or address appears.
		const names = await rows<{ badge_name: string; email: string }>(
			`select badge_name, email from registrations`
		);
		const logs = appLog + workerLog;
		expect(logs).toMatch(/privacy purge: HLOM6 \(ended \d{4}-\d{2}-\d{2}, kept 180 days\)/);
		for (const person of names) {
			expect(logs).not.toContain(person.email);
			expect(logs).not.toContain(person.badge_name);
		}
	});
});
