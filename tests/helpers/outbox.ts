import { afterAll, beforeAll } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { openLinks, revealLinks } from '../../src/lib/server/mail/hidden-links.ts';
import { createTransport } from '../../src/lib/server/mail/transport.ts';
import { deliverDue } from '../../src/lib/server/mail/worker.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

// The outbox stores token-bearing links only encrypted (src/lib/server/mail/hidden-links.ts).
// Tests read a link as the recipient gets it: from the SMTP sink after the worker's own
// delivery, or from a queued row with its links put back.

/** The plain text of a stored outbox row as it will be sent, links put back. */
export function textAsSent(row: { text_body: string; links_enc: string | null }): string {
	return revealLinks(row.text_body, row.links_enc ? openLinks(row.links_enc) : []);
}

/** Sends every due outbox message to the sink through the worker's own code; returns how many. */
export async function deliverTo(sink: SmtpSink, from = 'Kaigi <kaigi@example.org>') {
	const transport = createTransport(sink.url);
	let sent = 0;
	try {
		for (let n = 1; n > 0; sent += n) n = await deliverDue(db(), transport, from);
	} finally {
		transport.close();
	}
	return sent;
}

/** A sink for the whole test file (started before its tests, stopped after). */
export function useSmtpSink() {
	let sink: SmtpSink | undefined;
	beforeAll(async () => {
		sink = await startSmtpSink();
	});
	afterAll(async () => {
		await sink?.stop();
	});
	return {
		get messages() {
			return sink!.messages;
		},
		deliver: () => deliverTo(sink!)
	};
}
