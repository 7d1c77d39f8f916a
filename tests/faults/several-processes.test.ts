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
import {
	OPEN_EVENT,
	postRegistration,
	renderForm,
	rush,
	withOutcome
} from '../helpers/registration-form.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

// What a ministry runs when one machine is not enough: two app servers (MAIL_WORKER=off) behind
// a load balancer and two `npm run worker` processes, all on one PostgreSQL. A rush is split
// across both servers and one is killed in the middle of it. The database lock decides the seats,
// whichever process asks: nobody is oversold, every registration a delegate saw succeed is
// there, and every confirmation reaches the delegate exactly once although two workers send.
const dir = '.data-faults/several';
const CLIENTS_PER_SERVER = 6;
const CAPACITY = 30;
const QUOTA = 4;
const DOMAIN = 'processes.example.org';
let database: EmbeddedDatabase | undefined;
let sink: SmtpSink | undefined;
let client: pg.Client | undefined;
const servers: AppProcess[] = [];
const workers: ChildProcess[] = [];

afterAll(async () => {
	for (const server of servers) await server.stop('SIGKILL');
	for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
	await sink?.stop();
	await client?.end().catch(() => {});
	await database?.stop().catch(() => {});
	await rm(dir, { recursive: true, force: true });
});

const rows = async <T>(text: string, values: unknown[] = []) =>
	(await client!.query(text, values)).rows as T[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startWorker(env: Record<string, string>): ChildProcess {
	const child = spawn(process.execPath, ['scripts/worker.ts'], {
		env: { ...process.env, NO_COLOR: '1', ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	workers.push(child);
	return child;
}

describe('two app servers and two workers on one database', () => {
	it('share the seats, survive a killed server and mail each confirmation once', async () => {
		await rm(dir, { recursive: true, force: true });
		database = await startEmbeddedPostgres(`${dir}/db`, { port: await freePort() });
		sink = await startSmtpSink();
		const env = {
			DATABASE_URL: database.url,
			SMTP_URL: sink.url,
			MAIL_WORKER: 'off',
			MAIL_RETRY_SCALE: '0.001'
		};
		servers.push(await startApp({ ...env, DATA_DIR: `${dir}/a`, SEED_DEMO: '1' }));
		servers.push(await startApp({ ...env, DATA_DIR: `${dir}/b`, SEED_DEMO: '0' }));
		const [a, b] = servers;
		startWorker(env);
		startWorker(env);

		client = new pg.Client({ connectionString: database.url });
		await client.connect();
		const [event] = await rows<{ id: number }>(
			`update events set capacity = $2 where slug = $1 returning id`,
			[OPEN_EVENT, CAPACITY]
		);
		await client.query(`update delegations set quota = $2 where event_id = $1`, [event.id, QUOTA]);
		// Both servers offer the same form (same delegations) from the one database.
		const formA = await renderForm(a.url);
		const formB = await renderForm(b.url);
		expect(formA.status).toBe(200);
		expect(formB.delegationIds).toEqual(formA.delegationIds);

		// The rush, half to each server; server A is killed after ten of its own succeeded.
		let aKilled = false;
		let stopB = false;
		const onA = rush({
			appUrl: a.url,
			delegationIds: formA.delegationIds,
			clients: CLIENTS_PER_SERVER,
			tag: 'a',
			domain: DOMAIN,
			stop: () => aKilled
		});
		const onB = rush({
			appUrl: b.url,
			delegationIds: formB.delegationIds,
			clients: CLIENTS_PER_SERVER,
			tag: 'b',
			domain: DOMAIN,
			stop: () => stopB
		});
		const deadline = Date.now() + 60_000;
		while (withOutcome(onA.outcomes, 'registered').length < 10 && Date.now() < deadline)
			await sleep(10);
		await sleep(Math.random() * 30);
		aKilled = true;
		await a.stop('SIGKILL');
		await onA.done;
		// Server B carries on alone until the event has filled and wait-listed a few more.
		while (withOutcome(onB.outcomes, 'registered').length < CAPACITY && Date.now() < deadline) {
			await sleep(20);
		}
		stopB = true;
		await onB.done;

		const registered = [
			...withOutcome(onA.outcomes, 'registered'),
			...withOutcome(onB.outcomes, 'registered')
		];
		const unanswered = withOutcome(onA.outcomes, 'unknown');
		expect(withOutcome(onB.outcomes, 'unknown')).toEqual([]);
		expect([
			...withOutcome(onA.outcomes, 'refused'),
			...withOutcome(onB.outcomes, 'refused')
		]).toEqual([]);
		expect(registered.length).toBeGreaterThan(CAPACITY);

		// Every registration a delegate saw succeed is there; the ones whose answer was lost send
		// the form again to the surviving server and are registered once.
		const again = await Promise.all(unanswered.map((p) => postRegistration(b.url, p)));
		expect(again.filter((o) => o.kind !== 'registered')).toEqual([]);
		const stored = await rows<{ submission_key: string; email: string }>(
			`select submission_key, email from registrations where event_id = $1`,
			[event.id]
		);
		const byKey = new Map(stored.map((r) => [r.submission_key, r.email]));
		for (const person of [...registered, ...unanswered]) {
			expect(byKey.get(person.key)).toBe(person.email);
		}
		expect(stored.length).toBe(registered.length + unanswered.length);

		// The lock decided, whichever server asked: no seat sold twice, no quota passed, and the
		// counters equal the rows they count.
		const seats = await rows<{ capacity: number; seats_taken: number; confirmed: number }>(
			`select e.capacity, e.seats_taken,
				(select count(*)::int from registrations r where r.event_id = e.id and r.status = 'confirmed') as confirmed
			 from events e where e.id = $1`,
			[event.id]
		);
		expect(seats[0].confirmed).toBe(CAPACITY);
		expect(seats[0].seats_taken).toBe(seats[0].confirmed);
		const delegations = await rows<{ code: string; seats_taken: number; confirmed: number }>(
			`select d.code, d.seats_taken, count(r.id) filter (where r.status = 'confirmed')::int as confirmed
			 from delegations d left join registrations r on r.delegation_id = d.id
			 where d.event_id = $1 group by d.id`,
			[event.id]
		);
		for (const d of delegations) {
			expect(d.confirmed, d.code).toBeLessThanOrEqual(QUOTA);
			expect(d.seats_taken, d.code).toBe(d.confirmed);
		}

		// The two workers deliver every message, each exactly once.
		let unsent = -1;
		for (let i = 0; i < 240 && unsent !== 0; i++) {
			if (i) await sleep(250);
			unsent = (
				await rows<{ n: number }>(
					`select count(*)::int as n from emails where event_id = $1 and status <> 'sent'`,
					[event.id]
				)
			)[0].n;
		}
		expect(unsent).toBe(0);
		const keys = await rows<{ dedupe_key: string }>(
			`select dedupe_key from emails where event_id = $1`,
			[event.id]
		);
		expect(keys.length).toBe(stored.length);
		const delivered = new Map<string, number>();
		for (const m of sink.messages)
			delivered.set(m.messageId ?? '', (delivered.get(m.messageId ?? '') ?? 0) + 1);
		for (const { dedupe_key } of keys) {
			expect(delivered.get(messageId(dedupe_key, 'kaigi.localhost')), dedupe_key).toBe(1);
		}
	});
});
