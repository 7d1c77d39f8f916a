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
	withOutcome,
	type Outcome,
	type Person
} from '../helpers/registration-form.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

// kill -9 in the middle of a registration rush, then restart: every registration a delegate saw
// succeed exists, nothing is half-written, each confirmed registration has exactly one
// confirmation in the outbox, and sending the same form again registers nobody twice.
// Runs on a PostgreSQL instance of its own.
const dir = '.data-faults/kill';
const CLIENTS = 8;
const KILL_AFTER = 12; // successful registrations in each round before the kill
let database: EmbeddedDatabase | undefined;
let app: AppProcess | undefined;
let sink: SmtpSink | undefined;
let client: pg.Client | undefined;

afterAll(async () => {
	await app?.stop('SIGKILL');
	await sink?.stop();
	await client?.end().catch(() => {});
	await database?.stop().catch(() => {});
	await rm(dir, { recursive: true, force: true });
});

const rows = async <T>(text: string, values: unknown[] = []) =>
	(await client!.query(text, values)).rows as T[];

function kinds(outcomes: Map<Person, Outcome>) {
	return {
		registered: withOutcome(outcomes, 'registered'),
		refused: withOutcome(outcomes, 'refused'),
		unknown: withOutcome(outcomes, 'unknown')
	};
}

async function invariants(eventId: number) {
	// Seat counters equal the confirmed registrations they count, for every event and delegation.
	const events = await rows<{ slug: string; seats_taken: number; confirmed: number }>(
		`select e.slug, e.seats_taken,
			(select count(*)::int from registrations r where r.event_id = e.id and r.status = 'confirmed') as confirmed
		 from events e`
	);
	for (const e of events) expect(e.seats_taken, e.slug).toBe(e.confirmed);
	const delegations = await rows<{
		code: string;
		seats_taken: number;
		confirmed: number;
		next_number: number;
		registered: number;
	}>(
		`select d.code, d.seats_taken, d.next_number,
			count(r.id) filter (where r.status = 'confirmed')::int as confirmed,
			count(r.id)::int as registered
		 from delegations d left join registrations r on r.delegation_id = d.id
		 where d.event_id = $1 group by d.id`,
		[eventId]
	);
	for (const d of delegations) {
		expect(d.seats_taken, d.code).toBe(d.confirmed);
		// Every registration took exactly one reference number of its delegation.
		expect(d.next_number - 1, d.code).toBe(d.registered);
	}
	// Each registration has its one audit entry and its one mail for the state it is in.
	const broken = await rows<{ reference: string; audits: number; mails: string[] }>(
		`select r.reference,
			(select count(*)::int from audit_log a where a.entity_type = 'registration'
				and a.entity_id = r.id::text and a.action = 'registration.create') as audits,
			(select coalesce(array_agg(m.template order by m.id), '{}') from emails m
				where m.registration_id = r.id) as mails
		 from registrations r where r.event_id = $1`,
		[eventId]
	);
	for (const r of broken) {
		expect(r.audits, r.reference).toBe(1);
		expect(r.mails, r.reference).toHaveLength(1);
	}
	const mismatched = await rows(
		`select r.reference, r.status, m.template from registrations r
		 join emails m on m.registration_id = r.id
		 where r.event_id = $1 and m.template <> 'registration-' || r.status`,
		[eventId]
	);
	expect(mismatched).toEqual([]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Registers in a rush and kills the server with SIGKILL: at a random moment after `count` more
 * succeeded, or, with `stall`, while a registration waits to write into that table (the test
 * holds a lock on it): a step of a use case that is not in the registration's transaction would
 * then be left out for certain, not only by chance.
 */
async function rushAndKill(
	running: AppProcess,
	delegationIds: string[],
	tag: string,
	options: { count?: number; stall?: 'emails' | 'audit_log' }
) {
	const locker = new pg.Client({ connectionString: database!.url });
	if (options.stall) {
		await locker.connect();
		await locker.query(`begin`);
		await locker.query(`lock table ${options.stall} in exclusive mode`);
	}
	let killed = false;
	const round = rush({
		appUrl: running.url,
		delegationIds,
		clients: CLIENTS,
		tag,
		domain: 'kill.example.org',
		stop: () => killed
	});
	const deadline = Date.now() + 60_000;
	const ready = async () => {
		if (!options.stall) return kinds(round.outcomes).registered.length >= (options.count ?? 0);
		// By the lock awaited, not the statement's text: the registration's insert writes its audit
		// row in the same statement, further in than pg_stat_activity keeps of a query's text.
		const waiting = await rows(
			`select 1 from pg_locks as l join pg_class as c on c.oid = l.relation
			 where not l.granted and c.relname = $1 and l.pid <> $2`,
			[options.stall, (locker as pg.Client & { processID: number }).processID]
		);
		return waiting.length > 0;
	};
	while (!(await ready()) && Date.now() < deadline) await sleep(10);
	if (options.stall) expect(await ready(), `a registration waits on ${options.stall}`).toBe(true);
	// A random moment within the next few registrations, so kills land in different steps.
	if (!options.stall) await sleep(Math.random() * 40);
	killed = true;
	await running.stop('SIGKILL');
	if (options.stall) {
		// A blocked statement runs on once the lock is gone, even for a dead client: end the killed
		// server's sessions first, as a crashed machine's would end, then release the lock.
		await rows(
			`select pg_terminate_backend(pid) from pg_stat_activity
			 where backend_type = 'client backend' and pid not in (pg_backend_pid(), $1)`,
			[(locker as pg.Client & { processID: number }).processID]
		);
		await locker.end();
	}
	await round.done;
	return kinds(round.outcomes);
}

describe('server killed during a registration rush', () => {
	it('keeps every answered registration, writes nothing by halves and registers no one twice', async () => {
		await rm(dir, { recursive: true, force: true });
		database = await startEmbeddedPostgres(`${dir}/db`, { port: await freePort() });
		sink = await startSmtpSink();
		const env = {
			DATABASE_URL: database.url,
			DATA_DIR: `${dir}/app`,
			SMTP_URL: sink.url,
			MAIL_RETRY_SCALE: '0.001'
		};
		app = await startApp({ ...env, SEED_DEMO: '1' });
		let logs = '';
		client = new pg.Client({ connectionString: database.url });
		await client.connect();
		// Room for some, then the wait-list: the rush exercises both outcomes and both counters.
		const [event] = await rows<{ id: number }>(
			`update events set capacity = 40 where slug = $1 returning id`,
			[OPEN_EVENT]
		);
		await client.query(`update delegations set quota = 5 where event_id = $1`, [event.id]);

		const form = await renderForm(app.url);
		expect(form.status).toBe(200);
		expect(form.submissionKey).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
		expect(form.delegationIds.length).toBeGreaterThan(5);

		const people: Person[] = [];
		let committedUnanswered = 0;
		const rounds = [
			{ tag: 'a', count: KILL_AFTER },
			{ tag: 'b', count: KILL_AFTER },
			{ tag: 'c', count: KILL_AFTER },
			{ tag: 'd', count: KILL_AFTER },
			{ tag: 'e', stall: 'emails' as const },
			{ tag: 'f', stall: 'audit_log' as const }
		];
		for (const { tag, ...options } of rounds) {
			const started = Date.now();
			const round = await rushAndKill(app, form.delegationIds, tag, options);
			logs += app.output();
			if (!options.stall) expect(round.registered.length).toBeGreaterThanOrEqual(KILL_AFTER);
			expect(round.refused).toEqual([]);
			app = await startApp({ ...env, SEED_DEMO: '0' });

			// Every registration a delegate saw succeed is there, once; nothing is half-written.
			const stored = await rows<{ submission_key: string; email: string }>(
				`select submission_key, email from registrations where event_id = $1`,
				[event.id]
			);
			const byKey = new Map(stored.map((r) => [r.submission_key, r.email]));
			for (const person of round.registered) expect(byKey.get(person.key)).toBe(person.email);
			await invariants(event.id);
			const committed = round.unknown.filter((p) => byKey.has(p.key)).length;
			committedUnanswered += committed;
			console.log(
				`round ${tag}: ${round.registered.length} registered, ${round.unknown.length} unanswered at the kill (${committed} of them committed), ${Date.now() - started} ms`
			);

			// The delegates whose page never loaded send the same form again (so do the others):
			// each ends on the done page, and nobody is registered twice.
			people.push(...round.registered, ...round.unknown);
			const again = await Promise.all(
				[...round.registered, ...round.unknown].map((p) => postRegistration(app!.url, p))
			);
			expect(again.filter((o) => o.kind !== 'registered')).toEqual([]);
			const count = await rows<{ n: number; keys: number }>(
				`select count(*)::int as n, count(distinct submission_key)::int as keys
				 from registrations where event_id = $1`,
				[event.id]
			);
			expect(count[0].n).toBe(people.length);
			expect(count[0].keys).toBe(people.length);
			await invariants(event.id);
		}
		console.log(`${people.length} people; ${committedUnanswered} committed without an answer`);

		// Exactly one confirmation per confirmed registration in the outbox, and the worker
		// delivers every queued message after the restart (rows left mid-send are swept back).
		const confirmed = await rows<{ reference: string; confirmations: number }>(
			`select r.reference, (select count(*)::int from emails m where m.registration_id = r.id
				and m.template = 'registration-confirmed') as confirmations
			 from registrations r where r.event_id = $1 and r.status = 'confirmed'`,
			[event.id]
		);
		const waitlisted = await rows(
			`select 1 from registrations where event_id = $1 and status = 'waitlisted'`,
			[event.id]
		);
		expect(confirmed.length).toBeGreaterThan(0);
		expect(waitlisted.length).toBeGreaterThan(0);
		for (const r of confirmed) expect(r.confirmations, r.reference).toBe(1);
		let unsent = -1;
		for (let i = 0; i < 120 && unsent !== 0; i++) {
			if (i) await new Promise((resolve) => setTimeout(resolve, 250));
			unsent = (
				await rows<{ n: number }>(`select count(*)::int as n from emails where status <> 'sent'`)
			)[0].n;
		}
		expect(unsent).toBe(0);
		const ids = new Set(sink.messages.map((m) => m.messageId));
		const keys = await rows<{ dedupe_key: string }>(
			`select dedupe_key from emails where event_id = $1`,
			[event.id]
		);
		for (const { dedupe_key } of keys) {
			expect(ids.has(messageId(dedupe_key, 'kaigi.localhost')), dedupe_key).toBe(true);
		}

		// No delegate's name or address reached the server's output.
		logs += app.output();
		for (const person of people) {
			expect(logs).not.toContain(person.email);
			expect(logs).not.toContain(person.familyName);
		}
	});
});
