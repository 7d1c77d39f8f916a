import type { Transaction } from 'kysely';
import { now } from '../clock.ts';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { hideLinks, sealLinks } from './hidden-links.ts';
import { headerSafe, type RenderedMail } from './message.ts';
import { insertEmails, MAIL_CHANNEL } from './outbox.repository.ts';

export { MAIL_CHANNEL };

// The transactional outbox: a use case queues its rendered messages in its own transaction, so
// they are sent if and only if it commits. One writer for one message or for thousands.

export type QueuedMail = RenderedMail & {
	to: string;
	template: string;
	dedupeKey: string;
	eventId?: number | null;
	registrationId?: number | null;
	/** Reply-To; left out, mail of an event answers to the event's contact address. */
	replyTo?: string | null;
};

// Rows per statement: keeps each statement's text well below what PostgreSQL handles comfortably.
const CHUNK = 1000;

/**
 * Queues rendered messages in the caller's transaction, a few multi-row statements for many
 * people. The dedupe key becomes the Message-ID: a replayed use case with the same key queues
 * nothing twice. Workers are woken when the transaction commits. Returns how many were new.
 */
export async function enqueueEmails(
	executor: Transaction<Database> | DB,
	mails: QueuedMail[]
): Promise<number> {
	const at = now();
	const rows = mails.map((mail) => {
		if (/[\r\n]/.test(mail.to)) throw new Error('recipient contains a line break');
		// Links carrying a token are stored only encrypted; the worker puts them back when sending.
		const {
			bodies: [text, html],
			links
		} = hideLinks([mail.text, mail.html]);
		return {
			dedupeKey: mail.dedupeKey,
			recipient: mail.to,
			template: mail.template,
			subject: headerSafe(mail.subject),
			text,
			html,
			linksEnc: sealLinks(links),
			attachments: mail.attachments ?? [],
			eventId: mail.eventId ?? null,
			registrationId: mail.registrationId ?? null,
			replyTo: mail.replyTo === undefined ? undefined : mail.replyTo && headerSafe(mail.replyTo),
			at
		};
	});
	let inserted = 0;
	for (let i = 0; i < rows.length; i += CHUNK) {
		inserted += (await insertEmails(executor, rows.slice(i, i + CHUNK))).length;
	}
	return inserted;
}

/** Queues one message (see enqueueEmails); true when it was new. */
export async function enqueueEmail(
	executor: Transaction<Database> | DB,
	mail: QueuedMail
): Promise<boolean> {
	return (await enqueueEmails(executor, [mail])) > 0;
}

/** Message-ID header value for a dedupe key. */
export function messageId(dedupeKey: string, domain = 'kaigi.localhost'): string {
	return `<${dedupeKey.replace(/[^A-Za-z0-9._-]/g, '.')}@${domain}>`;
}
