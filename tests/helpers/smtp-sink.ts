import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../src/lib/server/db/embedded.ts';

export type SmtpSink = {
	url: string;
	port: number;
	messages: ParsedMail[];
	/** Makes the server refuse every message (450) until called with false. */
	refuse(on: boolean): void;
	stop(): Promise<void>;
};

/** A real SMTP server for tests: accepts everything (or refuses on demand) and parses each message. */
export async function startSmtpSink(port?: number): Promise<SmtpSink> {
	const messages: ParsedMail[] = [];
	let refusing = false;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			if (refusing) {
				stream.resume();
				stream.on('end', () => {
					const error = new Error('Mailbox unavailable, try later') as Error & {
						responseCode: number;
					};
					error.responseCode = 450;
					callback(error);
				});
				return;
			}
			simpleParser(stream).then(
				(mail) => {
					messages.push(mail);
					callback();
				},
				(error: Error) => callback(error)
			);
		}
	});
	// A client killed mid-conversation resets its connection: not a failure of the sink.
	server.on('error', () => {});
	const listenPort = port ?? (await freePort());
	await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', () => resolve()));
	return {
		url: `smtp://127.0.0.1:${listenPort}`,
		port: listenPort,
		messages,
		refuse: (on) => {
			refusing = on;
		},
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** Sends every due outbox message through the real worker to a sink. */
export async function deliverToSink(sink: SmtpSink) {
	const { createTransport } = await import('../../src/lib/server/mail/transport.ts');
	const { deliverDue } = await import('../../src/lib/server/mail/worker.ts');
	const { db } = await import('../../src/lib/server/db/database.ts');
	const transport = createTransport(sink.url);
	try {
		return await deliverDue(db(), transport, 'Kaigi <kaigi@example.org>');
	} finally {
		transport.close();
	}
}
