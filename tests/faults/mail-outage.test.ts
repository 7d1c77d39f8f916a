import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
	freePort,
	startEmbeddedPostgres,
	type EmbeddedDatabase
} from '../../src/lib/server/db/embedded.ts';
import { messageId } from '../../src/lib/server/mail/outbox.ts';
import { startApp, type AppProcess } from '../helpers/app-process.ts';
import { inLetters } from '../helpers/registration-input.ts';
import {
	newSubmissionKey,
	postRegistration,
	renderForm,
	type Person
} from '../helpers/registration-form.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

// The SMTP server down for a while (backoff shortened by MAIL_RETRY_SCALE): every message is
// delivered once it is back, and none twice, with two workers (the app's own and a separate
// `npm run worker`) competing for the outbox. Runs on a PostgreSQL instance of its own.
const dir = '.data-faults/mail';
const PEOPLE = 16;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Row = { dedupe_key: string; status: string; attempts: number; last_error: string | null };

async function outbox(): Promise<Row[]> {
	const result = await client!.query(
		`select dedupe_key, status, attempts, last_error from emails order by id`
	);
	return result.rows as Row[];
}

async function until(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(100);
	}
}

describe('SMTP server down for a while', () => {
	it('delivers every message once it is back, none twice', async () => {
		await rm(dir, { recursive: true, force: true });
		database = await startEmbeddedPostgres(`${dir}/db`, { port: await freePort() });
		const smtpPort = await freePort(); // nothing listens here yet
		const env = {
			DATABASE_URL: database.url,
			DATA_DIR: `${dir}/app`,
			SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
			// Backoff 10 ms, 30 ms, 60 ms, 0.3 s, 0.9 s, then 3.6 s; gives up after about 19 s.
			MAIL_RETRY_SCALE: '0.001'
		};
		app = await startApp({ ...env, SEED_DEMO: '1' });
		let workerLog = '';
		worker = spawn(process.execPath, ['scripts/worker.ts'], {
			env: { ...process.env, ...env, NO_COLOR: '1' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		worker.stdout!.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
		worker.stderr!.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
		client = new pg.Client({ connectionString: database.url });
		await client.connect();
		await until('the second worker', async () => workerLog.includes('mail worker started'), 30_000);

		// Mail caused by real registrations while the SMTP server is unreachable.
		const form = await renderForm(app.url);
		const people: Person[] = Array.from({ length: PEOPLE }, (_, n) => ({
			key: newSubmissionKey(),
			email: `outage-${n}@mail.example.org`,
			familyName: `Outageperson ${inLetters(n)}`,
			delegationId: form.delegationIds[n % form.delegationIds.length]
		}));
		const outcomes = await Promise.all(people.map((p) => postRegistration(app!.url, p)));
		expect(outcomes.filter((o) => o.kind !== 'registered')).toEqual([]);

		// Every message has failed a few times and waits for its next attempt.
		await until(
			'retries',
			async () => (await outbox()).every((r) => r.status === 'queued' && r.attempts >= 3),
			15_000
		);
		const down = await outbox();
		expect(down.length).toBeGreaterThanOrEqual(PEOPLE);
		expect(down.every((r) => r.last_error)).toBe(true);
		await sleep(1_500);

		sink = await startSmtpSink(smtpPort);
		await until('delivery', async () => (await outbox()).every((r) => r.status === 'sent'), 30_000);
		// Time for a duplicate to arrive, if anything were to send one.
		await sleep(1_500);

		const rows = await outbox();
		const received = new Map<string, number>();
		for (const mail of sink.messages) {
			const id = mail.messageId ?? '';
			received.set(id, (received.get(id) ?? 0) + 1);
		}
		const twice = [...received].filter(([, n]) => n > 1);
		console.log(
			`${rows.length} messages; ${sink.messages.length} received; attempts ${Math.min(...rows.map((r) => r.attempts))}–${Math.max(...rows.map((r) => r.attempts))}; ${twice.length} twice`
		);
		expect(twice).toEqual([]);
		expect(sink.messages.length).toBe(rows.length);
		for (const row of rows) {
			expect(received.get(messageId(row.dedupe_key, 'kaigi.localhost')), row.dedupe_key).toBe(1);
			expect(row.attempts).toBeGreaterThan(3);
		}
		// Each delegate got their own mail, and no address or name reached a log.
		const recipients = new Set(sink.messages.map((m) => m.to && 'text' in m.to && m.to.text));
		for (const person of people) expect(recipients.has(person.email)).toBe(true);
		const logs = app.output() + workerLog;
		for (const person of people) {
			expect(logs).not.toContain(person.email);
			expect(logs).not.toContain(person.familyName);
		}
	});
});
