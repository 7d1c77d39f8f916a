import type { Transaction } from 'kysely';
import { now } from '../clock.ts';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { headerSafe, type RenderedMail } from './message.ts';
import { insertEmail } from './outbox.repository.ts';

export const MAIL_CHANNEL = 'kaigi_outbox';

/**
 * Queues a rendered message in the caller's transaction (transactional outbox). The dedupe key
 * becomes the Message-ID; a replayed use case with the same key queues nothing twice.
 * Returns true when a new row was queued.
 */
export async function enqueueEmail(
	trx: Transaction<Database> | DB,
	mail: RenderedMail & {
		to: string;
		template: string;
		dedupeKey: string;
		eventId?: number | null;
		registrationId?: number | null;
		/** Reply-To; left out, mail of an event answers to the event's contact address. */
		replyTo?: string | null;
	}
): Promise<boolean> {
	if (/[\r\n]/.test(mail.to)) throw new Error('recipient contains a line break');
	// Notified (to listeners, once the transaction commits) by the insert itself, if it is new.
	return insertEmail(
		trx,
		{
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
			at: now()
		},
		MAIL_CHANNEL
	);
}

/** Message-ID header value for a dedupe key. */
export function messageId(dedupeKey: string, domain = 'kaigi.localhost'): string {
	return `<${dedupeKey.replace(/[^A-Za-z0-9._-]/g, '.')}@${domain}>`;
}
