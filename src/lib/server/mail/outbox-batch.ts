import { sql, type Transaction } from 'kysely';
import { now } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { headerSafe, type RenderedMail } from './message.ts';
import { MAIL_CHANNEL } from './outbox.ts';
import { insertEmails } from './outbox-batch.repository.ts';

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
 * Queues many rendered messages in the caller's transaction (the batch form of enqueueEmail):
 * a few multi-row inserts instead of one per person. Returns how many were new.
 */
export async function enqueueEmails(
	trx: Transaction<Database>,
	mails: QueuedMail[]
): Promise<number> {
	const at = now();
	let inserted = 0;
	for (let i = 0; i < mails.length; i += CHUNK) {
		const rows = mails.slice(i, i + CHUNK).map((mail) => {
			if (/[\r\n]/.test(mail.to)) throw new Error('recipient contains a line break');
			return {
				dedupeKey: mail.dedupeKey,
				recipient: mail.to,
				template: mail.template,
				subject: headerSafe(mail.subject),
				text: mail.text,
				html: mail.html,
				attachments: mail.attachments ?? [],
				eventId: mail.eventId ?? null,
				registrationId: mail.registrationId ?? null,
				replyTo: mail.replyTo === undefined ? undefined : mail.replyTo && headerSafe(mail.replyTo),
				at
			};
		});
		inserted += (await insertEmails(trx, rows)).length;
	}
	// Delivered to the worker only when the transaction commits.
	if (inserted > 0) await sql`select pg_notify(${MAIL_CHANNEL}, '')`.execute(trx);
	return inserted;
}
