import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, now, setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { html } from '../../src/lib/server/mail/html.ts';
import pg from 'pg';
import { config } from '../../src/lib/server/config.ts';
import { enqueueEmail, enqueueEmails, MAIL_CHANNEL } from '../../src/lib/server/mail/outbox.ts';
import { createTransport, type Transport } from '../../src/lib/server/mail/transport.ts';
import { deliverDue, retryDelay } from '../../src/lib/server/mail/worker.ts';
import { requeueStuck } from '../../src/lib/server/mail/outbox.repository.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

let sink: SmtpSink;
let transport: Transport;
const from = 'Kaigi <no-reply@kaigi.test>';

beforeAll(async () => {
	sink = await startSmtpSink();
	transport = createTransport(sink.url);
});
afterAll(async () => {
	transport.close();
	await sink.stop();
});

function mail(key: string, to = 'delegate@example.org') {
	return {
		to,
		template: 'test',
		dedupeKey: key,
		subject: 'Hello <Nguyễn>',
		text: 'Plain text',
		html: html`<p>${'<script>alert(1)</script>'}</p>`.value
	};
}

describe('mail outbox', () => {
	it('delivers a committed message with its Message-ID, and escapes interpolated text', async () => {
		await db()
			.transaction()
			.execute((trx) => enqueueEmail(trx, mail('outbox-test-1')));
		expect(await deliverDue(db(), transport, from)).toBe(1);
		const received = sink.messages.find((m) => m.messageId?.includes('outbox-test-1'));
		expect(received?.subject).toBe('Hello <Nguyễn>');
		expect(received?.html).toContain('&lt;script&gt;');
		const row = await db()
			.selectFrom('emails')
			.selectAll()
			.where('dedupe_key', '=', 'outbox-test-1')
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('sent');
		expect(row.attempts).toBe(1);
	});

	it('enqueues nothing twice for a replayed use case', async () => {
		expect(await enqueueEmail(db(), mail('outbox-test-2'))).toBe(true);
		expect(await enqueueEmail(db(), mail('outbox-test-2'))).toBe(false);
		const rows = await db()
			.selectFrom('emails')
			.select('id')
			.where('dedupe_key', '=', 'outbox-test-2')
			.execute();
		expect(rows).toHaveLength(1);
	});

	it('sends nothing for a rolled-back transaction', async () => {
		await expect(
			db()
				.transaction()
				.execute(async (trx) => {
					await enqueueEmail(trx, mail('outbox-test-3'));
					throw new Error('use case failed');
				})
		).rejects.toThrow('use case failed');
		const rows = await db()
			.selectFrom('emails')
			.select('id')
			.where('dedupe_key', '=', 'outbox-test-3')
			.execute();
		expect(rows).toHaveLength(0);
	});

	it('retries with backoff while the SMTP server refuses, then delivers once', async () => {
		setNow(new Date('2026-11-26T12:00:00Z'));
		await enqueueEmail(db(), mail('outbox-test-4', 'retry@example.org'));
		sink.refuse(true);
		await deliverDue(db(), transport, from);
		let row = await db()
			.selectFrom('emails')
			.selectAll()
			.where('dedupe_key', '=', 'outbox-test-4')
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('queued');
		expect(row.last_error).toMatch(/try later/);
		expect(row.next_attempt_at.getTime() - now().getTime()).toBe(10_000);
		// Not due yet: nothing is attempted.
		expect(await deliverDue(db(), transport, from)).toBe(0);
		advanceClock(10_000);
		await deliverDue(db(), transport, from);
		row = await db()
			.selectFrom('emails')
			.selectAll()
			.where('dedupe_key', '=', 'outbox-test-4')
			.executeTakeFirstOrThrow();
		expect(row.attempts).toBe(2);
		expect(row.next_attempt_at.getTime() - now().getTime()).toBe(30_000);
		sink.refuse(false);
		advanceClock(30_000);
		await deliverDue(db(), transport, from);
		row = await db()
			.selectFrom('emails')
			.selectAll()
			.where('dedupe_key', '=', 'outbox-test-4')
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('sent');
		expect(sink.messages.filter((m) => m.messageId?.includes('outbox-test-4'))).toHaveLength(1);
		setNow(undefined);
	});

	it('gives up after about six hours of failures', () => {
		let elapsed = 0;
		let attempts = 0;
		for (;;) {
			attempts++;
			const delay = retryDelay(attempts, 1);
			if (delay === null) break;
			elapsed += delay;
		}
		expect(elapsed).toBeGreaterThan(5 * 3_600_000);
		expect(elapsed).toBeLessThanOrEqual(6 * 3_600_000);
		expect(attempts).toBeGreaterThan(6);
	});

	it('re-queues rows stuck in sending after a crash', async () => {
		setNow(new Date('2026-11-26T13:00:00Z'));
		await enqueueEmail(db(), mail('outbox-test-5'));
		await db()
			.updateTable('emails')
			.set({ status: 'sending', locked_at: now(), attempts: 1 })
			.where('dedupe_key', '=', 'outbox-test-5')
			.execute();
		expect(await deliverDue(db(), transport, from)).toBe(0);
		advanceClock(6 * 60_000);
		expect(await deliverDue(db(), transport, from)).toBe(1);
		const row = await db()
			.selectFrom('emails')
			.selectAll()
			.where('dedupe_key', '=', 'outbox-test-5')
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('sent');
		setNow(undefined);
	});

	it('wakes the workers once a transaction with a new row commits, never for a duplicate or a rollback', async () => {
		const listener = new pg.Client({ connectionString: config().databaseUrl });
		await listener.connect();
		const heard: string[] = [];
		listener.on('notification', (n) => heard.push(n.channel));
		await listener.query(`listen ${MAIL_CHANNEL}`);
		const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
		try {
			await db()
				.transaction()
				.execute(async (trx) => {
					const keys = ['outbox-test-7a', 'outbox-test-7b', 'outbox-test-7a'];
					expect(
						await enqueueEmails(
							trx,
							keys.map((key) => mail(key))
						)
					).toBe(2);
					await settle();
					expect(heard).toEqual([]);
				});
			await settle();
			expect(heard).toEqual([MAIL_CHANNEL]);
			expect(await enqueueEmails(db(), [mail('outbox-test-7b')])).toBe(0);
			await expect(
				db()
					.transaction()
					.execute(async (trx) => {
						await enqueueEmail(trx, mail('outbox-test-7c'));
						throw new Error('use case failed');
					})
			).rejects.toThrow('use case failed');
			await settle();
			expect(heard).toHaveLength(1);
			expect(await enqueueEmail(db(), mail('outbox-test-7c'))).toBe(true);
			await settle();
			expect(heard).toEqual([MAIL_CHANNEL, MAIL_CHANNEL]);
		} finally {
			await listener.end();
		}
	});

	it('refuses a recipient with a line break', async () => {
		await expect(
			enqueueEmail(db(), mail('outbox-test-6', 'a@example.org\r\nBcc: x@example.org'))
		).rejects.toThrow();
	});

	it('takes back a message only from a worker that is gone, however long a live one sends', async () => {
		const live = new pg.Client({ connectionString: config().databaseUrl! });
		const dead = new pg.Client({ connectionString: config().databaseUrl! });
		await live.connect();
		await dead.connect();
		const pid = async (c: pg.Client) =>
			(await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
		const [livePid, deadPid] = [await pid(live), await pid(dead)];
		await dead.end();
		// A closed connection's backend leaves pg_stat_activity a moment later.
		for (let i = 0; i < 40; i++) {
			const { rows } = await live.query('select 1 from pg_stat_activity where pid = $1', [deadPid]);
			if (rows.length === 0) break;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		await enqueueEmail(db(), mail('outbox-claimed-live'));
		await enqueueEmail(db(), mail('outbox-claimed-dead'));
		const longAgo = new Date(now().getTime() - 10 * 60_000);
		for (const [key, claimer] of [
			['outbox-claimed-live', livePid],
			['outbox-claimed-dead', deadPid]
		] as const) {
			await db()
				.updateTable('emails')
				.set({ status: 'sending', locked_at: longAgo, locked_by: claimer })
				.where('dedupe_key', '=', key)
				.execute();
		}
		// A sweep that would take back anything claimed before now leaves the live worker's row.
		await requeueStuck(db(), now(), now());
		const status = async (key: string) =>
			(
				await db()
					.selectFrom('emails')
					.select('status')
					.where('dedupe_key', '=', key)
					.executeTakeFirstOrThrow()
			).status;
		expect(await status('outbox-claimed-live')).toBe('sending');
		expect(await status('outbox-claimed-dead')).toBe('queued');
		await live.end();
		await requeueStuck(db(), longAgo, now());
		expect(await status('outbox-claimed-live')).toBe('queued');
	});
});
