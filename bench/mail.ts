// Mail scenario: 5 000 queued messages delivered by the app's outbox worker into a local SMTP
// sink, against nodemailer sending the same messages straight from memory with the same pool.
import { SMTPServer } from 'smtp-server';
import { config } from '../src/lib/server/config.ts';
import type { DB } from '../src/lib/server/db/database.ts';
import { messageId } from '../src/lib/server/mail/outbox.ts';
import { createTransport } from '../src/lib/server/mail/transport.ts';
import { startWorker } from '../src/lib/server/mail/worker.ts';
import { queueEmails } from './data.ts';

export type MailResult = {
	messages: number;
	workerSeconds: number;
	workerPerSecond: number;
	floorSeconds: number;
	floorPerSecond: number;
	sentRows: number;
};

/** An SMTP server that accepts and discards everything, counting messages. */
async function startSink(port: number) {
	let received = 0;
	let waiter: { count: number; resolve: () => void } | undefined;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			stream.on('end', () => {
				received++;
				callback();
				if (waiter && received >= waiter.count) waiter.resolve();
			});
			stream.resume();
		}
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
	return {
		url: `smtp://127.0.0.1:${port}`,
		/** Resets the counter and resolves once `count` more messages have arrived. */
		expect(count: number): Promise<void> {
			received = 0;
			return new Promise((resolve) => (waiter = { count, resolve }));
		},
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** Runs the floor (direct nodemailer) and then the app's worker over the same messages. */
export async function runMail(database: DB, count: number, port: number): Promise<MailResult> {
	const sink = await startSink(port);
	try {
		// The rush left confirmation messages queued; only the bench's own messages take part.
		await database.deleteFrom('emails').execute();
		await queueEmails(database, count, 'bench-mail');
		const rows = await database
			.selectFrom('emails')
			.select(['dedupe_key', 'recipient', 'subject', 'text_body', 'html_body'])
			.execute();
		const from = config().mailFrom;
		const domain = from.match(/@([^>\s]+)/)?.[1] ?? 'kaigi.localhost';

		const floorTransport = createTransport(sink.url);
		let arrived = sink.expect(count);
		let started = performance.now();
		await Promise.all(
			rows.map((row) =>
				floorTransport.sendMail({
					from,
					to: row.recipient,
					subject: row.subject,
					text: row.text_body,
					html: row.html_body,
					messageId: messageId(row.dedupe_key, domain),
					attachments: []
				})
			)
		);
		await arrived;
		const floorSeconds = (performance.now() - started) / 1000;
		floorTransport.close();

		arrived = sink.expect(count);
		started = performance.now();
		const worker = startWorker({ database, transport: createTransport(sink.url) });
		await arrived;
		// Delivered is not done: the worker still records each delivery in its row.
		let sentRows = 0;
		while (sentRows < count) {
			const row = await database
				.selectFrom('emails')
				.select((eb) => eb.fn.countAll<number>().as('sent'))
				.where('status', '=', 'sent')
				.executeTakeFirstOrThrow();
			sentRows = Number(row.sent);
			if (sentRows < count) await new Promise((resolve) => setTimeout(resolve, 10));
		}
		const workerSeconds = (performance.now() - started) / 1000;
		await worker.stop();
		return {
			messages: count,
			workerSeconds,
			workerPerSecond: count / workerSeconds,
			floorSeconds,
			floorPerSecond: count / floorSeconds,
			sentRows
		};
	} finally {
		await sink.stop();
	}
}
